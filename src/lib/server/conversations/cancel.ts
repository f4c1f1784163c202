import { sql } from 'kysely';
import { m } from '../../paraglide/messages';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import type { DB } from '../db';
import { DomainError } from '../errors';
import type { Mail } from '../mail';
import { deliverNow, enqueueMail } from '../mail/outbox';
import { formatDateTime } from '../../i18n';
import { conversationForChange, conversationLink, learnerMailbox, userMailbox } from './load';

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
		const out: Mail[] = [];
		const { to, email, locale } = await learnerMailbox(trx, ctx.company.id, a.learner_id);
		if (email) {
			out.push({
				to: email,
				subject: m.conv_mail_cancelled_subject({ template: a.template_name }, { locale }),
				// Cancelled by the trainer who holds it ("je praktijkopleider") or someone else.
				text: (a.trainer_user_id === ctx.user.id
					? m.conv_mail_cancelled_own_body
					: m.conv_mail_cancelled_body)(
					{
						name: to.name,
						actor: ctx.user.name,
						template: a.template_name,
						other: a.trainer_name ?? '–',
						when: formatDateTime(a.planned_at, locale),
						link
					},
					{ locale }
				)
			});
		}
		const trainer = await userMailbox(trx, a.trainer_user_id);
		if (trainer && trainer.id !== ctx.user.id) {
			out.push({
				to: trainer.email,
				subject: m.conv_mail_cancelled_subject(
					{ template: a.template_name },
					{ locale: trainer.locale }
				),
				text: m.conv_mail_cancelled_body(
					{
						name: trainer.name,
						actor: ctx.user.name,
						template: a.template_name,
						other: a.learner_name,
						when: formatDateTime(a.planned_at, trainer.locale),
						link
					},
					{ locale: trainer.locale }
				)
			});
		}
		return enqueueMail(trx, 'conversation', out);
	});
	await deliverNow(db, mails);
}
