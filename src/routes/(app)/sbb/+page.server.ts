import { adviserRegions } from '$lib/server/adviser/regions';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requirePlatformRole(locals, 'adviser');
	const regions = await adviserRegions(await getDb(), user);
	return {
		name: user.name,
		regions: regions.map((r) => ({ ...r, companies: Number(r.companies ?? 0) }))
	};
};
