import { sql, type Kysely } from 'kysely';

/**
 * Throttling for login and password-reset requests (issue 19), one row per key:
 * `login:pair:<email>|<ip>`, `login:ip:<ip>`, `login:account:<email>`,
 * `reset:email:<email>`, `reset:ip:<ip>`. A login attempt locks its rows
 * (`select … for update`) and counts itself before the password is checked, so
 * parallel attempts cannot all pass the check (src/lib/server/auth/throttle.ts).
 * login_attempt stays the log of attempts whose password was checked.
 */
const STATEMENTS = [
	`create table auth_throttle (
		key text primary key,
		hits integer not null default 0,
		blocked_until timestamptz,
		window_started_at timestamptz not null default now(),
		last_hit_at timestamptz not null default now()
	)`,
	`create index auth_throttle_last_hit_idx on auth_throttle (last_hit_at)`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
