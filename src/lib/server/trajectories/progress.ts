import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db';

/** The four steps of the scale: 0 not started · 1 developing · 2 nearly there · 3 competent. */
export const LEVELS = [0, 1, 2, 3] as const;
export const COMPETENT = 3;
/** An active trajectory without any assessment for this many days is stalled. */
export const STALLED_DAYS = 90;

export interface TrajectoryProgress {
	trajectoryId: string;
	total: number;
	covered: number;
	competent: number;
	exempt: number;
	lastAssessedOn: string | null;
	stalled: boolean;
}

/**
 * Which trajectories' rows a progress query reads: a predicate on a trajectory-id
 * column (`= any(ids)`), or null for every trajectory of the company (dashboards).
 */
export type TrajectoryScope = ((column: RawBuilder<unknown>) => RawBuilder<SqlBool>) | null;

/** The trajectories with these ids. */
export const trajectoryIds =
	(ids: string[]): TrajectoryScope =>
	(column) =>
		sql<SqlBool>`${column} = any(${ids}::uuid[])`;

function inScope(scope: TrajectoryScope, column: string): RawBuilder<SqlBool> {
	return scope ? scope(sql.ref(column)) : sql<SqlBool>`true`;
}

/**
 * The covered work processes of the trajectories in scope, one row per (trajectory,
 * work process): the trainer's latest judgement is competent, or it is exempt (with
 * `exempt` telling which). The single definition of "covered" that every progress
 * figure builds on. Assessments and exemptions reference the trajectory's target work
 * processes (foreign keys), so every row here is part of the target.
 */
function coveredWorkProcesses(companyId: string, scope: TrajectoryScope) {
	return sql`
		select x.trajectory_id, x.work_process_id, bool_or(x.exempt) as exempt
		from (
			select latest.trajectory_id, latest.work_process_id, false as exempt
			from (
				select distinct on (a.trajectory_id, a.work_process_id)
					a.trajectory_id, a.work_process_id, a.level
				from assessment a
				where a.company_id = ${companyId} and a.assessor_kind = 'trainer'
				  and ${inScope(scope, 'a.trajectory_id')}
				order by a.trajectory_id, a.work_process_id, a.assessed_on desc, a.id desc
			) latest
			where latest.level = ${COMPETENT}
			union all
			select e.trajectory_id, e.work_process_id, true
			from exemption e
			where e.company_id = ${companyId} and ${inScope(scope, 'e.trajectory_id')}
		) x
		group by x.trajectory_id, x.work_process_id`;
}

export interface ProgressRow {
	trajectory_id: string;
	start_date: string;
	total: number;
	competent: number;
	exempt: number;
	covered: number;
	last_assessed_on: string | null;
	stalled: boolean;
}

/**
 * A select with the progress of `trajectories` (a select of `id, status, start_date`
 * from trajectory), one row per trajectory (see ProgressRow): run it, or use it as a
 * CTE in a larger aggregate (the HR dashboard). `scope` narrows what is read.
 *
 * Built without joins: the facts (the trajectory itself, its target work processes,
 * covered work processes, last assessment) are stacked with UNION ALL and summed per
 * trajectory. A join between these sets needs good row estimates to be planned well;
 * on freshly written rows without statistics (PGlite has no autovacuum) the planner
 * chose nested loops that took minutes for 70 trajectories.
 */
export function progressSelect(
	companyId: string,
	trajectories: RawBuilder<unknown>,
	scope: TrajectoryScope
): RawBuilder<ProgressRow> {
	return sql<ProgressRow>`
		with facts as (
			select t.id as trajectory_id, true as listed, t.status, t.start_date,
				0 as target, 0 as covered, 0 as exempt, null::date as assessed_on
			from (${trajectories}) t
			union all
			select tw.trajectory_id, false, null, null, 1, 0, 0, null
			from trajectory_work_process tw
			where tw.company_id = ${companyId} and ${inScope(scope, 'tw.trajectory_id')}
			union all
			select c.trajectory_id, false, null, null, 0, 1, case when c.exempt then 1 else 0 end, null
			from (${coveredWorkProcesses(companyId, scope)}) c
			union all
			select a.trajectory_id, false, null, null, 0, 0, 0, max(a.assessed_on)
			from assessment a
			where a.company_id = ${companyId} and ${inScope(scope, 'a.trajectory_id')}
			group by a.trajectory_id
		)
		select trajectory_id,
			to_char(max(start_date), 'YYYY-MM-DD') as start_date,
			sum(target)::int as total,
			(sum(covered) - sum(exempt))::int as competent,
			sum(exempt)::int as exempt,
			sum(covered)::int as covered,
			to_char(max(assessed_on), 'YYYY-MM-DD') as last_assessed_on,
			coalesce(bool_or(status = 'active')
				and coalesce(max(assessed_on), max(start_date)) < current_date - ${STALLED_DAYS}::int,
				false) as stalled
		from facts
		group by trajectory_id
		having bool_or(listed)`;
}

/**
 * Progress of many trajectories in one query: per trajectory the number of target work
 * processes, how many are covered (trainer's latest judgement competent, or exempt),
 * the last assessment date and whether it is stalled. `companyId` scopes everything.
 */
export async function progressOf(
	db: DB,
	companyId: string,
	ids: string[]
): Promise<Map<string, TrajectoryProgress>> {
	if (!ids.length) return new Map();
	const result = await progressSelect(
		companyId,
		sql`select id, status, start_date from trajectory
			where company_id = ${companyId} and id = any(${ids}::uuid[])`,
		trajectoryIds(ids)
	).execute(db);
	return new Map(
		result.rows.map((r) => [
			r.trajectory_id,
			{
				trajectoryId: r.trajectory_id,
				total: r.total,
				covered: r.covered,
				competent: r.competent,
				exempt: r.exempt,
				lastAssessedOn: r.last_assessed_on,
				stalled: r.stalled
			}
		])
	);
}

export interface CoreTaskSummary {
	code: string;
	title: string;
	covered: number;
	total: number;
}

/**
 * Progress per core task of several trajectories in one query (the learner home shows
 * it for each of the learner's trajectories), in the order of the qualification:
 * basisdeel first, then the profiel, each by position.
 */
export async function coreTaskProgressOf(
	db: DB,
	companyId: string,
	ids: string[]
): Promise<Map<string, CoreTaskSummary[]>> {
	const byTrajectory = new Map<string, CoreTaskSummary[]>(ids.map((id) => [id, []]));
	if (!ids.length) return byTrajectory;
	const result = await sql<{
		trajectory_id: string;
		code: string;
		title: string;
		covered: number;
		total: number;
	}>`
		with covered as materialized (${coveredWorkProcesses(companyId, trajectoryIds(ids))})
		select tw.trajectory_id, ct.code, ct.title,
			count(c.work_process_id)::int as covered,
			count(*)::int as total
		from trajectory_work_process tw
		join work_process wp on wp.id = tw.work_process_id
		join core_task ct on ct.id = wp.core_task_id
		left join covered c
			on c.trajectory_id = tw.trajectory_id and c.work_process_id = tw.work_process_id
		where tw.company_id = ${companyId} and tw.trajectory_id = any(${ids}::uuid[])
		group by tw.trajectory_id, ct.id, ct.code, ct.title, ct.qualification_id, ct.position
		order by tw.trajectory_id, ct.qualification_id is not null, ct.position, ct.code`.execute(db);
	for (const r of result.rows) {
		byTrajectory
			.get(r.trajectory_id)
			?.push({ code: r.code, title: r.title, covered: r.covered, total: r.total });
	}
	return byTrajectory;
}
