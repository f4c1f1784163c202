import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import type { ConversationStatus } from '../db/schema';
import { isUuid } from '../errors';
import { visibleConversations, visibleLearners } from './access';
import { withNames } from './load';

export interface ConversationListItem {
	id: string;
	learnerId: string;
	learnerName: string;
	templateName: string;
	plannedAt: Date;
	status: ConversationStatus;
	trainerName: string | null;
	overdue: boolean;
	openActions: number;
}

export const LIST_LIMIT = 200;

/**
 * The conversations a member may see (visibleConversations): planned ones (upcoming
 * and overdue), the latest held and signed ones, the cancelled ones (apart), and
 * overdue actions. With `learnerId`
 * one learner's whole history. Two queries.
 */
export async function listConversations(
	db: DB,
	ctx: RequestContext,
	opts: { learnerId?: string } = {}
) {
	const learnerId = opts.learnerId && isUuid(opts.learnerId) ? opts.learnerId : null;
	const base = (status: 'planned' | 'done') => {
		let q = withNames(db)
			.select([
				'c.id',
				'c.learner_id',
				'l.name as learner_name',
				't.name as template_name',
				'c.planned_at',
				'c.status',
				'tr.name as trainer_name',
				sql<boolean>`c.status = 'planned' and c.planned_at < now()`.as('overdue'),
				sql<number>`(select count(*)::int from conversation_action a
					where a.company_id = c.company_id and a.conversation_id = c.id
					  and a.done_at is null)`.as('open_actions')
			])
			.where(visibleConversations(ctx))
			.limit(LIST_LIMIT);
		if (learnerId) q = q.where('c.learner_id', '=', learnerId);
		return status === 'planned'
			? q.where('c.status', '=', 'planned').orderBy('c.planned_at')
			: q.where('c.status', '!=', 'planned').orderBy('c.planned_at', 'desc');
	};
	const [planned, done, actions] = await Promise.all([
		base('planned').execute(),
		base('done').execute(),
		db
			.selectFrom('conversation_action as a')
			.innerJoin('conversation as c', (j) =>
				j.onRef('c.company_id', '=', 'a.company_id').onRef('c.id', '=', 'a.conversation_id')
			)
			.innerJoin('learner as l', (j) =>
				j.onRef('l.company_id', '=', 'a.company_id').onRef('l.id', '=', 'a.learner_id')
			)
			.select([
				'a.id',
				'a.conversation_id',
				'a.description',
				'a.owner_role',
				'a.due_date',
				'l.name as learner_name'
			])
			.where(visibleConversations(ctx))
			.where('a.done_at', 'is', null)
			.where('a.due_date', '<', sql<string>`current_date`)
			.where('c.status', '!=', 'cancelled')
			.$if(!!learnerId, (q) => q.where('a.learner_id', '=', learnerId!))
			.orderBy('a.due_date')
			.limit(LIST_LIMIT)
			.execute()
	]);
	const item = (r: (typeof planned)[number]): ConversationListItem => ({
		id: r.id,
		learnerId: r.learner_id,
		learnerName: r.learner_name,
		templateName: r.template_name,
		plannedAt: r.planned_at,
		status: r.status,
		trainerName: r.trainer_name,
		overdue: r.overdue,
		openActions: r.open_actions
	});
	const all = planned.map(item);
	const ended = done.map(item);
	return {
		upcoming: all.filter((c) => !c.overdue),
		overdue: all.filter((c) => c.overdue),
		// Held and signed; a cancelled conversation is listed apart, never as held.
		past: ended.filter((c) => c.status !== 'cancelled'),
		cancelled: ended.filter((c) => c.status === 'cancelled'),
		overdueActions: actions.map((a) => ({
			id: a.id,
			conversationId: a.conversation_id,
			description: a.description,
			ownerRole: a.owner_role,
			dueDate: a.due_date!,
			learnerName: a.learner_name
		}))
	};
}

/**
 * The learner's name for a history heading, when the member may see them
 * (visibleLearners); null for anyone else, so the page answers 404 without a name.
 */
export async function learnerName(db: DB, ctx: RequestContext, learnerId: string) {
	if (!isUuid(learnerId)) return null;
	const rows = await db
		.selectFrom('learner as l')
		.select('l.name')
		.where('l.company_id', '=', ctx.company.id)
		.where('l.id', '=', learnerId)
		.where(visibleLearners(ctx))
		.executeTakeFirst();
	return rows?.name ?? null;
}

/**
 * The learner home's tasks: own planned conversations (to prepare) and own open
 * actions. One statement (two JSON arrays), whatever the history's size.
 */
export async function learnerConversationTasks(db: DB, ctx: RequestContext) {
	const own = { ...ctx, roles: ['learner' as const] };
	const row = await db
		.selectNoFrom((eb) => [
			jsonArrayFrom(
				eb
					.selectFrom('conversation as c')
					.innerJoin('conversation_template_version as v', 'v.id', 'c.template_version_id')
					.innerJoin('conversation_template as t', 't.id', 'v.template_id')
					.innerJoin('conversation_answer as an', (j) =>
						j
							.onRef('an.company_id', '=', 'c.company_id')
							.onRef('an.conversation_id', '=', 'c.id')
							.on('an.role', '=', 'learner')
					)
					.select(['c.id', 't.name', 'c.planned_at', 'c.status', 'an.shared_at'])
					.where(visibleConversations(own))
					.where((eb) =>
						eb.or([
							eb('c.status', '=', 'planned'),
							eb.and([eb('c.status', '=', 'held'), eb('c.learner_signed_at', 'is', null)])
						])
					)
					.orderBy('c.planned_at')
					.limit(20)
			).as('conversations'),
			jsonArrayFrom(
				eb
					.selectFrom('conversation_action as a')
					.innerJoin('conversation as c', (j) =>
						j.onRef('c.company_id', '=', 'a.company_id').onRef('c.id', '=', 'a.conversation_id')
					)
					.select(['a.id', 'a.conversation_id', 'a.description', 'a.due_date'])
					.where(visibleConversations(own))
					.where('a.done_at', 'is', null)
					.where('a.owner_role', '=', 'learner')
					.where('c.status', '!=', 'cancelled')
					.orderBy('a.due_date')
					.limit(20)
			).as('actions')
		])
		.executeTakeFirstOrThrow();
	return {
		// JSON carries timestamps as text: back to Date, as the page formats them.
		conversations: row.conversations.map((c) => ({
			id: c.id,
			name: c.name,
			plannedAt: new Date(c.planned_at),
			status: c.status,
			shared: c.shared_at !== null
		})),
		actions: row.actions.map((a) => ({
			id: a.id,
			conversationId: a.conversation_id,
			description: a.description,
			dueDate: a.due_date
		}))
	};
}
