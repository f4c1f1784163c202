import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db';
import type { TrajectoryRoute } from '../db/schema';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import { DomainError, isUuid } from '../errors';
import { qualificationWorkProcesses } from '../qualifications/certificates';
import { createOnce, type FormToken } from '../once';
import { createInvitation } from '../accounts/invitations';
import { deliverNow } from '../mail/outbox';
import { learnerForMember } from './people';

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
	const result = await createOnce(db, ctx.user.id, 'trajectory', token, async (trx) => {
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
	});
	await deliverNow(db, mails);
	// A token stored before the result carried `invited` holds the id alone.
	return typeof result === 'string' ? { id: result, invited: null } : result;
}

/** Current qualifications and certificates to choose a target from: one statement, two JSON arrays. */
export async function targetOptions(db: DB) {
	return db
		.selectNoFrom((eb) => [
			jsonArrayFrom(
				eb
					.selectFrom('qualification as q')
					.innerJoin('qualification_dossier as d', 'd.id', 'q.dossier_id')
					.select(['q.crebo', 'q.title', 'q.level'])
					.where('d.superseded_at', 'is', null)
					.orderBy('q.title')
			).as('qualifications'),
			jsonArrayFrom(
				eb.selectFrom('certificate').select(['id', 'code', 'title']).orderBy('title')
			).as('certificates')
		])
		.executeTakeFirstOrThrow();
}
