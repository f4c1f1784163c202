import { getLocale } from '$lib/paraglide/runtime';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, params }) => {
	const user = locals.user;
	const locale = getLocale();
	if (!user) return { locale, formToken: null, user: null, memberships: [], companySlug: null };
	const memberships = locals.memberships;
	return {
		locale,
		// A fresh token per render for the create forms (FormToken.svelte, server/once.ts).
		formToken: crypto.randomUUID(),
		user: { name: user.name, email: user.email, platformRoles: user.platformRoles },
		memberships: memberships.map((ms) => ({
			slug: ms.company.slug,
			name: ms.company.name,
			roles: ms.roles
		})),
		companySlug: 'company' in params ? (params.company ?? null) : null
	};
};
