import { sql } from 'kysely';
import { m } from '../../paraglide/messages';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import type { DB } from '../db';
import { DomainError } from '../errors';
import { deliverNow, enqueueMail } from '../mail/outbox';
import { formatDateTime } from '../../i18n';
import { changeMails, conversationForChange, conversationLink } from './load';

/**
 * The trainer or HR cancels a planned conversation (the page asks for a confirmation
 * first). Both people who were invited are told by mail who cancelled it (the learner,
 * and the trainer unless they cancelled it themselves), through the outbox in the same
 * transaction. From then on it is listed as cancelled, never as held; its open actions
 * are no longer overdue anywhere (lists, reminders, the adviser's figures).
 */
export async function cancelConversation(
	db: DB,
	ctx: RequestContext,
	id: string,
	origin = ''
): Promise<void> {
	const mails = await db.transaction().execute(async (trx) => {
		// The state is checked by the update itself (planned only), so two cancels never both pass.
		const a = await conversationForChange(trx, ctx, id, { by: 'trainer_or_hr' });
		const r = await trx
			.updateTable('conversation')
			.set({ status: 'cancelled', version: sql`version + 1`, updated_at: new Date() })
			.where('company_id', '=', ctx.company.id)
			.where('id', '=', id)
			.where('status', '=', 'planned')
			.executeTakeFirst();
		if (!r.numUpdatedRows) throw new DomainError('conversation_locked');
		await auditAs(trx, ctx, {
			action: 'conversation.cancelled',
			entityType: 'conversation',
			entityId: id
		});
		const link = conversationLink(origin, ctx.company.slug, id);
		// Cancelled by the trainer who holds it ("je praktijkopleider") or someone else.
		const own = a.trainer_user_id === ctx.user.id;
		const out = await changeMails(trx, ctx, a.learner_id, [a.trainer_user_id], (to) => ({
			subject: m.conv_mail_cancelled_subject({ template: a.template_name }, { locale: to.locale }),
			text: (to.learner && own ? m.conv_mail_cancelled_own_body : m.conv_mail_cancelled_body)(
				{
					name: to.name,
					actor: ctx.user.name,
					template: a.template_name,
					other: to.learner ? (a.trainer_name ?? '–') : a.learner_name,
					when: formatDateTime(a.planned_at, to.locale),
					link
				},
				{ locale: to.locale }
			)
		}));
		return enqueueMail(trx, 'conversation', out);
	});
	await deliverNow(db, mails);
}
