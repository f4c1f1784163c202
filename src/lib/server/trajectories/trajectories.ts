import { testHooks } from '../db/test-hooks';
import { sql } from 'kysely';
import type { DB } from '../db';
import type { AssessorKind, TrajectoryRoute, TrajectoryStatus } from '../db/schema';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import { DomainError, isUuid } from '../errors';
import { qualificationWorkProcesses } from '../qualifications/certificates';
import { permissionsOf, trajectoryAccess, visibleTrajectories } from './access';
import { isStalled, progressOf, type TrajectoryProgress } from './progress';
import { once, type FormToken } from '../once';
import { createInvitation } from '../accounts/invitations';
import { deliverNow } from '../mail/outbox';

export const ROUTES: TrajectoryRoute[] = [
	'bbl_diploma',
	'mbo_certificate',
	'practice_statement',
	'branch_certificate',
	'informal'
];
export const STATUSES: TrajectoryStatus[] = ['active', 'paused', 'completed', 'stopped'];

export interface NewTrajectoryInput {
	learnerId?: string | null;
	newLearnerName?: string | null;
	newLearnerEmail?: string | null;
	route: TrajectoryRoute;
	targetKind: 'qualification' | 'certificate';
	crebo?: string | null;
	certificateId?: number | null;
	school?: string | null;
	startDate: string;
	plannedEndDate?: string | null;
	trainerIds: string[];
}

/**
 * Learners of the company (with or without login), for pickers and lists: learner
 * records, plus active members with the learner role who have none yet (their id is
 * `user:<user id>`; a record is made when a trajectory is created for them).
 */
export async function listLearners(db: DB, ctx: RequestContext) {
	const [records, members] = await Promise.all([
		db
			.selectFrom('learner')
			.select(['id', 'name', 'email', 'user_id'])
			// The company filter; a test removes it to prove the second wall (test-hooks.ts).
			.$if(!testHooks.dropLearnerCompanyFilter, (q) => q.where('company_id', '=', ctx.company.id))
			.orderBy('name')
			.execute(),
		db
			.selectFrom('membership as m')
			.innerJoin('app_user as u', 'u.id', 'm.user_id')
			.select(['u.id', 'u.name', 'u.email'])
			.where('m.company_id', '=', ctx.company.id)
			.where('m.deactivated_at', 'is', null)
			.where(sql<boolean>`'learner' = any(m.roles)`)
			// eslint-disable-next-line @typescript-eslint/unbound-method -- Kysely's expression builder methods do not use `this`; destructuring them is its documented style
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('learner as l')
							.whereRef('l.company_id', '=', 'm.company_id')
							.whereRef('l.user_id', '=', 'm.user_id')
							.select(sql`1`.as('one'))
					)
				)
			)
			.execute()
	]);
	return [
		...records,
		...members.map((mb) => ({
			id: `user:${mb.id}`,
			name: mb.name,
			email: mb.email,
			user_id: mb.id
		}))
	].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** Active members with the trainer role, for assigning trainers. */
export async function listTrainers(db: DB, ctx: RequestContext) {
	return db
		.selectFrom('membership as m')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.select(['u.id', 'u.name'])
		.where('m.company_id', '=', ctx.company.id)
		.where('m.deactivated_at', 'is', null)
		.where(sql<boolean>`'trainer' = any(m.roles)`)
		.orderBy('u.name')
		.execute();
}

/**
 * The learner record of a member, created on first need: a member with the learner
 * role is a learner of the company, linked to their account.
 */
