import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { learnerHome } from '$lib/server/trajectories/home';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'learner');
	return { name: ctx.user.name, trajectories: await learnerHome(await getDb(), ctx) };
};
