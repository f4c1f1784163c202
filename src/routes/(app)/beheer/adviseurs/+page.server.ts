import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { listAdvisers, makeAdviser, setAdviserRegions } from '$lib/server/adviser/admin';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/form-data';

/** Adviser accounts and their regions (admin). */
export const load: PageServerLoad = async ({ locals }) => {
	requirePlatformRole(locals, 'admin');
	const db = await getDb();
	const [advisers, regions] = await Promise.all([
		listAdvisers(db),
		db.selectFrom('region').select(['id', 'name']).orderBy('name').execute()
	]);
	return { advisers, regions };
};

export const actions: Actions = {
	add: async ({ locals, request }) => {
		const admin = requirePlatformRole(locals, 'admin');
		const email = formText(await request.formData(), 'email').trim();
		if (!email) return fail(400, { add: { email, error: m.v_required() } });
		if (email.length > 254) return fail(400, { add: { email, error: m.v_too_long({ max: 254 }) } });
		const made = await makeAdviser(await getDb(), admin, email, locals.requestId);
		if (!made) return fail(400, { add: { email, error: m.adviser_admin_unknown_user() } });
		return { added: m.adviser_admin_added({ name: made.name }) };
	},
	regions: async ({ locals, request }) => {
		const admin = requirePlatformRole(locals, 'admin');
		const data = await request.formData();
		const userId = formText(data, 'userId');
		const regionIds = data
			.getAll('region')
			.map(Number)
			.filter((n) => Number.isInteger(n) && n > 0 && n < 1000);
		const ok = await setAdviserRegions(await getDb(), admin, userId, regionIds, locals.requestId);
		if (!ok) return fail(404, { regionsError: m.error_not_found() });
		return { saved: userId };
	}
};
