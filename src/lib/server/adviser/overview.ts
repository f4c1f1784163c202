import { sql } from 'kysely';
import type { DB } from '../db';
import type { SessionUser } from '../auth/session';
import { audit } from '../accounts/audit';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { jsonRows } from '../db/json';
import { isFiltered, OVERVIEW_PAGE_SIZE, type OverviewFilters } from './filters';
import {
	orderBy,
	rowColumns,
	toOverviewRow,
	whereFilters,
	type OverviewRow,
	type RawRow
} from './rows';
import { keepTotals, keptTotals, regionKey, toTotals, totalsSql, type TotalsRow } from './totals';
import { followUpSql, toFollowUps, type FollowUpRow } from './contacts';

export { refreshDue } from './totals';

/**
 * The adviser's overview of their regions: everything the page shows in one statement
 * (overviewData), one page of companies, every company (the export) and the audit entry.
 * Filters are in ./filters.ts, the region choice in ./regions.ts, the totals and the
 * refresh of due summaries in ./totals.ts.
 */

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
): Promise<OverviewList> {
	const count = async () =>
		knownTotal && !isFiltered(filters)
			? knownTotal
			: Number(
					(
						await acrossCompanies(CROSS_COMPANY.adviserRegions, () =>
							sql<{ n: number }>`select ${countSql(regionIds, filters)} as n`.execute(db)
						)
					).rows[0].n
				);
	const [first, total] = await Promise.all([
		pageRows(db, regionIds, filters, filters.page),
		count()
	]);
	return toList(db, regionIds, filters, first, total);
}

export interface OverviewList {
	rows: OverviewRow[];
	total: number;
	page: number;
	pages: number;
}

/**
 * One page of the overview. The page and the count are two queries (or two subqueries of
 * overviewData): with the count in the page query (a window over all rows) PostgreSQL
 * sorts the whole region instead of reading the first 50 rows in index order
 * (company_overview_signal_idx, company_overview_region_idx).
 */
function pageSql(regionIds: number[], filters: OverviewFilters, page: number) {
	return sql<RawRow>`
		select ${rowColumns}
		from company_overview o
		join sector_chamber sc on sc.id = o.sector_chamber_id
		where ${whereFilters(regionIds, filters)}
		order by ${orderBy(filters.sort)}
		limit ${OVERVIEW_PAGE_SIZE} offset ${(page - 1) * OVERVIEW_PAGE_SIZE}`;
}

/** The number of companies matching the filters (a scalar subquery). */
function countSql(regionIds: number[], filters: OverviewFilters) {
	return sql<number>`(select count(*)::int from company_overview o
		where ${whereFilters(regionIds, filters)})`;
}

async function pageRows(db: DB, regionIds: number[], filters: OverviewFilters, page: number) {
	const result = await acrossCompanies(CROSS_COMPANY.adviserRegions, () =>
		pageSql(regionIds, filters, page).execute(db)
	);
	return result.rows;
}

/** The page's rows protected; past the last page (a bookmark after the list shrank), the last page. */
async function toList(
	db: DB,
	regionIds: number[],
	filters: OverviewFilters,
	first: RawRow[],
	total: number
): Promise<OverviewList> {
	let page = filters.page;
	let rows = first;
	const last = Math.max(1, Math.ceil(total / OVERVIEW_PAGE_SIZE));
	if (page > last) {
		page = last;
		rows = total ? await pageRows(db, regionIds, filters, page) : [];
	}
	return {
		rows: rows.map(toOverviewRow),
		total,
		page,
		pages: Math.max(1, Math.ceil(total / OVERVIEW_PAGE_SIZE))
	};
}

/**
 * Everything the overview page reads about its regions, in one statement: the page of
 * companies, their number (without filters: the region's company count from the
 * totals), the region totals, the follow-ups due and the sector chambers (for the
 * filter). Each part is its own subquery, planned as it would be alone (the page still
 * reads its 50 rows in index order); the lists come back as JSON. Small numbers are
 * protected as always, after the query (toOverviewRow, toTotals).
 */
export async function overviewData(db: DB, regionIds: number[], filters: OverviewFilters) {
	if (!regionIds.length) {
		// No regions (an adviser none were given yet): nothing to read but the sectors.
		return {
			list: await toList(db, regionIds, filters, [], 0),
			totals: toTotals(undefined),
			totalsAt: new Date(),
			followUps: toFollowUps([]),
			sectors: await db
				.selectFrom('sector_chamber')
				.select(['id', 'name'])
				.orderBy('name')
				.execute()
		};
	}
	// The region totals as kept for a while (./totals.ts), else read here and kept.
	const key = regionKey(regionIds);
	const kept = keptTotals(db, key);
	const row = (
		await acrossCompanies(CROSS_COMPANY.adviserRegions, () =>
			sql<{
				totals: TotalsRow | null;
				rows: RawRow[];
				total: number | null;
				follow_ups: FollowUpRow[];
				sectors: { id: number; name: string }[];
			}>`
				select ${kept ? sql`null::json` : sql`(select row_to_json(x) from (${totalsSql(regionIds, false)}) x)`} as totals,
					${jsonRows(pageSql(regionIds, filters, filters.page))} as rows,
					${isFiltered(filters) || kept ? countSql(regionIds, filters) : sql`null::int`} as total,
					${jsonRows(followUpSql(regionIds))} as follow_ups,
					${jsonRows(sql`select id, name from sector_chamber order by name`)} as sectors`.execute(db)
		)
	).rows[0];
	const totals = kept ? kept.rows[0] : row.totals!;
	const readAt = kept?.at ?? Date.now();
	if (!kept) keepTotals(db, key, [totals], readAt);
	return {
		list: await toList(db, regionIds, filters, row.rows, row.total ?? totals.companies),
		totals: toTotals(totals),
		/** When the totals were read (kept up to ADVISER_TOTALS_TTL_SECONDS). */
		totalsAt: new Date(readAt),
		followUps: toFollowUps(row.follow_ups),
		sectors: row.sectors
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
