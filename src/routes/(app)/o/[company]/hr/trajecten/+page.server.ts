import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { pageOfTrajectories } from '$lib/server/trajectories/list';
import { STATUSES } from '$lib/server/trajectories/status';
import { readSearch } from '$lib/server/search';
import { trajectoryListSearch } from '$lib/schemas/search';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const search = readSearch(event.url, trajectoryListSearch);
	const { status, pagina: page } = search;
	const stalled = search.stilgevallen === '1';
	const result = await pageOfTrajectories(await getDb(), ctx, page, { status, stalled });
	return {
		status,
		stalled,
		statuses: STATUSES,
		trajectories: result.items,
		page: result.page,
		pages: result.pages,
		total: result.total
	};
};
