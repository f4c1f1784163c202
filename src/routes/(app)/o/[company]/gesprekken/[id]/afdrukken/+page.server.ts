import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireCompany } from '$lib/server/auth/guard';
import { getConversation } from '$lib/server/conversations/view';
import { getDb } from '$lib/server/db/app';
import { todayIso } from '$lib/time';
import { recordPageRead } from '$lib/server/privacy/access-log';
import type { PageServerLoad } from './$types';

/** The conversation record for printing (or saving as PDF from the browser). */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event);
	const db = await getDb();
	const view = await getConversation(db, ctx, event.params.id);
	if (!view) error(404, m.error_not_found());
	await recordPageRead(db, ctx, event, { conversationId: view.id }, 'conversation_print');
	return { conversation: view, today: todayIso() };
};
