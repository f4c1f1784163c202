import { getLocale } from '$lib/paraglide/runtime';
import type { LayoutServerLoad } from './$types';

/** The company whose pages the user last visited (kept on shared pages). */
const COMPANY_COOKIE = 'vakmaat_company';

export const load: LayoutServerLoad = ({ locals, params, cookies }) => {
	const user = locals.user;
	const locale = getLocale();
	if (!user) {
		return {
			locale,
			formToken: null,
			user: null,
			memberships: [],
			companySlug: null,
			twoFactorSetupRequired: false
		};
	}
	const memberships = locals.memberships.map((ms) => ({
		slug: ms.company.slug,
		name: ms.company.name,
		roles: ms.roles
	}));
	const inPath = 'company' in params ? (params.company ?? null) : null;
	// On shared pages (qualifications, election, account, passport) the user keeps the
	// context of the company they came from: the last one visited, or their only one.
	const remembered = cookies.get(COMPANY_COOKIE);
	const companySlug =
		inPath ??
		(memberships.some((ms) => ms.slug === remembered) ? remembered! : null) ??
		(memberships.length === 1 ? memberships[0].slug : null);
	if (inPath && inPath !== remembered && memberships.some((ms) => ms.slug === inPath)) {
		cookies.set(COMPANY_COOKIE, inPath, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			maxAge: 60 * 60 * 24 * 365
		});
	}
	return {
		locale,
		// A fresh token per render for the create forms (FormToken.svelte, server/once.ts).
		formToken: crypto.randomUUID(),
		user: { name: user.name, email: user.email, platformRoles: user.platformRoles },
		memberships,
		companySlug,
		// Only the two-step setup page is open (auth/two-factor-policy.ts): the header hides the rest.
		twoFactorSetupRequired: locals.twoFactorSetupRequired
	};
};
