import type { DB } from '../db';
import type { RequestContext } from '../auth/context';
import { memberSummary } from '../accounts/members';
import { hrDashboard, type DashboardFilters } from './dashboard';
import { coreTaskProgressOf } from './progress';
import { listTrajectories } from './trajectories';

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

/** Trainer home: the trajectories the trainer coaches, with progress (2 queries). */
export async function trainerHome(db: DB, ctx: RequestContext) {
	return listTrajectories(db, ctx, { onlyMine: true });
}

/** HR home: member counts and the dashboard (4 queries, side by side). */
export async function hrHome(db: DB, ctx: RequestContext, filters: DashboardFilters) {
	const [summary, dashboard] = await Promise.all([
		memberSummary(db, ctx),
		hrDashboard(db, ctx, filters)
	]);
	return { summary, dashboard };
}
