import { requireCompany } from '$lib/server/auth/guard';
import { listRounds } from '$lib/server/culture/rounds';
import { getDb } from '$lib/server/db/app';
import type { PageServerLoad } from './$types';

/** HR: the company's learning-culture scans. */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	return { rounds: await listRounds(await getDb(), ctx) };
};
