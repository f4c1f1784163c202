import { redirect } from '@sveltejs/kit';
import { homePath, listMemberships } from '$lib/server/auth/context';
import { getDb } from '$lib/server/db/app';
import { COMPANY_COOKIE } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, cookies }) => {
	if (!locals.user) redirect(303, '/login');
	const memberships = await listMemberships(await getDb(), locals.user.id);
	redirect(303, homePath(locals.user, memberships, cookies.get(COMPANY_COOKIE)));
};
