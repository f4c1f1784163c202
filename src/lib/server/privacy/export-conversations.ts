import { sql } from 'kysely';
import type { TemplateContent } from '../../schemas/conversations';
import type { DB } from '../db';
import { iso } from './export-iso';
import { groupBy, idsOrNone } from './export-rows';

/**
 * The personal-data export (./export.ts): the development conversations the user held, as
 * learner (on one of their learner records, `learnerIds`) or as trainer, each with its
 * template's questions and the answers the user may see.
 *
 * As learner: their own answers, the trainer's preparation once shared with them, the
 * agreed record once held, the agreed actions and every addendum. What is deliberately left
 * out, because it is another person's data:
 * - a trainer's preparation the trainer has not shared with the learner;
 * - in a conversation the user held as trainer: the learner's name and answers (the
 *   learner's data); the trainer gets their own preparation, the agreed record's dates and
 *   their own addenda.
 */
export async function conversationPart(db: DB, userId: string, learnerIds: string[]) {
	const conversations = await db
		.selectFrom('conversation as c')
		.innerJoin('company as co', 'co.id', 'c.company_id')
		.innerJoin('learner as l', (j) =>
			j.onRef('l.company_id', '=', 'c.company_id').onRef('l.id', '=', 'c.learner_id')
		)
		.innerJoin('conversation_template_version as v', 'v.id', 'c.template_version_id')
		.innerJoin('conversation_template as tp', 'tp.id', 'v.template_id')
		.leftJoin('app_user as tr', 'tr.id', 'c.trainer_user_id')
		.select([
			'c.id',
			'c.company_id',
			'co.name as company',
			'c.trajectory_id',
			'c.status',
			'c.planned_at',
			'c.held_at',
			'c.next_date',
			'c.learner_signed_at',
			'c.trainer_signed_at',
			'c.created_at',
			'tp.name as template',
			'v.number as template_version',
			'v.content',
			'tr.name as trainer',
			sql<boolean>`l.user_id is not distinct from ${userId}::uuid`.as('as_learner')
		])
		.where((eb) =>
			eb.or([eb('c.learner_id', 'in', learnerIds), eb('c.trainer_user_id', '=', userId)])
		)
		.orderBy('c.planned_at')
		.execute();

	const conversationIds = idsOrNone(conversations);
	const asLearner = new Set(conversations.filter((c) => c.as_learner).map((c) => c.id));

	const [answers, actions, addenda] = await Promise.all([
		db
			.selectFrom('conversation_answer')
			.select(['conversation_id', 'role', 'answers', 'shared_at', 'updated_at'])
			.where('conversation_id', 'in', conversationIds)
			.execute(),
		db
			.selectFrom('conversation_action as a')
			.leftJoin('work_process as w', 'w.id', 'a.work_process_id')
			.select([
				'a.conversation_id',
				'a.description',
				'a.owner_role',
				'a.due_date',
				'w.code',
				'a.done_at',
				'a.created_at'
			])
			.where('a.conversation_id', 'in', conversationIds)
			.orderBy('a.created_at')
			.execute(),
		db
			.selectFrom('conversation_addendum as d')
			.leftJoin('app_user as by', 'by.id', 'd.created_by')
			.select(['d.conversation_id', 'd.body', 'd.created_by', 'by.name', 'd.created_at'])
			.where('d.conversation_id', 'in', conversationIds)
			.orderBy('d.created_at')
			.execute()
	]);

	const answersOf = groupBy(answers, (r) => r.conversation_id);
	const actionsOf = groupBy(actions, (r) => r.conversation_id);
	const addendaOf = groupBy(addenda, (r) => r.conversation_id);

	const questionsOf = (content: TemplateContent | null) =>
		Object.fromEntries(
			(content?.sections ?? []).flatMap((s) => s.questions.map((q) => [q.id, q.label]))
		);

	const conversationOut = (c: (typeof conversations)[number]) => {
		const recorded = c.status === 'held' || c.status === 'signed';
		const rows = answersOf.get(c.id) ?? [];
		const visible = rows.filter((r) =>
			asLearner.has(c.id)
				? r.role === 'learner' ||
					(r.role === 'trainer' && r.shared_at) ||
					(r.role === 'agreed' && recorded)
				: r.role === 'trainer'
		);
		const base = {
			id: c.id,
			company: c.company,
			role: asLearner.has(c.id) ? 'learner' : 'trainer',
			status: c.status,
			plannedAt: iso(c.planned_at),
			heldAt: iso(c.held_at),
			nextDate: c.next_date,
			learnerSignedAt: iso(c.learner_signed_at),
			trainerSignedAt: iso(c.trainer_signed_at),
			template: {
				name: c.template,
				version: c.template_version,
				questions: questionsOf(c.content)
			},
			answers: Object.fromEntries(
				visible.map((r) => [
					r.role,
					{ answers: r.answers, sharedAt: iso(r.shared_at), updatedAt: iso(r.updated_at) }
				])
			)
		};
		if (!asLearner.has(c.id)) {
			return {
				...base,
				addenda: (addendaOf.get(c.id) ?? [])
					.filter((d) => d.created_by === userId)
					.map((d) => ({ body: d.body, at: iso(d.created_at) }))
			};
		}
		return {
			...base,
			trajectoryId: c.trajectory_id,
			trainer: c.trainer,
			actions: (actionsOf.get(c.id) ?? []).map((a) => ({
				description: a.description,
				owner: a.owner_role,
				dueDate: a.due_date,
				workProcess: a.code,
				doneAt: iso(a.done_at),
				agreedAt: iso(a.created_at)
			})),
			addenda: (addendaOf.get(c.id) ?? []).map((d) => ({
				body: d.body,
				by: d.name,
				at: iso(d.created_at)
			}))
		};
	};

	return conversations.map(conversationOut);
}
