import { sql, type Kysely } from 'kysely';
import { STALLED_DAYS } from '../src/lib/server/trajectories/progress';
import { SIGNAL_SQL_0012 } from '../src/lib/server/adviser/signals';

// The signal rules as they were when this migration was written (rules added since
// carry the migration that recreated the function with them: 0034).
const {
	rank: SIGNAL_RANK_SQL,
	reasons: SIGNAL_REASONS_SQL,
	recheck: SIGNAL_RECHECK_SQL
} = SIGNAL_SQL_0012;

/**
 * The SBB adviser's overview (issue #9): a contact log, and a per-company summary
 * (company_overview) that the overview of a region of 20,000 companies reads instead of
 * grouping ~100,000 trajectories on every request (measured: about 1 s with the national
 * data set for the largest region, far over the 250 ms target; see docs/adviser.md).
 *
 * company_overview is kept up to date by statement triggers in the same transaction as
 * every change that moves a figure (trajectory, trajectory_progress, membership,
 * trainer_llo_summary, adviser_contact, company, conversation, conversation_action),
 * whichever code path writes. It is never
 * written by application code except through refresh_company_overview.
 *
 * Three figures depend on today's date: stalled trajectories (STALLED_DAYS without an
 * assessment), trainers with a complete LLO profile (12 months) and active learners per
 * quarter. The row stores them as of its last refresh and `recheck_on`, the first date on
 * which one of them can change by the passing of time alone (a trajectory reaching the
 * stall threshold, a profile expiring, a new quarter). The overview refreshes the rows of
 * its regions whose recheck_on has come (index on region_id, recheck_on) before reading,
 * so the figures are always those of today without a nightly job. Changing STALLED_DAYS
 * needs a new migration that recreates refresh_company_overview.
 */

/** Quarters in the trend of active learners, the current quarter last. */
const QUARTERS = 8;

const quarterCounts = Array.from({ length: QUARTERS }, (_, i) => {
	const back = QUARTERS - 1 - i;
	const start = `(date_trunc('quarter', current_date) - interval '${3 * back} months')::date`;
	const end = `(date_trunc('quarter', current_date) - interval '${3 * back - 3} months')::date`;
	return `count(distinct t.learner_id) filter (where t.start_date < ${end}
		and (t.status in ('active', 'paused') or t.status_changed_at >= ${start}))::int as q${i + 1}`;
}).join(',\n\t\t\t\t');
/** active_q1 … active_q8: active learners per quarter, q8 the current one. */
const quarterColumns = Array.from({ length: QUARTERS }, (_, i) => `active_q${i + 1}`);
/** progress_b0 … progress_b4: active trajectories per progress bucket. */
const bucketColumns = [0, 1, 2, 3, 4].map((b) => `progress_b${b}`);

/** The figures of company_overview, in the order refresh_company_overview computes them. */
const COLUMNS = [
	'company_id',
	'region_id',
	'sector_chamber_id',
	'name',
	'kvk_number',
	'trainers',
	'trainers_llo',
	'active_learners',
	'active_trajectories',
	'route_bbl_diploma',
	'route_mbo_certificate',
	'route_practice_statement',
	'route_branch_certificate',
	'route_informal',
	'progress_sum',
	...bucketColumns,
	'stalled',
	'quarter_of',
	...quarterColumns,
	'last_contact_on',
	'overdue_conversations',
	'overdue_actions',
	'recheck_on',
	'updated_at'
];

