import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { awardFail, text } from '$lib/server/awards/actions';
import { declareConflict, juryView, saveScores } from '$lib/server/awards/jury';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import type { Actions, PageServerLoad } from './$types';

/** A panel for one of its active jurors; anyone else (or an unknown panel) gets a 404. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser(locals);
	const view = await juryView(await getDb(), params.panelId, user.id);
	if (!view) error(404, m.error_not_found());
	return {
		panel: { id: view.panel.id, name: view.panel.name, kind: view.panel.kind },
		round: { title: view.round.title },
		phase: view.phase,
		canScore: view.canScore,
		criteria: view.criteria,
		nominees: view.nominees.map((n) => ({ ...n, mine: Object.fromEntries(n.mine) }))
	};
};

export const actions: Actions = {
	score: async ({ locals, params, request }) => {
		const user = requireUser(locals);
		const db = await getDb();
		const view = await juryView(db, params.panelId, user.id);
		if (!view) error(404, m.error_not_found());
		const form = await request.formData();
		const nomineeId = text(form, 'nomineeId');
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
		const user = requireUser(locals);
		const form = await request.formData();
		const nomineeId = text(form, 'nomineeId');
		const reason = text(form, 'reason');
		try {
			await declareConflict(await getDb(), params.panelId, user.id, nomineeId, reason);
		} catch (e) {
			if (e instanceof Error && 'code' in e && e.code === 'award_not_juror')
				error(404, m.error_not_found());
			return awardFail(e, 'conflict', { nomineeId, reason });
		}
		return { declared: nomineeId };
	}
};
