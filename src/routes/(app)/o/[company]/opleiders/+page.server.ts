import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { trainerDirectory } from '$lib/server/profiles/team';
import type { PageServerLoad } from './$types';

/** The company's trainers for its members: bio, specialisms, languages; never self-assessments. */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event);
	return {
		trainers: await trainerDirectory(await getDb(), ctx),
		isLearner: ctx.roles.includes('learner')
	};
};
