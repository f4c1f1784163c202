import type { DB } from '../db';
import type { TrajectoryRoute, TrajectoryStatus } from '../db/schema';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import { DomainError, isUuid } from '../errors';

export const ROUTES: TrajectoryRoute[] = [
	'bbl_diploma',
	'mbo_certificate',
	'practice_statement',
	'branch_certificate',
	'informal'
];
export const STATUSES: TrajectoryStatus[] = ['active', 'paused', 'completed', 'stopped'];

/** HR pauses, completes, stops or reactivates a trajectory. */
export async function setTrajectoryStatus(
	db: DB,
	ctx: RequestContext,
	id: string,
	status: TrajectoryStatus
): Promise<void> {
	if (!ctx.roles.includes('hr')) throw new DomainError('not_allowed');
	if (!isUuid(id)) throw new DomainError('trajectory_not_found');
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
