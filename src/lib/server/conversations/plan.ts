import { sql } from 'kysely';
import type { Locale } from '../../paraglide/runtime';
import { m } from '../../paraglide/messages';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import type { DB } from '../db';
import { DomainError, isUuid } from '../errors';
import { createOnce, type FormToken } from '../once';
import type { Mail } from '../mail';
import { deliverNow, enqueueMail } from '../mail/outbox';
import { formatDateTime } from '../../i18n';
import { amsterdamMomentSql } from '../../time';
import { trainersQuery } from '../trajectories/people';
import { conversationLink, learnerMailbox } from './load';

/**
 * Learners a member may plan a conversation with: HR all, a trainer those they coach
 * (`only`: just this learner, to check a choice).
 */
export async function plannableLearners(db: DB, ctx: RequestContext, only?: string) {
	if (!ctx.roles.includes('hr') && !ctx.roles.includes('trainer')) return [];
	if (only !== undefined && !isUuid(only)) return [];
	let q = db
		.selectFrom('learner as l')
		.select(['l.id', 'l.name'])
		.where('l.company_id', '=', ctx.company.id)
		.orderBy('l.name');
	if (only !== undefined) q = q.where('l.id', '=', only);
	if (!ctx.roles.includes('hr')) {
		q = q.where(
			sql<boolean>`exists (select 1 from trajectory t
				join trajectory_trainer tt on tt.company_id = t.company_id and tt.trajectory_id = t.id
				where t.company_id = l.company_id and t.learner_id = l.id and tt.user_id = ${ctx.user.id})`
		);
	}
	return q.execute();
}

export interface PlanInput {
	learnerId: string;
	templateId: string;
	plannedDate: string;
	plannedTime: string;
	trainerId: string;
}

/**
 * Plans a conversation: learner (one the planner may plan for), the latest published
 * version of a template that is not archived, a date and time (Europe/Amsterdam) and
 * the trainer who holds it. The learner gets an email; the conversation is a task on
 * their home page.
 */
export async function planConversation(
	db: DB,
	ctx: RequestContext,
	input: PlanInput,
	origin: string,
	token?: FormToken
): Promise<string> {
	if (!ctx.roles.includes('hr') && !ctx.roles.includes('trainer')) {
		throw new DomainError('not_allowed');
	}
	let queued: Awaited<ReturnType<typeof enqueueMail>> = [];
	const id = await createOnce(db, ctx.user.id, 'conversation', token, async (trx) => {
		const learners = await plannableLearners(trx, ctx, input.learnerId);
		if (!learners.length) {
			throw new DomainError('learner_unknown', 'learnerId');
		}
		const version = await trx
			.selectFrom('conversation_template as t')
			.innerJoin('conversation_template_version as v', 'v.template_id', 't.id')
			.select(['v.id', 't.name'])
			.where('t.id', '=', input.templateId)
			.where((eb) =>
				eb.or([eb('t.company_id', 'is', null), eb('t.company_id', '=', ctx.company.id)])
			)
			.where('t.archived_at', 'is', null)
			.orderBy('v.number', 'desc')
			.limit(1)
			.executeTakeFirst();
		if (!version) throw new DomainError('template_not_found', 'templateId');
		const trainer = await trainersQuery(trx, ctx.company.id)
			.select(['u.id', 'u.name', 'u.email', 'u.locale'])
			.where('m.user_id', '=', input.trainerId)
			.executeTakeFirst();
		if (!trainer) throw new DomainError('trainer_unknown', 'trainerId');
		const plannedAt = amsterdamMomentSql(input.plannedDate, input.plannedTime);
		const row = await trx
			.insertInto('conversation')
			.values({
				company_id: ctx.company.id,
				learner_id: input.learnerId,
				trajectory_id: sql<string | null>`(select t.id from trajectory t
				where t.company_id = ${ctx.company.id} and t.learner_id = ${input.learnerId}
				order by t.status = 'active' desc, t.start_date desc limit 1)`,
				template_version_id: version.id,
				planned_at: plannedAt as never,
				trainer_user_id: trainer.id,
				created_by: ctx.user.id
			})
			.returning(['id', 'planned_at'])
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('conversation_answer')
			.values(
				(['learner', 'trainer', 'agreed'] as const).map((role) => ({
					company_id: ctx.company.id,
					conversation_id: row.id,
					role,
					updated_by: ctx.user.id
				}))
			)
			.execute();
		await auditAs(trx, ctx, {
			action: 'conversation.planned',
			entityType: 'conversation',
			entityId: row.id,
			data: { learnerId: input.learnerId, templateVersionId: version.id }
		});
		const { to, email, locale } = await learnerMailbox(trx, ctx.company.id, input.learnerId);
		const link = conversationLink(origin, ctx.company.slug, row.id);
		const mails: Mail[] = [];
		if (email) {
			mails.push({
				to: email,
				subject: m.conv_mail_planned_subject(
					{ template: version.name, company: ctx.company.name },
					{ locale }
				),
				// Says who planned it: the trainer themselves, or someone else (HR).
				text: (trainer.id === ctx.user.id ? m.conv_mail_planned_body : m.conv_mail_planned_by_body)(
					{
						name: to.name,
						template: version.name,
						when: formatDateTime(row.planned_at, locale),
						trainer: trainer.name,
						planner: ctx.user.name,
						link
					},
					{ locale }
				)
			});
		}
		// Planned by someone else (HR): the trainer who holds it is told too.
		if (trainer.id !== ctx.user.id) {
			const tl = (trainer.locale ?? 'nl') as Locale;
			mails.push({
				to: trainer.email,
				subject: m.conv_mail_trainer_subject({ learner: to.name }, { locale: tl }),
				text: m.conv_mail_trainer_body(
					{
						name: trainer.name,
						learner: to.name,
						template: version.name,
						when: formatDateTime(row.planned_at, tl),
						planner: ctx.user.name,
						link
					},
					{ locale: tl }
				)
			});
		}
		queued = await enqueueMail(trx, 'conversation', mails);
		return row.id;
	});
	await deliverNow(db, queued);
	return id;
}
