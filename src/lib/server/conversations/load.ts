import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Locale } from '../../paraglide/runtime';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import type { Mail } from '../mail';
import { DomainError, isUuid } from '../errors';
import { coaches, isOwn, viewerOf, visibleConversations, type Viewer } from './access';
import { CULTURE_TEAM_TEMPLATE_NAME } from '../culture/instrument';

/**
 * What every conversation use case starts from: the conversation as the asking member
 * may see it (one query), the check that they may make a change in its current state,
 * and the small lookups the changes share (work processes, mailboxes, the version bump).
 */

/** Conversations `c` with their learner `l`, template version `v`, template `t` and trainer `tr`. */
export function withNames(db: DB) {
	return db
		.selectFrom('conversation as c')
		.innerJoin('learner as l', (j) =>
			j.onRef('l.company_id', '=', 'c.company_id').onRef('l.id', '=', 'c.learner_id')
		)
		.innerJoin('conversation_template_version as v', 'v.id', 'c.template_version_id')
		.innerJoin('conversation_template as t', 't.id', 'v.template_id')
		.leftJoin('app_user as tr', 'tr.id', 'c.trainer_user_id');
}

/**
 * Conversation `c` (with its names, its template and the member's part in it) where the
 * member may see it (visibleConversations): the select of conversationAccess, which the
 * conversation page extends with the rest of its record (view.ts). `id` must be a uuid.
 */
export function accessQuery(db: DB, ctx: RequestContext, id: string) {
	return withNames(db)
		.select([
			'c.id',
			'c.company_id',
			'c.learner_id',
			'c.status',
			'c.planned_at',
			'c.held_at',
			'c.next_date',
			'c.version',
			'c.trainer_user_id',
			'c.learner_signed_at',
			'c.trainer_signed_at',
			'l.name as learner_name',
			'l.user_id as learner_user_id',
			'tr.name as trainer_name',
			'v.number as template_number',
			'v.content',
			't.name as template_name',
			't.kind as template_kind',
			// The platform template "Leercultuur in het team" or a company's copy of it
			// (migration 0033): the page brings the latest scan's results (culture/briefing.ts).
			sql<boolean>`(t.company_id is null and t.name = ${CULTURE_TEAM_TEMPLATE_NAME})
				or exists (select 1 from conversation_template p where p.id = t.based_on
					and p.company_id is null and p.name = ${CULTURE_TEAM_TEMPLATE_NAME})`.as('culture_team'),
			isOwn(ctx).as('is_learner'),
			coaches(ctx).as('is_trainer')
		])
		.where(visibleConversations(ctx))
		.where('c.id', '=', id);
}

/** A row of accessQuery with the member's view of it, or null when they have none (→ 404). */
export function withViewer<R extends { is_learner: boolean; is_trainer: boolean }>(
	ctx: RequestContext,
	row: R | undefined
): (R & { viewer: Viewer }) | null {
	if (!row) return null;
	const viewer = viewerOf(ctx, { isLearner: row.is_learner, isTrainer: row.is_trainer });
	if (!viewer) return null;
	return { ...row, viewer };
}

/** The conversation row, the viewer's role in it, or null (→ 404). One query. */
export async function conversationAccess(db: DB, ctx: RequestContext, id: string) {
	if (!isUuid(id)) return null;
	return withViewer(ctx, await accessQuery(db, ctx, id).executeTakeFirst());
}

export type Access = NonNullable<Awaited<ReturnType<typeof conversationAccess>>>;

export const signedByAnyone = (a: Access) =>
	a.learner_signed_at !== null || a.trainer_signed_at !== null;

/**
 * Who may make a change: `participant` the learner or the trainer (not HR's view);
 * `trainer` the trainer of the conversation; `trainer_or_hr` its trainer or HR;
 * `viewer` anyone who may see it.
 */
export type ChangedBy = 'participant' | 'trainer' | 'trainer_or_hr' | 'viewer';

/** How the member who passed the check sees the conversation. */
type ViewerFor<B extends ChangedBy> = B extends 'participant'
	? Exclude<Viewer, 'hr'>
	: B extends 'trainer'
		? 'trainer'
		: Viewer;

/**
 * The state a change needs: `planned`, `held`, `signed`, or `editable` (planned or held
 * and nobody signed yet: the record may still change). Absent: any state.
 */
export type ChangeState = 'planned' | 'held' | 'signed' | 'editable';

const allowedBy: Record<ChangedBy, (a: Access, ctx: RequestContext) => boolean> = {
	participant: (a) => a.viewer !== 'hr',
	trainer: (a) => a.viewer === 'trainer',
	trainer_or_hr: (a, ctx) => a.viewer === 'trainer' || ctx.roles.includes('hr'),
	viewer: () => true
};

const inState: Record<ChangeState, (a: Access) => boolean> = {
	planned: (a) => a.status === 'planned',
	held: (a) => a.status === 'held',
	signed: (a) => a.status === 'signed',
	editable: (a) => (a.status === 'planned' || a.status === 'held') && !signedByAnyone(a)
};

/**
 * The start of every change to a conversation, in this order: load it as the member
 * may see it ('conversation_not_found' otherwise), check who is changing it
 * ('not_allowed') and its state ('conversation_locked'). Call it inside the change's
 * transaction.
 */
export async function conversationForChange<B extends ChangedBy>(
	db: DB,
	ctx: RequestContext,
	id: string,
	rule: { by: B; state?: ChangeState }
): Promise<Access & { viewer: ViewerFor<B> }> {
	return checked(ctx, await conversationAccess(db, ctx, id), rule);
}

