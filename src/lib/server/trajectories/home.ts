import { sql } from 'kysely';
import type { DB } from '../db';
import type { RequestContext } from '../auth/context';
import { memberSummary } from '../accounts/members';
import { hrDashboard, type DashboardFilters } from './dashboard';
import { relatedForLearner } from './achievements';
import { coreTaskProgressOf } from './progress';
import { listTrajectories, pageOfTrajectories } from './list';

/**
 * The data of the three home pages, one function each, so that the page loads and the
 * query-count test (tests/integration/query-count.test.ts) run exactly the same
 * queries. Each makes a fixed number of queries, whatever the amount of data.
 */

/** Learner home: own trajectories with overall progress and progress per core task (3 queries). */
export async function learnerHome(db: DB, ctx: RequestContext) {
	// A learner only ever sees their own trajectories, also when they hold other roles.
	const own = await listTrajectories(db, { ...ctx, roles: ['learner'] });
	const coreTasks = await coreTaskProgressOf(
		db,
		ctx.company.id,
		own.map((t) => t.id)
	);
	return own.map((t) => ({ ...t, coreTasks: coreTasks.get(t.id) ?? [] }));
}

/** Trainer home: a page of the trajectories the trainer coaches, with progress (2 queries). */
export async function trainerHome(db: DB, ctx: RequestContext, page = 1) {
	return pageOfTrajectories(db, ctx, page, { onlyMine: true });
}

/** HR home: member counts and the dashboard (4 queries, side by side). */
export async function hrHome(db: DB, ctx: RequestContext, filters: DashboardFilters) {
	const [summary, dashboard] = await Promise.all([
		memberSummary(db, ctx),
		hrDashboard(db, ctx, filters)
	]);
	return { summary, dashboard };
}

export interface FeedbackItem {
	trajectoryId: string;
	trajectoryTitle: string;
	code: string;
	title: string;
	level: number;
	kind: 'trainer' | 'school';
	by: string | null;
	on: string;
	comment: string | null;
}

/**
 * The learner home's side panels: the latest judgements and comments of trainers and
 * school assessors (what changed lately, feedback), and related qualifications the
 * learner already covers in part. Three queries whatever the history's size.
 */
export async function learnerFeed(db: DB, ctx: RequestContext) {
	const learner = await db
		.selectFrom('learner')
		.select('id')
		.where('company_id', '=', ctx.company.id)
		.where('user_id', '=', ctx.user.id)
		.executeTakeFirst();
	if (!learner) return { recent: [] as FeedbackItem[], related: [] };
	const [recent, related] = await Promise.all([
		sql<FeedbackItem>`
			select t.id as "trajectoryId", t.title as "trajectoryTitle", wp.code, wp.title, a.level,
				a.assessor_kind as kind, coalesce(a.assessor_name, u.name) as by,
				to_char(a.assessed_on, 'YYYY-MM-DD') as "on", a.comment
			from assessment a
			join trajectory t on t.company_id = a.company_id and t.id = a.trajectory_id
			join work_process wp on wp.id = a.work_process_id
			left join app_user u on u.id = a.assessed_by
			where a.company_id = ${ctx.company.id} and t.learner_id = ${learner.id}
			  and a.assessor_kind in ('trainer', 'school')
			order by a.assessed_on desc, a.id desc
			limit 8`.execute(db),
		relatedForLearner(db, ctx.company.id, learner.id, 3)
	]);
	return { recent: recent.rows, related };
}
