import { requireCompany } from '$lib/server/auth/guard';
import { learnerConversationTasks } from '$lib/server/conversations/list';
import { getDb } from '$lib/server/db/app';
import { learnerFeed, learnerHome } from '$lib/server/trajectories/home';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'learner');
	const db = await getDb();
	const [trajectories, feed, conversationTasks] = await Promise.all([
		learnerHome(db, ctx),
		learnerFeed(db, ctx),
		learnerConversationTasks(db, ctx)
	]);
	return { name: ctx.user.name, trajectories, ...feed, conversationTasks };
};
