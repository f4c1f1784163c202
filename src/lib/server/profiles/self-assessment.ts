import { sql } from 'kysely';
import type { DB } from '../db';
import { audit } from '../accounts/audit';
import { DomainError } from '../errors';
import { refreshLloSummary } from './completeness';
import { currentFramework, type Framework } from './framework';
import { todayIso } from '../../time';
import { once, type FormToken } from '../once';

export interface AnswerInput {
	indicatorId: number;
	level: number | null;
	reflection: string;
}

export interface SelfAssessmentForm {
	framework: Framework;
	draftSavedAt: Date | null;
	answers: Record<number, { level: number | null; reflection: string }>;
}

/** The form for the current version, filled with the user's draft on that version. */
export async function selfAssessmentForm(db: DB, userId: string): Promise<SelfAssessmentForm> {
	const framework = await currentFramework(db);
	const draft = await db
		.selectFrom('self_assessment')
		.select(['id', 'updated_at'])
		.where('user_id', '=', userId)
		.where('status', '=', 'draft')
		.where('version_id', '=', framework.id)
		.executeTakeFirst();
	const answers: SelfAssessmentForm['answers'] = {};
	if (draft) {
		const rows = await db
			.selectFrom('self_assessment_answer')
			.select(['indicator_id', 'level', 'reflection'])
			.where('assessment_id', '=', draft.id)
			.execute();
		for (const r of rows) answers[r.indicator_id] = { level: r.level, reflection: r.reflection };
	}
	return { framework, draftSavedAt: draft?.updated_at ?? null, answers };
}

function clean(framework: Framework, answers: AnswerInput[]): AnswerInput[] {
	const known = new Set(framework.areas.flatMap((a) => a.indicators.map((i) => i.id)));
	const byId = new Map<number, AnswerInput>();
	for (const a of answers) {
		if (!known.has(a.indicatorId)) continue;
		const level = a.level && a.level >= 1 && a.level <= 4 ? Math.trunc(a.level) : null;
		const reflection = a.reflection.trim();
		if (reflection.length > 2000)
			throw new DomainError('reflection_too_long', `reflection_${a.indicatorId}`);
		if (level !== null || reflection)
			byId.set(a.indicatorId, { indicatorId: a.indicatorId, level, reflection });
	}
	return [...byId.values()];
}

