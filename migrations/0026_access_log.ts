import { sql, type Kysely } from 'kysely';

/**
 * "Wie bekeek mijn gegevens" (issue 18). Every read of another person's personal data is
 * written to the audit log with the person it was about, `subject_user_id` (the account
 * of the learner or trainer whose record was read), so their access log is one index
 * range: `audit_log_subject_idx` (subject, newest first). Changes were already audited
 * against the record they changed (`entity_type`, `entity_id`: a trajectory, a piece of
 * evidence, a conversation); `audit_log_entity_idx` finds those for the person's records.
 * Both are partial on the rows that need them, so the indexes stay small next to the
 * many entries that concern no one in particular.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table audit_log add column subject_user_id uuid`.execute(db);
	await sql`create index audit_log_subject_idx on audit_log (subject_user_id, created_at desc)
		where subject_user_id is not null`.execute(db);
	await sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id, created_at desc)
		where entity_id is not null`.execute(db);
}
