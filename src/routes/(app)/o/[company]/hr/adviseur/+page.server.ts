import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { adviserForHr } from '$lib/server/adviser/contacts';
import type { PageServerLoad } from './$types';

/** The company's SBB adviser(s) and the agreements recorded with it (never the internal notes). */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	return adviserForHr(await getDb(), ctx.company.id);
};
