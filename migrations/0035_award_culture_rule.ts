import { sql, type Kysely } from 'kysely';

/**
 * The election can ask for a learning-culture scan (issue 15): a new eligibility rule
 * `culture_scan_months` (data on award_round.eligibility, like the others; absent or 0 is
 * off): the trainer's company opened a scan round in the last N months before the moment
 * of the check. award_eligibility (migration 0011) is recreated from its stored definition
 * with one more branch, so the other rules stay exactly as they are. It runs inside the
 * company (the caller's `inCompany`), whose rounds the wall shows.
 */
const LAST = "from r where r.e ? 'no_win_in_last_years'";
const RULE = `${LAST}
		union all
		select 'culture_scan_months', exists (
				select 1 from culture_round cr
				where cr.company_id = p_company and cr.opens_on <= p_now::date
					and cr.opens_on >= (p_now - make_interval(months => (r.e ->> 'culture_scan_months')::int))::date),
			(r.e ->> 'culture_scan_months')::int
		from r where r.e ? 'culture_scan_months'`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	const { rows } = await sql<{ def: string }>`
		select pg_get_functiondef('award_eligibility(uuid, uuid, uuid, timestamptz)'::regprocedure) as def`.execute(
		db
	);
	const def = rows[0].def;
	if (def.split(LAST).length !== 2) throw new Error('0035: award_eligibility is not as expected');
	await sql.raw(def.replace(LAST, RULE)).execute(db);
}
