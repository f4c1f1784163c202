import { sql } from 'kysely';
import type { DB } from '../db';
import { isUuid } from '../errors';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies, inCompany } from '../db/scope';

/**
 * Who may be nominated: the trainer search over every company, one trainer at one
 * company, and the round's eligibility rules for them.
 */

export type RuleCode =
	| 'trainer_at_company'
	| 'llo_profile_complete'
	| 'min_years_experience'
	| 'coached_adult_months'
	| 'no_win_in_last_years'
	| 'culture_scan_months';

export interface RuleVerdict {
	rule: RuleCode;
	ok: boolean;
	value: number | null;
}

export interface Eligibility {
	eligible: boolean;
	rules: RuleVerdict[];
}

/**
 * The round's rules for a trainer at a company, from the SQL function
 * award_eligibility (migration 0011): one verdict per rule, with its threshold.
 */
export async function eligibilityOf(
	db: DB,
	roundId: string,
	userId: string,
	companyId: string,
	now = new Date()
): Promise<Eligibility> {
	// The trainer's record at this one company: the wall shows it alone.
	const rows = await inCompany(companyId, () =>
		sql<RuleVerdict>`
			select rule, ok, value from award_eligibility(${roundId}::uuid, ${userId}::uuid, ${companyId}::uuid, ${now}::timestamptz)`.execute(
			db
		)
	);
	return verdicts(rows.rows);
}

/** The verdicts of award_eligibility's rows: eligible when there are some and all hold. */
function verdicts(rows: RuleVerdict[]): Eligibility {
	const rules = rows.map((r) => ({ rule: r.rule, ok: r.ok === true, value: r.value }));
	return { eligible: rules.length > 0 && rules.every((r) => r.ok), rules };
}

export interface TrainerHit {
	userId: string;
	name: string;
	companyId: string;
	companyName: string;
	city: string;
}

/** Trainers in the system by name or company (at least two characters), at most 20. */
export async function searchTrainers(db: DB, q: string): Promise<TrainerHit[]> {
	const term = q.trim();
	if (term.length < 2) return [];
	const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	// Trainers of every company may be nominated: the wall opens for this one query.
	const rows = await acrossCompanies(CROSS_COMPANY.electionNominations, () =>
		trainerRows(db, like)
	);
	return rows.map(hitOf);
}

function trainerRows(db: DB, like: string) {
	return trainerMemberships(db)
		.where((eb) => eb.or([eb('u.name', 'ilike', like), eb('c.name', 'ilike', like)]))
		.orderBy('u.name')
		.orderBy('c.name')
		.limit(20)
		.execute();
}

/** Active trainer memberships, with the user's and the company's names. */
function trainerMemberships(db: DB) {
	return db
		.selectFrom('membership as m')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.innerJoin('company as c', 'c.id', 'm.company_id')
		.select(['u.id as user_id', 'u.name', 'c.id as company_id', 'c.name as company_name', 'c.city'])
		.where('m.deactivated_at', 'is', null)
		.where(sql<boolean>`'trainer' = any(m.roles)`);
}

export async function trainerAt(
	db: DB,
	userId: string,
	companyId: string
): Promise<TrainerHit | null> {
	if (!isUuid(userId) || !isUuid(companyId)) return null;
	// One membership in one company: the wall shows that company alone.
	const r = await inCompany(companyId, () =>
		trainerQuery(db, userId, companyId).executeTakeFirst()
	);
	return r ? hitOf(r) : null;
}

/**
 * A chosen trainer at a company with the round's eligibility verdicts for them, in one
 * statement (issue 20: the election page); both null when the user is no (active)
 * trainer there. The same as {@link trainerAt} followed by {@link eligibilityOf}.
 */
export async function chosenTrainer(
	db: DB,
	roundId: string,
	userId: string,
	companyId: string,
	now = new Date()
): Promise<{ chosen: TrainerHit | null; eligibility: Eligibility | null }> {
	if (!isUuid(userId) || !isUuid(companyId)) return { chosen: null, eligibility: null };
	// One membership in one company, and its record: the wall shows that company alone.
	const r = await inCompany(companyId, () =>
		trainerQuery(db, userId, companyId)
			.select(
				// The verdicts in the function's order (with ordinality), as eligibilityOf reads them.
				sql<RuleVerdict[]>`coalesce((
					select json_agg(json_build_object('rule', e.rule, 'ok', e.ok, 'value', e.value)
						order by e.n)
					from award_eligibility(${roundId}::uuid, m.user_id, m.company_id, ${now}::timestamptz)
						with ordinality as e (rule, ok, value, n)), '[]')`.as('rules')
			)
			.executeTakeFirst()
	);
	return r
		? { chosen: hitOf(r), eligibility: verdicts(r.rules) }
		: { chosen: null, eligibility: null };
}

/** The active trainer membership of a user at a company (see trainerMemberships). */
function trainerQuery(db: DB, userId: string, companyId: string) {
	return trainerMemberships(db)
		.where('m.user_id', '=', userId)
		.where('m.company_id', '=', companyId);
}

function hitOf(r: {
	user_id: string;
	name: string;
	company_id: string;
	company_name: string;
	city: string;
}): TrainerHit {
	return {
		userId: r.user_id,
		name: r.name,
		companyId: r.company_id,
		companyName: r.company_name,
		city: r.city
	};
}
