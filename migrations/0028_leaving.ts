import { sql, type Kysely } from 'kysely';

/**
 * Leaving a company (issue 18).
 *
 * - `company.retention_months`: how long the company keeps a former member's records after
 *   the membership ended, before the daily anonymisation (src/lib/server/privacy/anonymise.ts).
 *   6 to 84 months, 24 by default; docs/privacy.md says why these bounds.
 * - `membership.ends_on`: the date HR set for the membership to end (today or later). From
 *   that date the member has no access (the session's membership list leaves it out); the
 *   job round then marks it `deactivated_at` and ends the member's open trajectories.
 * - `membership.anonymised_at`: when the member's records in the company were anonymised;
 *   the job runs once per membership.
 * - `passport_snapshot`: what the person achieved in a company (their LLO passport part),
 *   taken right before the company's records of them are anonymised, so the passport keeps
 *   it. The person's own data: tied to their account, not to the company (no company_id,
 *   so the company cannot read it), removed with the account.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table company add column retention_months integer not null default 24
		constraint company_retention_months_check check (retention_months between 6 and 84)`.execute(db);
	await sql`alter table membership add column ends_on date,
		add column anonymised_at timestamptz`.execute(db);
	// The job round's two look-ups: planned ends that are due, ended memberships not yet
	// anonymised. Both partial, so they stay as small as the number of leavers.
	await sql`create index membership_planned_end_idx on membership (ends_on)
		where ends_on is not null and deactivated_at is null`.execute(db);
	await sql`create index membership_to_anonymise_idx on membership (deactivated_at)
		where deactivated_at is not null and anonymised_at is null`.execute(db);
	await sql`create table passport_snapshot (
		id uuid primary key default gen_random_uuid(),
		user_id uuid not null references app_user (id) on delete cascade,
		company_name text not null,
		left_on date not null,
		taken_at timestamptz not null default now(),
		trajectories jsonb not null,
		certificates jsonb not null
	)`.execute(db);
	await sql`create index passport_snapshot_user_idx on passport_snapshot (user_id)`.execute(db);
}
