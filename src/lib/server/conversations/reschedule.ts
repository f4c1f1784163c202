import { sql } from 'kysely';
import { m } from '../../paraglide/messages';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import type { DB } from '../db';
import { DomainError } from '../errors';
import { deliverNow, enqueueMail } from '../mail/outbox';
import { formatDateTime } from '../../i18n';
import { amsterdamMomentSql } from '../../time';
import { trainersQuery } from '../trajectories/people';
import { changeMails, conversationForChange, conversationLink } from './load';

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
		const out = await changeMails(
			trx,
			ctx,
			a.learner_id,
			[trainer.id, a.trainer_user_id],
			(to) => ({
				subject: m.conv_mail_moved_subject({ template: a.template_name }, { locale: to.locale }),
				// to the learner: by their trainer or someone else; to a trainer: theirs now, or away
				text: (to.learner
					? trainer.id === ctx.user.id
						? m.conv_mail_moved_own_body
						: m.conv_mail_moved_body
					: to.userId === trainer.id
						? m.conv_mail_moved_body
						: m.conv_mail_moved_away_body)(
					{
						name: to.name,
						actor: ctx.user.name,
						template: a.template_name,
						when: formatDateTime(row.planned_at, to.locale),
						other: to.learner ? trainer.name : a.learner_name,
						trainer: trainer.name,
						link
					},
					{ locale: to.locale }
				)
			})
		);
		return enqueueMail(trx, 'conversation', out);
	});
	await deliverNow(db, mails);
}
