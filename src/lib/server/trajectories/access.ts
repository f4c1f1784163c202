import { sql, type Expression, type SqlBool } from 'kysely';
import type { RequestContext } from '../auth/context';

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
