import { sql, type RawBuilder } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Answers, TemplateContent, TemplateKind } from '../../schemas/conversations';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import type { ConversationAnswerRole, ConversationStatus } from '../db/schema';
import { isUuid } from '../errors';
import { addMonths, amsterdamDate, todayIso } from '../../time';
import { briefingOf, briefingQuery } from '../culture/briefing';
import { readerOf, recordRead } from '../privacy/access-log';
import { visibleTrajectories } from '../trajectories/access';
import { trainersQuery } from '../trajectories/people';
import { coreTasksColumn, type CoreTaskSummary } from '../trajectories/progress';
import { sectionsFor, type Viewer } from './access';
import { accessQuery, signedByAnyone, withViewer } from './load';
import { DEFAULT_APK_MONTHS } from './settings';

export interface ActionView {
	id: string;
	conversationId: string;
	conversationDate: Date;
	description: string;
	ownerRole: 'learner' | 'trainer' | 'hr';
	dueDate: string | null;
	workProcess: string | null;
	doneAt: Date | null;
	overdue: boolean;
}

export interface AnswerSet {
	answers: Answers;
	sharedAt: Date | null;
	version: number;
	updatedAt: Date;
}

export interface ConversationView {
	id: string;
	status: ConversationStatus;
	plannedAt: Date;
	heldAt: Date | null;
	nextDate: string | null;
	version: number;
	viewer: Viewer;
	learner: { id: string; name: string };
	trainer: { id: string | null; name: string | null };
	/** `cultureTeam`: "Leercultuur in het team" or a copy of it (the page shows the scan's briefing). */
	template: { name: string; kind: TemplateKind; number: number; cultureTeam: boolean };
	/** The sections this viewer may read. */
	content: TemplateContent;
	/** The answer sets this viewer may read (a preparation of someone else only once shared). */
	answers: Partial<Record<ConversationAnswerRole, AnswerSet>>;
	actions: ActionView[];
	/** Open actions of the learner's earlier conversations. */
	carried: ActionView[];
	addenda: { id: string; body: string; by: string | null; at: Date }[];
	signatures: { learnerAt: Date | null; trainerAt: Date | null };
	progress: { trajectoryId: string; title: string; coreTasks: CoreTaskSummary[] }[];
	workProcesses: { id: number; code: string; title: string }[];
	suggestedNextDate: string | null;
	can: {
		prepare: 'learner' | 'trainer' | null;
		editAgreed: boolean;
		hold: boolean;
		sign: 'learner' | 'trainer' | null;
		actions: boolean;
		markDone: boolean;
		addendum: boolean;
		cancel: boolean;
		reschedule: boolean;
		print: boolean;
	};
}

/**
 * Actions `act` with their own conversation `src`: read inside the statement of the
 * conversation shown (`c`), hence aliases of their own.
 */
function actionSelect(db: DB, companyId: string) {
	return db
		.selectFrom('conversation_action as act')
		.innerJoin('conversation as src', (j) =>
			j.onRef('src.company_id', '=', 'act.company_id').onRef('src.id', '=', 'act.conversation_id')
		)
		.leftJoin('work_process as awp', 'awp.id', 'act.work_process_id')
		.select([
			'act.id',
			'act.conversation_id',
			'src.planned_at',
			'act.description',
			'act.owner_role',
			'act.due_date',
			sql<string | null>`awp.code || ' ' || awp.title`.as('work_process'),
			'act.done_at',
			// An action of a cancelled conversation is never overdue (it did not take place).
			sql<boolean>`act.done_at is null and act.due_date < current_date
				and src.status <> 'cancelled'`.as('overdue')
		])
		.where('act.company_id', '=', companyId);
}

/** An action as read in JSON: its timestamps come as text. */
function toAction(r: {
	id: string;
	conversation_id: string;
	planned_at: Date | string;
	description: string;
	owner_role: 'learner' | 'trainer' | 'hr';
	due_date: string | null;
	work_process: string | null;
	done_at: Date | string | null;
	overdue: boolean;
}): ActionView {
	return {
		id: r.id,
		conversationId: r.conversation_id,
		conversationDate: new Date(r.planned_at),
		description: r.description,
		ownerRole: r.owner_role,
		dueDate: r.due_date,
		workProcess: r.work_process,
		doneAt: r.done_at === null ? null : new Date(r.done_at),
		overdue: r.overdue
	};
}

/**
 * The conversation as the member may see it (accessQuery) with its record, in one
 * statement: the answer sets, its actions, the open actions of the learner's earlier
 * conversations, the addenda and the company's loopbaan-APK interval. What depends on
 * how the member sees it comes in recordExtras.
 */
