import { sql } from 'kysely';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import { DomainError, isUuid } from '../errors';

/** The questions of the learner's questionnaire, each answered on a 1–5 agree scale. */
export const FEEDBACK_QUESTIONS = ['explains', 'listens', 'recognises', 'available'] as const;
export type FeedbackQuestion = (typeof FEEDBACK_QUESTIONS)[number];
export type FeedbackInput = Record<FeedbackQuestion, number>;

/** Results are shown only from this many responses on (no single learner identifiable). */
export const FEEDBACK_THRESHOLD = 3;

/**
 * The learner record of the member if they are a learner coached by `trainerUserId` in
 * this company (a trainer of one of their trajectories); else null.
 */
export async function coachedLearnerId(
	db: DB,
	ctx: RequestContext,
	trainerUserId: string
): Promise<string | null> {
	if (!isUuid(trainerUserId) || !ctx.roles.includes('learner')) return null;
	const row = await db
		.selectFrom('learner as l')
		.innerJoin('trajectory as t', (j) =>
			j.onRef('t.company_id', '=', 'l.company_id').onRef('t.learner_id', '=', 'l.id')
		)
		.innerJoin('trajectory_trainer as tt', (j) =>
			j.onRef('tt.company_id', '=', 't.company_id').onRef('tt.trajectory_id', '=', 't.id')
		)
		.innerJoin('membership as m', (j) =>
			j.onRef('m.company_id', '=', 'tt.company_id').onRef('m.user_id', '=', 'tt.user_id')
		)
		.select('l.id')
		.where('l.company_id', '=', ctx.company.id)
		.where('l.user_id', '=', ctx.user.id)
		.where('tt.user_id', '=', trainerUserId)
		.where('m.deactivated_at', 'is', null)
		.where(sql<boolean>`'trainer' = any(m.roles)`)
		.executeTakeFirst();
	return row?.id ?? null;
}

/** The member's own earlier answers about this trainer (to fill the form), if any. */
export async function ownFeedback(db: DB, ctx: RequestContext, trainerUserId: string) {
	const learnerId = await coachedLearnerId(db, ctx, trainerUserId);
	if (!learnerId) return null;
	return db
		.selectFrom('trainer_feedback')
		.select([...FEEDBACK_QUESTIONS, 'submitted_at as submittedAt'])
		.where('company_id', '=', ctx.company.id)
		.where('trainer_user_id', '=', trainerUserId)
		.where('learner_id', '=', learnerId)
		.executeTakeFirst();
}

/**
 * A learner's feedback on one of their own trainers: one response per learner and
 * trainer, updated in place when given again. Refused about oneself (self) and about a
 * trainer who does not coach the learner (not_your_trainer).
 */
export async function submitFeedback(
	db: DB,
	ctx: RequestContext,
	trainerUserId: string,
	input: FeedbackInput
): Promise<void> {
	if (trainerUserId === ctx.user.id) throw new DomainError('feedback_self');
	const learnerId = await coachedLearnerId(db, ctx, trainerUserId);
	if (!learnerId) throw new DomainError('feedback_not_your_trainer');
	for (const q of FEEDBACK_QUESTIONS) {
		const v = input[q];
		if (!Number.isInteger(v) || v < 1 || v > 5)
			throw new DomainError('feedback_answer_required', q);
	}
	await db
		.insertInto('trainer_feedback')
		.values({
			company_id: ctx.company.id,
			trainer_user_id: trainerUserId,
			learner_id: learnerId,
			...input,
			submitted_at: new Date()
		})
		.onConflict((oc) =>
			oc.columns(['company_id', 'trainer_user_id', 'learner_id']).doUpdateSet({
				explains: input.explains,
				listens: input.listens,
				recognises: input.recognises,
				available: input.available,
				submitted_at: new Date()
			})
		)
		.execute();
}

/** The number of responses and the average per question (one decimal) of a group of them. */
export type FeedbackFigures = { responses: number } & Record<FeedbackQuestion, number>;
/** The columns of FeedbackFigures over the trainer_feedback rows of a group (its select list). */
export const feedbackFigures = sql`count(*)::int as responses,
	round(avg(explains), 1)::float8 as explains, round(avg(listens), 1)::float8 as listens,
	round(avg(recognises), 1)::float8 as recognises, round(avg(available), 1)::float8 as available`;

export interface FeedbackAggregate {
	/** False: fewer than FEEDBACK_THRESHOLD responses, nothing else is told. */
	enough: boolean;
	responses: number | null;
	averages: Record<FeedbackQuestion, number> | null;
}

/**
 * Aggregated feedback per trainer of the company. The threshold is applied in SQL: for
 * fewer than three responses the query returns no figures at all, not even the count.
 */
export async function feedbackAggregates(
	db: DB,
	companyId: string,
	trainerUserIds: string[]
): Promise<Map<string, FeedbackAggregate>> {
	const result = new Map<string, FeedbackAggregate>();
	for (const id of trainerUserIds)
		result.set(id, { enough: false, responses: null, averages: null });
	if (!trainerUserIds.length) return result;
	const rows = await sql<{ trainer_user_id: string } & FeedbackFigures>`
		select trainer_user_id, ${feedbackFigures}
		from trainer_feedback
		where company_id = ${companyId} and trainer_user_id = any(${trainerUserIds}::uuid[])
		group by trainer_user_id
		having count(*) >= ${FEEDBACK_THRESHOLD}`.execute(db);
	for (const r of rows.rows) result.set(r.trainer_user_id, aggregateOf(r));
	return result;
}

/**
 * One trainer's aggregate in this company as a JSON column of a page's statement (the
 * trainer's own profile page): null below the threshold, applied in SQL as above.
 */
export function feedbackFiguresJson(companyId: string, trainerUserId: string) {
	return sql<FeedbackFigures | null>`(
		select row_to_json(f) from (
			select ${feedbackFigures} from trainer_feedback
			where company_id = ${companyId} and trainer_user_id = ${trainerUserId}
			having count(*) >= ${FEEDBACK_THRESHOLD}) f)`;
}

/** The aggregate shown for the figures `f` (null: fewer than FEEDBACK_THRESHOLD responses). */
export function aggregateOf(f: FeedbackFigures | null): FeedbackAggregate {
	if (!f) return { enough: false, responses: null, averages: null };
	return {
		enough: true,
		responses: f.responses,
		averages: averagesOf(f)
	};
}

/** The average per question of the figures `f`. */
export function averagesOf(f: FeedbackFigures): Record<FeedbackQuestion, number> {
	return {
		explains: f.explains,
		listens: f.listens,
		recognises: f.recognises,
		available: f.available
	};
}
