import { sql } from 'kysely';
import type { Locale } from '../../paraglide/runtime';
import { m } from '../../paraglide/messages';
import type { Answers, TemplateContent, TemplateKind } from '../../schemas/conversations';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import type { DB } from '../db';
import type { ConversationAnswerRole, ConversationStatus } from '../db/schema';
import { DomainError, isUuid } from '../errors';
import { once, type FormToken } from '../once';
import type { Mail } from '../mail';
import { deliverNow, enqueueMail } from '../mail/outbox';
import { addMonths, amsterdamDate } from '../../time';
import { visibleTrajectories } from '../trajectories/access';
import { coreTaskProgressOf, type CoreTaskSummary } from '../trajectories/progress';
import {
	coaches,
	isOwn,
	sectionsFor,
	viewerOf,
	visibleConversations,
	visibleLearners,
	type Viewer
} from './access';
import { validateAnswers, type AnswerErrors } from './answers';

/**
 * Development conversations: planned by a trainer or HR with a learner and a template
 * version; both prepare (each privately until shared); the trainer records the agreed
 * answers and actions and marks it held; learner and trainer sign, after which the
 * record is read-only and changes are addenda. Every change checks the version the
 * form was loaded with (optimistic locking): a stale save is refused, never merged.
 */

export class AnswersError extends DomainError {
	constructor(readonly errors: AnswerErrors) {
		super('answers_invalid');
	}
}

export const DEFAULT_APK_MONTHS = 24;
export const DEFAULT_REMINDER_DAYS = 3;

export async function settingsOf(db: DB, companyId: string) {
	const row = await db
		.selectFrom('conversation_setting')
		.select(['apk_interval_months', 'reminder_days'])
		.where('company_id', '=', companyId)
		.executeTakeFirst();
	return {
		apkIntervalMonths: row?.apk_interval_months ?? DEFAULT_APK_MONTHS,
		reminderDays: row?.reminder_days ?? DEFAULT_REMINDER_DAYS
	};
}

export async function saveSettings(
	db: DB,
	ctx: RequestContext,
	input: { apkIntervalMonths: number; reminderDays: number }
): Promise<void> {
	if (!ctx.roles.includes('hr')) throw new DomainError('not_allowed');
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('conversation_setting')
			.values({
				company_id: ctx.company.id,
				apk_interval_months: input.apkIntervalMonths,
				reminder_days: input.reminderDays,
				updated_by: ctx.user.id
			})
			.onConflict((oc) =>
				oc.column('company_id').doUpdateSet({
					apk_interval_months: input.apkIntervalMonths,
					reminder_days: input.reminderDays,
					updated_by: ctx.user.id,
					updated_at: new Date()
				})
			)
			.execute();
		await auditAs(trx, ctx, {
			action: 'conversation_setting.saved',
			entityType: 'conversation_setting',
			data: input
		});
	});
}

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
	const id = await db.transaction().execute((trx) =>
		once(trx, ctx.user.id, 'conversation', token, async () => {
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
			const trainer = await trx
				.selectFrom('membership as m')
				.innerJoin('app_user as u', 'u.id', 'm.user_id')
				.select(['u.id', 'u.name', 'u.email', 'u.locale'])
				.where('m.company_id', '=', ctx.company.id)
				.where('m.user_id', '=', input.trainerId)
				.where('m.deactivated_at', 'is', null)
				.where(sql<boolean>`'trainer' = any(m.roles)`)
				.executeTakeFirst();
			if (!trainer) throw new DomainError('trainer_unknown', 'trainerId');
			const plannedAt = sql<Date>`(${input.plannedDate} || ' ' || ${input.plannedTime})::timestamp
			at time zone 'Europe/Amsterdam'`;
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
			const link = `${origin}/o/${ctx.company.slug}/gesprekken/${row.id}`;
			const mails: Mail[] = [];
			if (email) {
				mails.push({
					to: email,
					subject: m.conv_mail_planned_subject(
						{ template: version.name, company: ctx.company.name },
						{ locale }
					),
					// Says who planned it: the trainer themselves, or someone else (HR).
					text: (trainer.id === ctx.user.id
						? m.conv_mail_planned_body
						: m.conv_mail_planned_by_body)(
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
		})
	);
	await deliverNow(db, queued);
	return id;
}

export function formatDateTime(value: Date | string, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: 'Europe/Amsterdam'
	}).format(new Date(value));
}

/** Conversations `c` with their learner `l`, template version `v`, template `t` and trainer `tr`. */
function withNames(db: DB) {
	return db
		.selectFrom('conversation as c')
		.innerJoin('learner as l', (j) =>
			j.onRef('l.company_id', '=', 'c.company_id').onRef('l.id', '=', 'c.learner_id')
		)
		.innerJoin('conversation_template_version as v', 'v.id', 'c.template_version_id')
		.innerJoin('conversation_template as t', 't.id', 'v.template_id')
		.leftJoin('app_user as tr', 'tr.id', 'c.trainer_user_id');
}

/** The conversation row, the viewer's role in it, or null (→ 404). One query. */
async function access(db: DB, ctx: RequestContext, id: string) {
	if (!isUuid(id)) return null;
	const row = await withNames(db)
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
			isOwn(ctx).as('is_learner'),
			coaches(ctx).as('is_trainer')
		])
		.where(visibleConversations(ctx))
		.where('c.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const viewer = viewerOf(ctx, { isLearner: row.is_learner, isTrainer: row.is_trainer });
	if (!viewer) return null;
	return { ...row, content: row.content as TemplateContent, viewer };
}

