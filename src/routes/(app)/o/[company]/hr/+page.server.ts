import { requireCompany } from '$lib/server/auth/guard';
import { openActions } from '$lib/server/culture/plan';
import { getDb } from '$lib/server/db/app';
import { hrHome } from '$lib/server/trajectories/home';
import { ROUTES } from '$lib/server/trajectories/trajectories';
import { dashboardFilters } from './dashboard-search';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const filters = dashboardFilters(event.url);
	const db = await getDb();
	const [home, cultureActions] = await Promise.all([
		hrHome(db, ctx, filters),
		openActions(db, ctx)
	]);
	return { name: ctx.user.name, routes: ROUTES, cultureActions, ...home };
};
