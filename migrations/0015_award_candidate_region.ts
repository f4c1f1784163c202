import { sql, type Kysely } from 'kysely';

/**
 * The same candidates (migration 0011: a nominee with an accepted nomination in the round,
 * with the company and region of their first one), with the region looked up per
 * candidate instead of a join. With the join PostgreSQL hashed all 250,000 companies to
 * find the regions of 1,600 nominations (35 ms for a regional jury's page at national
 * scale); a lookup by primary key per nomination takes a few milliseconds.
 */
const STATEMENTS = [
	`create or replace view award_candidate as
		select distinct on (n.round_id, n.nominee_id)
			n.round_id, n.nominee_id, n.company_id,
			(select c.region_id from company c where c.id = n.company_id) as region_id
		from nomination n
		where n.status = 'accepted'
		order by n.round_id, n.nominee_id, n.created_at, n.id`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
