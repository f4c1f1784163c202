import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db';
import { audit } from '../accounts/audit';
import { DomainError } from '../errors';
import { refreshLloSummary } from './completeness';
import { currentFramework, type Framework } from './framework';
import { todayIso } from '../../time';
import { createOnce, type FormToken } from '../once';

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

/**
 * Normalises the answers: levels outside 1–4 become none, reflections are trimmed and at
 * most 2000 characters, an indicator answered twice counts once, empty answers are left
 * out. Whether an indicator belongs to the version is checked where the answers are
 * stored (storeDraft).
 */
function clean(answers: AnswerInput[]): AnswerInput[] {
	const byId = new Map<number, AnswerInput>();
	for (const a of answers) {
		const level = a.level && a.level >= 1 && a.level <= 4 ? Math.trunc(a.level) : null;
		const reflection = a.reflection.trim();
		if (reflection.length > 2000)
			throw new DomainError('reflection_too_long', `reflection_${a.indicatorId}`);
		if (level !== null || reflection)
			byId.set(a.indicatorId, { indicatorId: a.indicatorId, level, reflection });
	}
	return [...byId.values()];
}

/**
 * Keeps the answers as the user's draft on `versionId` (the current version when null),
 * in one statement: the draft is created or touched (one per user, index
 * `self_assessment_one_draft`; a draft on an older version moves to this one, since it
 * could not be submitted any more), answers to indicators outside the version are
 * ignored, the answers given are upserted and the draft's other answers deleted.
 */
async function storeDraft(
	db: DB,
	userId: string,
	versionId: number | null,
	answers: AnswerInput[]
): Promise<string> {
	const version =
		versionId ??
		sql<number>`(select max(id) from competence_framework_version where status = 'published')`;
	const given = JSON.stringify(
		answers.map((a) => ({ indicator_id: a.indicatorId, level: a.level, reflection: a.reflection }))
	);
	const now = new Date();
	const { rows } = await sql<{ id: string }>`
		with draft as (
			insert into self_assessment (user_id, version_id, updated_at)
			values (${userId}, ${version}, ${now})
			on conflict (user_id) where status = 'draft'
			do update set version_id = excluded.version_id, updated_at = excluded.updated_at
			returning id, version_id
		), answer as (
			select x.indicator_id, x.level, x.reflection
			from jsonb_to_recordset(${given}::jsonb)
				as x (indicator_id integer, level smallint, reflection text)
			join competence_indicator i on i.id = x.indicator_id
			join competence_area a on a.id = i.area_id
			join draft on draft.version_id = a.version_id
		), dropped as (
			delete from self_assessment_answer old
			using draft
			where old.assessment_id = draft.id
				and old.indicator_id not in (select indicator_id from answer)
		), kept as (
			insert into self_assessment_answer (assessment_id, indicator_id, level, reflection)
			select draft.id, answer.indicator_id, answer.level, answer.reflection
			from draft, answer
			on conflict (assessment_id, indicator_id)
			do update set level = excluded.level, reflection = excluded.reflection
		)
		select id from draft`.execute(db);
	return rows[0].id;
}

/** Saves the answers as the user's draft on the current version: one statement. */
export async function saveSelfAssessmentDraft(
	db: DB,
	userId: string,
	answers: AnswerInput[]
): Promise<void> {
	await storeDraft(db, userId, null, clean(answers));
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
	const known = new Set(framework.areas.flatMap((a) => a.indicators.map((i) => i.id)));
	const cleaned = clean(answers).filter((a) => known.has(a.indicatorId));
	const answered = new Set(cleaned.filter((a) => a.level !== null).map((a) => a.indicatorId));
	const missing = framework.areas.flatMap((area) =>
		area.indicators
			.filter((i) => !answered.has(i.id))
			.map((i) => ({ indicatorId: i.id, areaName: area.name, text: i.text }))
	);
	if (missing.length) {
		await storeDraft(db, userId, framework.id, cleaned);
		return { ok: false, missing };
	}
	const { id, replaced } = await createOnce(db, userId, 'self_assessment', token, async (trx) => {
		const now = new Date();
		const draftId = await storeDraft(trx, userId, framework.id, cleaned);
		const sameDay = await trx
			.selectFrom('self_assessment')
			.select('id')
			.where('user_id', '=', userId)
			.where('status', '=', 'submitted')
			.where('id', '!=', draftId)
			.where(sql<string>`(submitted_at at time zone 'Europe/Amsterdam')::date`, '=', todayIso(now))
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
	});
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
