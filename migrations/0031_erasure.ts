import { sql, type Kysely } from 'kysely';

/**
 * Erasure on request (issue 18, docs/privacy.md "Erasure on request").
 *
 * - `erasure_request`: a user asks for their account to be deleted (from /account); an
 *   admin sees the consequences per company and executes it
 *   (src/lib/server/privacy/erasure.ts). One open request per account (the partial unique
 *   index: a double submit stores one). When executed the account is gone and `user_id`
 *   becomes null (on delete set null): what stays is only that an erasure was asked and
 *   carried out, and when.
 * - `nomination.nominator_id` and `culture_action.owner_user_id` become nullable: after an
 *   erasure a nomination stays for the trainer who received it without naming who made it,
 *   and an improvement action stays with the company without an owner.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`create table erasure_request (
		id uuid primary key default gen_random_uuid(),
		user_id uuid references app_user (id) on delete set null,
		requested_at timestamptz not null default now(),
		cancelled_at timestamptz,
		executed_at timestamptz,
		executed_by uuid references app_user (id) on delete set null,
		constraint erasure_request_state_check check (cancelled_at is null or executed_at is null)
	)`.execute(db);
	await sql`create unique index erasure_request_open_idx on erasure_request (user_id)
		where cancelled_at is null and executed_at is null`.execute(db);
	// The admin's list: open requests, oldest first.
	await sql`create index erasure_request_requested_idx on erasure_request (requested_at)
		where cancelled_at is null and executed_at is null`.execute(db);
	await sql`alter table nomination alter column nominator_id drop not null`.execute(db);
	await sql`alter table culture_action alter column owner_user_id drop not null`.execute(db);
}
