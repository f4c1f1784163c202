import { sql, type Expression, type SqlBool } from 'kysely';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import { isUuid } from '../errors';

/**
 * Which trajectories a member may see: HR all of the company's; a trainer those they
 * are assigned to; a learner their own. Roles add up. Always inside ctx.company.
 * `t` must be the alias of the trajectory table in the calling query.
 */
export function visibleTrajectories(ctx: RequestContext): Expression<SqlBool> {
	if (ctx.roles.includes('hr')) return sql<SqlBool>`t.company_id = ${ctx.company.id}`;
	const parts = [];
	if (ctx.roles.includes('trainer')) {
		parts.push(sql`exists (select 1 from trajectory_trainer tt
			where tt.company_id = t.company_id and tt.trajectory_id = t.id and tt.user_id = ${ctx.user.id})`);
	}
	if (ctx.roles.includes('learner')) {
		parts.push(sql`exists (select 1 from learner l
			where l.company_id = t.company_id and l.id = t.learner_id and l.user_id = ${ctx.user.id})`);
	}
	if (!parts.length) return sql<SqlBool>`false`;
	return sql<SqlBool>`t.company_id = ${ctx.company.id} and (${sql.join(parts, sql` or `)})`;
}

export interface TrajectoryPermissions {
	/** A trainer of this trajectory: records judgements, evidence, exemptions. */
	assess: boolean;
	/** The learner themselves: self-assessment and evidence. */
	selfAssess: boolean;
	/** HR: status, exemptions, certificates. */
	manage: boolean;
}

export function permissionsOf(
	ctx: RequestContext,
	trajectory: { isTrainer: boolean; learnerUserId: string | null }
): TrajectoryPermissions {
	return {
		assess: trajectory.isTrainer,
		selfAssess: trajectory.learnerUserId === ctx.user.id,
		manage: ctx.roles.includes('hr')
	};
}

export interface TrajectoryAccess {
	id: string;
	learnerId: string;
	can: TrajectoryPermissions;
	/** The target work processes, and those of them that are exempt. */
	target: Set<number>;
	exempt: Set<number>;
}

/**
 * What a mutation needs to know about a trajectory, in one query: whether the member
 * may see it (else null → 404), what they may do, and its target. Much lighter than
 * getTrajectory, which builds the whole progress view.
 */
export async function trajectoryAccess(
	db: DB,
	ctx: RequestContext,
	trajectoryId: string
): Promise<TrajectoryAccess | null> {
	if (!isUuid(trajectoryId)) return null;
	const row = await db
		.selectFrom('trajectory as t')
		.innerJoin('learner as l', (j) =>
			j.onRef('l.company_id', '=', 't.company_id').onRef('l.id', '=', 't.learner_id')
		)
		.select([
			't.id',
			't.learner_id',
			'l.user_id as learner_user_id',
			sql<boolean>`exists (select 1 from trajectory_trainer tt
				where tt.company_id = t.company_id and tt.trajectory_id = t.id
				  and tt.user_id = ${ctx.user.id})`.as('is_trainer'),
			sql<number[]>`array(select tw.work_process_id from trajectory_work_process tw
				where tw.company_id = t.company_id and tw.trajectory_id = t.id)`.as('target'),
			sql<number[]>`array(select e.work_process_id from exemption e
				where e.company_id = t.company_id and e.trajectory_id = t.id)`.as('exempt')
		])
		.where(visibleTrajectories(ctx))
		.where('t.id', '=', trajectoryId)
		.executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		learnerId: row.learner_id,
		can: permissionsOf(ctx, { isTrainer: row.is_trainer, learnerUserId: row.learner_user_id }),
		target: new Set(row.target),
		exempt: new Set(row.exempt)
	};
}
