import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { juryPanel } from '$lib/server/awards/scoring';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import type { PageServerLoad } from './$types';

/**
 * A panel's nominees for one of its active jurors, with what they still have to do;
 * each nominee has a page of their own. Anyone else (or an unknown panel) gets a 404.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser(locals);
	const view = await juryPanel(await getDb(), params.panelId, user.id);
	if (!view) error(404, m.error_not_found());
	return {
		panel: { id: view.panel.id, name: view.panel.name, kind: view.panel.kind },
		round: { title: view.round.title },
		phase: view.phase,
		canScore: view.canScore,
		nominees: view.nominees.map((n) => ({
			nomineeId: n.nomineeId,
			name: n.name,
			companyName: n.companyName,
			conflict: n.conflict,
			submittedAt: n.submittedAt
		}))
	};
};
