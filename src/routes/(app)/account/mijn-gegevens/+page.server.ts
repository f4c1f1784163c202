import { redirect } from '@sveltejs/kit';
import { noFields } from '$lib/schemas/fields';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { readForm } from '$lib/server/forms';
import { createExportLink } from '$lib/server/privacy/download';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	requireUser(locals);
	return {};
};

export const actions: Actions = {
	/** A fresh single-use link, and straight to it: the browser downloads the zip and stays here. */
	default: async ({ locals, request }) => {
		const user = requireUser(locals);
		await readForm(request, noFields); // a button: nothing to read
		const token = await createExportLink(await getDb(), user.id);
		redirect(303, `/account/mijn-gegevens/download?sleutel=${encodeURIComponent(token)}`);
	}
};
