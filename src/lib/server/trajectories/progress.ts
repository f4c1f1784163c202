import { sql, type RawBuilder } from 'kysely';

/** The four steps of the scale: 0 not started · 1 developing · 2 nearly there · 3 competent. */
export const LEVELS = [0, 1, 2, 3] as const;
export const COMPETENT = 3;
/** An active trajectory without an official assessment (trainer or school; never a self-assessment) for this many days is stalled. */
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

/** Whether trajectory `t` with its summary `tp` is stalled (see progressColumns). */
export const stalledColumn = sql<boolean>`(t.status = 'active'
	and coalesce(tp.last_assessed_on, t.start_date) < current_date - ${STALLED_DAYS}::int)`;

/**
 * The progress columns of trajectory `t` joined with its maintained summary `tp`
 * (table trajectory_progress, kept up to date by database triggers in the same
 * transaction as every assessment, exemption and target change; see migration 0009).
 * "Covered" is defined once, in the database view covered_work_process (migration 0013,
 * read per trajectory through the function covered_work_processes): the
 * trainer's latest judgement is competent, or the work process is exempt. Stalled
 * depends on today, so it is derived here: active, and no assessment (or, never
 * assessed, the start) for STALLED_DAYS days.
 */
export const progressColumns = sql`tp.total, tp.competent, tp.exempt,
	(tp.competent + tp.exempt) as covered, tp.last_assessed_on,
	coalesce(tp.last_assessed_on, t.start_date) as since,
	${stalledColumn} as stalled`;

/** Whether trajectory `t` is stalled, read from its summary (for filters). */
export const isStalled = sql<boolean>`exists (select 1 from trajectory_progress tp
	where tp.company_id = t.company_id and tp.trajectory_id = t.id and ${stalledColumn})`;

/** Joins the summary `tp` of trajectory `t` (every trajectory has one). */
export const joinProgress = sql`join trajectory_progress tp
	on tp.company_id = t.company_id and tp.trajectory_id = t.id`;

export interface CoreTaskSummary {
	code: string;
	title: string;
	covered: number;
	total: number;
}

/**
 * Progress per core task, in the order of the qualification (basisdeel first, then the
 * profiel, each by position): per trajectory in `ids` (an SQL uuid[]) and core task,
 * the covered and total target work processes; `covered` is the relation of
 * covered_work_processes for these trajectories.
 */
function coreTaskRows(
	companyId: string | RawBuilder<unknown>,
	ids: RawBuilder<unknown>,
	covered: RawBuilder<unknown>
) {
	return sql`
		select tw.trajectory_id, ct.code, ct.title,
			count(c.work_process_id)::int as covered,
			count(*)::int as total
		from trajectory_work_process tw
		join work_process wp on wp.id = tw.work_process_id
		join core_task ct on ct.id = wp.core_task_id
		left join ${covered} c
			on c.trajectory_id = tw.trajectory_id and c.work_process_id = tw.work_process_id
		where tw.company_id = ${companyId} and tw.trajectory_id = any(${ids})
		group by tw.trajectory_id, ct.id, ct.code, ct.title, ct.qualification_id, ct.position
		order by tw.trajectory_id, ct.qualification_id is not null, ct.position, ct.code`;
}

/**
 * The progress per core task as a column of a query over trajectory `t` (its company and
 * id): a JSON array of CoreTaskSummary (the learner home and the conversation page read it
 * with their lists, in one statement).
 */
export const coreTasksColumn = sql<CoreTaskSummary[]>`(
	select coalesce(json_agg(json_build_object('code', x.code, 'title', x.title,
		'covered', x.covered, 'total', x.total)), '[]')
	from (${coreTaskRows(
		sql`t.company_id`,
		sql`array[t.id]`,
		sql`covered_work_processes(t.company_id, array[t.id])`
	)}) x)`;