type Access = NonNullable<Awaited<ReturnType<typeof access>>>;

async function requireAccess(db: DB, ctx: RequestContext, id: string): Promise<Access> {
	const a = await access(db, ctx, id);
	if (!a) throw new DomainError('conversation_not_found');
	return a;
}

const signedByAnyone = (a: Access) => a.learner_signed_at !== null || a.trainer_signed_at !== null;

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
	template: { name: string; kind: TemplateKind; number: number };
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
	const a = await access(db, ctx, id);
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
			answers: r.answers as Answers,
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
			number: a.template_number
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

/** Work process ids the learner's trajectories target (the werkproces picker's choices). */
async function learnerWorkProcessIds(db: DB, companyId: string, learnerId: string) {
	const rows = await db
		.selectFrom('trajectory_work_process as tw')
		.innerJoin('trajectory as t', (j) =>
			j.onRef('t.company_id', '=', 'tw.company_id').onRef('t.id', '=', 'tw.trajectory_id')
		)
		.select('tw.work_process_id')
		.where('tw.company_id', '=', companyId)
		.where('t.learner_id', '=', learnerId)
		.execute();
	return new Set(rows.map((r) => r.work_process_id));
}

/**
 * Where mail to a learner goes: their account's address and language, or the address
 * HR entered for a learner without an account (Dutch then); `email` null: nowhere.
 */
async function learnerMailbox(db: DB, companyId: string, learnerId: string) {
	const to = await db
		.selectFrom('learner as l')
		.leftJoin('app_user as u', 'u.id', 'l.user_id')
		.select(['u.email as user_email', 'l.email', 'u.locale', 'l.name'])
		.where('l.company_id', '=', companyId)
		.where('l.id', '=', learnerId)
		.executeTakeFirstOrThrow();
	return { to, email: to.user_email ?? to.email, locale: (to.locale ?? 'nl') as Locale };
}

/**
 * Writes one answer set if nobody saved it since `version` was loaded (else
 * 'conversation_conflict': nothing is written, the caller keeps the user's text).
 */
async function writeAnswers(
	db: DB,
	ctx: RequestContext,
	conversationId: string,
	role: ConversationAnswerRole,
	answers: Answers,
	version: number,
	share: boolean
): Promise<number> {
	const row = await db
		.updateTable('conversation_answer')
		.set({
			answers: JSON.stringify(answers),
			version: sql`version + 1`,
			updated_at: new Date(),
			updated_by: ctx.user.id,
			...(share ? { shared_at: sql`coalesce(shared_at, now())` } : {})
		})
		.where('company_id', '=', ctx.company.id)
		.where('conversation_id', '=', conversationId)
		.where('role', '=', role)
		.where('version', '=', version)
		.returning('version')
		.executeTakeFirst();
	if (!row) throw new DomainError('conversation_conflict');
	return row.version;
}

