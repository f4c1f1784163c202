import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { parseDashboardFilters } from '$lib/server/trajectories/dashboard';
import { hrHome } from '$lib/server/trajectories/home';
import { ROUTES } from '$lib/server/trajectories/trajectories';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const filters = parseDashboardFilters(event.url.searchParams);
	return {
		name: ctx.user.name,
		routes: ROUTES,
		...(await hrHome(await getDb(), ctx, filters))
	};
};
