import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireCompany } from '$lib/server/auth/guard';
import { learnerName, listConversations } from '$lib/server/conversations/list';
import { getDb } from '$lib/server/db/app';
import { readSearch } from '$lib/server/search';
import { learnerSearch } from '$lib/schemas/search';
import type { PageServerLoad } from './$types';

/** Upcoming, overdue and past conversations and overdue actions, as far as the member may see. */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event);
	const db = await getDb();
	const learnerId = readSearch(event.url, learnerSearch).lerende;
	let learner: { id: string; name: string } | null = null;
	if (learnerId) {
		const name = await learnerName(db, ctx, learnerId);
		if (!name) error(404, m.error_not_found());
		learner = { id: learnerId, name };
	}
	const lists = await listConversations(db, ctx, { learnerId: learner?.id });
	return {
		...lists,
		learner,
		canPlan: ctx.roles.includes('trainer') || ctx.roles.includes('hr')
	};
};
