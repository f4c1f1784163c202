import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import type { DB } from '../db';
import { DomainError } from '../errors';
import { once, type FormToken } from '../once';
import { assertEditable, bump, conversationForChange, learnerWorkProcessIds } from './load';

export interface ActionInput {
	description: string;
	ownerRole: 'learner' | 'trainer' | 'hr';
	dueDate: string | null;
	workProcessId: number | null;
}

/** The trainer adds an agreed action (until someone signed). */
export async function addAction(
	db: DB,
	ctx: RequestContext,
	id: string,
	input: ActionInput,
	token?: FormToken
): Promise<string> {
	return db.transaction().execute(async (trx) => {
		const a = await conversationForChange(trx, ctx, id, { by: 'trainer' });
		return once(trx, ctx.user.id, `conversation_action:${id}`, token, async () => {
			// Inside once: a resubmit of an action already added answers with its id.
			assertEditable(a);
			if (input.workProcessId) {
				const wps = await learnerWorkProcessIds(trx, ctx.company.id, a.learner_id);
				if (!wps.has(input.workProcessId)) {
					throw new DomainError('work_process_unknown', 'workProcessId');
				}
			}
			const row = await trx
				.insertInto('conversation_action')
				.values({
					company_id: ctx.company.id,
					conversation_id: id,
					learner_id: a.learner_id,
					description: input.description,
					owner_role: input.ownerRole,
					due_date: input.dueDate || null,
					work_process_id: input.workProcessId || null,
					created_by: ctx.user.id
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await bump(trx, ctx, id);
			return row.id;
		});
	});
}

/** The trainer removes an action of this conversation (until someone signed). */
export async function removeAction(
	db: DB,
	ctx: RequestContext,
	id: string,
	actionId: string
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await conversationForChange(trx, ctx, id, { by: 'trainer', state: 'editable' });
		const r = await trx
			.deleteFrom('conversation_action')
			.where('company_id', '=', ctx.company.id)
			.where('conversation_id', '=', id)
			.where('id', '=', actionId)
			.executeTakeFirst();
		if (!r.numDeletedRows) throw new DomainError('conversation_not_found');
		await bump(trx, ctx, id);
	});
}

/**
 * Marks an action done (or open again): learner, trainer or HR who can see the
 * conversation `id` the action belongs to or is carried into. Follow-up is not part
 * of the signed record, so it is allowed after signing too.
 */
export async function setActionDone(
	db: DB,
	ctx: RequestContext,
	id: string,
	actionId: string,
	done: boolean
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const a = await conversationForChange(trx, ctx, id, { by: 'viewer' });
		const r = await trx
			.updateTable('conversation_action')
			.set({ done_at: done ? new Date() : null, done_by: done ? ctx.user.id : null })
			.where('company_id', '=', ctx.company.id)
			.where('id', '=', actionId)
			// an action of this conversation or of an earlier one of the same learner
			.where('learner_id', '=', a.learner_id)
			.executeTakeFirst();
		if (!r.numUpdatedRows) throw new DomainError('conversation_not_found');
		await auditAs(trx, ctx, {
			action: done ? 'conversation_action.done' : 'conversation_action.reopened',
			entityType: 'conversation_action',
			entityId: actionId
		});
	});
}
