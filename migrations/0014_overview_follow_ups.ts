import { sql, type Kysely } from 'kysely';

/**
 * The adviser's "follow-ups due" from the per-company summary instead of the contact log.
 *
 * The list shows, for the companies of the adviser's regions, the follow-up date of each
 * company's latest contact when it is due within the horizon. Read from adviser_contact it
 * had to find every due follow-up in the country and then keep those of the regions (the
 * contact log has no region): at national scale 11,000 contacts and 33 ms, with a parallel
 * plan, for the largest region, which made the overview's p95 twice its target.
 *
 * company_overview now carries the open follow-up: the follow-up date (and the id) of the
 * company's latest contact, null when that contact has none. An index on
 * (region_id, follow_up_on) reads a region's due follow-ups in date order directly.
 * `refresh_company_follow_up` computes them; a statement trigger on adviser_contact calls it
 * in the same transaction as every contact change, after the overview trigger (trigger
 * names sort: "..._overview_insert" < "..._overview_zfollow_up_insert") so the company's
 * overview row exists. refresh_company_overview leaves these two columns alone.
 */
const STATEMENTS = [
	`alter table company_overview add column follow_up_on date, add column follow_up_contact_id uuid`,
	`create index company_overview_follow_up_idx on company_overview (region_id, follow_up_on)
		where follow_up_on is not null`,
	`create function refresh_company_follow_up(p_companies uuid[]) returns void
	language sql as $$
		update company_overview o
		set follow_up_on = l.follow_up_on, follow_up_contact_id = l.contact_id
		from (
			select x.id as company_id, latest.follow_up_on,
				case when latest.follow_up_on is not null then latest.id end as contact_id
			from unnest(p_companies) as x(id)
			left join lateral (
				select a.id, a.follow_up_on from adviser_contact a
				where a.company_id = x.id
				order by a.contacted_on desc, a.created_at desc, a.id desc
				limit 1
			) latest on true
		) l
		where o.company_id = l.company_id
		  and (o.follow_up_on, o.follow_up_contact_id) is distinct from (l.follow_up_on, l.contact_id)
	$$`,
	`create function company_follow_up_changed() returns trigger language plpgsql as $$
	begin
		perform refresh_company_follow_up(array(select distinct company_id from changed));
		return null;
	end
	$$`,
	...['insert', 'update', 'delete'].map(
		(op) => `create trigger adviser_contact_overview_zfollow_up_${op} after ${op} on adviser_contact
			referencing ${op === 'delete' ? 'old' : 'new'} table as changed for each statement
			execute function company_follow_up_changed()`
	),
	// Backfill: companies with contacts.
	`select refresh_company_follow_up(array(select distinct company_id from adviser_contact))`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
