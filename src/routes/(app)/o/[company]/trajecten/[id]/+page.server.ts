import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { getTrajectory } from '$lib/server/trajectories/trajectories';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event);
	const detail = await getTrajectory(await getDb(), ctx, event.params.id);
	if (!detail) error(404, m.error_not_found());
	return detail;
};
