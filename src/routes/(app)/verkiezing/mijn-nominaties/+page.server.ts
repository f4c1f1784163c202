import { awardFail, text } from '$lib/server/actions/award-fail';
import { receivedNominations, respondToNomination } from '$lib/server/awards/received';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import type { Actions, PageServerLoad } from './$types';

/** The nominations the user received: accept (optionally publishable) or decline. */
export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	return { nominations: await receivedNominations(await getDb(), user.id) };
};

export const actions: Actions = {
	respond: async ({ locals, request }) => {
		const user = requireUser(locals);
		const form = await request.formData();
		const id = text(form, 'nominationId');
		try {
			await respondToNomination(
				await getDb(),
				user.id,
				id,
				text(form, 'answer') === 'accept',
				form.get('publishConsent') === 'on'
			);
		} catch (e) {
			return awardFail(e, 'respond', { id });
		}
		return { responded: id };
	}
};
