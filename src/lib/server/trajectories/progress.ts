import { sql } from 'kysely';
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
 * Progress of many trajectories in one query: per trajectory the number of target work
 * processes, how many are covered (trainer's latest judgement competent, or exempt),
 * the last assessment date and whether it is stalled. `companyId` scopes everything.
 */
export async function progressOf(
	db: DB,
	companyId: string,
	trajectoryIds: string[]
): Promise<Map<string, TrajectoryProgress>> {
	if (!trajectoryIds.length) return new Map();
	const result = await sql<{
		trajectory_id: string;
		total: number;
		competent: number;
		exempt: number;
		covered: number;
		last_assessed_on: string | null;
		stalled: boolean;
	}>`
		with target as (
			select tw.trajectory_id, tw.work_process_id
			from trajectory_work_process tw
			where tw.company_id = ${companyId} and tw.trajectory_id = any(${trajectoryIds}::uuid[])
		),
		official as (
			select distinct on (a.trajectory_id, a.work_process_id)
				a.trajectory_id, a.work_process_id, a.level
			from assessment a
			where a.company_id = ${companyId} and a.trajectory_id = any(${trajectoryIds}::uuid[])
			  and a.assessor_kind = 'trainer'
			order by a.trajectory_id, a.work_process_id, a.assessed_on desc, a.id desc
		),
		per_wp as (
			select target.trajectory_id,
				coalesce(o.level, 0) = ${COMPETENT} as competent,
				e.id is not null as exempt
			from target
			left join official o using (trajectory_id, work_process_id)
			left join exemption e on e.company_id = ${companyId}
				and e.trajectory_id = target.trajectory_id and e.work_process_id = target.work_process_id
		),
		last_assessment as (
			select a.trajectory_id, max(a.assessed_on) as last_assessed_on
			from assessment a
			where a.company_id = ${companyId} and a.trajectory_id = any(${trajectoryIds}::uuid[])
			group by a.trajectory_id
		)
		select t.id as trajectory_id,
			count(p.trajectory_id)::int as total,
			(count(*) filter (where p.competent and not p.exempt))::int as competent,
			(count(*) filter (where p.exempt))::int as exempt,
			(count(*) filter (where p.competent or p.exempt))::int as covered,
			to_char(la.last_assessed_on, 'YYYY-MM-DD') as last_assessed_on,
			(t.status = 'active' and coalesce(la.last_assessed_on, t.start_date)
				< current_date - ${STALLED_DAYS}::int) as stalled
		from trajectory t
		left join per_wp p on p.trajectory_id = t.id
		left join last_assessment la on la.trajectory_id = t.id
		where t.company_id = ${companyId} and t.id = any(${trajectoryIds}::uuid[])
		group by t.id, t.status, t.start_date, la.last_assessed_on`.execute(db);
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