async function bump(db: DB, ctx: RequestContext, id: string) {
	await db
		.updateTable('conversation')
		.set({ version: sql`version + 1`, updated_at: new Date() })
		.where('company_id', '=', ctx.company.id)
		.where('id', '=', id)
		.execute();
}

/**
 * The learner or the trainer saves their preparation (a draft, or `share`d with the
 * other participant: then required questions must be answered). Only while planned.
 */
export async function savePreparation(
	db: DB,
	ctx: RequestContext,
	id: string,
	input: { raw: Record<string, string | string[]>; version: number; share: boolean }
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const a = await requireAccess(trx, ctx, id);
		if (a.viewer === 'hr') throw new DomainError('not_allowed');
		if (a.status !== 'planned') throw new DomainError('conversation_locked');
		const { answers, errors } = validateAnswers(a.content, input.raw, {
			requireAll: input.share,
			workProcessIds: await learnerWorkProcessIds(trx, ctx.company.id, a.learner_id)
		});
		if (Object.keys(errors).length) throw new AnswersError(errors);
		const version = await writeAnswers(trx, ctx, id, a.viewer, answers, input.version, input.share);
		await bump(trx, ctx, id);
		if (input.share) {
			await auditAs(trx, ctx, {
				action: 'conversation.preparation_shared',
				entityType: 'conversation',
				entityId: id,
				data: { role: a.viewer }
			});
		}
		return version;
	});
}

/**
 * The trainer records the agreed answers (a draft), or records the conversation as
 * held (`hold`: required questions answered, held now, with an optional next date).
 * Not after someone signed.
 */
export async function saveAgreed(
	db: DB,
	ctx: RequestContext,
	id: string,
	input: {
		raw: Record<string, string | string[]>;
		version: number;
		hold: boolean;
		nextDate?: string | null;
	}
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const a = await requireAccess(trx, ctx, id);
		if (a.viewer !== 'trainer') throw new DomainError('not_allowed');
		if (!(a.status === 'planned' || a.status === 'held') || signedByAnyone(a)) {
			throw new DomainError('conversation_locked');
		}
		if (input.hold && a.status !== 'planned') throw new DomainError('conversation_locked');
		const { answers, errors } = validateAnswers(a.content, input.raw, {
			requireAll: input.hold,
			workProcessIds: await learnerWorkProcessIds(trx, ctx.company.id, a.learner_id)
		});
		if (Object.keys(errors).length) throw new AnswersError(errors);
		const version = await writeAnswers(trx, ctx, id, 'agreed', answers, input.version, false);
		if (input.hold) {
			await trx
				.updateTable('conversation')
				.set({
					status: 'held',
					held_at: new Date(),
					next_date: input.nextDate || null,
					version: sql`version + 1`,
					updated_at: new Date()
				})
				.where('company_id', '=', ctx.company.id)
				.where('id', '=', id)
				.where('status', '=', 'planned')
				.execute();
			await auditAs(trx, ctx, {
				action: 'conversation.held',
				entityType: 'conversation',
				entityId: id
			});
		} else {
			await bump(trx, ctx, id);
		}
		return version;
	});
}

/**
 * Learner or trainer signs the held conversation. `agreedVersion`: the version of the
 * agreed answers the signer read; if they changed since, nothing is signed. When both
 * have signed, the conversation is signed and read-only.
 */
