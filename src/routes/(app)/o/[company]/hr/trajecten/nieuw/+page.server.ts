import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { domainErrorMessage } from '$lib/errors';
import { newTrajectorySchema } from '$lib/schemas/assessments';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
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
	const form = await superValidate(
		{
			startDate: todayIso(),
			route: 'bbl_diploma',
			targetKind: 'qualification'
		},
		zod4(newTrajectorySchema),
		{ errors: false }
	);
	return { form, learners, trainers, routes: ROUTES, ...targets };
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const data = await event.request.formData();
		const form = await superValidate(data, zod4(newTrajectorySchema));
		if (!form.valid) return fail(400, { form });
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
			if (e instanceof DomainError) {
				const field = (e.field === 'trainerIds' ? 'trainerIds._errors' : (e.field ?? '')) as '';
				return setError(form, field, domainErrorMessage(e.code));
			}
			throw e;
		}
		// The new trajectory says it was created (and whether the learner was invited).
		const note = created.invited ? 'uitgenodigd' : '1';
		redirect(303, `/o/${ctx.company.slug}/trajecten/${created.id}?nieuw=${note}`);
	}
};
