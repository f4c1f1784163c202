import { sql, type Kysely } from 'kysely';

/**
 * Mail outbox and housekeeping (issue 14).
 *
 * mail_outbox: every mail the app sends is first a row here, written in the transaction
 * that decides to send it (a reminder together with its conversation_reminder record,
 * an invitation with its token). A sender delivers committed rows: it claims due rows
 * (`for update skip locked`, and moves `next_attempt_at` forward as a lease so another
 * app server skips them), sends, and marks each row `sent`; a failure sets the next
 * attempt after an exponential backoff, and after the last attempt the row is `failed`
 * with its error kept. Sent and failed rows are removed by the housekeeping job later.
 *
 * job_run: when a periodic job last ran (the daily housekeeping), shared by all servers.
 *
 * Indexes for housekeeping's deletes by age: login_attempt and user_session had none
 * that lead with the time column.
 */
const STATEMENTS = [
	`create table mail_outbox (
		id bigint generated always as identity primary key,
		kind text not null,
		recipient text not null,
		subject text not null,
		body text not null,
		status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
		attempts smallint not null default 0,
		next_attempt_at timestamptz not null default now(),
		last_error text,
		created_at timestamptz not null default now(),
		sent_at timestamptz
	)`,
	`create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status = 'pending'`,
	`create index mail_outbox_created_idx on mail_outbox (created_at)`,
	`create table job_run (
		job text primary key,
		last_run_at timestamptz not null
	)`,
	`create index login_attempt_created_idx on login_attempt (created_at)`,
	`create index user_session_expires_idx on user_session (expires_at)`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
