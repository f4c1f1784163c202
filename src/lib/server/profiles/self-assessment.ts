import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
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

/**
 * The form for the current version, filled with the user's draft on that version: two
 * statements (the framework; the draft with its answers as a JSON array).
 */
export async function selfAssessmentForm(db: DB, userId: string): Promise<SelfAssessmentForm> {
	const framework = await currentFramework(db);
	const draft = await db
		.selectFrom('self_assessment as s')
		.select((eb) => [
			's.updated_at',
			jsonArrayFrom(
				eb
					.selectFrom('self_assessment_answer as ans')
					.select(['ans.indicator_id', 'ans.level', 'ans.reflection'])
					.whereRef('ans.assessment_id', '=', 's.id')
			).as('answers')
		])
		.where('s.user_id', '=', userId)
		.where('s.status', '=', 'draft')
		.where('s.version_id', '=', framework.id)
		.executeTakeFirst();
	const answers: SelfAssessmentForm['answers'] = {};
	for (const r of draft?.answers ?? []) {
		answers[r.indicator_id] = { level: r.level, reflection: r.reflection };
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
 * self-assessment (areas matched by code across versions, named as in the current one),
 * and how many were submitted: one statement.
 */
export async function selfAssessmentHistory(db: DB, userId: string) {
	const { rows } = await sql<{
		version_id: number | null;
		latest_at: Date | null;
		previous_at: Date | null;
		submitted: number;
		areas: AreaComparison[];
	}>`
		with s as (
			select id, submitted_at, row_number() over (order by submitted_at desc)::int as rn
			from self_assessment where user_id = ${userId} and status = 'submitted'
		),
		per_area as (
			select s.rn, s.submitted_at, a.code, round(avg(ans.level), 2)::float8 as avg
			from s
			join self_assessment_answer ans on ans.assessment_id = s.id and ans.level is not null
			join competence_indicator i on i.id = ans.indicator_id
			join competence_area a on a.id = i.area_id
			where s.rn <= 2
			group by s.rn, s.submitted_at, a.code
		),
		cur as (select max(id) as id from competence_framework_version where status = 'published')
		select cur.id as version_id,
			(select max(submitted_at) from per_area where rn = 1) as latest_at,
			(select max(submitted_at) from per_area where rn = 2) as previous_at,
			(select count(*)::int from s) as submitted,
			-- The current version's areas in its order (as currentFramework lists them).
			coalesce((
				select json_agg(json_build_object('code', a.code, 'name', a.name,
					'previous', prev.avg, 'latest', newest.avg) order by a.position)
				from competence_area a
				left join per_area prev on prev.rn = 2 and prev.code = a.code
				left join per_area newest on newest.rn = 1 and newest.code = a.code
				where a.version_id = cur.id), '[]') as areas
		from cur`.execute(db);
	const row = rows[0];
	if (!row?.version_id) throw new Error('no published competence framework');
	return {
		latestAt: row.latest_at,
		previousAt: row.previous_at,
		areas: row.areas,
		submitted: row.submitted
	};
}
