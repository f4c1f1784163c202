import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { motivationsOf, nomineeSchema } from '$lib/schemas/awards';
import { nominationFail } from '$lib/server/actions/award-fail';
import { electionPage, nominate } from '$lib/server/awards/nominations';
import { criteriaOf, currentRound } from '$lib/server/awards/rounds';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { formFor, readForm } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import { readSearch } from '$lib/server/search';
import { electionSearch } from '$lib/schemas/search';
import type { Actions, PageServerLoad } from './$types';

/**
 * The current election for any logged-in user: phase and next deadline, the criteria,
 * a trainer search (?q=) and, for a chosen trainer (?trainer=&company=), the
 * eligibility with its reasons before the nomination form.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const db = await getDb();
	const search = readSearch(url, electionSearch);
	const [page, form] = await Promise.all([
		electionPage(db, user.id, search),
		formFor(nomineeSchema, null)
	]);
	return { ...page, form };
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const user = requireUser(locals);
		const db = await getDb();
		const round = await currentRound(db);
		if (!round) error(404, m.error_not_found());
		const data = await request.formData();
		const form = await readForm(data, nomineeSchema);
		const motivations = motivationsOf(data, await criteriaOf(db, round.id));
		if (!form.valid) return fail(400, { form, motivations, motivationError: null });
		try {
			await nominate(
				db,
				user.id,
				round.id,
				{ userId: form.data.trainer, companyId: form.data.company },
				{ ...form.data, motivations },
				url.origin,
				undefined,
				formTokenOf(data)
			);
		} catch (e) {
			return nominationFail(form, e, motivations);
		}
		return { form, nominated: true };
	}
};
