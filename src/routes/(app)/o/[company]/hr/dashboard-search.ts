import { z } from 'zod';
import { recordId } from '$lib/schemas/fields';
import type { DashboardFilters } from '$lib/server/trajectories/dashboard';
import { readSearch } from '$lib/server/search';
import { ROUTES } from '$lib/server/trajectories/trajectories';

/** The dashboard's filters (?route=…&trainer=…), shared by the page and its CSV; anything unknown is ignored. */
const dashboardSearch = z.object({
	route: z.enum(ROUTES).nullable().catch(null),
	trainer: recordId()
		.transform((id) => id.toLowerCase())
		.nullable()
		.catch(null)
});

export function dashboardFilters(url: URL): DashboardFilters {
	const { route, trainer } = readSearch(url, dashboardSearch);
	return { route, trainerId: trainer };
}
