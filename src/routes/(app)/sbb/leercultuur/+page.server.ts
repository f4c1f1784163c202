import { reasonThresholds } from '$lib/server/adviser/signals';
import { regionCulture } from '$lib/server/culture/region';
import { readSearch } from '$lib/server/search';
import { regionSearch } from '$lib/schemas/search';
import { adviserScope } from '../scope.server';
import type { PageServerLoad } from './$types';

/**
 * Learning culture in the adviser's regions (issue 15): aggregates over companies only
 * (a distribution from five sharing companies), and the sharing companies by name. A
 * region that is not the adviser's: 404, as on the overview; an admin without ?regio
 * picks a region in the national view first.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { db, scope } = await adviserScope(locals, readSearch(url, regionSearch).regio);
	return {
		scope,
		culture: await regionCulture(db, scope.selected),
		scanMonths: reasonThresholds().scanMonths
	};
};
