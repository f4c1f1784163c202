import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db';
import type { TrajectoryRoute, TrajectoryStatus } from '../db/schema';
import type { RequestContext } from '../auth/context';
import { isUuid } from '../errors';
import { visibleTrajectories } from './access';
import { joinProgress, progressColumns } from './progress';
import { ROUTES, STATUSES } from './status';

/**
 * The HR dashboard: the whole company's learning in figures. Every figure is an
 * aggregate computed in SQL, in a fixed number of queries whatever the company's size
 * (three, run side by side), and scoped by ctx.company.id.
 */

export interface DashboardFilters {
	route: TrajectoryRoute | null;
	/** Only trajectories this trainer coaches. */
	trainerId: string | null;
}

export const NO_FILTERS: DashboardFilters = { route: null, trainerId: null };

/** Filters from the query string (?route=…&trainer=…); anything unknown is ignored. */
export function parseDashboardFilters(params: URLSearchParams): DashboardFilters {
	const route = params.get('route');
	const trainer = params.get('trainer');
	return {
		route: ROUTES.find((x) => x === route) ?? null,
		trainerId: trainer && isUuid(trainer) ? trainer.toLowerCase() : null
	};
}

/** Progress buckets: 0 = 0–25 %, 1 = 25–50 %, 2 = 50–75 %, 3 = 75–100 %, 4 = complete. */
export const PROGRESS_BUCKETS = [0, 1, 2, 3, 4] as const;
/**
 * The dashboard lists the longest-stalled trajectories first, at most this many; the
 * trajectory list filtered on stalled (and the CSV) has them all.
 */
export const STALLED_LIST_MAX = 10;
/** The dashboard shows the caseloads of the busiest trainers, at most this many; the
 * trainers overview (/hr/praktijkopleiders) has every trainer. */
export const CASELOAD_LIST_MAX = 10;
/** Months in the assessments chart, the current month last. */
export const MONTHS = 12;

export interface CountPair {
	/** Distinct learners (a learner with two trajectories counts once). */
	learners: number;
	trajectories: number;
}

export interface StalledTrajectory {
	id: string;
	learnerName: string;
	title: string;
	trainers: string[];
	covered: number;
	total: number;
	/** null: never assessed (stalled since the start date). */
	lastAssessedOn: string | null;
}

export interface TrainerCaseload {
	trainerId: string;
	name: string;
	/** Active trajectories the trainer coaches (within the filters). */
	active: number;
	stalled: number;
}

export interface MonthCount {
	/** 'YYYY-MM' */
	month: string;
	trainer: number;
	self: number;
	school: number;
	total: number;
}

export interface Dashboard {
	filters: DashboardFilters;
	/** Learners and trajectories per route × status (every cell, zeros included). */
	byRouteStatus: Record<TrajectoryRoute, Record<TrajectoryStatus, CountPair>>;
	byRoute: Record<TrajectoryRoute, CountPair>;
	byStatus: Record<TrajectoryStatus, CountPair>;
	total: CountPair;
	/** Active trajectories per progress bucket (see PROGRESS_BUCKETS). */
	distribution: { bucket: number; trajectories: number }[];
	stalled: { count: number; items: StalledTrajectory[] };
	/** The busiest trainers first (most active trajectories), at most CASELOAD_LIST_MAX. */
	caseloads: TrainerCaseload[];
	/** The number of trainers with a caseload row (all of them, not only those shown). */
	caseloadCount: number;
	/** Every trainer of the company (and anyone coaching an active trajectory), for the filter. */
	trainers: { id: string; name: string }[];
	months: MonthCount[];
}

/**
 * The trajectories the member may see (HR: the whole company), narrowed by the
 * filters: a condition on the trajectory table under the alias `t`. The dashboard
 * queries apply it to the base table (never as `in (select … from a CTE)`, which the
 * planner cannot probe with an index).
 */
