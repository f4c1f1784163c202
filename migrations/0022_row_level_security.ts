import { sql, type Kysely } from 'kysely';

/**
 * The second tenant wall (issue 19): row-level security on every table whose rows carry
 * company_id, FORCEd so that it holds for the tables' owner too. A row is visible (USING)
 * and may be written (WITH CHECK) when its company is the session's `app.company_id`, or
 * when the session's `app.scope` is `all`. Unset or empty settings: nothing is visible.
 * The app sets both on every pooled connection it acquires (src/lib/server/db/scope.ts);
 * migrations, the generator and other scripts connect with `app.scope=all`
 * (src/lib/server/db/index.ts: `allCompanies`). Superusers (PGlite, the integration tests'
 * `postgres`) bypass row-level security altogether; the app refuses to run as one on
 * PostgreSQL (src/lib/server/db/roles.ts).
 *
 * audit_log and conversation_template also have rows without a company (platform events,
 * the national templates): every session sees those, and may write audit rows without a
 * company (login, password reset); a national template is written with scope `all` only.
 *
 * company_overview_trainer() (a trainer's LLO summary changed: refresh every company where
 * they are a trainer) runs with `app.scope = all` for its own duration: the trainer saves
 * their profile in one company, and the overview of the others follows.
 *
 * A table added later with company_id needs the same: tests/integration/rls.test.ts fails
 * on a table with company_id without forced row-level security.
 */
export const TENANT_TABLES = [
	'adviser_contact',
	'assessment',
	'assessment_month',
	'company_overview',
	'conversation',
	'conversation_action',
	'conversation_addendum',
	'conversation_answer',
	'conversation_reminder',
	'conversation_setting',
	'evidence',
	'exemption',
	'invitation',
	'learner',
	'membership',
	'nomination',
	'obtained_certificate',
	'trainer_capacity',
	'trainer_feedback',
	'trajectory',
	'trajectory_progress',
	'trajectory_trainer',
	'trajectory_work_process'
];

/** Tables with rows of no company (company_id null), visible to every session. */
export const SHARED_ROW_TABLES = ['audit_log', 'conversation_template'];

// Each setting is read in a scalar subquery: PostgreSQL evaluates it once per statement
// (an InitPlan) instead of once per row, and company_id = (…) can use an index.
const OWN = `company_id = (select nullif(current_setting('app.company_id', true), '')::uuid)`;
const ALL = `(select current_setting('app.scope', true) = 'all')`;

const STATEMENTS = [
	...TENANT_TABLES.flatMap((table) => [
		`alter table ${table} enable row level security`,
		`alter table ${table} force row level security`,
		`create policy tenant_wall on ${table} using (${OWN} or ${ALL}) with check (${OWN} or ${ALL})`
	]),
	...SHARED_ROW_TABLES.flatMap((table) => [
		`alter table ${table} enable row level security`,
		`alter table ${table} force row level security`,
		`create policy tenant_wall on ${table}
			using (company_id is null or ${OWN} or ${ALL})
			with check (${OWN} or ${ALL}${table === 'audit_log' ? ' or company_id is null' : ''})`
	]),
	`alter function company_overview_trainer() set app.scope = 'all'`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
