import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { pageOfTrajectories } from '$lib/server/trajectories/list';
import { STATUSES } from '$lib/server/trajectories/status';
import type { TrajectoryStatus } from '$lib/server/db/schema';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const raw = event.url.searchParams.get('status');
	const status = STATUSES.includes(raw as TrajectoryStatus) ? (raw as TrajectoryStatus) : null;
	const stalled = event.url.searchParams.get('stilgevallen') === '1';
	const page = Number(event.url.searchParams.get('pagina')) || 1;
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
