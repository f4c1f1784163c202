import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { parseDashboardFilters } from '$lib/server/trajectories/dashboard';
import { hrHome } from '$lib/server/trajectories/home';
import { ROUTES } from '$lib/server/trajectories/status';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const filters = parseDashboardFilters(event.url.searchParams);
	const db = await getDb();
	const home = await hrHome(db, ctx, filters);
	return { name: ctx.user.name, routes: ROUTES, ...home };
};
