import { requireCompany } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = requireCompany({ locals, params }, 'learner');
	return { name: ctx.user.name };
};
