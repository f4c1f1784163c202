import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { leaveNotices } from '$lib/server/privacy/leave';
import { passportFor } from '$lib/server/trajectories/passport';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	const db = await getDb();
	const [passport, leaving] = await Promise.all([
		passportFor(db, user.id),
		leaveNotices(db, user.id)
	]);
	// Companies the learner left: what they keep until when (issue 18).
	return { passport, leaving: leaving.filter((l) => l.state !== 'planned') };
};
