import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { listTrajectories } from '$lib/server/trajectories/trajectories';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'trainer');
	const trajectories = await listTrajectories(await getDb(), ctx, { onlyMine: true });
	return { name: ctx.user.name, trajectories };
};
