import { requireCompany } from '$lib/server/auth/guard';
import { COMPANY_COOKIE } from '$lib/server/http/cookies';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, params, cookies }) => {
	const ctx = requireCompany({ locals, params });
	// Remember the last company for the next login.
	cookies.set(COMPANY_COOKIE, ctx.company.slug, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: 365 * 24 * 3600
	});
	return { company: ctx.company, roles: ctx.roles };
};
