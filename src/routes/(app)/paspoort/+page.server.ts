import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { passportFor } from '$lib/server/trajectories/passport';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	return { passport: await passportFor(await getDb(), user.id) };
};
