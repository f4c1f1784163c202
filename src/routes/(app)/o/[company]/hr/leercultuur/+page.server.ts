import { z } from 'zod';
import { requireCompany } from '$lib/server/auth/guard';
import { listRounds } from '$lib/server/culture/rounds';
import { setSharing, sharingOf } from '$lib/server/culture/share';
import { getDb } from '$lib/server/db/app';
import { readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** The sharing switch: '1' shares the results with the adviser, anything else stops it. */
const shareSchema = z.object({ share: z.string() });

/** HR: the company's learning-culture scans, and whether the adviser may see the results. */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const db = await getDb();
	const [rounds, sharedAt] = await Promise.all([listRounds(db, ctx), sharingOf(db, ctx)]);
	return { rounds, sharedAt };
};

export const actions: Actions = {
	share: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const form = await readForm(event.request, shareSchema);
		await setSharing(await getDb(), ctx, form.data.share === '1');
		return { sharingSaved: true };
	}
};
