import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { getTrajectory, listTrajectories } from '$lib/server/trajectories/trajectories';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'learner');
	const db = await getDb();
	// A learner only ever sees their own trajectories (visibility is enforced in the service).
	const own = await listTrajectories(db, { ...ctx, roles: ['learner'] });
	const details = await Promise.all(
		own.slice(0, 5).map((t) => getTrajectory(db, { ...ctx, roles: ['learner'] }, t.id))
	);
	return {
		name: ctx.user.name,
		trajectories: own.map((t, i) => ({
			...t,
			coreTasks: (details[i]?.coreTasks ?? []).map((ct) => ({
				code: ct.code,
				title: ct.title,
				covered: ct.covered,
				total: ct.total
			}))
		}))
	};
};
