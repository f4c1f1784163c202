import { redirect } from '@sveltejs/kit';
import { setError } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { companySchema } from '$lib/schemas/company';
import { createCompanyWithHr, listReference } from '$lib/server/accounts/companies';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { formTokenOf } from '$lib/server/once';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requirePlatformRole(locals, 'admin');
	return {
		reference: await listReference(await getDb()),
		form: await formFor(companySchema)
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const user = requirePlatformRole(locals, 'admin');
		const data = await request.formData();
		const form = await readForm(data, companySchema);
		if (!form.valid) return invalid(form);
		const db = await getDb();
		const { regions, sectorChambers } = await listReference(db);
		if (!regions.some((r) => r.id === form.data.regionId)) {
			return setError(form, 'regionId', m.v_choose());
		}
		if (!sectorChambers.some((s) => s.id === form.data.sectorChamberId)) {
			return setError(form, 'sectorChamberId', m.v_choose());
		}
		let created;
		try {
			created = await createCompanyWithHr(
				db,
				{ user, requestId: locals.requestId },
				form.data,
				form.data.hrEmail,
				url.origin,
				formTokenOf(data)
			);
		} catch (e) {
			return domainFail(form, e);
		}
		redirect(303, `/beheer/bedrijven/${created.id}?nieuw=1`);
	}
};
