import { redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { createExportLink } from '$lib/server/privacy/download';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	requireUser(locals);
	return {};
};

export const actions: Actions = {
	/** A fresh single-use link, and straight to it: the browser downloads the zip and stays here. */
	default: async ({ locals }) => {
		const user = requireUser(locals);
		const token = await createExportLink(await getDb(), user.id);
		redirect(303, `/account/mijn-gegevens/download?sleutel=${encodeURIComponent(token)}`);
	}
};
