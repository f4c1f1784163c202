import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireCompany } from '$lib/server/auth/guard';
import { getTemplate } from '$lib/server/conversations/templates';
import { getDb } from '$lib/server/db/app';
import type { PageServerLoad } from './$types';

/** The template (its draft, else its latest version) as the learner sees it when preparing. */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const template = await getTemplate(await getDb(), ctx, event.params.id);
	if (!template) error(404, m.error_not_found());
	return { template };
};
