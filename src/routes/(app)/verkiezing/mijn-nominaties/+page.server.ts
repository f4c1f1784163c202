import { fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { respondSchema } from '$lib/schemas/awards';
import { receivedNominations, respondToNomination } from '$lib/server/awards/received';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { isNotFound, notFoundOr, readForm, requireIds } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** The nominations the user received: accept (optionally publishable) or decline. */
export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	return { nominations: await receivedNominations(await getDb(), user.id) };
};

export const actions: Actions = {
	respond: async ({ locals, request }) => {
		const user = requireUser(locals);
		const form = await readForm(request, respondSchema);
		// an id that is no nomination of this user's is not there for them
		requireIds(form, 'nominationId');
		if (!form.valid) return fail(400, { message: m.v_choose() });
		const { nominationId, answer, publishConsent } = form.data;
		try {
			await respondToNomination(
				await getDb(),
				user.id,
				nominationId,
				answer === 'accept',
				publishConsent
			);
		} catch (e) {
			if (!(e instanceof DomainError) || isNotFound(e)) notFoundOr(e);
			return fail(400, { message: domainErrorMessage(e.code) });
		}
		return { responded: nominationId };
	}
};
