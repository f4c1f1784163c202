import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { noFields } from '$lib/schemas/fields';
import { getDb } from '$lib/server/db/app';
import { readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url, request }) => {
		await readForm(request, noFields); // a button: nothing to read
		if (locals.session) await invalidateSession(await getDb(), locals.session.id);
		deleteSessionCookie(cookies, url);
		redirect(303, '/login?uitgelogd=1');
	}
};
