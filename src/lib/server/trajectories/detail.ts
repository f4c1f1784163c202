import { sql } from 'kysely';
import type { DB } from '../db';
import { jsonRows } from '../db/json';
import type { RequestContext } from '../auth/context';
import { isUuid } from '../errors';
import { permissionsOf, visibleTrajectories } from './access';
import { stalledColumn, type TrajectoryProgress } from './progress';
import { achievementsOf } from './achievements';
import { readerOf, recordRead } from '../privacy/access-log';

export interface WorkProcessProgress {
	id: number;
	code: string;
	title: string;
	official: { level: number; on: string; by: string | null; comment: string | null } | null;
	self: { level: number; on: string; comment: string | null } | null;
	school: { level: number; on: string; by: string | null; comment: string | null } | null;
	exemption: { basis: string; reference: string | null; on: string } | null;
	assessments: number;
}

export interface CoreTaskProgress {
	code: string;
	title: string;
	workProcesses: WorkProcessProgress[];
	covered: number;
	total: number;
}

/** What getTrajectory reads per target work process (a JSON array in its statement). */
interface WorkProcessRow {
	id: number;
	code: string;
	title: string;
	core_task_code: string;
	core_task_title: string;
	official: WorkProcessProgress['official'];
	self: WorkProcessProgress['self'];
	school: WorkProcessProgress['school'];
	exemption: WorkProcessProgress['exemption'];
	assessments: number;
}

/**
 * One trajectory with progress per core task and work process, or null (→ 404): one
 * statement. The trajectory row is read only where the member may see it
 * (visibleTrajectories); its trainers, summary, target qualification and work processes
 * come with it (the work processes as a JSON array, in the qualification's order).
 */
