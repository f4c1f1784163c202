import { sql, type Kysely } from 'kysely';
import { SIGNAL_SQL_0012, SIGNAL_SQL_0034 } from '../src/lib/server/adviser/signals';
import {
	CULTURE_BENCHMARK_MONTHS,
	CULTURE_MIN_COMPANIES
} from '../src/lib/server/culture/benchmark';
import {
	ATTENTION_BELOW,
	CULTURE_MIN_RESPONSES,
	STRENGTH_FROM
} from '../src/lib/server/culture/instrument';

/**
 * The learning-culture scan in the adviser's overview and in the comparisons (issue 15).
 *
 * 1. company_overview gets `last_scan_on` (the opening date of the company's latest round
 *    that has opened) and `culture_shared` (HR shares results with the adviser), and the
 *    signal rule "no learning-culture scan in NO_SCAN_MONTHS" (src/lib/server/adviser/
 *    signals.ts, rule `no_scan`). refresh_company_overview is recreated from its stored
 *    definition (as 0023 does) with the figures, the new rule's SQL and a recheck on the
 *    day a planned round opens; statement triggers on culture_round and culture_share
 *    refresh the company's row in the same transaction, whichever code path writes.
 *
 * 2. culture_round_result: per round, the number of employee answers and the employees'
 *    mean per dimension, kept up to date by a statement trigger on culture_response (and
 *    on culture_round, whose closing date it carries). The adviser's company page, the
 *    comparisons and the election's jury read it instead of unnesting every answer.
 *
 * 3. culture_benchmark: per region and per sector chamber, over the companies whose latest
 *    closed round within CULTURE_BENCHMARK_MONTHS had CULTURE_MIN_RESPONSES employee
 *    answers: per dimension the number of companies and the mean of their means, and, over
 *    the companies that share with their adviser, how many score below ATTENTION_BELOW,
 *    between and from STRENGTH_FROM (the bands that name points of attention and strengths). A row is computed
 *    by refresh_culture_benchmark at most once a day, on first read (a round's closing is
 *    the passing of time, not a write), and dropped when a company of its region or
 *    sector starts or stops sharing. The function runs with `app.scope = all` for its own
 *    duration: it writes only aggregates over CULTURE_MIN_COMPANIES or more companies.
 */

const replaceOnce = (def: string, before: string, after: string): string => {
	const at = def.indexOf(before);
	if (at < 0 || def.indexOf(before, at + before.length) >= 0) {
		throw new Error(`0034: refresh_company_overview is not as expected at: ${before.slice(0, 60)}`);
	}
	return def.slice(0, at) + after + def.slice(at + before.length);
};

const CULTURE_LATERAL = `) ac on true
		-- Learning culture (migration 0034): the latest round that has opened, the next
		-- planned one (the row is rechecked the day it opens), and HR's sharing choice.
		left join lateral (
			select max(r.opens_on) filter (where r.opens_on <= current_date) as last_scan_on,
				min(r.opens_on) filter (where r.opens_on > current_date) as next_open_on,
				exists (select 1 from culture_share s where s.company_id = c.id) as shared
			from culture_round r where r.company_id = c.id
		) cs on true`;

const MEANS = `coalesce((
			select jsonb_object_agg(m.code, m.mean) from (
				select d.code, round(avg(a.value::int), 2)::float8 as mean
				from culture_response x
				cross join lateral jsonb_each_text(x.answers) a(statement_id, value)
				join culture_statement s on s.id = a.statement_id::int and s.audience = 'employee'
				join culture_dimension d on d.id = s.dimension_id
				where x.round_id = r.id and x.company_id = r.company_id and x.audience = 'employee'
				group by d.code) m), '{}'::jsonb)`;

/** The bands of a company's mean for the adviser's distribution (results.ts names them). */
const BANDS = `jsonb_build_object(
					'low', count(*) filter (where l.shared and (e.value)::float8 < ${ATTENTION_BELOW}),
					'mid', count(*) filter (where l.shared and (e.value)::float8 >= ${ATTENTION_BELOW}
						and (e.value)::float8 < ${STRENGTH_FROM}),
					'high', count(*) filter (where l.shared and (e.value)::float8 >= ${STRENGTH_FROM}))`;

