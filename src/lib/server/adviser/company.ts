import { sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db';
import type { SessionUser } from '../auth/session';
import { auditInsert } from '../accounts/audit';
import { isUuid } from '../errors';
import { inCompany } from '../db/scope';
import { countOf, protectBreakdown, type SmallCount } from '../../adviser/small-numbers';
import { QUARTERS } from './filters';
import { quarterStarts } from './totals';
import { rowColumns, toOverviewRow, type OverviewRow, type RawRow } from './rows';
import { contactLog, type ContactEntry } from './contacts';
import { adviserCultureQuery, type AdviserCulture } from '../culture/share';
import { todayIso } from '../../time';
import { trainersQuery } from '../trajectories/people';

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

/** What the adviser's company page shows (routes/(app)/sbb/bedrijven/[id]). */
export interface CompanyPage {
	company: AdviserCompany;
	figures: CompanyFigures;
	trainers: TrainerStatus[];
	contacts: ContactEntry[];
	culture: AdviserCulture;
}

/**
 * The adviser's company page, or null (→ 404) for a company outside the adviser's regions
 * or none at all: three statements. companyForAdviser checks the access (no company's
 * rows needed, so outside any company); then, inside that company (`inCompany`), the
 * overview row is refreshed when due and everything else is one statement
 * ({@link readCompany}). The query-count test runs exactly this.
 */
export async function companyPage(
	db: DB,
	user: SessionUser,
	companyId: string,
	requestId?: string | null,
	today = todayIso()
): Promise<CompanyPage | null> {
	const company = await companyForAdviser(db, user, companyId);
	if (!company) return null;
	// The adviser's access to the company was checked above: the wall shows it alone.
	const data = await inCompany(company.id, () => readCompany(db, user, company, requestId, today));
	return { company, ...data };
}

/**
 * What the adviser sees of a company: aggregates only (figures, distribution, trend) and
 * the trainers (work contacts) with their LLO profile status. No learner names, no
 * conversations. Writes the audit entry. (The page itself reads through companyPage.)
 */
export async function companyFigures(
	db: DB,
	user: SessionUser,
	company: AdviserCompany,
	requestId?: string | null
): Promise<{ figures: CompanyFigures; trainers: TrainerStatus[] }> {
	// The adviser's access to the company was checked (AdviserCompany): the wall shows it alone.
	const { figures, trainers } = await inCompany(company.id, () =>
		readCompany(db, user, company, requestId, todayIso())
	);
	return { figures, trainers };
}

/** The row of readCompany's statement. */
interface PageRow extends RawRow {
	buckets: number[];
	by_quarter: number[];
	quarter_of: string;
	/** Named apart from the overview's `trainers` (their number). */
	trainer_list: TrainerStatus[];
	contact_log: ContactEntry[];
	culture: AdviserCulture;
}

/**
 * Everything on the page but the company itself, inside that company's wall: two
 * statements. First the overview row is refreshed when its recheck date has come (a
 * statement of its own: a query sees the data as it was when the query began, so a refresh
 * inside the read would not show). Then one statement reads the overview row with, as JSON,
 * the trainers and their LLO status, the contact log (contactLog) and the learning-culture
 * scans (adviserCultureQuery), and writes the audit entry of this view in its `with`.
 */
async function readCompany(
	db: DB,
	user: SessionUser,
	company: AdviserCompany,
	requestId: string | null | undefined,
	today: string
): Promise<Omit<CompanyPage, 'company'>> {
	await sql`select refresh_company_overview(array[${company.id}]::uuid[])
		where exists (select 1 from company_overview where company_id = ${company.id}
			and recheck_on <= current_date)`.execute(db);
	const viewed = auditInsert(db, {
		companyId: company.id,
		actorUserId: user.id,
		action: 'adviser.company_viewed',
		entityType: 'company',
		entityId: company.id,
		requestId
	});
	const row = (
		await sql<PageRow>`
			with viewed as (${viewed})
			select ${rowColumns},
				array[o.progress_b0, o.progress_b1, o.progress_b2, o.progress_b3, o.progress_b4] as buckets,
				array[o.active_q1, o.active_q2, o.active_q3, o.active_q4, o.active_q5, o.active_q6,
					o.active_q7, o.active_q8] as by_quarter,
				to_char(o.quarter_of, 'YYYY-MM-DD') as quarter_of,
				${jsonArrayFrom(trainersOf(db, company.id))} as trainer_list,
				${jsonArrayFrom(contactLog(db, company.id))} as contact_log,
				${jsonObjectFrom(adviserCultureQuery(db, company.id, today))} as culture
			from company_overview o
			join sector_chamber sc on sc.id = o.sector_chamber_id
			where o.company_id = ${company.id}`.execute(db)
	).rows[0];
	return {
		figures: {
			...toOverviewRow(row),
			buckets: protectBreakdown(Number(row.active_trajectories), row.buckets.map(Number)),
			byQuarter: Array.from({ length: QUARTERS }, (_, i) =>
				countOf(Number(row.by_quarter[i] ?? 0))
			),
			quarters: quarterStarts(row.quarter_of)
		},
		trainers: row.trainer_list,
		contacts: row.contact_log,
		culture: row.culture
	};
}

/**
 * The company's active trainers by name, each with their LLO profile status (the view
 * trainer_llo_status; no row there: incomplete).
 */
function trainersOf(db: DB, companyId: string) {
	return trainersQuery(db, companyId)
		.leftJoin('trainer_llo_status as st', 'st.user_id', 'u.id')
		.select([
			'u.id as userId',
			'u.name',
			'u.email',
			sql<boolean>`coalesce(st.complete, false)`.as('complete')
		]);
}
