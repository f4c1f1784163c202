import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { LOW_AREA, teamOverview } from '$lib/server/profiles/team';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	return { team: await teamOverview(await getDb(), ctx), low: LOW_AREA };
};