export async function signConversation(
	db: DB,
	ctx: RequestContext,
	id: string,
	agreedVersion: number
): Promise<ConversationStatus> {
	return db.transaction().execute(async (trx) => {
		const a = await requireAccess(trx, ctx, id);
		if (a.viewer === 'hr') throw new DomainError('not_allowed');
		if (a.status !== 'held') throw new DomainError('conversation_locked');
		const agreed = await trx
			.selectFrom('conversation_answer')
			.select('version')
			.where('company_id', '=', ctx.company.id)
			.where('conversation_id', '=', id)
			.where('role', '=', 'agreed')
			.executeTakeFirstOrThrow();
		if (agreed.version !== agreedVersion) throw new DomainError('conversation_conflict');
		const col = a.viewer === 'learner' ? 'learner' : 'trainer';
		const row = await trx
			.updateTable('conversation')
			.set({
				[`${col}_signed_at`]: new Date(),
				[`${col}_signed_by`]: ctx.user.id,
				version: sql`version + 1`,
				updated_at: new Date()
			})
			.where('company_id', '=', ctx.company.id)
			.where('id', '=', id)
			.where('status', '=', 'held')
			.where(`${col}_signed_at`, 'is', null)
			.returning(['learner_signed_at', 'trainer_signed_at'])
			.executeTakeFirst();
		if (!row) throw new DomainError('conversation_locked');
		let status: ConversationStatus = 'held';
		if (row.learner_signed_at && row.trainer_signed_at) {
			await trx
				.updateTable('conversation')
				.set({ status: 'signed' })
				.where('company_id', '=', ctx.company.id)
				.where('id', '=', id)
				.execute();
			status = 'signed';
		}
		await auditAs(trx, ctx, {
			action: 'conversation.signed',
			entityType: 'conversation',
			entityId: id,
			data: { as: col, status }
		});
		return status;
	});
}

export interface ActionInput {
	description: string;
	ownerRole: 'learner' | 'trainer' | 'hr';
	dueDate: string | null;
	workProcessId: number | null;
}

/** The trainer adds an agreed action (until someone signed). */
export async function addAction(
	db: DB,
	ctx: RequestContext,
	id: string,
	input: ActionInput,
	token?: FormToken
): Promise<string> {
	return db.transaction().execute(async (trx) => {
		const a = await requireAccess(trx, ctx, id);
		if (a.viewer !== 'trainer') throw new DomainError('not_allowed');
		return once(trx, ctx.user.id, `conversation_action:${id}`, token, async () => {
			if (!(a.status === 'planned' || a.status === 'held') || signedByAnyone(a)) {
				throw new DomainError('conversation_locked');
			}
			if (input.workProcessId) {
				const wps = await learnerWorkProcessIds(trx, ctx.company.id, a.learner_id);
				if (!wps.has(input.workProcessId)) {
					throw new DomainError('work_process_unknown', 'workProcessId');
				}
			}
			const row = await trx
				.insertInto('conversation_action')
				.values({
					company_id: ctx.company.id,
					conversation_id: id,
					learner_id: a.learner_id,
					description: input.description,
					owner_role: input.ownerRole,
					due_date: input.dueDate || null,
					work_process_id: input.workProcessId || null,
					created_by: ctx.user.id
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await bump(trx, ctx, id);
			return row.id;
		});
	});
}

/** The trainer removes an action of this conversation (until someone signed). */
export async function removeAction(
	db: DB,
	ctx: RequestContext,
	id: string,
	actionId: string
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const a = await requireAccess(trx, ctx, id);
		if (a.viewer !== 'trainer') throw new DomainError('not_allowed');
		if (!(a.status === 'planned' || a.status === 'held') || signedByAnyone(a)) {
			throw new DomainError('conversation_locked');
		}
		if (!isUuid(actionId)) throw new DomainError('conversation_not_found');
		const r = await trx
			.deleteFrom('conversation_action')
			.where('company_id', '=', ctx.company.id)
			.where('conversation_id', '=', id)
			.where('id', '=', actionId)
			.executeTakeFirst();
		if (!r.numDeletedRows) throw new DomainError('conversation_not_found');
		await bump(trx, ctx, id);
	});
}

/**
 * Marks an action done (or open again): learner, trainer or HR who can see the
 * conversation `id` the action belongs to or is carried into. Follow-up is not part
 * of the signed record, so it is allowed after signing too.
 */
