import { error } from '@sveltejs/kit';
import { message, setError } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { adviserAddSchema, adviserRegionsSchema } from '$lib/schemas/platform-admin';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { formFor, invalid, postedText, readForm, requireIds } from '$lib/server/forms';
import { listAdvisers, makeAdviser, setAdviserRegions } from '$lib/server/adviser/admin';
import type { Actions, PageServerLoad } from './$types';

/** Adviser accounts and their regions (admin). */
export const load: PageServerLoad = async ({ locals }) => {
	requirePlatformRole(locals, 'admin');
	const db = await getDb();
	const [advisers, regions] = await Promise.all([
		listAdvisers(db),
		db.selectFrom('region').select(['id', 'name']).orderBy('name').execute()
	]);
	// one regions form per adviser, each with its own id
	const regionForms = Object.fromEntries(
		await Promise.all(
			advisers.map(
				async (a) =>
					[
						a.userId,
						await formFor(
							adviserRegionsSchema,
							{ userId: a.userId, region: a.regionIds },
							{ id: `regions-${a.userId}` }
						)
					] as const
			)
		)
	);
	return {
		advisers,
		regions,
		addForm: await formFor(adviserAddSchema, null, { id: 'add' }),
		regionForms
	};
};

export const actions: Actions = {
	add: async ({ locals, request }) => {
		const admin = requirePlatformRole(locals, 'admin');
		const form = await readForm(request, adviserAddSchema, { id: 'add' });
		if (!form.valid) return invalid(form);
		const made = await makeAdviser(await getDb(), admin, form.data.email, locals.requestId);
		if (!made) return setError(form, 'email', m.adviser_admin_unknown_user());
		form.data.email = '';
		return message(form, { type: 'success', text: m.adviser_admin_added({ name: made.name }) });
	},
	regions: async ({ locals, request }) => {
		const admin = requirePlatformRole(locals, 'admin');
		const data = await request.formData();
		const form = await readForm(data, adviserRegionsSchema, {
			id: `regions-${postedText(data, 'userId')}`
		});
		requireIds(form, 'userId');
		if (!form.valid) return invalid(form);
		const { userId, region } = form.data;
		const ok = await setAdviserRegions(await getDb(), admin, userId, region, locals.requestId);
		if (!ok) error(404, m.error_not_found());
		return message(form, { type: 'success', text: m.adviser_admin_saved() });
	}
};
