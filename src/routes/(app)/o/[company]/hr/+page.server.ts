import { memberSummary } from '$lib/server/accounts/members';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = requireCompany({ locals, params }, 'hr');
	return { name: ctx.user.name, summary: await memberSummary(await getDb(), ctx) };
};
