import { sql } from 'kysely';
import type { DB } from '../db';
import type { SessionUser } from '../auth/session';
import { isUuid } from '../errors';
import { lloStatusOf } from '../profiles/completeness';
import { audit } from '../accounts/audit';
import { inCompany } from '../db/scope';
import { countOf, protectBreakdown, type SmallCount } from '../../adviser/small-numbers';
import { QUARTERS } from './filters';
import { quarterStarts } from './totals';
import { rowColumns, toOverviewRow, type OverviewRow, type RawRow } from './rows';

export interface AdviserCompany {
	id: string;
	name: string;
	slug: string;
	kvkNumber: string;
	city: string;
	regionId: number;
	regionName: string;
}

/**
 * The company if this user may see it as an adviser: it lies in one of their regions (an
 * admin: any company). Otherwise null, which the page turns into a 404, the same answer
 * as for a company that does not exist.
 */
export async function companyForAdviser(
	db: DB,
	user: SessionUser,
	companyId: string
): Promise<AdviserCompany | null> {
	if (!isUuid(companyId)) return null;
	const isAdmin = user.platformRoles.includes('admin');
	const isAdviser = user.platformRoles.includes('adviser');
	if (!isAdmin && !isAdviser) return null;
	const row = await db
		.selectFrom('company as c')
		.innerJoin('region as r', 'r.id', 'c.region_id')
		.select([
			'c.id',
			'c.name',
			'c.slug',
			'c.kvk_number',
			'c.city',
			'c.region_id',
			'r.name as region_name'
		])
		.where('c.id', '=', companyId)
		.$if(!isAdmin, (qb) =>
			qb.where((eb) =>
				eb.exists(
					eb
						.selectFrom('adviser_region as ar')
						.select('ar.region_id')
						.whereRef('ar.region_id', '=', 'c.region_id')
						.where('ar.user_id', '=', user.id)
				)
			)
		)
		.executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		name: row.name,
		slug: row.slug,
		kvkNumber: row.kvk_number,
		city: row.city,
		regionId: row.region_id,
		regionName: row.region_name
	};
}

/** The company's figures, protected like the overview's (small numbers hidden). */
export interface CompanyFigures extends OverviewRow {
	/** Active trajectories per progress bucket: a breakdown of the active trajectories. */
	buckets: SmallCount[];
	/** Active learners per quarter, oldest first. */
	byQuarter: SmallCount[];
	/** The first days of the quarters of byQuarter. */
	quarters: string[];
}

export interface TrainerStatus {
	userId: string;
	name: string;
	email: string;
	complete: boolean;
}

/**
 * What the adviser sees of a company: aggregates only (figures, distribution, trend) and
 * the trainers (work contacts) with their LLO profile status. No learner names, no
 * conversations. Writes the audit entry.
 */
export async function companyFigures(
	db: DB,
	user: SessionUser,
	company: AdviserCompany,
	requestId?: string | null
): Promise<{ figures: CompanyFigures; trainers: TrainerStatus[] }> {
	// The adviser's access to the company was checked (AdviserCompany): the wall shows it alone.
	return inCompany(company.id, () => figuresOf(db, user, company, requestId));
}

async function figuresOf(
	db: DB,
	user: SessionUser,
	company: AdviserCompany,
	requestId?: string | null
): Promise<{ figures: CompanyFigures; trainers: TrainerStatus[] }> {
	await sql`select refresh_company_overview(array[${company.id}]::uuid[])
		where exists (select 1 from company_overview where company_id = ${company.id}
			and recheck_on <= current_date)`.execute(db);
	const row = (
		await sql<RawRow & { buckets: number[]; by_quarter: number[]; quarter_of: string }>`
			select ${rowColumns},
				array[o.progress_b0, o.progress_b1, o.progress_b2, o.progress_b3, o.progress_b4] as buckets,
				array[o.active_q1, o.active_q2, o.active_q3, o.active_q4, o.active_q5, o.active_q6,
					o.active_q7, o.active_q8] as by_quarter,
				to_char(o.quarter_of, 'YYYY-MM-DD') as quarter_of
			from company_overview o
			join sector_chamber sc on sc.id = o.sector_chamber_id
			where o.company_id = ${company.id}`.execute(db)
	).rows[0];
	const members = await db
		.selectFrom('membership as m')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.select(['u.id', 'u.name', 'u.email'])
		.where('m.company_id', '=', company.id)
		.where('m.deactivated_at', 'is', null)
		.where(sql<boolean>`'trainer' = any(m.roles)`)
		.orderBy('u.name')
		.execute();
	const status = await lloStatusOf(
		db,
		members.map((t) => t.id)
	);
	await audit(db, {
		companyId: company.id,
		actorUserId: user.id,
		action: 'adviser.company_viewed',
		entityType: 'company',
		entityId: company.id,
		requestId
	});
	return {
		figures: {
			...toOverviewRow(row),
			buckets: protectBreakdown(Number(row.active_trajectories), row.buckets.map(Number)),
			byQuarter: Array.from({ length: QUARTERS }, (_, i) =>
				countOf(Number(row.by_quarter[i] ?? 0))
			),
			quarters: quarterStarts(row.quarter_of)
		},
		trainers: members.map((t) => ({
			userId: t.id,
			name: t.name,
			email: t.email,
			complete: status.get(t.id)?.complete ?? false
		}))
	};
}
