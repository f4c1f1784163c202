import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { qualificationFilters, searchQualifications } from '$lib/server/qualifications/browse';
import { qualificationSearch } from '$lib/schemas/search';
import { readSearch } from '$lib/server/search';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals);
	const { q, niveau: level, sectorkamer: sectorChamberId } = readSearch(url, qualificationSearch);
	const db = await getDb();
	const [results, sectorChambers] = await Promise.all([
		searchQualifications(db, {
			q,
			level: level && level >= 1 && level <= 4 ? level : null,
			sectorChamberId
		}),
		qualificationFilters(db)
	]);
	return { q, level, sectorChamberId, results, sectorChambers };
};
