import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { auditOverview } from '$lib/server/adviser/overview';
import { nationalTotals, totalsReadAt } from '$lib/server/adviser/totals';
import { readSearch } from '$lib/server/search';
import { NATIONAL_MEASURES, nationalSearch } from '$lib/schemas/search';
import type { PageServerLoad } from './$types';

/** The admin's national view: all regions side by side and a tile map coloured by a measure. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePlatformRole(locals, 'admin');
	const db = await getDb();
	const measure = readSearch(url, nationalSearch).maat;
	const regions = await nationalTotals(db);
	await auditOverview(
		db,
		user,
		regions.map((r) => r.id),
		'adviser.national_viewed',
		{ measure },
		locals.requestId
	);
	return { regions, totalsAt: totalsReadAt(db, null), measure, measures: NATIONAL_MEASURES };
};