export async function learnerForMember(db: DB, companyId: string, userId: string) {
	const existing = await db
		.selectFrom('learner')
		.select(['id', 'name'])
		.where('company_id', '=', companyId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return existing ?? null;
}

/** HR starts a trajectory: learner (existing or new), route, target, school, dates, trainers. */
export async function createTrajectory(
	db: DB,
	ctx: RequestContext,
	input: NewTrajectoryInput,
	token?: FormToken
): Promise<string> {
	return (await create(db, ctx, input, token, null)).id;
}

/**
 * The trajectory form's create: as createTrajectory, and a new learner entered with an
 * email address that has no account in the company yet is invited (the invitation of
 * Medewerkers, role learner, queued in the outbox in the same transaction; accepting it
 * links the account to the learner). `invited`: the address invited, or null.
 */
export async function startTrajectory(
	db: DB,
	ctx: RequestContext,
	input: NewTrajectoryInput,
	origin: string,
	token?: FormToken
): Promise<{ id: string; invited: string | null }> {
	return create(db, ctx, input, token, origin);
}

async function create(
	db: DB,
	ctx: RequestContext,
	input: NewTrajectoryInput,
	token: FormToken,
	origin: string | null
): Promise<{ id: string; invited: string | null }> {
	let mails: number[] = [];
	const result = await db.transaction().execute((trx) =>
		once(trx, ctx.user.id, 'trajectory', token, async () => {
			let invited: string | null = null;
			let learnerId = input.learnerId ?? null;
			if (learnerId?.startsWith('user:')) {
				// A member with the learner role who has no learner record yet.
				const memberId = learnerId.slice(5);
				const member = isUuid(memberId)
					? await trx
							.selectFrom('membership as m')
							.innerJoin('app_user as u', 'u.id', 'm.user_id')
							.select(['u.id', 'u.name', 'u.email'])
							.where('m.company_id', '=', ctx.company.id)
							.where('m.user_id', '=', memberId)
							.where('m.deactivated_at', 'is', null)
							.executeTakeFirst()
					: undefined;
				if (!member) throw new DomainError('learner_unknown', 'learnerId');
				learnerId =
					(await learnerForMember(trx, ctx.company.id, member.id))?.id ??
					(
						await trx
							.insertInto('learner')
							.values({
								company_id: ctx.company.id,
								user_id: member.id,
								name: member.name,
								email: member.email,
								created_by: ctx.user.id
							})
							.returning('id')
							.executeTakeFirstOrThrow()
					).id;
			} else if (learnerId) {
				const learner = isUuid(learnerId)
					? await trx
							.selectFrom('learner')
							.select('id')
							.where('company_id', '=', ctx.company.id)
							.where('id', '=', learnerId)
							.executeTakeFirst()
					: undefined;
				if (!learner) throw new DomainError('learner_unknown', 'learnerId');
			} else {
				if (!input.newLearnerName) throw new DomainError('learner_required', 'learnerId');
				const email = input.newLearnerEmail?.trim() || null;
				// A colleague who already has an account in this company is linked to it.
				const member = email
					? await trx
							.selectFrom('membership as m')
							.innerJoin('app_user as u', 'u.id', 'm.user_id')
							.select('u.id')
							.where('m.company_id', '=', ctx.company.id)
							.where(sql`lower(u.email)`, '=', email.toLowerCase())
							.executeTakeFirst()
					: undefined;
				const existing = member ? await learnerForMember(trx, ctx.company.id, member.id) : null;
				learnerId =
					existing?.id ??
					(
						await trx
							.insertInto('learner')
							.values({
								company_id: ctx.company.id,
								name: input.newLearnerName,
								email,
								user_id: member?.id ?? null,
								created_by: ctx.user.id
							})
							.returning('id')
							.executeTakeFirstOrThrow()
					).id;
				if (email && !member && origin !== null) {
					mails = await createInvitation(trx, ctx, { email, roles: ['learner'] }, origin);
					invited = email;
				}
			}

			let title: string;
			let workProcessIds: number[];
			let qualificationId: number | null = null;
			let certificateId: number | null = null;
			if (input.targetKind === 'qualification') {
				const q = input.crebo
					? await trx
							.selectFrom('qualification as q')
							.innerJoin('qualification_dossier as d', 'd.id', 'q.dossier_id')
							.select(['q.id', 'q.title', 'q.crebo'])
							.where('q.crebo', '=', input.crebo)
							.where('d.superseded_at', 'is', null)
							.executeTakeFirst()
					: undefined;
				if (!q) throw new DomainError('qualification_unknown', 'crebo');
				qualificationId = q.id;
				title = `${q.title} (${q.crebo})`;
				workProcessIds = (await qualificationWorkProcesses(trx, q.id)).map((w) => w.id);
			} else {
				const cert = input.certificateId
					? await trx
							.selectFrom('certificate')
							.select(['id', 'title', 'code'])
							.where('id', '=', input.certificateId)
							.executeTakeFirst()
					: undefined;
				if (!cert) throw new DomainError('certificate_unknown', 'certificateId');
				certificateId = cert.id;
				title = `${cert.title} (${cert.code})`;
				workProcessIds = (
					await trx
						.selectFrom('certificate_work_process')
						.select('work_process_id')
						.where('certificate_id', '=', cert.id)
						.execute()
				).map((r) => r.work_process_id);
				if (!workProcessIds.length) throw new DomainError('certificate_unknown', 'certificateId');
			}

			const trainerIds = [...new Set(input.trainerIds)].filter(isUuid);
			const trainers = trainerIds.length
				? await trx
						.selectFrom('membership')
						.select('user_id')
						.where('company_id', '=', ctx.company.id)
						.where('user_id', 'in', trainerIds)
						.where('deactivated_at', 'is', null)
						.where(sql<boolean>`'trainer' = any(roles)`)
						.execute()
				: [];
			if (trainers.length !== input.trainerIds.length || !trainers.length) {
				throw new DomainError('trainer_required', 'trainerIds');
			}

			const trajectory = await trx
				.insertInto('trajectory')
				.values({
					company_id: ctx.company.id,
					learner_id: learnerId,
					route: input.route,
					target_kind: input.targetKind,
					qualification_id: qualificationId,
					certificate_id: certificateId,
					title,
					school: input.school || null,
					start_date: input.startDate,
					planned_end_date: input.plannedEndDate || null,
					created_by: ctx.user.id
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('trajectory_trainer')
				.values(
					trainers.map((t) => ({
						company_id: ctx.company.id,
						trajectory_id: trajectory.id,
						user_id: t.user_id
					}))
				)
				.execute();
			await trx
				.insertInto('trajectory_work_process')
				.values(
					workProcessIds.map((id) => ({
						company_id: ctx.company.id,
						trajectory_id: trajectory.id,
						work_process_id: id
					}))
				)
				.execute();
			await auditAs(trx, ctx, {
				action: 'trajectory.created',
				entityType: 'trajectory',
				entityId: trajectory.id,
				data: { route: input.route, title }
			});
			return { id: trajectory.id, invited };
		})
	);
	await deliverNow(db, mails);
	// A token stored before the result carried `invited` holds the id alone.
	return typeof result === 'string' ? { id: result, invited: null } : result;
}

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
	for (const trainerId of [opts.onlyMine ? ctx.user.id : null, opts.trainerId ?? null]) {
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
	const rows = await q
		.select((eb) => [
			't.id',
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
		.$if(!!opts.offset, (qb) => qb.offset(opts.offset!))
		.execute();
	const progress = await progressOf(
		db,
		ctx.company.id,
		rows.map((r) => r.id)
	);
	return rows.map((r) => ({
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
		progress: progress.get(r.id)!,
		totalCount: r.total_count
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

export interface AssessmentEntry {
	workProcessId: number;
	level: number;
	comment?: string | null;
}

/**
 * Records assessments (append-only). A trainer of the trajectory records their own
 * judgement ('trainer') or a school assessor's ('school', with the assessor's name); the
 * learner records a self-assessment ('self'). A work process outside the target is refused.
 */
export async function recordAssessments(
	db: DB,
	ctx: RequestContext,
	trajectoryId: string,
	input: {
		kind: AssessorKind;
		assessedOn: string;
		assessorName?: string | null;
		entries: AssessmentEntry[];
	},
	token?: FormToken
): Promise<number> {
	const access = await trajectoryAccess(db, ctx, trajectoryId);
	if (!access) throw new DomainError('trajectory_not_found');
	if (input.kind === 'self' ? !access.can.selfAssess : !access.can.assess) {
		throw new DomainError('not_allowed');
	}
	if (input.kind === 'school' && !input.assessorName)
		throw new DomainError('assessor_required', 'assessorName');
	const entries = input.entries.filter((e) => e.level >= 0 && e.level <= 3);
	if (!entries.length) throw new DomainError('assessment_required', 'entries');
	if (entries.some((e) => !access.target.has(e.workProcessId))) {
		throw new DomainError('work_process_not_in_target', 'entries');
	}
	return db.transaction().execute((trx) =>
		once(trx, ctx.user.id, `assessment:${trajectoryId}`, token, async () => {
			await trx
				.insertInto('assessment')
				.values(
					entries.map((e) => ({
						company_id: ctx.company.id,
						trajectory_id: trajectoryId,
						work_process_id: e.workProcessId,
						level: e.level,
						assessor_kind: input.kind,
						assessor_name: input.kind === 'school' ? input.assessorName : null,
						assessed_by: ctx.user.id,
						assessed_on: input.assessedOn,
						comment: e.comment || null
					}))
				)
				.execute();
			await auditAs(trx, ctx, {
				action: 'assessment.recorded',
				entityType: 'trajectory',
				entityId: trajectoryId,
				data: { kind: input.kind, count: entries.length }
			});
			return entries.length;
		})
	);
}

/** Current qualifications and certificates to choose a target from. */
export async function targetOptions(db: DB) {
	const [qualifications, certificates] = await Promise.all([
		db
			.selectFrom('qualification as q')
			.innerJoin('qualification_dossier as d', 'd.id', 'q.dossier_id')
			.select(['q.crebo', 'q.title', 'q.level'])
			.where('d.superseded_at', 'is', null)
			.orderBy('q.title')
			.execute(),
		db.selectFrom('certificate').select(['id', 'code', 'title']).orderBy('title').execute()
	]);
	return { qualifications, certificates };
}

/** HR pauses, completes, stops or reactivates a trajectory. */
export async function setTrajectoryStatus(
	db: DB,
	ctx: RequestContext,
	id: string,
	status: TrajectoryStatus
): Promise<void> {
	if (!ctx.roles.includes('hr')) throw new DomainError('not_allowed');
	if (!isUuid(id) || !STATUSES.includes(status)) throw new DomainError('trajectory_not_found');
	await db.transaction().execute(async (trx) => {
		const res = await trx
			.updateTable('trajectory')
			.set({ status, status_changed_at: new Date() })
			.where('company_id', '=', ctx.company.id)
			.where('id', '=', id)
			.executeTakeFirst();
		if (!res.numUpdatedRows) throw new DomainError('trajectory_not_found');
		await auditAs(trx, ctx, {
			action: 'trajectory.status_changed',
			entityType: 'trajectory',
			entityId: id,
			data: { status }
		});
	});
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
