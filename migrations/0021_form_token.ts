import { sql, type Kysely } from 'kysely';

/**
 * One click, one record (issue 16).
 *
 * form_token: every form that creates something carries a token rendered by the page
 * (a fresh UUID per render). The service inserts it in the transaction that creates the
 * record, keyed by user, purpose (what the form creates, with its target) and token,
 * and keeps the result (the new record's id) with it. A double submit or a resubmit
 * after Back brings the same token: its insert conflicts (a concurrent duplicate waits
 * on the primary key until the first transaction commits) and the service answers with
 * the stored result instead of creating a second record. Tokens are removed by the
 * daily housekeeping after two days.
 *
 * self_assessment: at most one submitted round per person per day (Amsterdam's
 * calendar), so the then-vs-now comparison never compares a round with itself.
 * Same-day duplicates stored before (double submits) are folded into the day's
 * latest round first.
 */
const STATEMENTS = [
	`create table form_token (
		user_id uuid not null references app_user (id) on delete cascade,
		purpose text not null,
		token uuid not null,
		result jsonb,
		created_at timestamptz not null default now(),
		primary key (user_id, purpose, token)
	)`,
	`create index form_token_created_idx on form_token (created_at)`,
	`delete from self_assessment s
		where s.status = 'submitted'
		and exists (
			select 1 from self_assessment later
			where later.user_id = s.user_id and later.status = 'submitted'
			and (later.submitted_at at time zone 'Europe/Amsterdam')::date
				= (s.submitted_at at time zone 'Europe/Amsterdam')::date
			and (later.submitted_at, later.id) > (s.submitted_at, s.id)
		)`,
	`create unique index self_assessment_one_per_day on self_assessment
		(user_id, ((submitted_at at time zone 'Europe/Amsterdam')::date))
		where status = 'submitted'`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
