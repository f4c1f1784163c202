import { error, fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { conflictSchema, scoresOf } from '$lib/schemas/awards';
import { declareConflict, juryNominee, juryPanel, saveScores } from '$lib/server/awards/scoring';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { domainFail, formFor, invalid, isNotFound, notFoundOr, readForm } from '$lib/server/forms';
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
		next: view.next ? { nomineeId: view.next.nomineeId, name: view.next.name } : null,
		conflictForm: await formFor(conflictSchema, null, { id: 'conflict' })
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
		// One score and comment per criterion of the round: read beside a schema (see scoresOf).
		const scores = scoresOf(await request.formData(), view.criteria);
		try {
			await saveScores(db, params.panelId, user.id, params.nomineeId, scores);
		} catch (e) {
			if (!(e instanceof DomainError) || isNotFound(e)) notFoundOr(e);
			return fail(400, {
				scoreError: { field: e.field ?? null, text: domainErrorMessage(e.code) },
				scores
			});
		}
		return { scored: params.nomineeId };
	},
	conflict: async ({ locals, params, request }) => {
		const { user, db } = await jurorOfNominee(locals, params);
		const form = await readForm(request, conflictSchema, { id: 'conflict' });
		if (!form.valid) return invalid(form);
		try {
			await declareConflict(db, params.panelId, user.id, params.nomineeId, form.data.reason);
		} catch (e) {
			return domainFail(form, e);
		}
		// the page reloads with the declared conflict in place of the score form
		return { form };
	}
};
