import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db/app';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.session) await invalidateSession(await getDb(), locals.session.id);
		deleteSessionCookie(cookies, url);
		redirect(303, '/login?uitgelogd=1');
	}
};
