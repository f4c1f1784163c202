import { error } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { capacitySchema } from '$lib/schemas/profiles';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import { setCapacity, trainerForHr } from '$lib/server/profiles/team';
import { selfAssessmentHistory } from '$lib/server/profiles/self-assessment';
import { recordPageRead } from '$lib/server/privacy/access-log';
import type { Actions, PageServerLoad } from './$types';

/** A trainer of THIS company, read-only for HR; everyone else (other companies, non-trainers, unknown) 404. */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const db = await getDb();
	// Three statements: the trainer with their development log (the access check too), the
	// self-assessment history and the read record, both after the check.
	const found = await trainerForHr(db, ctx, event.params.userId);
	if (!found) error(404, m.error_not_found());
	const { activities, goals, ...trainer } = found;
	const [history] = await Promise.all([
		selfAssessmentHistory(db, trainer.userId),
		recordPageRead(db, ctx, event, { userId: trainer.userId }, 'trainer_profile')
	]);
	const form = await formFor(capacitySchema, {
		maxLearners: trainer.capacity === null ? '' : String(trainer.capacity)
	});
	return { trainer, history, activities, goals, form };
};

export const actions: Actions = {
	capacity: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const form = await readForm(event.request, capacitySchema);
		if (!form.valid) return invalid(form);
		try {
			await setCapacity(await getDb(), ctx, event.params.userId, Number(form.data.maxLearners));
		} catch (e) {
			return domainFail(form, e);
		}
		return message(form, { type: 'success', text: m.team_capacity_saved() });
	}
};
