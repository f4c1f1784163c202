import { redirect } from '@sveltejs/kit';
import { homePath } from '$lib/server/auth/context';
import { COMPANY_COOKIE } from '$lib/server/http/cookies';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, cookies }) => {
	if (!locals.user) redirect(303, '/login');
	redirect(303, homePath(locals.user, locals.memberships, cookies.get(COMPANY_COOKIE)));
};
