import { requireCompany } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const ctx = requireCompany(locals, 'trainer');
	return { name: ctx.user.name };
};
