import { error, fail } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { motivationsOf, nominationSchema } from '$lib/schemas/awards';
import { nominationFail } from '$lib/server/actions/award-fail';
import {
	ownNomination,
	updateNomination,
	withdrawNomination
} from '$lib/server/awards/nominations';
import { phaseAt } from '$lib/server/awards/phase';
import { criteriaOf, currentRound } from '$lib/server/awards/rounds';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { formFor, isNotFound, notFoundOr, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** The user's own nomination in the current round: edit or withdraw until nominations close. */
export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	const db = await getDb();
	const round = await currentRound(db);
	if (!round) return { round: null, form: await formFor(nominationSchema, null) };
	const [own, criteria] = await Promise.all([
		ownNomination(db, user.id, round.id),
		criteriaOf(db, round.id)
	]);
	return {
		round: { id: round.id, title: round.title },
		open: phaseAt(round, new Date()).phase === 'nominations',
		own,
		criteria,
		form: await formFor(nominationSchema, own)
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
		const data = await request.formData();
		const form = await readForm(data, nominationSchema);
		const motivations = motivationsOf(data, await criteriaOf(db, round.id));
		if (!form.valid) return fail(400, { form, motivations, motivationError: null });
		try {
			await updateNomination(db, user.id, round.id, { ...form.data, motivations });
		} catch (e) {
			return nominationFail(form, e, motivations);
		}
		return message(form, { type: 'success', text: m.award_saved() });
	},
	withdraw: async ({ locals }) => {
		const { user, db, round } = await context(locals);
		try {
			await withdrawNomination(db, user.id, round.id);
		} catch (e) {
			// a nomination that is not there: 404; nominations closed: said above the form
			if (!(e instanceof DomainError) || isNotFound(e)) notFoundOr(e);
			return fail(400, { withdrawError: domainErrorMessage(e.code) });
		}
		return { withdrawn: true };
	}
};