async function conversationRecord(db: DB, ctx: RequestContext, id: string) {
	if (!isUuid(id)) return null;
	const co = ctx.company.id;
	const row = await accessQuery(db, ctx, id)
		.select((eb) => [
			jsonArrayFrom(
				eb
					.selectFrom('conversation_answer as ans')
					.select(['ans.role', 'ans.answers', 'ans.shared_at', 'ans.version', 'ans.updated_at'])
					.where('ans.company_id', '=', co)
					.whereRef('ans.conversation_id', '=', 'c.id')
			).as('answer_rows'),
			jsonArrayFrom(
				actionSelect(db, co)
					.where('act.conversation_id', '=', eb.ref('c.id'))
					.orderBy('act.created_at')
			).as('actions'),
			jsonArrayFrom(
				actionSelect(db, co)
					.where('act.learner_id', '=', eb.ref('c.learner_id'))
					.where('act.done_at', 'is', null)
					.where('act.conversation_id', '!=', eb.ref('c.id'))
					.where('src.status', '!=', 'cancelled')
					.where('src.planned_at', '<', eb.ref('c.planned_at'))
					.orderBy('act.due_date')
			).as('carried'),
			jsonArrayFrom(
				eb
					.selectFrom('conversation_addendum as d')
					.leftJoin('app_user as u', 'u.id', 'd.created_by')
					.select(['d.id', 'd.body', 'u.name', 'd.created_at'])
					.where('d.company_id', '=', co)
					.whereRef('d.conversation_id', '=', 'c.id')
					.orderBy('d.created_at')
			).as('addenda'),
			// settingsOf's interval (a loopbaan-APK suggests its next date by it).
			eb
				.selectFrom('conversation_setting as cs')
				.select('cs.apk_interval_months')
				.where('cs.company_id', '=', co)
				.as('apk_interval_months')
		])
		.executeTakeFirst();
	return withViewer(ctx, row);
}

type ConversationRecord = NonNullable<Awaited<ReturnType<typeof conversationRecord>>>;

/** `e` when the page needs it, else SQL null. */
function only<T>(wanted: boolean, e: RawBuilder<T>): RawBuilder<T | null> {
	return wanted ? e.$castTo<T | null>() : sql<T | null>`null`;
}

/**
 * What depends on how the member sees the conversation, in one statement, none when
 * nothing is wanted: for the learner and the trainer the learner's trajectories they may
 * see (visibleTrajectories) with progress per core task, and the work processes of the
 * learner's trajectories (the picker of an action); for the page also the trainers to
 * reschedule to (listTrainers' list, trajectories/people.ts) and the culture scan's
 * briefing (culture/briefing.ts).
 */
async function recordExtras(
	db: DB,
	ctx: RequestContext,
	a: ConversationRecord,
	want: { trainers: boolean; culture: boolean }
) {
	const participant = a.viewer !== 'hr';
	if (!participant && !want.trainers && !want.culture) {
		return { trajectories: [], workProcesses: [], trainers: [], culture: null };
	}
	const co = ctx.company.id;
	const today = todayIso();
	const row = await db
		.selectNoFrom([
			only(
				participant,
				jsonArrayFrom(
					db
						.selectFrom('trajectory as t')
						.select(['t.id', 't.title', coreTasksColumn.as('core_tasks')])
						.where(visibleTrajectories(ctx))
						.where('t.learner_id', '=', a.learner_id)
						.orderBy('t.start_date', 'desc')
				)
			).as('trajectories'),
			only(
				participant,
				jsonArrayFrom(
					db
						.selectFrom('trajectory_work_process as tw')
						.innerJoin('trajectory as t', (j) =>
							j.onRef('t.company_id', '=', 'tw.company_id').onRef('t.id', '=', 'tw.trajectory_id')
						)
						.innerJoin('work_process as wp', 'wp.id', 'tw.work_process_id')
						.select(['wp.id', 'wp.code', 'wp.title'])
						.distinct()
						.where('tw.company_id', '=', co)
						.where('t.learner_id', '=', a.learner_id)
						.orderBy('wp.code')
				)
			).as('work_processes'),
			only(want.trainers, jsonArrayFrom(trainersQuery(db, co).select(['u.id', 'u.name']))).as(
				'trainers'
			),
			only(want.culture, jsonObjectFrom(briefingQuery(db, ctx, today))).as('culture')
		])
		.executeTakeFirstOrThrow();
	return {
		trajectories: row.trajectories ?? [],
		workProcesses: row.work_processes ?? [],
		trainers: row.trainers ?? [],
		culture: row.culture ? briefingOf(row.culture, today) : null
	};
}

type RecordExtras = Awaited<ReturnType<typeof recordExtras>>;