export async function getTrajectory(db: DB, ctx: RequestContext, id: string) {
	if (!isUuid(id)) return null;
	const t = await db
		.selectFrom('trajectory as t')
		.innerJoin('learner as l', (j) =>
			j.onRef('l.company_id', '=', 't.company_id').onRef('l.id', '=', 't.learner_id')
		)
		.leftJoin('trajectory_progress as tp', (j) =>
			j.onRef('tp.company_id', '=', 't.company_id').onRef('tp.trajectory_id', '=', 't.id')
		)
		.selectAll('t')
		.select([
			'l.name as learner_name',
			'l.user_id as learner_user_id',
			sql<{ id: string; name: string }[]>`coalesce((
				select json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name)
				from trajectory_trainer tt join app_user u on u.id = tt.user_id
				where tt.company_id = t.company_id and tt.trajectory_id = t.id), '[]')`.as('trainers'),
			// The qualification it works toward: its target, or the certificate's qualification.
			sql<number | null>`coalesce(t.qualification_id,
				(select c.qualification_id from certificate c where c.id = t.certificate_id))`.as(
				'target_qualification_id'
			),
			sql<number | null>`tp.total`.as('p_total'),
			sql<number | null>`tp.competent`.as('p_competent'),
			sql<number | null>`tp.exempt`.as('p_exempt'),
			sql<string | null>`tp.last_assessed_on`.as('p_last_assessed_on'),
			stalledColumn.as('p_stalled'),
			jsonRows(sql<WorkProcessRow>`
				select wp.id, wp.code, wp.title, ct.code as core_task_code, ct.title as core_task_title,
					(select json_build_object('level', a.level, 'on', a.assessed_on, 'by', u.name, 'comment', a.comment)
						from assessment a left join app_user u on u.id = a.assessed_by
						where a.company_id = tw.company_id and a.trajectory_id = tw.trajectory_id
						  and a.work_process_id = wp.id and a.assessor_kind = 'trainer'
						order by a.assessed_on desc, a.id desc limit 1) as official,
					(select json_build_object('level', a.level, 'on', a.assessed_on, 'comment', a.comment)
						from assessment a
						where a.company_id = tw.company_id and a.trajectory_id = tw.trajectory_id
						  and a.work_process_id = wp.id and a.assessor_kind = 'self'
						order by a.assessed_on desc, a.id desc limit 1) as self,
					(select json_build_object('level', a.level, 'on', a.assessed_on, 'by', a.assessor_name, 'comment', a.comment)
						from assessment a
						where a.company_id = tw.company_id and a.trajectory_id = tw.trajectory_id
						  and a.work_process_id = wp.id and a.assessor_kind = 'school'
						order by a.assessed_on desc, a.id desc limit 1) as school,
					(select json_build_object('basis', e.basis, 'reference', e.reference, 'on', e.granted_on)
						from exemption e
						where e.company_id = tw.company_id and e.trajectory_id = tw.trajectory_id
						  and e.work_process_id = wp.id) as exemption,
					(select count(*)::int from assessment a
						where a.company_id = tw.company_id and a.trajectory_id = tw.trajectory_id
						  and a.work_process_id = wp.id) as assessments
				from trajectory_work_process tw
				join work_process wp on wp.id = tw.work_process_id
				join core_task ct on ct.id = wp.core_task_id
				where tw.company_id = t.company_id and tw.trajectory_id = t.id
				order by ct.qualification_id is not null, ct.position, wp.position`).as('work_processes')
		])
		.where(visibleTrajectories(ctx))
		.where('t.id', '=', id)
		.executeTakeFirst();
	if (!t) return null;
	const trainers = t.trainers;
	const progress: TrajectoryProgress = {
		trajectoryId: t.id,
		total: t.p_total ?? 0,
		competent: t.p_competent ?? 0,
		exempt: t.p_exempt ?? 0,
		covered: (t.p_competent ?? 0) + (t.p_exempt ?? 0),
		lastAssessedOn: t.p_last_assessed_on,
		stalled: t.p_stalled
	};

	const coreTasks: CoreTaskProgress[] = [];
	for (const r of t.work_processes) {
		let ct = coreTasks.at(-1);
		if (!ct || ct.code !== r.core_task_code) {
			ct = {
				code: r.core_task_code,
				title: r.core_task_title,
				workProcesses: [],
				covered: 0,
				total: 0
			};
			coreTasks.push(ct);
		}
		ct.workProcesses.push({
			id: r.id,
			code: r.code,
			title: r.title,
			official: r.official,
			self: r.self,
			school: r.school,
			exemption: r.exemption,
			assessments: r.assessments
		});
		ct.total++;
		if (r.exemption || r.official?.level === 3) ct.covered++;
	}
	const isTrainer = trainers.some((tr) => tr.id === ctx.user.id);
	return {
		trajectory: {
			id: t.id,
			title: t.title,
			route: t.route,
			status: t.status,
			school: t.school,
			startDate: t.start_date,
			plannedEndDate: t.planned_end_date,
			learnerName: t.learner_name,
			learnerId: t.learner_id,
			qualificationId: t.qualification_id,
			certificateId: t.certificate_id,
			targetQualificationId: t.target_qualification_id
		},
		trainers,
		coreTasks,
		progress,
		can: permissionsOf(ctx, { isTrainer, learnerUserId: t.learner_user_id })
	};
}

/** The qualification a trajectory works toward: its target, or the certificate's qualification. */
export async function targetQualificationId(
	db: DB,
	trajectory: { qualificationId: number | null; certificateId: number | null }
): Promise<number | null> {
	if (trajectory.qualificationId) return trajectory.qualificationId;
	if (!trajectory.certificateId) return null;
	const cert = await db
		.selectFrom('certificate')
		.select('qualification_id')
		.where('id', '=', trajectory.certificateId)
		.executeTakeFirst();
	return cert?.qualification_id ?? null;
}

/**
 * The trajectory page's data (routes/(app)/o/[company]/trajecten/[id]), or null (→ 404):
 * the trajectory (getTrajectory, one statement), the learner's achievements
 * (achievementsOf, one statement) and, for HR or a trainer, the record of this read (one
 * insert): at most three statements. The query-count test runs exactly this.
 */
export async function trajectoryPageData(db: DB, ctx: RequestContext, id: string, path?: string) {
	const detail = await getTrajectory(db, ctx, id);
	if (!detail) return null;
	const { learnerId, targetQualificationId } = detail.trajectory;
	const [achievements] = await Promise.all([
		achievementsOf(db, ctx.company.id, learnerId, targetQualificationId),
		recordRead(db, readerOf(ctx), { trajectoryId: detail.trajectory.id }, 'trajectory', path)
	]);
	return { ...detail, ...achievements };
}
