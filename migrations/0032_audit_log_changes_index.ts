import { sql, type Kysely } from 'kysely';

/**
 * The audit log's entity index covers changes only (issue 18, measured at national volume
 * in BENCHMARKS.md "The audit log at national scale").
 *
 * `audit_log_entity_idx` (entity type, id, time) serves one look-up: the changes made to a
 * person's records, for "Wie bekeek mijn gegevens" (src/lib/server/privacy/access-log.ts).
 * Changes carry no subject (`subject_user_id is null`); recorded reads do, and are found
 * through `audit_log_subject_idx`. Until now the entity index held the reads too: with
 * thousands of reads of one trajectory, each look-up for its changes walked past every
 * read of it (1.2 ms per probe per partition at 13 M rows a month), and every read paid
 * for an index entry nobody used. Now partial on `subject_user_id is null`: reads skip it
 * at insert, and the changes look-up sees changes only.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`drop index audit_log_entity_idx`.execute(db);
	await sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id, created_at desc)
		where entity_id is not null and subject_user_id is null`.execute(db);
}
