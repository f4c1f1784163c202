import { z } from 'zod';
import { recordId } from '$lib/schemas/fields';
import { companyNominations, endorseNomination } from '$lib/server/awards/endorsements';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { domainFail, invalid, readForm, requireIds } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** HR's endorsement of one nomination; its rules (required, length, phase) are the service's. */
const endorseSchema = z.object({ nominationId: recordId(), endorsement: z.string() });

/** HR: nominations of this company's trainers, per round (nominator hidden unless named). */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	return { rounds: await companyNominations(await getDb(), ctx) };
};

export const actions: Actions = {
	endorse: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const form = await readForm(event.request, endorseSchema, { id: 'endorse' });
		requireIds(form, 'nominationId');
		if (!form.valid) return invalid(form);
		try {
			await endorseNomination(await getDb(), ctx, form.data.nominationId, form.data.endorsement);
		} catch (e) {
			return domainFail(form, e);
		}
		return { form, endorsed: form.data.nominationId };
	}
};
