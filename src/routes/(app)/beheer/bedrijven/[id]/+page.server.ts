import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { inviteHrSchema } from '$lib/schemas/company';
import { getCompanyForAdmin, inviteHrForCompany } from '$lib/server/accounts/companies';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { formTokenOf } from '$lib/server/once';
import { DomainError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requirePlatformRole(locals, 'admin');
	const detail = await getCompanyForAdmin(await getDb(), params.id, {
		user,
		requestId: locals.requestId
	});
	if (!detail) error(404, m.error_not_found());
	return { ...detail, form: await superValidate(zod4(inviteHrSchema)) };
};

export const actions: Actions = {
	inviteHr: async ({ locals, request, params, url }) => {
		const user = requirePlatformRole(locals, 'admin');
		const db = await getDb();
		if (!(await getCompanyForAdmin(db, params.id))) error(404, m.error_not_found());
		const data = await request.formData();
		const form = await superValidate(data, zod4(inviteHrSchema));
		if (!form.valid) return fail(400, { form });
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
			if (e instanceof DomainError) return setError(form, 'email', domainErrorMessage(e.code));
			throw e;
		}
		const email = form.data.email;
		form.data.email = '';
		return message(form, { type: 'success', text: m.members_invited({ email }) });
	}
};