/** What the member may do with the conversation now. */
function permissionsOf(ctx: RequestContext, a: ConversationRecord): ConversationView['can'] {
	const participant = a.viewer !== 'hr';
	const trainer = a.viewer === 'trainer';
	const open = a.status === 'planned' || a.status === 'held';
	return {
		prepare: participant && a.status === 'planned' ? (a.viewer as 'learner' | 'trainer') : null,
		editAgreed: trainer && open && !signedByAnyone(a),
		hold: trainer && a.status === 'planned',
		sign:
			a.status === 'held'
				? a.viewer === 'learner' && !a.learner_signed_at
					? 'learner'
					: trainer && !a.trainer_signed_at
						? 'trainer'
						: null
				: null,
		actions: trainer && open && !signedByAnyone(a),
		markDone: a.status !== 'cancelled',
		addendum: participant && a.status === 'signed',
		cancel: (trainer || ctx.roles.includes('hr')) && a.status === 'planned',
		reschedule: (trainer || ctx.roles.includes('hr')) && a.status === 'planned',
		print: a.status === 'held' || a.status === 'signed'
	};
}

/** The view of the record for this member. */
function viewOf(
	ctx: RequestContext,
	a: ConversationRecord,
	extras: RecordExtras
): ConversationView {
	const answers: ConversationView['answers'] = {};
	// The agreed answers are the trainer's working notes until the conversation is held.
	const recorded = a.status === 'held' || a.status === 'signed';
	for (const r of a.answer_rows) {
		// JSON carries timestamps as text: back to Date.
		const set: AnswerSet = {
			answers: r.answers,
			sharedAt: r.shared_at === null ? null : new Date(r.shared_at),
			version: r.version,
			updatedAt: new Date(r.updated_at)
		};
		if (a.viewer === 'hr') {
			// HR reads the recorded agreed answers of the sections opened to HR, nothing else.
			if (r.role !== 'agreed' || !recorded) continue;
			const visible = new Set(
				sectionsFor('hr', a.content).sections.flatMap((s) => s.questions.map((q) => q.id))
			);
			set.answers = Object.fromEntries(Object.entries(set.answers).filter(([k]) => visible.has(k)));
			answers.agreed = set;
		} else if (
			r.role === 'agreed' ? recorded || a.viewer === 'trainer' : r.role === a.viewer || r.shared_at
		) {
			answers[r.role] = set;
		}
	}

	const heldDate = a.held_at ? amsterdamDate(a.held_at) : amsterdamDate(new Date());
	const apkMonths = a.apk_interval_months ?? DEFAULT_APK_MONTHS;
	return {
		id: a.id,
		status: a.status,
		plannedAt: a.planned_at,
		heldAt: a.held_at,
		nextDate: a.next_date,
		version: a.version,
		viewer: a.viewer,
		learner: { id: a.learner_id, name: a.learner_name },
		trainer: { id: a.trainer_user_id, name: a.trainer_name },
		template: {
			name: a.template_name,
			kind: a.template_kind as TemplateKind,
			number: a.template_number,
			cultureTeam: a.culture_team
		},
		content: sectionsFor(a.viewer, a.content),
		answers,
		actions: a.actions.map(toAction),
		carried: a.carried.map(toAction),
		addenda: a.addenda.map((d) => ({
			id: d.id,
			body: d.body,
			by: d.name,
			at: new Date(d.created_at)
		})),
		signatures: { learnerAt: a.learner_signed_at, trainerAt: a.trainer_signed_at },
		progress: extras.trajectories.map((t) => ({
			trajectoryId: t.id,
			title: t.title,
			coreTasks: t.core_tasks
		})),
		workProcesses: extras.workProcesses,
		suggestedNextDate:
			a.next_date ?? (a.template_kind === 'loopbaan_apk' ? addMonths(heldDate, apkMonths) : null),
		can: permissionsOf(ctx, a)
	};
}

/**
 * One conversation as the asking member may see it, or null (→ 404): its record in one
 * statement, and for the learner or the trainer their part of the learner's progress in
 * a second.
 */
export async function getConversation(
	db: DB,
	ctx: RequestContext,
	id: string
): Promise<ConversationView | null> {
	const a = await conversationRecord(db, ctx, id);
	if (!a) return null;
	return viewOf(ctx, a, await recordExtras(db, ctx, a, { trainers: false, culture: false }));
}

/**
 * The conversation page's data (routes/(app)/o/[company]/gesprekken/[id]), or null
 * (→ 404): the record (one statement); then, side by side, the extras with the trainers
 * to reschedule to and the culture scan's briefing when the page shows them (one
 * statement, none for HR with neither) and, for HR or a trainer, the record of this read
 * (one insert): at most three statements. The query-count test runs exactly this.
 */
export async function conversationPageData(db: DB, ctx: RequestContext, id: string, path?: string) {
	const a = await conversationRecord(db, ctx, id);
	if (!a) return null;
	const [extras] = await Promise.all([
		recordExtras(db, ctx, a, {
			trainers: permissionsOf(ctx, a).reschedule,
			// "Leercultuur in het team": the latest scan's findings and open plan actions.
			culture: a.culture_team
		}),
		recordRead(db, readerOf(ctx), { conversationId: a.id }, 'conversation', path)
	]);
	return {
		conversation: viewOf(ctx, a, extras),
		trainers: extras.trainers,
		culture: extras.culture
	};
}
