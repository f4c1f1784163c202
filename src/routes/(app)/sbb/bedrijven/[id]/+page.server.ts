import { error, fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { contactSchema } from '$lib/schemas/adviser';
import { companyFigures, companyForAdviser } from '$lib/server/adviser/company';
import { addContact, contactsOf } from '$lib/server/adviser/contacts';
import { reasonThresholds } from '$lib/server/adviser/signals';
import { cultureForAdviser } from '$lib/server/culture/share';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { inCompany } from '$lib/server/db/scope';
import { formTokenOf } from '$lib/server/once';
import { ROUTES } from '$lib/server/trajectories/trajectories';
import type { Actions, PageServerLoad } from './$types';
import { todayIso } from '$lib/time';

/**
 * A company as its adviser sees it: aggregates, trainers and the contact log. A company
 * outside the adviser's regions, or no company at all: 404.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requirePlatformRole(locals, 'adviser', 'admin');
	const db = await getDb();
	const company = await companyForAdviser(db, user, params.id);
	if (!company) error(404, m.error_not_found());
	const [{ figures, trainers }, contacts, culture] = await Promise.all([
		companyFigures(db, user, company, locals.requestId),
		contactsOf(db, company.id),
		// Access checked above (companyForAdviser): the wall shows this company alone.
		inCompany(company.id, () => cultureForAdviser(db, company.id))
	]);
	const form = await superValidate(zod4(contactSchema), {
		defaults: {
			contactedOn: todayIso(),
			kind: 'visit',
			notes: '',
			agreements: '',
			followUpOn: '',
			contactedOnConfirmed: false,
			followUpOnConfirmed: false
		}
	});
	return {
		company,
		figures,
		trainers,
		contacts,
		culture,
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
		const form = await superValidate(data, zod4(contactSchema));
		if (!form.valid) return fail(400, { form });
		await addContact(db, user, company, form.data, locals.requestId, formTokenOf(data));
		return message(form, { type: 'success', text: m.adviser_contact_saved() });
	}
};
