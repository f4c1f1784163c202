import { error, fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { listActivities, listGoals } from '$lib/server/profiles/development';
import { setCapacity, trainerForHr } from '$lib/server/profiles/profile';
import { selfAssessmentHistory } from '$lib/server/profiles/self-assessment';
import { readerOf, recordRead } from '$lib/server/privacy/access-log';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/form-data';

/** A trainer of THIS company, read-only for HR; everyone else (other companies, non-trainers, unknown) 404. */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const db = await getDb();
	const trainer = await trainerForHr(db, ctx, event.params.userId);
	if (!trainer) error(404, m.error_not_found());
	const [history, activities, goals] = await Promise.all([
		selfAssessmentHistory(db, trainer.userId),
		listActivities(db, trainer.userId),
		listGoals(db, trainer.userId),
		recordRead(db, readerOf(ctx), { userId: trainer.userId }, 'trainer_profile', event.url.pathname)
	]);
	return { trainer, history, activities, goals };
};

export const actions: Actions = {
	capacity: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const form = await event.request.formData();
		const raw = formText(form, 'maxLearners').trim();
		try {
			await setCapacity(await getDb(), ctx, event.params.userId, raw === '' ? NaN : Number(raw));
		} catch (e) {
			if (e instanceof DomainError) {
				if (e.code === 'member_not_found') error(404, m.error_not_found());
				return fail(400, { value: raw, error: domainErrorMessage(e.code) });
			}
			throw e;
		}
		return { saved: true };
	}
};
