import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { awardFail, text } from '$lib/server/actions/award-fail';
import {
	ownNomination,
	updateNomination,
	withdrawNomination
} from '$lib/server/awards/nominations';
import { phaseAt } from '$lib/server/awards/phase';
import { criteriaOf, currentRound } from '$lib/server/awards/rounds';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import type { Actions, PageServerLoad } from './$types';

/** The user's own nomination in the current round: edit or withdraw until nominations close. */
export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	const db = await getDb();
	const round = await currentRound(db);
	if (!round) return { round: null };
	const [own, criteria] = await Promise.all([
		ownNomination(db, user.id, round.id),
		criteriaOf(db, round.id)
	]);
	return {
		round: { id: round.id, title: round.title },
		open: phaseAt(round, new Date()).phase === 'nominations',
		own,
		criteria
	};
};

async function context(locals: App.Locals) {
	const user = requireUser(locals);
	const db = await getDb();
	const round = await currentRound(db);
	if (!round) error(404, m.error_not_found());
	return { user, db, round };
}

export const actions: Actions = {
	save: async ({ locals, request }) => {
		const { user, db, round } = await context(locals);
		const form = await request.formData();
		const criteria = await criteriaOf(db, round.id);
		const values = {
			motivations: Object.fromEntries(
				criteria.map((c) => [c.id, text(form, `motivation_${c.id}`)])
			),
			evidence: text(form, 'evidence'),
			nominatorNamed: form.get('nominatorNamed') === 'on'
		};
		try {
			await updateNomination(db, user.id, round.id, values);
		} catch (e) {
			return awardFail(e, 'save', values);
		}
		return { saved: true };
	},
	withdraw: async ({ locals }) => {
		const { user, db, round } = await context(locals);
		try {
			await withdrawNomination(db, user.id, round.id);
		} catch (e) {
			return awardFail(e, 'withdraw');
		}
		return { withdrawn: true };
	}
};
