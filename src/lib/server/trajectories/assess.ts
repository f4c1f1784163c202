import type { DB } from '../db';
import type { AssessorKind } from '../db/schema';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import { DomainError } from '../errors';
import { trajectoryAccess } from './access';
import { createOnce, type FormToken } from '../once';

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
	return createOnce(db, ctx.user.id, `assessment:${trajectoryId}`, token, async (trx) => {
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
	});
}
