import { redirect } from '@sveltejs/kit';
import { setError } from 'sveltekit-superforms';
import { domainErrorMessage } from '$lib/errors';
import { planSchema } from '$lib/schemas/conversations';
import { requireCompany } from '$lib/server/auth/guard';
import { planConversation, plannableLearners } from '$lib/server/conversations/plan';
import { plannableTemplates } from '$lib/server/conversations/templates';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import { listTrainers } from '$lib/server/trajectories/people';
import { planSearch } from '$lib/schemas/search';
import { readSearch } from '$lib/server/search';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'trainer', 'hr');
	const db = await getDb();
	const [learners, templates, trainers] = await Promise.all([
		plannableLearners(db, ctx),
		plannableTemplates(db, ctx),
		listTrainers(db, ctx)
	]);
	const search = readSearch(event.url, planSearch);
	const form = await formFor(planSchema, {
		learnerId: learners.find((l) => l.id === search.lerende)?.id ?? '',
		templateId: '',
		plannedDate: search.datum ?? '',
		plannedTime: '10:00',
		trainerId: trainers.some((t) => t.id === ctx.user.id) ? ctx.user.id : ''
	});
	return { form, learners, templates, trainers };
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = requireCompany(event, 'trainer', 'hr');
		const data = await event.request.formData();
		const form = await readForm(data, planSchema);
		if (!form.valid) return invalid(form);
		let id: string;
		try {
			id = await planConversation(
				await getDb(),
				ctx,
				form.data,
				event.url.origin,
				formTokenOf(data)
			);
		} catch (e) {
			// a template archived since the page loaded is a choice to make again, not a 404
			if (e instanceof DomainError && e.code === 'template_not_found') {
				return setError(form, 'templateId', domainErrorMessage(e.code));
			}
			return domainFail(form, e);
		}
		redirect(303, `/o/${ctx.company.slug}/gesprekken/${id}`);
	}
};
