import { redirect } from '@sveltejs/kit';
import { newTrajectorySchema } from '$lib/schemas/assessments';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import { listLearners, listTrainers } from '$lib/server/trajectories/people';
import { ROUTES } from '$lib/server/trajectories/status';
import { startTrajectory, targetOptions } from '$lib/server/trajectories/create';
import type { Actions, PageServerLoad } from './$types';
import { todayIso } from '$lib/time';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const db = await getDb();
	const [learners, trainers, targets] = await Promise.all([
		listLearners(db, ctx),
		listTrainers(db, ctx),
		targetOptions(db)
	]);
	const form = await formFor(newTrajectorySchema, {
		startDate: todayIso(),
		route: 'bbl_diploma',
		targetKind: 'qualification'
	});
	return { form, learners, trainers, routes: ROUTES, ...targets };
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const data = await event.request.formData();
		const form = await readForm(data, newTrajectorySchema);
		if (!form.valid) return invalid(form);
		let created: { id: string; invited: string | null };
		try {
			created = await startTrajectory(
				await getDb(),
				ctx,
				{
					...form.data,
					learnerId: form.data.learnerId || null,
					certificateId: form.data.certificateId || null
				},
				event.url.origin,
				formTokenOf(data)
			);
		} catch (e) {
			return domainFail(form, e);
		}
		// The new trajectory says it was created (and whether the learner was invited).
		const note = created.invited ? 'uitgenodigd' : '1';
		redirect(303, `/o/${ctx.company.slug}/trajecten/${created.id}?nieuw=${note}`);
	}
};