/** Keeps the answers as the user's draft on the current version (one draft per user). */
async function storeDraft(db: DB, userId: string, framework: Framework, answers: AnswerInput[]) {
	const existing = await db
		.selectFrom('self_assessment')
		.select(['id', 'version_id'])
		.where('user_id', '=', userId)
		.where('status', '=', 'draft')
		.executeTakeFirst();
	let id: string;
	if (existing && existing.version_id === framework.id) {
		id = existing.id;
		await db
			.updateTable('self_assessment')
			.set({ updated_at: new Date() })
			.where('id', '=', id)
			.execute();
		await db.deleteFrom('self_assessment_answer').where('assessment_id', '=', id).execute();
	} else {
		// A draft on an older version cannot be submitted any more: replaced.
		if (existing) await db.deleteFrom('self_assessment').where('id', '=', existing.id).execute();
		id = (
			await db
				.insertInto('self_assessment')
				.values({ user_id: userId, version_id: framework.id })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	}
	if (answers.length) {
		await db
			.insertInto('self_assessment_answer')
			.values(
				answers.map((a) => ({
					assessment_id: id,
					indicator_id: a.indicatorId,
					level: a.level,
					reflection: a.reflection
				}))
			)
			.execute();
	}
	return id;
}

export async function saveSelfAssessmentDraft(
	db: DB,
	userId: string,
	answers: AnswerInput[]
): Promise<void> {
	const framework = await currentFramework(db);
	const cleaned = clean(framework, answers);
	await db.transaction().execute((trx) => storeDraft(trx, userId, framework, cleaned));
}

export type SubmitResult =
	| {
			ok: true;
			id: string;
			/** Today's round was submitted again: its answers replaced. */ replaced: boolean;
	  }
	| { ok: false; missing: { indicatorId: number; areaName: string; text: string }[] };

/**
 * Submits the self-assessment: every indicator of the current version needs a level.
 * When some are missing, the answers are kept as a draft and the missing ones named.
 * One round per day (Amsterdam): submitting again on a day that already has a round
 * replaces that round's answers, so the then-vs-now comparison never compares a round
 * with itself (unique index `self_assessment_one_per_day`). `token`: the form's token
 * (once.ts); a double submit answers with the first submission's id.
 */
export async function submitSelfAssessment(
	db: DB,
	userId: string,
	answers: AnswerInput[],
	token?: FormToken
): Promise<SubmitResult> {
	const framework = await currentFramework(db);
	const cleaned = clean(framework, answers);
	const answered = new Set(cleaned.filter((a) => a.level !== null).map((a) => a.indicatorId));
	const missing = framework.areas.flatMap((area) =>
		area.indicators
			.filter((i) => !answered.has(i.id))
			.map((i) => ({ indicatorId: i.id, areaName: area.name, text: i.text }))
	);
	if (missing.length) {
		await db.transaction().execute((trx) => storeDraft(trx, userId, framework, cleaned));
		return { ok: false, missing };
	}
	const { id, replaced } = await db.transaction().execute((trx) =>
		once(trx, userId, 'self_assessment', token, async () => {
			const now = new Date();
			const draftId = await storeDraft(trx, userId, framework, cleaned);
			const sameDay = await trx
				.selectFrom('self_assessment')
				.select('id')
				.where('user_id', '=', userId)
				.where('status', '=', 'submitted')
				.where('id', '!=', draftId)
				.where(
					sql<string>`(submitted_at at time zone 'Europe/Amsterdam')::date`,
					'=',
					todayIso(now)
				)
				.forUpdate()
				.executeTakeFirst();
			let id = draftId;
			if (sameDay) {
				// Today's round takes the new answers; the draft is used up.
				id = sameDay.id;
				await trx.deleteFrom('self_assessment_answer').where('assessment_id', '=', id).execute();
				await trx
					.updateTable('self_assessment_answer')
					.set({ assessment_id: id })
					.where('assessment_id', '=', draftId)
					.execute();
				await trx.deleteFrom('self_assessment').where('id', '=', draftId).execute();
				await trx
					.updateTable('self_assessment')
					.set({ version_id: framework.id, submitted_at: now, updated_at: now })
					.where('id', '=', id)
					.execute();
			} else {
				await trx
					.updateTable('self_assessment')
					.set({ status: 'submitted', submitted_at: now, updated_at: now })
					.where('id', '=', id)
					.execute();
			}
			await refreshLloSummary(trx, [userId]);
			await audit(trx, {
				actorUserId: userId,
				action: 'self_assessment.submitted',
				entityType: 'self_assessment',
				entityId: id,
				data: { versionId: framework.id, ...(sameDay ? { replacedSameDay: true } : {}) }
			});
			return { id, replaced: !!sameDay };
		})
	);
	return { ok: true, id, replaced };
}

export interface AreaComparison {
	code: string;
	name: string;
	previous: number | null;
	latest: number | null;
}

/**
 * The average level per area of the latest and the one-but-latest submitted
 * self-assessment (areas matched by code across versions, named as in the current one).
 */
export async function selfAssessmentHistory(db: DB, userId: string) {
	const framework = await currentFramework(db);
	const rows = await sql<{ rn: number; code: string; avg: number; submitted_at: Date }>`
		with s as (
			select id, submitted_at, row_number() over (order by submitted_at desc)::int as rn
			from self_assessment where user_id = ${userId} and status = 'submitted'
		)
		select s.rn, s.submitted_at, a.code, round(avg(ans.level), 2)::float8 as avg
		from s
		join self_assessment_answer ans on ans.assessment_id = s.id and ans.level is not null
		join competence_indicator i on i.id = ans.indicator_id
		join competence_area a on a.id = i.area_id
		where s.rn <= 2
		group by s.rn, s.submitted_at, a.code`.execute(db);
	const latestAt = rows.rows.find((r) => r.rn === 1)?.submitted_at ?? null;
	const previousAt = rows.rows.find((r) => r.rn === 2)?.submitted_at ?? null;
	const value = (rn: number, code: string) =>
		rows.rows.find((r) => r.rn === rn && r.code === code)?.avg ?? null;
	const areas: AreaComparison[] = framework.areas.map((a) => ({
		code: a.code,
		name: a.name,
		previous: value(2, a.code),
		latest: value(1, a.code)
	}));
	const count = await db
		.selectFrom('self_assessment')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('user_id', '=', userId)
		.where('status', '=', 'submitted')
		.executeTakeFirstOrThrow();
	return { latestAt, previousAt, areas, submitted: Number(count.n) };
}
