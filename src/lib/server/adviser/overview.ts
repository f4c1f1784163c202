import { sql } from 'kysely';
import type { DB } from '../db';
import type { SessionUser } from '../auth/session';
import { audit } from '../accounts/audit';
import { CROSS_COMPANY, type CrossCompanyReason } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { isFiltered, OVERVIEW_PAGE_SIZE, type OverviewFilters } from './filters';
import {
	orderBy,
	rowColumns,
	toOverviewRow,
	whereFilters,
	type OverviewRow,
	type RawRow
} from './rows';

/**
 * The adviser's overview of their regions: one page of companies, every company (the
 * export), the refresh of due summaries and the audit entry. Filters are in ./filters.ts,
 * the region choice in ./regions.ts, the totals in ./totals.ts.
 */

/**
 * Brings the summaries of these regions up to date with today: the rows whose recheck_on
 * has come (a trajectory reached the stall threshold, an LLO profile expired, a new
 * quarter began). Usually none; an index on (region_id, recheck_on) finds them.
 */
export async function refreshDue(
	db: DB,
	regionIds: number[],
	reason: CrossCompanyReason = CROSS_COMPANY.adviserRegions
): Promise<void> {
	if (!regionIds.length) return;
	await acrossCompanies(reason, () =>
		sql`select refresh_company_overview(array(
			select company_id from company_overview
			where region_id = any(${regionIds}::int[]) and recheck_on <= current_date))`.execute(db)
	);
}

/**
 * One page of the overview and the number of companies matching the filters. Without
 * filters the number is the region's company count, which the caller may pass in
 * (`knownTotal`, from the region totals) to save the count query.
 */
export async function overviewPage(
	db: DB,
	regionIds: number[],
	filters: OverviewFilters,
	knownTotal?: Promise<number>
): Promise<{ rows: OverviewRow[]; total: number; page: number; pages: number }> {
	// The page and the count are two queries: with the count in the page query (a window
	// over all rows) PostgreSQL sorts the whole region instead of reading the first 50
	// rows in index order (company_overview_signal_idx, company_overview_region_idx).
	const query = (page: number) =>
		acrossCompanies(CROSS_COMPANY.adviserRegions, () =>
			sql<RawRow>`
			select ${rowColumns}
			from company_overview o
			join sector_chamber sc on sc.id = o.sector_chamber_id
			where ${whereFilters(regionIds, filters)}
			order by ${orderBy(filters.sort)}
			limit ${OVERVIEW_PAGE_SIZE} offset ${(page - 1) * OVERVIEW_PAGE_SIZE}`.execute(db)
		);
	const count = async () =>
		knownTotal && !isFiltered(filters)
			? knownTotal
			: Number(
					(
						await acrossCompanies(CROSS_COMPANY.adviserRegions, () =>
							sql<{ n: number }>`select count(*)::int as n from company_overview o
								where ${whereFilters(regionIds, filters)}`.execute(db)
						)
					).rows[0].n
				);
	let page = filters.page;
	const [first, total] = await Promise.all([query(page), count()]);
	let rows = first.rows;
	const last = Math.max(1, Math.ceil(total / OVERVIEW_PAGE_SIZE));
	if (page > last) {
		// Past the last page (a bookmark after the list shrank): show the last page.
		page = last;
		rows = total ? (await query(page)).rows : [];
	}
	return {
		rows: rows.map(toOverviewRow),
		total,
		page,
		pages: Math.max(1, Math.ceil(total / OVERVIEW_PAGE_SIZE))
	};
}

/** Every company matching the filters, in the overview's order (the CSV export). */
export async function overviewAll(
	db: DB,
	regionIds: number[],
	filters: OverviewFilters
): Promise<OverviewRow[]> {
	const rows = await acrossCompanies(CROSS_COMPANY.adviserExport, () =>
		sql<RawRow>`
			select ${rowColumns}
			from company_overview o
			join sector_chamber sc on sc.id = o.sector_chamber_id
			where ${whereFilters(regionIds, filters)}
			order by ${orderBy(filters.sort)}`.execute(db)
	);
	return rows.rows.map(toOverviewRow);
}

/** The adviser's view of the overview was opened: who saw which region's company figures. */
export async function auditOverview(
	db: DB,
	user: SessionUser,
	regionIds: number[],
	action: 'adviser.overview_viewed' | 'adviser.overview_exported' | 'adviser.national_viewed',
	data: Record<string, unknown>,
	requestId?: string | null
): Promise<void> {
	await audit(db, {
		actorUserId: user.id,
		action,
		entityType: 'region',
		entityId: regionIds.join(',') || null,
		data,
		requestId
	});
}
