import { redirect } from '@sveltejs/kit';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { overviewScope } from '$lib/server/adviser/regions';
import { reasonThresholds } from '$lib/server/adviser/signals';
import { regionCulture } from '$lib/server/culture/region';
import { getDb } from '$lib/server/db/app';
import { notFoundOr } from '$lib/server/forms';
import { readSearch } from '$lib/server/search';
import { regionSearch } from '$lib/schemas/search';
import type { PageServerLoad } from './$types';

/**
 * Learning culture in the adviser's regions (issue 15): aggregates over companies only
 * (a distribution from five sharing companies), and the sharing companies by name. A
 * region that is not the adviser's: 404, as on the overview; an admin without ?regio
 * picks a region in the national view first.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePlatformRole(locals, 'adviser', 'admin');
	const db = await getDb();
	const scope = await overviewScope(db, user, readSearch(url, regionSearch).regio ?? null).catch(
		notFoundOr
	);
	if (scope.national) redirect(303, '/sbb/landelijk');
	return {
		scope,
		culture: await regionCulture(db, scope.selected),
		scanMonths: reasonThresholds().scanMonths
	};
};
