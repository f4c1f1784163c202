import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { erasureExecuteSchema } from '$lib/schemas/platform-admin';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, notFoundOr, readForm } from '$lib/server/forms';
import { erasureConsequences, executeErasure, isOpenErasure } from '$lib/server/privacy/erase';
import type { Actions, PageServerLoad } from './$types';

/**
 * One erasure request (issue 18): what carrying it out means in each company and for the
 * account, what must happen first, and the button. The admin's read of the person's
 * records is audited by the erasure's own entry when carried out.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const admin = requirePlatformRole(locals, 'admin');
	const db = await getDb();
	const request = await erasureConsequences(db, params.id, admin.id).catch(notFoundOr);
	return { request, form: await formFor(erasureExecuteSchema) };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const admin = requirePlatformRole(locals, 'admin');
		const db = await getDb();
		// A request that is not (or no longer) open is the 404 page, whatever was posted.
		if (!(await isOpenErasure(db, params.id))) error(404, m.error_not_found());
		const form = await readForm(request, erasureExecuteSchema);
		if (!form.valid) return invalid(form);
		let result;
		try {
			result = await executeErasure(db, admin.id, params.id, {
				requestId: locals.requestId
			});
		} catch (e) {
			return domainFail(form, e, 409);
		}
		redirect(
			303,
			`/beheer/verwijderverzoeken?bedrijven=${result.companies}&bestanden=${result.files}`
		);
	}
};
