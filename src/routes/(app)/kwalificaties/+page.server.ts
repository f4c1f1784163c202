import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { qualificationFilters, searchQualifications } from '$lib/server/qualifications/browse';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals);
	const q = (url.searchParams.get('q') ?? '').slice(0, 100);
	const level = Number(url.searchParams.get('niveau')) || null;
	const sectorChamberId = Number(url.searchParams.get('sectorkamer')) || null;
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
