import { sql } from 'kysely';
import type { Answers, TemplateContent, TemplateKind } from '../../schemas/conversations';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import type { ConversationAnswerRole, ConversationStatus } from '../db/schema';
import { addMonths, amsterdamDate } from '../../time';
import { visibleTrajectories } from '../trajectories/access';
import { coreTaskProgressOf, type CoreTaskSummary } from '../trajectories/progress';
import { sectionsFor, type Viewer } from './access';
import { conversationAccess, signedByAnyone } from './load';
import { settingsOf } from './settings';

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

function actionSelect(db: DB, companyId: string) {
	return db
		.selectFrom('conversation_action as a')
		.innerJoin('conversation as c', (j) =>
			j.onRef('c.company_id', '=', 'a.company_id').onRef('c.id', '=', 'a.conversation_id')
		)
		.leftJoin('work_process as wp', 'wp.id', 'a.work_process_id')
		.select([
			'a.id',
			'a.conversation_id',
			'c.planned_at',
			'a.description',
			'a.owner_role',
			'a.due_date',
			sql<string | null>`wp.code || ' ' || wp.title`.as('work_process'),
			'a.done_at',
			// An action of a cancelled conversation is never overdue (it did not take place).
			sql<boolean>`a.done_at is null and a.due_date < current_date
				and c.status <> 'cancelled'`.as('overdue')
		])
		.where('a.company_id', '=', companyId);
}

function toAction(r: {
	id: string;
	conversation_id: string;
	planned_at: Date;
	description: string;
	owner_role: 'learner' | 'trainer' | 'hr';
	due_date: string | null;
	work_process: string | null;
	done_at: Date | null;
	overdue: boolean;
}): ActionView {
	return {
		id: r.id,
		conversationId: r.conversation_id,
		conversationDate: r.planned_at,
		description: r.description,
		ownerRole: r.owner_role,
		dueDate: r.due_date,
		workProcess: r.work_process,
		doneAt: r.done_at,
		overdue: r.overdue
	};
}

/** One conversation as the asking member may see it, or null (→ 404). */
export async function getConversation(
	db: DB,
	ctx: RequestContext,
	id: string
): Promise<ConversationView | null> {
	const a = await conversationAccess(db, ctx, id);
	if (!a) return null;
	const co = ctx.company.id;
	const participant = a.viewer !== 'hr';
	const [answerRows, actions, carried, addenda, trajectories, workProcesses, settings] =
		await Promise.all([
			db
				.selectFrom('conversation_answer')
				.select(['role', 'answers', 'shared_at', 'version', 'updated_at'])
				.where('company_id', '=', co)
				.where('conversation_id', '=', a.id)
				.execute(),
			actionSelect(db, co).where('a.conversation_id', '=', a.id).orderBy('a.created_at').execute(),
			actionSelect(db, co)
				.where('a.learner_id', '=', a.learner_id)
				.where('a.done_at', 'is', null)
				.where('a.conversation_id', '!=', a.id)
				.where('c.status', '!=', 'cancelled')
				.where('c.planned_at', '<', a.planned_at)
				.orderBy('a.due_date')
				.execute(),
			db
				.selectFrom('conversation_addendum as d')
				.leftJoin('app_user as u', 'u.id', 'd.created_by')
				.select(['d.id', 'd.body', 'u.name', 'd.created_at'])
				.where('d.company_id', '=', co)
				.where('d.conversation_id', '=', a.id)
				.orderBy('d.created_at')
				.execute(),
			participant
				? db
						.selectFrom('trajectory as t')
						.select(['t.id', 't.title'])
						.where(visibleTrajectories(ctx))
						.where('t.learner_id', '=', a.learner_id)
						.orderBy('t.start_date', 'desc')
						.execute()
				: Promise.resolve([]),
			participant
				? db
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
						.execute()
				: Promise.resolve([]),
			a.template_kind === 'loopbaan_apk' ? settingsOf(db, co) : Promise.resolve(null)
		]);
	const coreTasks = await coreTaskProgressOf(
		db,
		co,
		trajectories.map((t) => t.id)
	);

	const answers: ConversationView['answers'] = {};
	// The agreed answers are the trainer's working notes until the conversation is held.
	const recorded = a.status === 'held' || a.status === 'signed';
	for (const r of answerRows) {
		const set: AnswerSet = {
			answers: r.answers,
			sharedAt: r.shared_at,
			version: r.version,
			updatedAt: r.updated_at
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

	const trainer = a.viewer === 'trainer';
	const open = a.status === 'planned' || a.status === 'held';
	const heldDate = a.held_at ? amsterdamDate(a.held_at) : amsterdamDate(new Date());
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
		actions: actions.map(toAction),
		carried: carried.map(toAction),
		addenda: addenda.map((d) => ({ id: d.id, body: d.body, by: d.name, at: d.created_at })),
		signatures: { learnerAt: a.learner_signed_at, trainerAt: a.trainer_signed_at },
		progress: trajectories.map((t) => ({
			trajectoryId: t.id,
			title: t.title,
			coreTasks: coreTasks.get(t.id) ?? []
		})),
		workProcesses,
		suggestedNextDate:
			a.next_date ?? (settings ? addMonths(heldDate, settings.apkIntervalMonths) : null),
		can: {
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
		}
	};
}
