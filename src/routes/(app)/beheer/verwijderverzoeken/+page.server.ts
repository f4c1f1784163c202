import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { openErasureRequests } from '$lib/server/privacy/erasure';
import { readSearch } from '$lib/server/search';
import { erasedSearch } from '$lib/schemas/search';
import type { PageServerLoad } from './$types';

/** The admin's list of open erasure requests (issue 18), oldest first. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requirePlatformRole(locals, 'admin');
	const done = readSearch(url, erasedSearch);
	return {
		requests: await openErasureRequests(await getDb()),
		/** Back from carrying one out: what it did. */
		done:
			done.bedrijven !== undefined && done.bestanden !== undefined
				? { companies: done.bedrijven, files: done.bestanden }
				: null
	};
};
