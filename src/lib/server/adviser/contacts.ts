import { sql } from 'kysely';
import type { DB } from '../db';
import type { SessionUser } from '../auth/session';
import type { AdviserContactKind } from '../db/schema';
import { audit } from '../accounts/audit';
import type { ContactInput } from '../../schemas/adviser';
import type { AdviserCompany } from './company';
import { FOLLOW_UP_HORIZON_DAYS } from './filters';
import { createOnce, type FormToken } from '../once';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies, inCompany } from '../db/scope';
import { testHooks } from '../db/test-hooks';

/** The most urgent due follow-ups shown on the overview; all of them: its list, filtered. */
export const FOLLOW_UPS_SHOWN = 10;

export interface ContactEntry {
	id: string;
	contactedOn: string;
	kind: AdviserContactKind;
	adviserName: string;
	notes: string | null;
	agreements: string | null;
	followUpOn: string | null;
}

/** Logs a contact with a company the adviser may see (checked by the caller: companyForAdviser). */
export async function addContact(
	db: DB,
	user: SessionUser,
	company: AdviserCompany,
	input: ContactInput,
	requestId?: string | null,
	token?: FormToken
): Promise<string> {
	// The adviser's access to the company was checked (AdviserCompany): the wall shows it alone.
	return inCompany(company.id, () =>
		createOnce(db, user.id, `adviser_contact:${company.id}`, token, async (trx) => {
			const row = await trx
				.insertInto('adviser_contact')
				.values({
					company_id: company.id,
					adviser_id: user.id,
					contacted_on: input.contactedOn,
					kind: input.kind,
					notes: input.notes || null,
					agreements: input.agreements || null,
					follow_up_on: input.followUpOn || null
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await audit(trx, {
				companyId: company.id,
				actorUserId: user.id,
				action: 'adviser.contact_logged',
				entityType: 'adviser_contact',
				entityId: row.id,
				data: { kind: input.kind, contactedOn: input.contactedOn },
				requestId
			});
			return row.id;
		})
	);
}

/**
 * The contact log of a company, newest first (for its advisers, who were checked by the
 * caller: companyForAdviser; with the internal notes). The wall shows that company alone.
 */
export async function contactsOf(db: DB, companyId: string): Promise<ContactEntry[]> {
	return inCompany(companyId, () => contactLog(db, companyId).execute());
}

/**
 * The query of {@link contactsOf}, its rows already ContactEntry: the company page reads it
 * as a JSON array inside its one statement (company.ts, companyPage).
 */
export function contactLog(db: DB, companyId: string) {
	return db
		.selectFrom('adviser_contact as a')
		.innerJoin('app_user as u', 'u.id', 'a.adviser_id')
		.select([
			'a.id',
			sql<string>`to_char(a.contacted_on, 'YYYY-MM-DD')`.as('contactedOn'),
			'a.kind',
			'u.name as adviserName',
			'a.notes',
			'a.agreements',
			sql<string | null>`to_char(a.follow_up_on, 'YYYY-MM-DD')`.as('followUpOn')
		])
		.$if(!testHooks.dropContactCompanyFilter, (qb) => qb.where('a.company_id', '=', companyId))
		.orderBy('a.contacted_on', 'desc')
		.orderBy('a.created_at', 'desc');
}

export interface FollowUp {
	companyId: string;
	companyName: string;
	followUpOn: string;
	kind: AdviserContactKind;
	contactedOn: string;
	agreements: string | null;
}

/**
 * Follow-ups due (overdue or within FOLLOW_UP_HORIZON_DAYS) in these regions. A follow-up
 * is done once a later contact with the company is logged: the list reads the follow-up of
 * each company's latest contact from company_overview (maintained, migration 0014), by
 * region and date through its index.
 */
export async function followUpsDue(
	db: DB,
	regionIds: number[]
): Promise<{ items: FollowUp[]; total: number }> {
	if (!regionIds.length) return { items: [], total: 0 };
	const rows = await acrossCompanies(CROSS_COMPANY.adviserRegions, () =>
		followUpSql(regionIds).execute(db)
	);
	return toFollowUps(rows.rows);
}

/** A row of followUpSql. */
export interface FollowUpRow {
	company_id: string;
	company_name: string;
	follow_up_on: string;
	kind: AdviserContactKind;
	contacted_on: string;
	agreements: string | null;
	total: number;
}

export function toFollowUps(rows: FollowUpRow[]): { items: FollowUp[]; total: number } {
	const items = rows.map((r) => ({
		companyId: r.company_id,
		companyName: r.company_name,
		followUpOn: r.follow_up_on,
		kind: r.kind,
		contactedOn: r.contacted_on,
		agreements: r.agreements
	}));
	return { items, total: rows[0]?.total ?? 0 };
}

/**
 * The FOLLOW_UPS_SHOWN most urgent follow-ups due in these regions, each with the number
 * due in all (`total`). To be run with the wall open (adviser regions).
 */
export function followUpSql(regionIds: number[]) {
	return sql<FollowUpRow>`
		with due as materialized (
			select o.company_id, o.name, o.follow_up_on, o.follow_up_contact_id,
				count(*) over ()::int as total
			from company_overview o
			where o.region_id = any(${regionIds}::int[])
				and o.follow_up_on <= current_date + ${FOLLOW_UP_HORIZON_DAYS}::int
			order by o.follow_up_on, o.name, o.company_id
			limit ${FOLLOW_UPS_SHOWN}
		)
		select d.company_id, d.name as company_name,
			to_char(d.follow_up_on, 'YYYY-MM-DD') as follow_up_on, a.kind,
			to_char(a.contacted_on, 'YYYY-MM-DD') as contacted_on, a.agreements, d.total
		from due d
		join adviser_contact a on a.company_id = d.company_id and a.id = d.follow_up_contact_id
		order by d.follow_up_on, d.name, d.company_id`;
}

export interface HrAdviserView {
	advisers: { name: string; email: string }[];
	/** The agreements recorded with the company, newest first: never the internal notes. */
	agreements: {
		id: string;
		contactedOn: string;
		kind: AdviserContactKind;
		adviserName: string;
		agreements: string;
		followUpOn: string | null;
	}[];
}

/** What the company's HR sees: its adviser(s) and the agreements, not the notes. */
export async function adviserForHr(db: DB, companyId: string): Promise<HrAdviserView> {
	const [advisers, agreements] = await Promise.all([
		db
			.selectFrom('company as c')
			.innerJoin('adviser_region as ar', 'ar.region_id', 'c.region_id')
			.innerJoin('app_user as u', 'u.id', 'ar.user_id')
			.innerJoin('platform_role as pr', (j) =>
				j.onRef('pr.user_id', '=', 'u.id').on('pr.role', '=', 'adviser')
			)
			.select(['u.name', 'u.email'])
			.where('c.id', '=', companyId)
			.orderBy('u.name')
			.execute(),
		db
			.selectFrom('adviser_contact as a')
			.innerJoin('app_user as u', 'u.id', 'a.adviser_id')
			.select([
				'a.id',
				sql<string>`to_char(a.contacted_on, 'YYYY-MM-DD')`.as('contacted_on'),
				'a.kind',
				'u.name as adviser_name',
				'a.agreements',
				sql<string | null>`to_char(a.follow_up_on, 'YYYY-MM-DD')`.as('follow_up_on')
			])
			.where('a.company_id', '=', companyId)
			.where('a.agreements', 'is not', null)
			.orderBy('a.contacted_on', 'desc')
			.orderBy('a.created_at', 'desc')
			.execute()
	]);
	return {
		advisers,
		agreements: agreements.map((a) => ({
			id: a.id,
			contactedOn: a.contacted_on,
			kind: a.kind,
			adviserName: a.adviser_name,
			agreements: a.agreements ?? '',
			followUpOn: a.follow_up_on
		}))
	};
}
