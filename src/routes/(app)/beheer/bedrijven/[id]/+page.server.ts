import { error } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { inviteHrSchema } from '$lib/schemas/company';
import { getCompanyForAdmin, inviteHrForCompany } from '$lib/server/accounts/companies';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { formTokenOf } from '$lib/server/once';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requirePlatformRole(locals, 'admin');
	const detail = await getCompanyForAdmin(await getDb(), params.id, {
		user,
		requestId: locals.requestId
	});
	if (!detail) error(404, m.error_not_found());
	return { ...detail, form: await formFor(inviteHrSchema) };
};

export const actions: Actions = {
	inviteHr: async ({ locals, request, params, url }) => {
		const user = requirePlatformRole(locals, 'admin');
		const db = await getDb();
		if (!(await getCompanyForAdmin(db, params.id))) error(404, m.error_not_found());
		const data = await request.formData();
		const form = await readForm(data, inviteHrSchema);
		if (!form.valid) return invalid(form);
		try {
			await inviteHrForCompany(
				db,
				{ user, requestId: locals.requestId },
				params.id,
				form.data.email,
				url.origin,
				formTokenOf(data)
			);
		} catch (e) {
			return domainFail(form, e);
		}
		const email = form.data.email;
		form.data.email = '';
		return message(form, { type: 'success', text: m.members_invited({ email }) });
	}
};