const STATEMENTS = [
	`alter table company_overview add column last_scan_on date,
		add column culture_shared boolean not null default false`,
	`create table culture_round_result (
		round_id uuid primary key,
		company_id uuid not null,
		version_id integer not null references culture_instrument_version (id),
		closes_on date not null,
		employees integer not null default 0,
		means jsonb not null default '{}'::jsonb,
		foreign key (round_id, company_id) references culture_round (id, company_id) on delete cascade
	)`,
	// The comparisons: a company's latest closed rounds.
	`create index culture_round_result_company_idx on culture_round_result (company_id, closes_on desc)`,
	`alter table culture_round_result enable row level security`,
	`alter table culture_round_result force row level security`,
	`create policy tenant_wall on culture_round_result
		using (company_id = (select nullif(current_setting('app.company_id', true), '')::uuid)
			or (select current_setting('app.scope', true) = 'all'))
		with check (company_id = (select nullif(current_setting('app.company_id', true), '')::uuid)
			or (select current_setting('app.scope', true) = 'all'))`,
	`create function refresh_culture_round_result(p_rounds uuid[]) returns void
	language sql as $$
		insert into culture_round_result as t (round_id, company_id, version_id, closes_on, employees, means)
		select r.id, r.company_id, r.version_id, r.closes_on,
			(select count(*) from culture_response x where x.round_id = r.id
				and x.company_id = r.company_id and x.audience = 'employee')::int,
			${MEANS}
		from culture_round r where r.id = any(p_rounds)
		on conflict (round_id) do update set version_id = excluded.version_id,
			closes_on = excluded.closes_on, employees = excluded.employees, means = excluded.means
	$$`,
	`create function culture_round_result_changed() returns trigger language plpgsql as $$
	begin
		perform refresh_culture_round_result(array(select distinct round_id from changed));
		return null;
	end
	$$`,
	...['insert', 'update', 'delete'].map(
		(op) => `create trigger culture_response_result_${op} after ${op} on culture_response
			referencing ${op === 'delete' ? 'old' : 'new'} table as changed for each statement
			execute function culture_round_result_changed()`
	),
	`create function culture_round_result_round() returns trigger language plpgsql as $$
	begin
		perform refresh_culture_round_result(array(select id from changed));
		return null;
	end
	$$`,
	...['insert', 'update'].map(
		(op) => `create trigger culture_round_result_${op} after ${op} on culture_round
			referencing new table as changed for each statement
			execute function culture_round_result_round()`
	),
	// The adviser's overview: the rounds and the sharing choice move the company's row.
	...['culture_round', 'culture_share'].flatMap((table) =>
		['insert', 'update', 'delete'].map(
			(op) => `create trigger ${table}_overview_${op} after ${op} on ${table}
				referencing ${op === 'delete' ? 'old' : 'new'} table as changed for each statement
				execute function company_overview_changed()`
		)
	),
	`create table culture_benchmark (
		scope text not null check (scope in ('region', 'sector')),
		scope_id integer not null,
		computed_on date not null,
		companies integer not null,
		shared_companies integer not null,
		-- { code: { companies, mean, shared: { low, mid, high } } }
		dimensions jsonb not null,
		primary key (scope, scope_id)
	)`,
	`create function refresh_culture_benchmark(p_scope text, p_id integer) returns void
	language sql as $$
		with latest as (
			select distinct on (r.company_id) r.company_id, r.means,
				exists (select 1 from culture_share s where s.company_id = r.company_id) as shared
			from culture_round_result r
			join company c on c.id = r.company_id
			where (case when p_scope = 'region' then c.region_id else c.sector_chamber_id end) = p_id
				and r.closes_on < current_date
				and r.closes_on >= (current_date - interval '${CULTURE_BENCHMARK_MONTHS} months')::date
				and r.employees >= ${CULTURE_MIN_RESPONSES}
			order by r.company_id, r.closes_on desc
		), dims as (
			select e.key as code, count(*)::int as companies,
				round(avg((e.value)::float8)::numeric, 2)::float8 as mean,
				${BANDS} as shared
			from latest l cross join lateral jsonb_each(l.means) e
			group by e.key
		)
		insert into culture_benchmark as b (scope, scope_id, computed_on, companies, shared_companies, dimensions)
		select p_scope, p_id, current_date,
			(select count(*) from latest)::int,
			(select count(*) filter (where shared) from latest)::int,
			coalesce((select jsonb_object_agg(code, jsonb_build_object('companies', companies,
				'mean', case when companies >= ${CULTURE_MIN_COMPANIES} then mean end,
				'shared', case when (select count(*) filter (where shared) from latest)
					>= ${CULTURE_MIN_COMPANIES} then shared end))
				from dims), '{}'::jsonb)
		on conflict (scope, scope_id) do update set computed_on = excluded.computed_on,
			companies = excluded.companies, shared_companies = excluded.shared_companies,
			dimensions = excluded.dimensions
	$$`,
	`alter function refresh_culture_benchmark(text, integer) set app.scope = 'all'`,
	// A company starts or stops sharing: its region's and sector's distributions are stale.
	`create function culture_benchmark_share_changed() returns trigger language plpgsql as $$
	begin
		delete from culture_benchmark b using company c
		where c.id in (select company_id from changed)
			and ((b.scope = 'region' and b.scope_id = c.region_id)
				or (b.scope = 'sector' and b.scope_id = c.sector_chamber_id));
		return null;
	end
	$$`,
	...['insert', 'delete'].map(
		(op) => `create trigger culture_share_benchmark_${op} after ${op} on culture_share
			referencing ${op === 'delete' ? 'old' : 'new'} table as changed for each statement
			execute function culture_benchmark_share_changed()`
	),
	// Backfill.
	`select refresh_culture_round_result(array(select id from culture_round))`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	const { rows } = await sql<{ def: string }>`
		select pg_get_functiondef('refresh_company_overview(uuid[])'::regprocedure) as def`.execute(db);
	let def = rows[0].def;
	const [before, after] = [SIGNAL_SQL_0012, SIGNAL_SQL_0034];
	def = replaceOnce(
		def,
		'recheck_on, updated_at, signal_rank, signal_reasons)',
		'recheck_on, updated_at, last_scan_on, culture_shared, signal_rank, signal_reasons)'
	);
	def = replaceOnce(
		def,
		`least(o.recheck_on, ${before.recheck}), o.updated_at,`,
		`least(o.recheck_on, ${after.recheck}), o.updated_at, o.last_scan_on, o.culture_shared,`
	);
	def = replaceOnce(def, before.rank, after.rank);
	def = replaceOnce(def, before.reasons, after.reasons);
	def = replaceOnce(
		def,
		'cv.next_overdue_on, ac.next_overdue_on,',
		'cv.next_overdue_on, ac.next_overdue_on, cs.next_open_on,'
	);
	def = replaceOnce(
		def,
		'now() as updated_at',
		'now() as updated_at, cs.last_scan_on, coalesce(cs.shared, false) as culture_shared'
	);
	def = replaceOnce(def, ') ac on true', CULTURE_LATERAL);
	def = replaceOnce(
		def,
		'updated_at = excluded.updated_at;',
		`updated_at = excluded.updated_at, last_scan_on = excluded.last_scan_on,
			culture_shared = excluded.culture_shared;`
	);
	await sql.raw(STATEMENTS[0]).execute(db);
	await sql.raw(def).execute(db);
	for (const statement of STATEMENTS.slice(1)) await sql.raw(statement).execute(db);
	await sql`select refresh_company_overview(array(select id from company order by region_id, name, id))`.execute(
		db
	);
	await sql`analyze company_overview`.execute(db);
}
