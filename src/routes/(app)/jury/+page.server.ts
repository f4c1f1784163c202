import { panelsOfJuror } from '$lib/server/awards/scoring';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import type { PageServerLoad } from './$types';

/** The panels the user is an active juror of (empty for everyone else). */
export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	return { panels: await panelsOfJuror(await getDb(), user.id) };
};
