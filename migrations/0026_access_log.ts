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
 *
 * `personal_data_export`: the download of everything Vakmaat holds about a user
 * (/account/mijn-gegevens) goes through a single-use link that expires after ten minutes
 * (SHA-256 of the token stored, as invitations and reset links).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table audit_log add column subject_user_id uuid`.execute(db);
	await sql`create index audit_log_subject_idx on audit_log (subject_user_id, created_at desc)
		where subject_user_id is not null`.execute(db);
	await sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id, created_at desc)
		where entity_id is not null`.execute(db);
	await sql`create table personal_data_export (
		id uuid primary key default gen_random_uuid(),
		user_id uuid not null references app_user (id) on delete cascade,
		token_hash text not null unique,
		created_at timestamptz not null default now(),
		expires_at timestamptz not null,
		used_at timestamptz
	)`.execute(db);
	await sql`create index personal_data_export_user_idx on personal_data_export (user_id)`.execute(
		db
	);
}
