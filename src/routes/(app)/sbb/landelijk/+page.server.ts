import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { auditOverview } from '$lib/server/adviser/overview';
import { nationalTotals, totalsReadAt } from '$lib/server/adviser/totals';
import type { PageServerLoad } from './$types';

const MEASURES = ['companies', 'learners', 'progress', 'stalled', 'red', 'llo'] as const;
type Measure = (typeof MEASURES)[number];

/** The admin's national view: all regions side by side and a tile map coloured by a measure. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePlatformRole(locals, 'admin');
	const db = await getDb();
	const param = url.searchParams.get('maat');
	const measure: Measure = MEASURES.includes(param as Measure) ? (param as Measure) : 'red';
	const regions = await nationalTotals(db);
	await auditOverview(
		db,
		user,
		regions.map((r) => r.id),
		'adviser.national_viewed',
		{ measure },
		locals.requestId
	);
	return { regions, totalsAt: totalsReadAt(db, null), measure, measures: MEASURES };
};
