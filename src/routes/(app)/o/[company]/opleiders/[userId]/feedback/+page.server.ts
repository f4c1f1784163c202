import { error, fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError, isUuid } from '$lib/server/errors';
import {
	FEEDBACK_QUESTIONS,
	coachedLearnerId,
	ownFeedback,
	submitFeedback,
	type FeedbackInput
} from '$lib/server/profiles/feedback';
import type { Actions, PageServerLoad } from './$types';

/**
 * A learner's questionnaire about one of their own trainers. About oneself: a clear
 * refusal; a trainer who does not coach the learner (or anyone unknown): 404.
 */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'learner');
	const trainerId = event.params.userId;
	if (!isUuid(trainerId)) error(404, m.error_not_found());
	const db = await getDb();
	if (trainerId === ctx.user.id) return { self: true as const, questions: FEEDBACK_QUESTIONS };
	if (!(await coachedLearnerId(db, ctx, trainerId))) error(404, m.error_not_found());
	const trainer = await db
		.selectFrom('app_user')
		.select('name')
		.where('id', '=', trainerId)
		.executeTakeFirstOrThrow();
	return {
		self: false as const,
		trainerName: trainer.name,
		previous: (await ownFeedback(db, ctx, trainerId)) ?? null,
		questions: FEEDBACK_QUESTIONS
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = requireCompany(event, 'learner');
		const form = await event.request.formData();
		const values = Object.fromEntries(
			FEEDBACK_QUESTIONS.map((q) => [q, Number(form.get(q) ?? 0)])
		) as FeedbackInput;
		const missing = FEEDBACK_QUESTIONS.filter((q) => !(values[q] >= 1 && values[q] <= 5));
		if (missing.length) {
			return fail(400, { values, missing, error: m.err_feedback_answer_required() });
		}
		try {
			await submitFeedback(await getDb(), ctx, event.params.userId, values);
		} catch (e) {
			if (e instanceof DomainError) {
				if (e.code === 'feedback_not_your_trainer') error(404, m.error_not_found());
				return fail(400, { values, missing: [], error: domainErrorMessage(e.code) });
			}
			throw e;
		}
		return { saved: true };
	}
};
