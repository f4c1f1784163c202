import { awardFail, text } from '$lib/server/actions/award-fail';
import { companyNominations, endorseNomination } from '$lib/server/awards/endorsements';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import type { Actions, PageServerLoad } from './$types';

/** HR: nominations of this company's trainers, per round (nominator hidden unless named). */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	return { rounds: await companyNominations(await getDb(), ctx) };
};

export const actions: Actions = {
	endorse: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const form = await event.request.formData();
		const id = text(form, 'nominationId');
		const endorsement = text(form, 'endorsement');
		try {
			await endorseNomination(await getDb(), ctx, id, endorsement);
		} catch (e) {
			return awardFail(e, 'endorse', { id, endorsement });
		}
		return { endorsed: id };
	}
};