export async function setActionDone(
	db: DB,
	ctx: RequestContext,
	id: string,
	actionId: string,
	done: boolean
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const a = await requireAccess(trx, ctx, id);
		if (!isUuid(actionId)) throw new DomainError('conversation_not_found');
		const r = await trx
			.updateTable('conversation_action')
			.set({ done_at: done ? new Date() : null, done_by: done ? ctx.user.id : null })
			.where('company_id', '=', ctx.company.id)
			.where('id', '=', actionId)
			// an action of this conversation or of an earlier one of the same learner
			.where('learner_id', '=', a.learner_id)
			.executeTakeFirst();
		if (!r.numUpdatedRows) throw new DomainError('conversation_not_found');
		await auditAs(trx, ctx, {
			action: done ? 'conversation_action.done' : 'conversation_action.reopened',
			entityType: 'conversation_action',
			entityId: actionId
		});
	});
}

/** After signing, a participant adds an addendum (the signed record stays as it was). */
export async function addAddendum(
	db: DB,
	ctx: RequestContext,
	id: string,
	body: string,
	token?: FormToken
): Promise<string> {
	return db.transaction().execute(async (trx) => {
		const a = await requireAccess(trx, ctx, id);
		if (a.viewer === 'hr') throw new DomainError('not_allowed');
		if (a.status !== 'signed') throw new DomainError('conversation_locked');
		return once(trx, ctx.user.id, `conversation_addendum:${id}`, token, async () => {
			const row = await trx
				.insertInto('conversation_addendum')
				.values({ company_id: ctx.company.id, conversation_id: id, body, created_by: ctx.user.id })
				.returning('id')
				.executeTakeFirstOrThrow();
			await bump(trx, ctx, id);
			return row.id;
		});
	});
}

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
		const a = await requireAccess(trx, ctx, id);
		if (!(a.viewer === 'trainer' || ctx.roles.includes('hr'))) throw new DomainError('not_allowed');
		if (a.status !== 'planned') throw new DomainError('conversation_locked');
		const trainer = await trx
			.selectFrom('membership as m')
			.innerJoin('app_user as u', 'u.id', 'm.user_id')
			.select(['u.id', 'u.name'])
			.where('m.company_id', '=', ctx.company.id)
			.where('m.user_id', '=', input.trainerId)
			.where('m.deactivated_at', 'is', null)
			.where(sql<boolean>`'trainer' = any(m.roles)`)
			.executeTakeFirst();
		if (!trainer) throw new DomainError('trainer_unknown', 'trainerId');
		const row = await trx
			.updateTable('conversation')
			.set({
				planned_at: sql<Date>`(${input.plannedDate} || ' ' || ${input.plannedTime})::timestamp
					at time zone 'Europe/Amsterdam'` as never,
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
		const link = `${origin}/o/${ctx.company.slug}/gesprekken/${id}`;
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

/** A member's mailbox (name, address, language), or null for no one. */
async function userMailbox(db: DB, userId: string | null) {
	if (!userId) return null;
	const u = await db
		.selectFrom('app_user')
		.select(['id', 'name', 'email', 'locale'])
		.where('id', '=', userId)
		.executeTakeFirst();
	return u ? { ...u, locale: (u.locale ?? 'nl') as Locale } : null;
}

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
		const a = await requireAccess(trx, ctx, id);
		if (!(a.viewer === 'trainer' || ctx.roles.includes('hr'))) throw new DomainError('not_allowed');
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
		const link = `${origin}/o/${ctx.company.slug}/gesprekken/${id}`;
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
 * actions. One query each, whatever the history's size.
 */
export async function learnerConversationTasks(db: DB, ctx: RequestContext) {
	const own = { ...ctx, roles: ['learner' as const] };
	const [conversations, actions] = await Promise.all([
		db
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
			.execute(),
		db
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
			.execute()
	]);
	return {
		conversations: conversations.map((c) => ({
			id: c.id,
			name: c.name,
			plannedAt: c.planned_at,
			status: c.status,
			shared: c.shared_at !== null
		})),
		actions: actions.map((a) => ({
			id: a.id,
			conversationId: a.conversation_id,
			description: a.description,
			dueDate: a.due_date
		}))
	};
}
