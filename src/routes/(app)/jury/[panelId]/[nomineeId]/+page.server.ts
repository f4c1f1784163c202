import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { awardFail, text } from '$lib/server/actions/award-fail';
import { declareConflict, juryNominee, juryPanel, saveScores } from '$lib/server/awards/scoring';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import type { Actions, PageServerLoad } from './$types';

/**
 * One nominee of a panel for one of its active jurors: motivations, the score form, the
 * other jurors' scores once they scored, a conflict declaration. Anyone else, an unknown
 * panel or a nominee who is not one of the panel's candidates gets a 404.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser(locals);
	const view = await juryNominee(await getDb(), params.panelId, user.id, params.nomineeId);
	if (!view) error(404, m.error_not_found());
	const n = view.nominee;
	return {
		panel: { id: view.panel.id, name: view.panel.name, kind: view.panel.kind },
		round: { title: view.round.title },
		phase: view.phase,
		canScore: view.canScore,
		criteria: view.criteria,
		nominee: { ...n, mine: Object.fromEntries(n.mine) },
		next: view.next ? { nomineeId: view.next.nomineeId, name: view.next.name } : null
	};
};

/** The acting juror of this panel and nominee; anyone else, or another nominee: 404. */
async function jurorOfNominee(locals: App.Locals, params: { panelId: string; nomineeId: string }) {
	const user = requireUser(locals);
	const db = await getDb();
	const view = await juryPanel(db, params.panelId, user.id);
	if (!view || !view.nominees.some((n) => n.nomineeId === params.nomineeId)) {
		error(404, m.error_not_found());
	}
	return { user, db, view };
}

export const actions: Actions = {
	score: async ({ locals, params, request }) => {
		const { user, db, view } = await jurorOfNominee(locals, params);
		const form = await request.formData();
		const nomineeId = params.nomineeId;
		const scores = view.criteria.map((c) => ({
			criterionId: c.id,
			score: /^\d{1,2}$/.test(text(form, `score_${c.id}`))
				? Number(text(form, `score_${c.id}`))
				: NaN,
			comment: text(form, `comment_${c.id}`)
		}));
		try {
			await saveScores(db, params.panelId, user.id, nomineeId, scores);
		} catch (e) {
			return awardFail(e, 'score', {
				nomineeId,
				scores: Object.fromEntries(
					view.criteria.map((c) => [
						c.id,
						{ score: text(form, `score_${c.id}`), comment: text(form, `comment_${c.id}`) }
					])
				)
			});
		}
		return { scored: nomineeId };
	},
	conflict: async ({ locals, params, request }) => {
		const { user, db } = await jurorOfNominee(locals, params);
		const form = await request.formData();
		const nomineeId = params.nomineeId;
		const reason = text(form, 'reason');
		try {
			await declareConflict(db, params.panelId, user.id, nomineeId, reason);
		} catch (e) {
			return awardFail(e, 'conflict', { nomineeId, reason });
		}
		return { declared: nomineeId };
	}
};
