import { error } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { feedbackSchema } from '$lib/schemas/profiles';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError, isUuid, NotFoundError } from '$lib/server/errors';
import { domainFail, formFor, notFoundOr, readForm } from '$lib/server/forms';
import {
	FEEDBACK_QUESTIONS,
	coachedLearnerId,
	ownFeedback,
	submitFeedback
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
	if (trainerId === ctx.user.id) {
		return {
			self: true as const,
			questions: FEEDBACK_QUESTIONS,
			form: await formFor(feedbackSchema)
		};
	}
	if (!(await coachedLearnerId(db, ctx, trainerId))) error(404, m.error_not_found());
	const trainer = await db
		.selectFrom('app_user')
		.select('name')
		.where('id', '=', trainerId)
		.executeTakeFirstOrThrow();
	const previous = (await ownFeedback(db, ctx, trainerId)) ?? null;
	return {
		self: false as const,
		trainerName: trainer.name,
		previous,
		questions: FEEDBACK_QUESTIONS,
		form: await formFor(feedbackSchema, previous)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = requireCompany(event, 'learner');
		const form = await readForm(event.request, feedbackSchema);
		if (!form.valid) {
			return message(
				form,
				{ type: 'error', text: m.err_feedback_answer_required() },
				{ status: 400 }
			);
		}
		try {
			await submitFeedback(await getDb(), ctx, event.params.userId, form.data);
		} catch (e) {
			// a trainer who does not coach this learner is not there for them
			if (e instanceof DomainError && e.code === 'feedback_not_your_trainer') {
				notFoundOr(new NotFoundError('trainer'));
			}
			return domainFail(form, e);
		}
		return message(form, { type: 'success', text: m.feedback_saved() });
	}
};
