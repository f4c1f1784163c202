import { auditOverview, overviewData, refreshDue } from '$lib/server/adviser/overview';
import { parseOverviewFilters, SIZE_CLASS_KEYS, SORTS } from '$lib/server/adviser/filters';
import { reasonThresholds } from '$lib/server/adviser/signals';
import { ROUTES } from '$lib/server/trajectories/status';
import { readSearch } from '$lib/server/search';
import { regionSearch } from '$lib/schemas/search';
import { adviserScope } from './scope.server';
import type { PageServerLoad } from './$types';

/**
 * The adviser's overview: the companies of their regions (an admin: the region chosen in
 * the national view) with figures and health signal, filters, paging, region totals and
 * the follow-ups due: four statements whatever the region's size (the regions, the
 * refresh of due summaries, everything shown in one, the audit entry), the figures all
 * from company_overview (without filters the list's count comes from the totals).
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { user, db, scope } = await adviserScope(locals, readSearch(url, regionSearch).regio);
	const regionIds = scope.selected.map((r) => r.id);
	const filters = parseOverviewFilters(url.searchParams);
	await refreshDue(db, regionIds);
	const { list, totals, totalsAt, followUps, sectors } = await overviewData(db, regionIds, filters);
	await auditOverview(
		db,
		user,
		regionIds,
		'adviser.overview_viewed',
		{ filters, page: list.page },
		locals.requestId
	);
	return {
		name: user.name,
		scope,
		filters,
		list,
		totals,
		totalsAt,
		followUps,
		sectors,
		routes: ROUTES,
		sizes: SIZE_CLASS_KEYS,
		sorts: SORTS,
		thresholds: reasonThresholds()
	};
};