function filtered(ctx: RequestContext, filters: DashboardFilters): RawBuilder<SqlBool> {
	const conditions = [visibleTrajectories(ctx)];
	if (filters.route) conditions.push(sql<SqlBool>`t.route = ${filters.route}`);
	if (filters.trainerId) {
		conditions.push(sql<SqlBool>`exists (select 1 from trajectory_trainer tt
			where tt.company_id = t.company_id and tt.trajectory_id = t.id
			  and tt.user_id = ${filters.trainerId})`);
	}
	return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

/** Whether the filters leave the whole company (HR without filters). */
function wholeCompany(ctx: RequestContext, filters: DashboardFilters): boolean {
	return ctx.roles.includes('hr') && !filters.route && !filters.trainerId;
}

const zero = (): CountPair => ({ learners: 0, trajectories: 0 });

/** Learners and trajectories by route and by status: one grouping-sets query. */
async function composition(db: DB, ctx: RequestContext, filters: DashboardFilters) {
	const rows = await sql<{
		route: TrajectoryRoute | null;
		status: TrajectoryStatus | null;
		g: number;
		learners: number;
		trajectories: number;
	}>`
		select t.route, t.status, grouping(t.route, t.status)::int as g,
			count(distinct t.learner_id)::int as learners, count(*)::int as trajectories
		from trajectory t
		where t.company_id = ${ctx.company.id} and ${filtered(ctx, filters)}
		group by grouping sets ((t.route, t.status), (t.route), (t.status), ())`.execute(db);
	const byRouteStatus = Object.fromEntries(
		ROUTES.map((r) => [r, Object.fromEntries(STATUSES.map((s) => [s, zero()]))])
	) as Dashboard['byRouteStatus'];
	const byRoute = Object.fromEntries(ROUTES.map((r) => [r, zero()])) as Dashboard['byRoute'];
	const byStatus = Object.fromEntries(STATUSES.map((s) => [s, zero()])) as Dashboard['byStatus'];
	let total = zero();
	for (const { route, status, g, learners, trajectories } of rows.rows) {
		const pair = { learners, trajectories };
		// grouping(): 0 = (route, status), 1 = (route), 2 = (status), 3 = ()
		if (g === 0) byRouteStatus[route!][status!] = pair;
		else if (g === 1) byRoute[route!] = pair;
		else if (g === 2) byStatus[status!] = pair;
		else total = pair;
	}
	return { byRouteStatus, byRoute, byStatus, total };
}

/**
 * Everything that needs the progress of the active trajectories, read once in a CTE
 * from the maintained summary (trajectory_progress): the distribution over progress
 * buckets, the stalled list and the caseloads. The only other joins look up the (at
 * most STALLED_LIST_MAX) listed rows and the company's trainers.
 */
async function progressFigures(db: DB, ctx: RequestContext, filters: DashboardFilters) {
	const c = ctx.company.id;
	const row = await sql<{
		distribution: { bucket: number; trajectories: number }[];
		stalled_count: number;
		stalled: {
			id: string;
			learner_name: string;
			title: string;
			trainers: string[];
			covered: number;
			total: number;
			last_assessed_on: string | null;
		}[];
		caseloads: { id: string; name: string; active: number; stalled: number }[];
	}>`
		with p as materialized (
			select t.id as trajectory_id, t.start_date, ${progressColumns}
			from trajectory t ${joinProgress}
			where t.company_id = ${c} and t.status = 'active' and ${filtered(ctx, filters)}
		),
		coached as (
			select x.trajectory_id, bool_or(x.stalled) as stalled,
				array_agg(x.user_id) filter (where x.user_id is not null) as trainer_ids
			from (
				select p.trajectory_id, p.stalled, null::uuid as user_id from p
				union all
				select tt.trajectory_id, null, tt.user_id
				from trajectory_trainer tt where tt.company_id = ${c}
			) x
			group by x.trajectory_id
			having bool_or(x.stalled is not null)
		),
		caseload as (
			select u.user_id, count(*)::int as active,
				(count(*) filter (where coached.stalled))::int as stalled
			from coached cross join lateral unnest(coached.trainer_ids) as u(user_id)
			group by u.user_id
		),
		-- At most STALLED_LIST_MAX rows, each looked up by primary key.
		longest_stalled as (
			select p.trajectory_id, p.covered, p.total, p.last_assessed_on, p.since
			from p
			where p.stalled
			order by since, p.trajectory_id
			limit ${STALLED_LIST_MAX}
		)
		select
			(select coalesce(json_agg(json_build_object('bucket', d.bucket, 'trajectories', d.n)
					order by d.bucket), '[]'::json)
				from (
					select case when p.total > 0 and p.covered >= p.total then 4
							when p.total = 0 then 0
							else (4 * p.covered) / p.total end as bucket,
						count(*)::int as n
					from p group by 1
				) d) as distribution,
			(select count(*)::int from p where p.stalled) as stalled_count,
			(select coalesce(json_agg(s order by s.since, s.learner_name, s.id), '[]'::json) from (
				select ls.trajectory_id as id, x.learner_name, x.title, ls.covered, ls.total,
					ls.last_assessed_on, ls.since,
					coalesce((select array_agg(u.name order by u.name)
						from trajectory_trainer tt join app_user u on u.id = tt.user_id
						where tt.company_id = ${c} and tt.trajectory_id = ls.trajectory_id), '{}') as trainers
				from longest_stalled ls
				cross join lateral (
					select l.name as learner_name, t.title
					from trajectory t
					join learner l on l.company_id = t.company_id and l.id = t.learner_id
					where t.company_id = ${c} and t.id = ls.trajectory_id
				) x
			) s) as stalled,
			(select coalesce(json_agg(r order by r.name, r.id), '[]'::json) from (
				select u.id, u.name, coalesce(cl.active, 0) as active, coalesce(cl.stalled, 0) as stalled
				from membership m
				join app_user u on u.id = m.user_id
				left join caseload cl on cl.user_id = m.user_id
				where m.company_id = ${c}
				  and (('trainer' = any(m.roles) and m.deactivated_at is null) or cl.user_id is not null)
			) r) as caseloads`.execute(db);
	const r = row.rows[0];
	const counts = new Map(r.distribution.map((d) => [d.bucket, d.trajectories]));
	const trainers = r.caseloads.map((t) => ({ id: t.id, name: t.name }));
	const all = r.caseloads
		.filter((t) => !filters.trainerId || t.id === filters.trainerId)
		.map((t) => ({ trainerId: t.id, name: t.name, active: t.active, stalled: t.stalled }));
	const caseloads = [...all]
		.sort((a, b) => b.active - a.active || b.stalled - a.stalled || a.name.localeCompare(b.name))
		.slice(0, CASELOAD_LIST_MAX);
	return {
		distribution: PROGRESS_BUCKETS.map((bucket) => ({
			bucket,
			trajectories: counts.get(bucket) ?? 0
		})),
		stalled: {
			count: r.stalled_count,
			items: r.stalled.map((s) => ({
				id: s.id,
				learnerName: s.learner_name,
				title: s.title,
				trainers: s.trainers,
				covered: s.covered,
				total: s.total,
				lastAssessedOn: s.last_assessed_on
			}))
		},
		caseloads,
		caseloadCount: all.length,
		trainers
	};
}

/** Assessments per month (by who judged) for the last MONTHS months, empty months included. */
async function assessmentsPerMonth(
	db: DB,
	ctx: RequestContext,
	filters: DashboardFilters
): Promise<MonthCount[]> {
	const rows = await sql<MonthCount>`
		with bounds as (
			select date_trunc('month', current_date::timestamp)::date as this_month
		),
		months as (
			select (b.this_month - make_interval(months => g))::date as month
			from bounds b, generate_series(0, ${MONTHS - 1}::int) g
		),
		counts as (${
			wholeCompany(ctx, filters)
				? // The whole company: the counts maintained per month (migration 0010).
					sql`
			select am.month, am.assessor_kind, am.assessments as n
			from assessment_month am, bounds b
			where am.company_id = ${ctx.company.id}
			  and am.month >= (b.this_month - make_interval(months => ${MONTHS - 1}::int))::date
			  and am.month <= b.this_month`
				: sql`
			select date_trunc('month', a.assessed_on::timestamp)::date as month, a.assessor_kind,
				count(*)::int as n
			from assessment a, bounds b
			where a.company_id = ${ctx.company.id}
			  and a.assessed_on >= (b.this_month - make_interval(months => ${MONTHS - 1}::int))::date
			  and a.assessed_on < (b.this_month + interval '1 month')::date
			  and exists (select 1 from trajectory t
				where t.company_id = a.company_id and t.id = a.trajectory_id
				  and ${filtered(ctx, filters)})
			group by 1, 2`
		}
		)
		select to_char(m.month, 'YYYY-MM') as month,
			coalesce(sum(c.n) filter (where c.assessor_kind = 'trainer'), 0)::int as trainer,
			coalesce(sum(c.n) filter (where c.assessor_kind = 'self'), 0)::int as self,
			coalesce(sum(c.n) filter (where c.assessor_kind = 'school'), 0)::int as school,
			coalesce(sum(c.n), 0)::int as total
		from months m left join counts c on c.month = m.month
		group by m.month
		order by m.month`.execute(db);
	return rows.rows;
}

/** The HR dashboard's figures for the company, narrowed by the filters. */
export async function hrDashboard(
	db: DB,
	ctx: RequestContext,
	filters: DashboardFilters = NO_FILTERS
): Promise<Dashboard> {
	const [counts, progress, months] = await Promise.all([
		composition(db, ctx, filters),
		progressFigures(db, ctx, filters),
		assessmentsPerMonth(db, ctx, filters)
	]);
	return { filters, ...counts, ...progress, months };
}