const STATEMENTS = [
	`create table adviser_contact (
		company_id uuid not null references company (id) on delete cascade,
		id uuid not null default gen_random_uuid(),
		adviser_id uuid not null references app_user (id),
		contacted_on date not null,
		kind text not null check (kind in ('visit', 'call', 'email', 'workshop')),
		notes text check (length(notes) <= 4000),
		agreements text check (length(agreements) <= 4000),
		follow_up_on date,
		created_at timestamptz not null default now(),
		primary key (company_id, id)
	)`,
	`create index adviser_contact_company_idx on adviser_contact (company_id, contacted_on desc)`,
	`create index adviser_contact_follow_up_idx on adviser_contact (follow_up_on, company_id)
		where follow_up_on is not null`,
	`create table company_overview (
		company_id uuid primary key references company (id) on delete cascade,
		region_id integer not null,
		sector_chamber_id integer not null,
		name text not null,
		kvk_number text not null,
		trainers integer not null default 0,
		trainers_llo integer not null default 0,
		active_learners integer not null default 0,
		active_trajectories integer not null default 0,
		route_bbl_diploma integer not null default 0,
		route_mbo_certificate integer not null default 0,
		route_practice_statement integer not null default 0,
		route_branch_certificate integer not null default 0,
		route_informal integer not null default 0,
		progress_sum real not null default 0,
		${bucketColumns.map((c) => `${c} integer not null default 0,`).join('\n\t\t')}
		stalled integer not null default 0,
		quarter_of date not null default date_trunc('quarter', current_date)::date,
		${quarterColumns.map((c) => `${c} integer not null default 0,`).join('\n\t\t')}
		last_contact_on date,
		overdue_conversations integer not null default 0,
		overdue_actions integer not null default 0,
		signal_rank smallint not null default 0,
		signal_reasons text[] not null default '{}',
		recheck_on date,
		updated_at timestamptz not null default now()
	) with (fillfactor = 70)`,
	`create index company_overview_region_idx on company_overview (region_id, name)`,
	// The overview's default order (worst signal first) and the signal filter.
	`create index company_overview_signal_idx on company_overview
		(region_id, signal_rank desc, stalled desc, name, company_id)`,
	`create index company_overview_recheck_idx on company_overview (region_id, recheck_on)`,
	`create function refresh_company_overview(p_companies uuid[]) returns void
	language plpgsql as $$
	begin
		if p_companies is null or cardinality(p_companies) = 0 then return; end if;
		-- Two transactions changing one company at once: the second waits here, and its
		-- statement below then sees the first one's rows (a new snapshot per statement).
		perform 1 from company_overview o where o.company_id = any(p_companies)
		order by o.company_id for update;
		insert into company_overview as t (${COLUMNS.join(', ')}, signal_rank, signal_reasons)
		select ${COLUMNS.map((c) => (c === 'recheck_on' ? `least(o.recheck_on, ${SIGNAL_RECHECK_SQL})` : `o.${c}`)).join(', ')},
			${SIGNAL_RANK_SQL}, ${SIGNAL_REASONS_SQL}
		from (
		select c.id as company_id, c.region_id, c.sector_chamber_id, c.name, c.kvk_number,
			coalesce(tr.trainers, 0) as trainers, coalesce(tr.complete, 0) as trainers_llo,
			coalesce(tj.active_learners, 0) as active_learners,
			coalesce(tj.active_trajectories, 0) as active_trajectories,
			coalesce(tj.r_bbl, 0) as route_bbl_diploma, coalesce(tj.r_cert, 0) as route_mbo_certificate,
			coalesce(tj.r_practice, 0) as route_practice_statement,
			coalesce(tj.r_branch, 0) as route_branch_certificate,
			coalesce(tj.r_informal, 0) as route_informal,
			coalesce(tj.progress_sum, 0) as progress_sum,
			${[0, 1, 2, 3, 4].map((b) => `coalesce(tj.b${b}, 0) as progress_b${b}`).join(', ')},
			coalesce(tj.stalled, 0) as stalled,
			date_trunc('quarter', current_date)::date as quarter_of,
			${quarterColumns.map((c, i) => `coalesce(tj.q${i + 1}, 0) as ${c}`).join(', ')},
			ct.last_contact_on,
			coalesce(cv.overdue, 0) as overdue_conversations,
			coalesce(ac.overdue, 0) as overdue_actions,
			least(tj.next_stall_on, tr.next_expiry, cv.next_overdue_on, ac.next_overdue_on,
				(date_trunc('quarter', current_date) + interval '3 months')::date) as recheck_on,
			now() as updated_at
		from unnest(p_companies) as x(id)
		join company c on c.id = x.id
		left join lateral (
			select count(distinct t.learner_id) filter (where t.status = 'active')::int as active_learners,
				count(*) filter (where t.status = 'active')::int as active_trajectories,
				count(*) filter (where t.status = 'active' and t.route = 'bbl_diploma')::int as r_bbl,
				count(*) filter (where t.status = 'active' and t.route = 'mbo_certificate')::int as r_cert,
				count(*) filter (where t.status = 'active' and t.route = 'practice_statement')::int as r_practice,
				count(*) filter (where t.status = 'active' and t.route = 'branch_certificate')::int as r_branch,
				count(*) filter (where t.status = 'active' and t.route = 'informal')::int as r_informal,
				sum(case when tp.total > 0 then least(1.0, (tp.competent + tp.exempt)::real / tp.total)
					else 0 end) filter (where t.status = 'active') as progress_sum,
				count(*) filter (where t.status = 'active' and b.bucket = 0)::int as b0,
				count(*) filter (where t.status = 'active' and b.bucket = 1)::int as b1,
				count(*) filter (where t.status = 'active' and b.bucket = 2)::int as b2,
				count(*) filter (where t.status = 'active' and b.bucket = 3)::int as b3,
				count(*) filter (where t.status = 'active' and b.bucket = 4)::int as b4,
				count(*) filter (where t.status = 'active'
					and coalesce(tp.last_assessed_on, t.start_date) < current_date - ${STALLED_DAYS})::int as stalled,
				min(coalesce(tp.last_assessed_on, t.start_date) + ${STALLED_DAYS + 1})
					filter (where t.status = 'active'
						and coalesce(tp.last_assessed_on, t.start_date) >= current_date - ${STALLED_DAYS}) as next_stall_on,
				${quarterCounts}
			from trajectory t
			left join trajectory_progress tp on tp.company_id = t.company_id and tp.trajectory_id = t.id
			cross join lateral (select case when tp.total > 0 and tp.competent + tp.exempt >= tp.total then 4
					when coalesce(tp.total, 0) = 0 then 0
					else (4 * (tp.competent + tp.exempt)) / tp.total end as bucket) b
			where t.company_id = c.id
		) tj on true
		left join lateral (
			select count(*)::int as trainers,
				count(*) filter (where st.complete)::int as complete,
				min((least(st.areas_assessed_on, st.last_activity_on) + interval '12 months')::date + 1)
					filter (where st.complete) as next_expiry
			from membership m
			left join trainer_llo_status st on st.user_id = m.user_id
			where m.company_id = c.id and m.deactivated_at is null and 'trainer' = any(m.roles)
		) tr on true
		left join lateral (
			select max(a.contacted_on) as last_contact_on from adviser_contact a where a.company_id = c.id
		) ct on true
		-- Development conversations planned but not held once their time has passed, and
		-- open actions past their due date (the definitions of the conversation lists);
		-- the day after the next planned one or due date, the row is rechecked.
		left join lateral (
			select (count(*) filter (where cv.planned_at < now()))::int as overdue,
				min(cv.planned_at::date + 1) filter (where cv.planned_at >= now()) as next_overdue_on
			from conversation cv where cv.company_id = c.id and cv.status = 'planned'
		) cv on true
		left join lateral (
			select (count(*) filter (where a.due_date < current_date))::int as overdue,
				min(a.due_date + 1) filter (where a.due_date >= current_date) as next_overdue_on
			from conversation_action a
			where a.company_id = c.id and a.done_at is null and a.due_date is not null
		) ac on true
		) o
		on conflict (company_id) do update set
			region_id = excluded.region_id, sector_chamber_id = excluded.sector_chamber_id,
			name = excluded.name, kvk_number = excluded.kvk_number,
			trainers = excluded.trainers, trainers_llo = excluded.trainers_llo,
			active_learners = excluded.active_learners,
			active_trajectories = excluded.active_trajectories,
			route_bbl_diploma = excluded.route_bbl_diploma,
			route_mbo_certificate = excluded.route_mbo_certificate,
			route_practice_statement = excluded.route_practice_statement,
			route_branch_certificate = excluded.route_branch_certificate,
			route_informal = excluded.route_informal,
			progress_sum = excluded.progress_sum,
			${bucketColumns.map((c) => `${c} = excluded.${c},`).join(' ')}
			stalled = excluded.stalled, quarter_of = excluded.quarter_of,
			${quarterColumns.map((c) => `${c} = excluded.${c},`).join(' ')}
			last_contact_on = excluded.last_contact_on,
			overdue_conversations = excluded.overdue_conversations,
			overdue_actions = excluded.overdue_actions, signal_rank = excluded.signal_rank,
			signal_reasons = excluded.signal_reasons, recheck_on = excluded.recheck_on,
			updated_at = excluded.updated_at;
	end
	$$`,
	// One trigger function for every table whose rows carry company_id; the transition
	// table is called "changed" in each trigger.
	`create function company_overview_changed() returns trigger language plpgsql as $$
	begin
		perform refresh_company_overview(array(select distinct company_id from changed));
		return null;
	end
	$$`,
	...[
		'trajectory',
		'trajectory_progress',
		'membership',
		'adviser_contact',
		'conversation',
		'conversation_action'
	].flatMap((table) => [
		`create trigger ${table}_overview_insert after insert on ${table}
			referencing new table as changed for each statement
			execute function company_overview_changed()`,
		`create trigger ${table}_overview_update after update on ${table}
			referencing new table as changed for each statement
			execute function company_overview_changed()`,
		`create trigger ${table}_overview_delete after delete on ${table}
			referencing old table as changed for each statement
			execute function company_overview_changed()`
	]),
	`create function company_overview_company() returns trigger language plpgsql as $$
	begin
		perform refresh_company_overview(array(select id from changed));
		return null;
	end
	$$`,
	`create trigger company_overview_insert after insert on company
		referencing new table as changed for each statement
		execute function company_overview_company()`,
	`create trigger company_overview_update after update on company
		referencing new table as changed for each statement
		execute function company_overview_company()`,
	// A trainer's LLO summary moved: every company where they are a trainer.
	`create function company_overview_trainer() returns trigger language plpgsql as $$
	begin
		perform refresh_company_overview(array(
			select distinct m.company_id from membership m
			where m.user_id in (select user_id from changed) and 'trainer' = any(m.roles)));
		return null;
	end
	$$`,
	`create trigger trainer_llo_summary_overview_insert after insert on trainer_llo_summary
		referencing new table as changed for each statement
		execute function company_overview_trainer()`,
	`create trigger trainer_llo_summary_overview_update after update on trainer_llo_summary
		referencing new table as changed for each statement
		execute function company_overview_trainer()`,
	// A newly published framework version makes profiles incomplete (trainer_llo_status
	// checks the version): every company with trainers is rechecked on its next read.
	`create function company_overview_framework() returns trigger language plpgsql as $$
	begin
		update company_overview set recheck_on = current_date
		where trainers > 0 and (recheck_on is null or recheck_on > current_date);
		return null;
	end
	$$`,
	`create trigger competence_framework_overview after insert or update on competence_framework_version
		for each statement execute function company_overview_framework()`,
	// Backfill: every existing company (one set-based statement; ~250,000 companies and
	// 1.15M trajectories in the national data set: about 30 s). In region order, so that a
	// region's rows lie together on disk (the overview reads a whole region: 7,700 pages
	// scattered vs ~700 together, 33 ms vs 5 ms); fillfactor 70 keeps updated rows on
	// their page.
	`select refresh_company_overview(array(select id from company order by region_id, name, id))`,
	`analyze company_overview`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
