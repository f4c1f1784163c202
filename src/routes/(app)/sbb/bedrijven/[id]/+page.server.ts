import { error } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { contactSchema } from '$lib/schemas/adviser';
import { companyForAdviser, companyPage } from '$lib/server/adviser/company';
import { addContact } from '$lib/server/adviser/contacts';
import { reasonThresholds } from '$lib/server/adviser/signals';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { formTokenOf } from '$lib/server/once';
import { formFor, invalid, readForm } from '$lib/server/forms';
import { ROUTES } from '$lib/server/trajectories/status';
import type { Actions, PageServerLoad } from './$types';
import { todayIso } from '$lib/time';

/**
 * A company as its adviser sees it: aggregates, trainers, the learning-culture scans and the
 * contact log, in three statements (companyPage). A company outside the adviser's regions,
 * or no company at all: 404.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requirePlatformRole(locals, 'adviser', 'admin');
	const db = await getDb();
	const page = await companyPage(db, user, params.id, locals.requestId);
	if (!page) error(404, m.error_not_found());
	const form = await formFor(contactSchema, {
		contactedOn: todayIso(),
		kind: 'visit',
		notes: '',
		agreements: '',
		followUpOn: '',
		contactedOnConfirmed: false,
		followUpOnConfirmed: false
	});
	return {
		...page,
		form,
		routes: ROUTES,
		thresholds: reasonThresholds()
	};
};

export const actions: Actions = {
	contact: async ({ locals, params, request }) => {
		const user = requirePlatformRole(locals, 'adviser', 'admin');
		const db = await getDb();
		const company = await companyForAdviser(db, user, params.id);
		if (!company) error(404, m.error_not_found());
		const data = await request.formData();
		const form = await readForm(data, contactSchema);
		if (!form.valid) return invalid(form);
		await addContact(db, user, company, form.data, locals.requestId, formTokenOf(data));
		return message(form, { type: 'success', text: m.adviser_contact_saved() });
	}
};
