import { sql } from 'kysely';
import type { DB } from '../db';
import type { RequestContext } from '../auth/context';
import { isUuid } from '../errors';
import { permissionsOf, visibleTrajectories } from './access';
import { progressOf } from './progress';

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

/** One trajectory with progress per core task and work process, or null (→ 404). */
export async function getTrajectory(db: DB, ctx: RequestContext, id: string) {
	if (!isUuid(id)) return null;
	const t = await db
		.selectFrom('trajectory as t')
		.innerJoin('learner as l', (j) =>
			j.onRef('l.company_id', '=', 't.company_id').onRef('l.id', '=', 't.learner_id')
		)
		.selectAll('t')
		.select(['l.name as learner_name', 'l.user_id as learner_user_id'])
		.where(visibleTrajectories(ctx))
		.where('t.id', '=', id)
		.executeTakeFirst();
	if (!t) return null;

	const [trainers, rows, progress] = await Promise.all([
		db
			.selectFrom('trajectory_trainer as tt')
			.innerJoin('app_user as u', 'u.id', 'tt.user_id')
			.select(['u.id', 'u.name'])
			.where('tt.company_id', '=', ctx.company.id)
			.where('tt.trajectory_id', '=', id)
			.orderBy('u.name')
			.execute(),
		sql<{
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
		}>`
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
			where tw.company_id = ${ctx.company.id} and tw.trajectory_id = ${id}
			order by ct.qualification_id is not null, ct.position, wp.position`.execute(db),
		progressOf(db, ctx.company.id, [id])
	]);

	const coreTasks: CoreTaskProgress[] = [];
	for (const r of rows.rows) {
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
			certificateId: t.certificate_id
		},
		trainers,
		coreTasks,
		progress: progress.get(id)!,
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
