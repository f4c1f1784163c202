import { sql, type Kysely } from 'kysely';

/**
 * TOTP as a second factor (DESIGN: auth), per account and optional.
 *
 * app_user: the TOTP key once confirmed (`totp_key`, `totp_enabled_at`), a key being set up
 * (`totp_pending_key`, until the user confirms it with a code from their app), and the
 * time step of the last accepted code (`totp_last_counter`): a code is accepted once.
 * Wrong codes count per account (`totp_failures`), not per session, so logging in again
 * does not buy new guesses; after five the code page is closed for a while
 * (`totp_locked_until`).
 * totp_recovery_code: single-use codes for a lost phone, only their SHA-256 stored.
 * user_session.two_factor_verified: false for a session started with the password of an
 * account with TOTP until the code is given; existing sessions count as verified.
 */
const STATEMENTS = [
	`alter table app_user
		add column totp_key bytea,
		add column totp_enabled_at timestamptz,
		add column totp_pending_key bytea,
		add column totp_last_counter bigint,
		add column totp_failures smallint not null default 0,
		add column totp_locked_until timestamptz`,
	`alter table user_session add column two_factor_verified boolean not null default true`,
	`create table totp_recovery_code (
		user_id uuid not null references app_user (id) on delete cascade,
		code_hash text not null,
		used_at timestamptz,
		primary key (user_id, code_hash)
	)`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
