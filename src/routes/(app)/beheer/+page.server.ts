import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { platformCounts } from '$lib/server/accounts/companies';
import { openErasureCount } from '$lib/server/privacy/erasure';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requirePlatformRole(locals, 'admin');
	const db = await getDb();
	const [counts, erasures] = await Promise.all([platformCounts(db), openErasureCount(db)]);
	return { counts, erasures };
};
