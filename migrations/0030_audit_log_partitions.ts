import { sql, type Kysely } from 'kysely';

/**
 * The audit log, partitioned by month (issue 18). Every read of another person's record
 * is audited (the access log, migration 0026): at national scale that is millions of rows
 * a month, and one table with four indexes would grow without bound — every insert
 * maintaining ever larger indexes, every "who looked at my data" reading one big index,
 * and no way to drop old months but row by row. Partitioned by `created_at`, each month
 * is its own table with its own small indexes; a period filter reads only its months.
 *
 * - `audit_log` becomes a table partitioned by range of `created_at` (UTC months,
 *   `audit_log_YYYY_MM`), with the same columns, indexes, row-level security policy
 *   (migration 0022: rows of the request's company, plus platform rows without a company)
 *   and a sequence instead of the identity column (PostgreSQL 15 has no identity on a
 *   partitioned table). Existing rows are copied over.
 * - `audit_log_default` takes any row whose month has no partition yet, so an audited
 *   write never fails for want of one.
 * - `ensure_audit_log_partitions(from_month, months)` creates the missing months from
 *   `from_month` on (moving rows the default partition holds for them), each with
 *   row-level security forced like its parent. SECURITY DEFINER: the app's role owns
 *   nothing and cannot create tables; the daily housekeeping calls it to keep three
 *   months ahead (src/lib/server/housekeeping.ts). It runs with every company's rows
 *   visible (`app.scope = 'all'`, for the function only), so the rows it moves out of
 *   the default partition are all of them, whoever calls it. The app reads and writes through
 *   `audit_log` only: new partitions get no grants of their own.
 */
const OWN = `company_id = (select nullif(current_setting('app.company_id', true), '')::uuid)`;
const ALL = `(select current_setting('app.scope', true) = 'all')`;
const POLICY = `using (company_id is null or ${OWN} or ${ALL})
	with check (${OWN} or ${ALL} or company_id is null)`;

const wall = (table: string) => [
	`alter table ${table} enable row level security`,
	`alter table ${table} force row level security`,
	`create policy tenant_wall on ${table} ${POLICY}`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	const statements = [
		`alter table audit_log rename to audit_log_before_0030`,
		`alter sequence audit_log_id_seq rename to audit_log_before_0030_id_seq`,
		`drop index audit_log_company_idx`,
		`drop index audit_log_actor_idx`,
		`drop index audit_log_subject_idx`,
		`drop index audit_log_entity_idx`,
		`create sequence audit_log_id_seq`,
		`select setval('audit_log_id_seq', coalesce((select max(id) from audit_log_before_0030), 0) + 1, false)`,
		`create table audit_log (
			id bigint not null default nextval('audit_log_id_seq'),
			company_id uuid,
			actor_user_id uuid,
			action text not null,
			entity_type text not null,
			entity_id text,
			data jsonb not null default '{}',
			request_id text,
			created_at timestamptz not null default now(),
			subject_user_id uuid
		) partition by range (created_at)`,
		`create index audit_log_company_idx on audit_log (company_id, created_at desc)`,
		`create index audit_log_actor_idx on audit_log (actor_user_id, created_at desc)`,
		`create index audit_log_subject_idx on audit_log (subject_user_id, created_at desc)
			where subject_user_id is not null`,
		`create index audit_log_entity_idx on audit_log (entity_type, entity_id, created_at desc)
			where entity_id is not null`,
		...wall('audit_log'),
		`create table audit_log_default partition of audit_log default`,
		...wall('audit_log_default'),
		`create function ensure_audit_log_partitions(from_month date, months int) returns int
		language plpgsql security definer set search_path from current set app.scope = 'all' as $fn$
		declare
			m date := date_trunc('month', from_month)::date;
			lo timestamptz;
			hi timestamptz;
			part text;
			made int := 0;
		begin
			if months < 0 or months > 240 then
				raise exception 'ensure_audit_log_partitions: months must be between 0 and 240';
			end if;
			for i in 0..months loop
				part := format('audit_log_%s', to_char(m, 'YYYY_MM'));
				if to_regclass(part) is null then
					lo := m::timestamp at time zone 'UTC';
					hi := (m + interval '1 month')::timestamp at time zone 'UTC';
					execute format('create table %I (like audit_log including defaults including constraints)', part);
					-- Rows the default partition took for this month move to their own.
					execute format(
						'with moved as (delete from audit_log_default where created_at >= %L and created_at < %L returning *)
						 insert into %I select * from moved', lo, hi, part);
					execute format('alter table audit_log attach partition %I for values from (%L) to (%L)', part, lo, hi);
					execute format('alter table %I enable row level security', part);
					execute format('alter table %I force row level security', part);
					execute format('create policy tenant_wall on %I ${POLICY.replaceAll("'", "''")}', part);
					made := made + 1;
				end if;
				m := (m + interval '1 month')::date;
			end loop;
			return made;
		end
		$fn$`,
		// The months of the existing rows (at most 19 years back), and a year ahead.
		`select ensure_audit_log_partitions(start, least(240, span + 12)) from (
			select start, (extract(year from a) * 12 + extract(month from a))::int as span from (
				select start, age(date_trunc('month', now() at time zone 'UTC'), start) as a from (
					select greatest(
						date_trunc('month', coalesce(min(created_at), now()) at time zone 'UTC'),
						date_trunc('month', now() at time zone 'UTC') - interval '19 years')::date as start
					from audit_log_before_0030) s1) s2) s3`,
		`insert into audit_log (id, company_id, actor_user_id, action, entity_type, entity_id, data,
			request_id, created_at, subject_user_id)
		 select id, company_id, actor_user_id, action, entity_type, entity_id, data,
			request_id, created_at, subject_user_id from audit_log_before_0030`,
		`drop table audit_log_before_0030`,
		`alter sequence audit_log_id_seq owned by audit_log.id`
	];
	for (const statement of statements) await sql.raw(statement).execute(db);
}
