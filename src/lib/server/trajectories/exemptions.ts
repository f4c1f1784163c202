import type { DB } from '../db';
import type { ExemptionBasis } from '../db/schema';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import { DomainError } from '../errors';
import { trajectoryAccess } from './access';
import { once, type FormToken } from '../once';

export const EXEMPTION_BASES: ExemptionBasis[] = [
	'experience_certificate',
	'earlier_diploma',
	'practice_statement',
	'other'
];

export interface ExemptionInput {
	workProcessIds: number[];
	basis: ExemptionBasis;
	reference?: string | null;
	grantedOn: string;
}

export interface ExemptionItem {
	id: string;
	workProcessId: number;
	code: string;
	title: string;
	basis: ExemptionBasis;
	reference: string | null;
	grantedOn: string;
	recordedBy: string | null;
	createdAt: Date;
}

/** The trajectory if the member may record or remove its exemptions: its trainers and HR. */
async function exemptableTrajectory(db: DB, ctx: RequestContext, trajectoryId: string) {
	const access = await trajectoryAccess(db, ctx, trajectoryId);
	if (!access) throw new DomainError('trajectory_not_found');
	if (!access.can.assess && !access.can.manage) throw new DomainError('not_allowed');
	return access;
}

/**
 * Marks work processes of a trajectory as recognised from prior learning (evc, an
 * earlier diploma, a practice statement elsewhere): basis, reference, date and who
 * recorded it. Exempt work processes count as covered.
 */
export async function recordExemptions(
	db: DB,
	ctx: RequestContext,
	trajectoryId: string,
	input: ExemptionInput,
	token?: FormToken
): Promise<number> {
	const access = await exemptableTrajectory(db, ctx, trajectoryId);
	const ids = [...new Set(input.workProcessIds)];
	if (!ids.length) throw new DomainError('work_processes_required', 'workProcessIds');
	if (ids.some((id) => !access.target.has(id))) {
		throw new DomainError('work_process_not_in_target', 'workProcessIds');
	}
	return db.transaction().execute((trx) =>
		// A double submit answers with the first one's count, before `already_exempt`.
		once(trx, ctx.user.id, `exemption:${trajectoryId}`, token, async () => {
			if (ids.some((id) => access.exempt.has(id))) {
				throw new DomainError('already_exempt', 'workProcessIds');
			}
			const inserted = await trx
				.insertInto('exemption')
				.values(
					ids.map((id) => ({
						company_id: ctx.company.id,
						trajectory_id: trajectoryId,
						work_process_id: id,
						basis: input.basis,
						reference: input.reference?.trim() || null,
						granted_on: input.grantedOn,
						recorded_by: ctx.user.id
					}))
				)
				// Another trainer may have recorded the same work process a moment ago.
				.onConflict((oc) =>
					oc.columns(['company_id', 'trajectory_id', 'work_process_id']).doNothing()
				)
				.returning(['id', 'work_process_id'])
				.execute();
			await auditAs(trx, ctx, {
				action: 'exemption.recorded',
				entityType: 'trajectory',
				entityId: trajectoryId,
				data: {
					workProcessIds: inserted.map((r) => r.work_process_id),
					basis: input.basis,
					reference: input.reference?.trim() || null,
					grantedOn: input.grantedOn
				}
			});
			return inserted.length;
		})
	);
}

/** Removes an exemption recorded by mistake (a trainer of the trajectory or HR), audited. */
export async function removeExemption(
	db: DB,
	ctx: RequestContext,
	trajectoryId: string,
	exemptionId: string
): Promise<void> {
	await exemptableTrajectory(db, ctx, trajectoryId);
	await db.transaction().execute(async (trx) => {
		const removed = await trx
			.deleteFrom('exemption')
			.where('company_id', '=', ctx.company.id)
			.where('trajectory_id', '=', trajectoryId)
			.where('id', '=', exemptionId)
			.returning(['work_process_id', 'basis', 'reference', 'granted_on', 'recorded_by'])
			.executeTakeFirst();
		if (!removed) throw new DomainError('exemption_not_found');
		await auditAs(trx, ctx, {
			action: 'exemption.removed',
			entityType: 'exemption',
			entityId: exemptionId,
			data: {
				trajectoryId,
				workProcessId: removed.work_process_id,
				basis: removed.basis,
				reference: removed.reference,
				grantedOn: removed.granted_on,
				recordedBy: removed.recorded_by
			}
		});
	});
}

/** The exemptions of a trajectory the member may see, in target order; null (→ 404) otherwise. */
export async function listExemptions(
	db: DB,
	ctx: RequestContext,
	trajectoryId: string
): Promise<ExemptionItem[] | null> {
	if (!(await trajectoryAccess(db, ctx, trajectoryId))) return null;
	const rows = await db
		.selectFrom('exemption as e')
		.innerJoin('work_process as wp', 'wp.id', 'e.work_process_id')
		.innerJoin('core_task as ct', 'ct.id', 'wp.core_task_id')
		.leftJoin('app_user as u', 'u.id', 'e.recorded_by')
		.select([
			'e.id',
			'e.work_process_id',
			'wp.code',
			'wp.title',
			'e.basis',
			'e.reference',
			'e.granted_on',
			'e.created_at',
			'u.name as recorded_by_name'
		])
		.where('e.company_id', '=', ctx.company.id)
		.where('e.trajectory_id', '=', trajectoryId)
		.orderBy((eb) => eb('ct.qualification_id', 'is not', null))
		.orderBy('ct.position')
		.orderBy('wp.position')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		workProcessId: r.work_process_id,
		code: r.code,
		title: r.title,
		basis: r.basis,
		reference: r.reference,
		grantedOn: r.granted_on,
		recordedBy: r.recorded_by_name,
		createdAt: r.created_at
	}));
}
