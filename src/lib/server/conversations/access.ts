import { sql, type Expression, type SqlBool } from 'kysely';
import type { TemplateContent } from '../../schemas/conversations';
import type { RequestContext } from '../auth/context';

/**
 * Who may see a conversation — the one rule, used by every list and every page:
 *   - the learner: their own (learner.user_id);
 *   - a trainer: conversations of learners they coach (a trainer of one of the
 *     learner's trajectories) and those they hold themselves;
 *   - HR: all of the company's, but in a restricted view (see viewOf);
 *   - advisers and admins never (they are no members: the guard answers 404).
 * Always inside ctx.company. `c` must be the alias of the conversation table.
 */
export function visibleConversations(ctx: RequestContext): Expression<SqlBool> {
	const parts = [];
	if (ctx.roles.includes('hr')) parts.push(sql`true`);
	if (ctx.roles.includes('trainer')) parts.push(coaches(ctx));
	if (ctx.roles.includes('learner')) parts.push(isOwn(ctx));
	if (!parts.length) return sql<SqlBool>`false`;
	return sql<SqlBool>`c.company_id = ${ctx.company.id} and (${sql.join(parts, sql` or `)})`;
}

/** The asking member coaches the conversation's learner (or holds this conversation). */
export function coaches(ctx: RequestContext) {
	return sql<boolean>`(c.trainer_user_id = ${ctx.user.id} or exists (
		select 1 from trajectory t
		join trajectory_trainer tt on tt.company_id = t.company_id and tt.trajectory_id = t.id
		where t.company_id = c.company_id and t.learner_id = c.learner_id
		  and tt.user_id = ${ctx.user.id}))`;
}

/** The conversation is the asking member's own (they are its learner). */
export function isOwn(ctx: RequestContext) {
	return sql<boolean>`exists (select 1 from learner l
		where l.company_id = c.company_id and l.id = c.learner_id and l.user_id = ${ctx.user.id})`;
}

/**
 * The learners whose conversation history a member may open — the same people
 * visibleConversations shows conversations of: HR every learner of the company, a
 * trainer those they coach or hold a conversation with, a learner themselves. `l` must
 * be the alias of the learner table.
 */
export function visibleLearners(ctx: RequestContext): Expression<SqlBool> {
	const parts = [];
	if (ctx.roles.includes('hr')) parts.push(sql`true`);
	if (ctx.roles.includes('trainer')) {
		parts.push(sql`exists (select 1 from trajectory t
			join trajectory_trainer tt on tt.company_id = t.company_id and tt.trajectory_id = t.id
			where t.company_id = l.company_id and t.learner_id = l.id and tt.user_id = ${ctx.user.id})`);
		parts.push(sql`exists (select 1 from conversation c
			where c.company_id = l.company_id and c.learner_id = l.id
			  and c.trainer_user_id = ${ctx.user.id})`);
	}
	if (ctx.roles.includes('learner')) parts.push(sql`l.user_id = ${ctx.user.id}`);
	if (!parts.length) return sql<SqlBool>`false`;
	return sql<SqlBool>`l.company_id = ${ctx.company.id} and (${sql.join(parts, sql` or `)})`;
}

/** How a member sees one conversation they may see. */
export type Viewer = 'learner' | 'trainer' | 'hr';

export function viewerOf(
	ctx: RequestContext,
	flags: { isLearner: boolean; isTrainer: boolean }
): Viewer | null {
	if (flags.isLearner && ctx.roles.includes('learner')) return 'learner';
	if (flags.isTrainer && ctx.roles.includes('trainer')) return 'trainer';
	if (ctx.roles.includes('hr')) return 'hr';
	return null;
}

/**
 * The sections a viewer may read: participants all of them, HR only those the
 * template opens to HR (visibleToHr).
 */
export function sectionsFor(viewer: Viewer, content: TemplateContent): TemplateContent {
	if (viewer !== 'hr') return content;
	return { sections: content.sections.filter((s) => s.visibleToHr) };
}
