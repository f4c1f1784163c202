import { sql } from 'kysely';
import type { DB } from '../db';
import type { TrajectoryRoute, TrajectoryStatus } from '../db/schema';
import type { RequestContext } from '../auth/context';
import { isUuid } from '../errors';
import { visibleTrajectories } from './access';
import {
	coreTasksColumn,
	isStalled,
	progressColumns,
	type CoreTaskSummary,
	type TrajectoryProgress
} from './progress';

export interface TrajectoryListItem {
	id: string;
	title: string;
	route: TrajectoryRoute;
	status: TrajectoryStatus;
	learnerId: string;
	learnerName: string;
	trainers: string[];
	school: string | null;
	startDate: string;
	plannedEndDate: string | null;
	progress: TrajectoryProgress;
	/** All trajectories matching the filters (for paging). */
	totalCount: number;
	/** Progress per core task, when asked for (`coreTasks`: the learner home). */
	coreTasks?: CoreTaskSummary[];
}

/** The trajectories the member may see (HR: all; trainer: own learners; learner: own). */
export async function listTrajectories(
	db: DB,
	ctx: RequestContext,
	opts: {
		status?: TrajectoryStatus | null;
		route?: TrajectoryRoute | null;
		/** Only trajectories this trainer coaches. */
		trainerId?: string | null;
		/** Only the trajectories the requesting member coaches (trainer home). */
		onlyMine?: boolean;
		/** Only stalled trajectories (active, no assessment for STALLED_DAYS). */
		stalled?: boolean;
		/** At most this many (default 500); null: all (the CSV export). */
		limit?: number | null;
		/** Skip this many (paging). */
		offset?: number;
		/** With each trajectory's progress per core task (coreTasksColumn), in the same statement. */
		coreTasks?: boolean;
	} = {}
): Promise<TrajectoryListItem[]> {
	if (opts.trainerId && !isUuid(opts.trainerId)) return [];
	let q = db
		.selectFrom('trajectory as t')
		.innerJoin('learner as l', (j) =>
			j.onRef('l.company_id', '=', 't.company_id').onRef('l.id', '=', 't.learner_id')
		)
		.where(visibleTrajectories(ctx));
	if (opts.status) q = q.where('t.status', '=', opts.status);
	if (opts.route) q = q.where('t.route', '=', opts.route);
	if (opts.stalled) q = q.where(isStalled);
	// A trainer filter, once per trainer: a member who is only a trainer already sees only
	// their own trajectories (visibleTrajectories), so "mine" adds nothing for them. The
	// same condition twice also misleads the planner (a cached generic plan cannot know
	// both ids are equal; on the trainer home it joined the caseload with itself: 9 → 40 ms).
	const trainerIds = new Set([opts.onlyMine ? ctx.user.id : null, opts.trainerId ?? null]);
	if (ctx.roles.length === 1 && ctx.roles[0] === 'trainer') trainerIds.delete(ctx.user.id);
	for (const trainerId of trainerIds) {
		if (!trainerId) continue;
		// eslint-disable-next-line @typescript-eslint/unbound-method -- Kysely's expression builder methods do not use `this`; destructuring them is its documented style
		q = q.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('trajectory_trainer as tt')
					.whereRef('tt.company_id', '=', 't.company_id')
					.whereRef('tt.trajectory_id', '=', 't.id')
					.where('tt.user_id', '=', trainerId)
					.select(sql`1`.as('one'))
			)
		);
	}
	const limit = opts.limit === undefined ? 500 : opts.limit;
	const page = q
		.select((eb) => [
			't.id',
			't.company_id',
			't.title',
			't.route',
			't.status',
			't.start_date',
			't.planned_end_date',
			't.school',
			'l.id as learner_id',
			'l.name as learner_name',
			eb.fn
				.coalesce(
					eb
						.selectFrom('trajectory_trainer as tt')
						.innerJoin('app_user as u', 'u.id', 'tt.user_id')
						.whereRef('tt.company_id', '=', 't.company_id')
						.whereRef('tt.trajectory_id', '=', 't.id')
						.select(sql<string[]>`array_agg(u.name order by u.name)`.as('a')),
					sql<string[]>`'{}'::text[]`
				)
				.as('trainers'),
			// The number of matching trajectories, for paging, in the same query.
			sql<number>`count(*) over ()`.as('total_count')
		])
		.orderBy('l.name')
		.orderBy('t.start_date', 'desc')
		.orderBy('t.id')
		.$if(limit !== null, (qb) => qb.limit(limit!))
		.$if(!!opts.offset, (qb) => qb.offset(opts.offset!));
	// The page's progress from the maintained summary (and, if asked, per core task), in
	// the same statement: joined to the page's rows only (after the limit), not to every
	// matching trajectory.
	const rows = await sql<{
		id: string;
		title: string;
		route: TrajectoryRoute;
		status: TrajectoryStatus;
		start_date: string;
		planned_end_date: string | null;
		school: string | null;
		learner_id: string;
		learner_name: string;
		trainers: string[];
		total_count: number;
		total: number | null;
		competent: number | null;
		exempt: number | null;
		covered: number | null;
		last_assessed_on: string | null;
		stalled: boolean;
		core_tasks?: CoreTaskSummary[];
	}>`
		select t.*, ${progressColumns}${opts.coreTasks ? sql`, ${coreTasksColumn} as core_tasks` : sql``}
		from (${page}) t
		left join trajectory_progress tp on tp.company_id = t.company_id and tp.trajectory_id = t.id
		order by t.learner_name, t.start_date desc, t.id`.execute(db);
	return rows.rows.map((r) => ({
		id: r.id,
		title: r.title,
		route: r.route,
		status: r.status,
		learnerId: r.learner_id,
		learnerName: r.learner_name,
		trainers: r.trainers,
		school: r.school,
		startDate: r.start_date,
		plannedEndDate: r.planned_end_date,
		progress: {
			trajectoryId: r.id,
			total: r.total ?? 0,
			covered: r.covered ?? 0,
			competent: r.competent ?? 0,
			exempt: r.exempt ?? 0,
			lastAssessedOn: r.last_assessed_on,
			stalled: r.stalled
		},
		totalCount: r.total_count,
		...(r.core_tasks ? { coreTasks: r.core_tasks } : {})
	}));
}

export const PAGE_SIZE = 50;

/** One page of trajectories (50), with the total for the pager. */
export async function pageOfTrajectories(
	db: DB,
	ctx: RequestContext,
	page: number,
	opts: Omit<Parameters<typeof listTrajectories>[2] & object, 'limit' | 'offset'> = {}
) {
	const current = Math.max(1, Math.min(100_000, Math.floor(page) || 1));
	const items = await listTrajectories(db, ctx, {
		...opts,
		limit: PAGE_SIZE,
		offset: (current - 1) * PAGE_SIZE
	});
	const total = items[0]?.totalCount ?? 0;
	return { items, total, page: current, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}