function checked<A extends Access, B extends ChangedBy>(
	ctx: RequestContext,
	a: A | null,
	rule: { by: B; state?: ChangeState }
): A & { viewer: ViewerFor<B> } {
	if (!a) throw new DomainError('conversation_not_found');
	if (!allowedBy[rule.by](a, ctx)) throw new DomainError('not_allowed');
	if (rule.state && !inState[rule.state](a)) throw new DomainError('conversation_locked');
	return a as A & { viewer: ViewerFor<B> };
}

/**
 * conversationForChange for a change of answers, in the same one statement: also the
 * work processes the learner's trajectories target (the choices of a werkproces
 * question, as learnerWorkProcessIds gives them).
 */
export async function conversationForAnswers<B extends ChangedBy>(
	db: DB,
	ctx: RequestContext,
	id: string,
	rule: { by: B; state: ChangeState }
): Promise<Access & { viewer: ViewerFor<B>; workProcessIds: Set<number> }> {
	const row = isUuid(id)
		? await accessQuery(db, ctx, id)
				.select(
					workProcessIdsSql(sql.ref('c.company_id'), sql.ref('c.learner_id')).as('work_process_ids')
				)
				.executeTakeFirst()
		: undefined;
	const { work_process_ids, ...a } = checked(ctx, withViewer(ctx, row), rule);
	return { ...a, workProcessIds: new Set(work_process_ids) };
}

/**
 * The states of ChangeState as a condition on conversation `c`: a write that relies on
 * an earlier check outside its transaction repeats it in its own statement.
 */
export function inStateSql(state: ChangeState) {
	switch (state) {
		case 'planned':
		case 'held':
		case 'signed':
			return sql<SqlBool>`c.status = ${state}`;
		case 'editable':
			return sql<SqlBool>`c.status in ('planned', 'held')
				and c.learner_signed_at is null and c.trainer_signed_at is null`;
	}
}

/** The record may still change (planned or held, nobody signed); else 'conversation_locked'. */
export function assertEditable(a: Access): void {
	if (!inState.editable(a)) throw new DomainError('conversation_locked');
}

/**
 * Work process ids the learner's trajectories target (the werkproces picker's choices), as
 * an SQL array: `companyId` and `learnerId` are columns or values.
 */
function workProcessIdsSql(companyId: RawBuilder<unknown>, learnerId: RawBuilder<unknown>) {
	return sql<number[]>`array(select tw.work_process_id from trajectory_work_process tw
		join trajectory t on t.company_id = tw.company_id and t.id = tw.trajectory_id
		where tw.company_id = ${companyId} and t.learner_id = ${learnerId})`;
}

/** Work process ids the learner's trajectories target (workProcessIdsSql), on their own. */
export async function learnerWorkProcessIds(db: DB, companyId: string, learnerId: string) {
	const { ids } = await db
		.selectNoFrom(workProcessIdsSql(sql.val(companyId), sql.val(learnerId)).as('ids'))
		.executeTakeFirstOrThrow();
	return new Set(ids);
}

/**
 * Where mail to a learner goes: their account's address and language, or the address
 * HR entered for a learner without an account (Dutch then); `email` null: nowhere.
 */
export async function learnerMailbox(db: DB, companyId: string, learnerId: string) {
	const to = await db
		.selectFrom('learner as l')
		.leftJoin('app_user as u', 'u.id', 'l.user_id')
		.select(['u.email as user_email', 'l.email', 'u.locale', 'l.name'])
		.where('l.company_id', '=', companyId)
		.where('l.id', '=', learnerId)
		.executeTakeFirstOrThrow();
	return { to, email: to.user_email ?? to.email, locale: (to.locale ?? 'nl') as Locale };
}

/** The conversation's page, as a link in a mail (`origin`: the app's address). */
export function conversationLink(origin: string, companySlug: string, conversationId: string) {
	return `${origin}/o/${companySlug}/gesprekken/${conversationId}`;
}

/** A member's mailbox (name, address, language), or null for no one. */
export async function userMailbox(db: DB, userId: string | null) {
	if (!userId) return null;
	const u = await db
		.selectFrom('app_user')
		.select(['id', 'name', 'email', 'locale'])
		.where('id', '=', userId)
		.executeTakeFirst();
	return u ? { ...u, locale: (u.locale ?? 'nl') as Locale } : null;
}

/** Who a change mail goes to: the learner, or one of the trainers (`userId`). */
export interface ChangeRecipient {
	name: string;
	locale: Locale;
	userId: string | null;
	learner: boolean;
}

/**
 * The mails about a change to a planned conversation (cancelled, moved): one to the
 * learner (when mail reaches them) and one to each trainer in `trainerIds`, but none to
 * whoever made the change. `write` gives each its subject and text, in their language.
 */
export async function changeMails(
	db: DB,
	ctx: RequestContext,
	learnerId: string,
	trainerIds: (string | null)[],
	write: (to: ChangeRecipient) => { subject: string; text: string }
): Promise<Mail[]> {
	const out: Mail[] = [];
	const { to, email, locale } = await learnerMailbox(db, ctx.company.id, learnerId);
	if (email) {
		out.push({ to: email, ...write({ name: to.name, locale, userId: null, learner: true }) });
	}
	for (const userId of new Set(trainerIds)) {
		const t = await userMailbox(db, userId);
		if (!t || t.id === ctx.user.id) continue;
		out.push({
			to: t.email,
			...write({ name: t.name, locale: t.locale, userId: t.id, learner: false })
		});
	}
	return out;
}

/** A change to the conversation's record: its version moves on (stale forms are refused). */
export async function bump(db: DB, ctx: RequestContext, id: string) {
	await db
		.updateTable('conversation')
		.set({ version: sql`version + 1`, updated_at: new Date() })
		.where('company_id', '=', ctx.company.id)
		.where('id', '=', id)
		.execute();
}
