import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { platformCounts } from '$lib/server/accounts/companies';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requirePlatformRole(locals, 'admin');
	return { counts: await platformCounts(await getDb()) };
};
