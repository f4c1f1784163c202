import { sql } from 'kysely';
import { m } from '../../paraglide/messages';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import type { DB } from '../db';
import { DomainError } from '../errors';
import type { Mail } from '../mail';
import { deliverNow, enqueueMail } from '../mail/outbox';
import { formatDateTime } from '../../i18n';
import { amsterdamMomentSql } from '../../time';
import { trainersQuery } from '../trajectories/people';
import { conversationForChange, conversationLink, learnerMailbox, userMailbox } from './load';

/**
 * The trainer or HR moves a planned conversation (date, time, trainer). `version` is
 * the conversation version the form was loaded with: a change in between (another
 * reschedule, a signature, a cancellation) → 'conversation_conflict', nothing written.
 * The learner and the trainers (the new and the previous one) are told by mail who moved it.
 */
export async function rescheduleConversation(
	db: DB,
	ctx: RequestContext,
	id: string,
	input: { plannedDate: string; plannedTime: string; trainerId: string; version: number },
	origin: string
): Promise<void> {
	const mails = await db.transaction().execute(async (trx) => {
		const a = await conversationForChange(trx, ctx, id, { by: 'trainer_or_hr', state: 'planned' });
		const trainer = await trainersQuery(trx, ctx.company.id)
			.select(['u.id', 'u.name'])
			.where('m.user_id', '=', input.trainerId)
			.executeTakeFirst();
		if (!trainer) throw new DomainError('trainer_unknown', 'trainerId');
		const row = await trx
			.updateTable('conversation')
			.set({
				planned_at: amsterdamMomentSql(input.plannedDate, input.plannedTime) as never,
				trainer_user_id: trainer.id,
				version: sql`version + 1`,
				updated_at: new Date()
			})
			.where('company_id', '=', ctx.company.id)
			.where('id', '=', id)
			.where('status', '=', 'planned')
			.where('version', '=', input.version)
			.returning('planned_at')
			.executeTakeFirst();
		if (!row) throw new DomainError('conversation_conflict');
		// Reminders follow the new date.
		await trx
			.deleteFrom('conversation_reminder')
			.where('company_id', '=', ctx.company.id)
			.where('kind', '=', 'conversation')
			.where('item_id', '=', id)
			.execute();
		await auditAs(trx, ctx, {
			action: 'conversation.rescheduled',
			entityType: 'conversation',
			entityId: id,
			data: { plannedAt: row.planned_at, trainerId: trainer.id }
		});
		// The learner, the trainer who holds it now and the one who held it before (each
		// unless they moved it themselves) hear who moved it.
		const link = conversationLink(origin, ctx.company.slug, id);
		const out: Mail[] = [];
		const { to, email, locale } = await learnerMailbox(trx, ctx.company.id, a.learner_id);
		if (email) {
			out.push({
				to: email,
				subject: m.conv_mail_moved_subject({ template: a.template_name }, { locale }),
				text: (trainer.id === ctx.user.id ? m.conv_mail_moved_own_body : m.conv_mail_moved_body)(
					{
						name: to.name,
						actor: ctx.user.name,
						template: a.template_name,
						when: formatDateTime(row.planned_at, locale),
						other: trainer.name,
						link
					},
					{ locale }
				)
			});
		}
		const trainers = new Set([trainer.id, a.trainer_user_id]);
		for (const userId of trainers) {
			const t = await userMailbox(trx, userId);
			if (!t || t.id === ctx.user.id) continue;
			out.push({
				to: t.email,
				subject: m.conv_mail_moved_subject({ template: a.template_name }, { locale: t.locale }),
				text: (t.id === trainer.id ? m.conv_mail_moved_body : m.conv_mail_moved_away_body)(
					{
						name: t.name,
						actor: ctx.user.name,
						template: a.template_name,
						when: formatDateTime(row.planned_at, t.locale),
						other: a.learner_name,
						trainer: trainer.name,
						link
					},
					{ locale: t.locale }
				)
			});
		}
		return enqueueMail(trx, 'conversation', out);
	});
	await deliverNow(db, mails);
}
