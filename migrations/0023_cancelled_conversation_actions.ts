import { sql, type Kysely } from 'kysely';

/**
 * A cancelled conversation is not held (issue 16): its open actions are no longer
 * overdue anywhere. The conversation lists and the reminders already skipped them; the
 * adviser's figure "overdue actions" (company_overview.overdue_actions, computed by
 * refresh_company_overview of migration 0012) still counted them. The function is
 * recreated from its stored definition with that one condition added (so the other
 * figures stay exactly as they are), and every row is recomputed.
 */
const BEFORE = 'where a.company_id = c.id and a.done_at is null and a.due_date is not null';
const AFTER = `${BEFORE}
				and exists (select 1 from conversation cc where cc.company_id = a.company_id
					and cc.id = a.conversation_id and cc.status <> 'cancelled')`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	const { rows } = await sql<{ def: string }>`
		select pg_get_functiondef('refresh_company_overview(uuid[])'::regprocedure) as def`.execute(db);
	const def = rows[0].def;
	if (!def.includes(BEFORE)) throw new Error('0023: refresh_company_overview is not as expected');
	await sql.raw(def.replace(BEFORE, AFTER)).execute(db);
	await sql`select refresh_company_overview(array(select id from company order by region_id, name, id))`.execute(
		db
	);
}
