import { sql } from 'kysely';
import type { DB } from '../db';
import { jsonRows } from '../db/json';
import type { RequestContext } from '../auth/context';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { memberSummaryQuery, toMemberSummary } from '../accounts/members';
import { openActionsQuery, toOpenActions } from '../culture/plan';
import { hrDashboard, type DashboardFilters } from './dashboard';
import { coveredSql, relatedSql, type RelatedForLearner } from './achievements';
import { listTrajectories, pageOfTrajectories } from './list';

/**
 * The data of the three home pages, one function each, so that the page loads and the
 * query-count test (tests/integration/query-count.test.ts) run exactly the same
 * queries. Each makes a fixed number of queries, whatever the amount of data.
 */

/** Learner home: own trajectories with overall progress and progress per core task (1 statement). */
export async function learnerHome(db: DB, ctx: RequestContext) {
	// A learner only ever sees their own trajectories, also when they hold other roles.
	const own = await listTrajectories(db, { ...ctx, roles: ['learner'] }, { coreTasks: true });
	return own.map((t) => ({ ...t, coreTasks: t.coreTasks ?? [] }));
}

/** Trainer home: a page of the trajectories the trainer coaches, with progress (1 statement). */
export async function trainerHome(db: DB, ctx: RequestContext, page = 1) {
	return pageOfTrajectories(db, ctx, page, { onlyMine: true });
}

/**
 * HR home: member counts, the open actions of the learning-culture plan and the dashboard
 * (4 statements, side by side: the counts and the actions in one, the dashboard's three).
 */
export async function hrHome(db: DB, ctx: RequestContext, filters: DashboardFilters) {
	const [row, dashboard] = await Promise.all([
		db
			.selectNoFrom([
				jsonObjectFrom(memberSummaryQuery(db, ctx)).as('summary'),
				jsonArrayFrom(openActionsQuery(db, ctx)).as('actions')
			])
			.executeTakeFirstOrThrow(),
		hrDashboard(db, ctx, filters)
	]);
	return {
		summary: toMemberSummary(row.summary!),
		cultureActions: toOpenActions(row.actions),
		dashboard
	};
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
 * learner already covers in part. One statement whatever the history's size: the learner
 * is looked up in it (`me`), the two lists come back as JSON arrays.
 */
export async function learnerFeed(db: DB, ctx: RequestContext) {
	const me = sql`(select id from me)`;
	const row = (
		await sql<{ recent: FeedbackItem[]; related: RelatedForLearner[] }>`
			with me as (
				select id from learner where company_id = ${ctx.company.id} and user_id = ${ctx.user.id}
			)
			select
				${jsonRows(sql`
					select t.id as "trajectoryId", t.title as "trajectoryTitle", wp.code, wp.title, a.level,
						a.assessor_kind as kind, coalesce(a.assessor_name, u.name) as by,
						to_char(a.assessed_on, 'YYYY-MM-DD') as "on", a.comment
					from assessment a
					join trajectory t on t.company_id = a.company_id and t.id = a.trajectory_id
					join work_process wp on wp.id = a.work_process_id
					left join app_user u on u.id = a.assessed_by
					where a.company_id = ${ctx.company.id} and t.learner_id = ${me}
					  and a.assessor_kind in ('trainer', 'school')
					order by a.assessed_on desc, a.id desc
					limit 8`)} as recent,
				${jsonRows(relatedSql(sql`(${coveredSql(ctx.company.id, me)})`, ctx.company.id, me, 3))} as related
			from me`.execute(db)
	).rows[0];
	return row ?? { recent: [] as FeedbackItem[], related: [] as RelatedForLearner[] };
}
