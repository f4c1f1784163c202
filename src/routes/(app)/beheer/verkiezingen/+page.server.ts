import { redirect } from '@sveltejs/kit';
import { awardFail } from '$lib/server/actions/award-fail';
import { formValues, roundInputFrom } from '$lib/server/awards/admin-form';
import { createRound, listRounds } from '$lib/server/awards/rounds';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { formTokenOf } from '$lib/server/once';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requirePlatformRole(locals, 'admin');
	return { rounds: await listRounds(await getDb()) };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const user = requirePlatformRole(locals, 'admin');
		const form = await request.formData();
		let id: string;
		try {
			id = await createRound(await getDb(), user.id, roundInputFrom(form), formTokenOf(form));
		} catch (e) {
			return awardFail(e, 'create', formValues(form));
		}
		redirect(303, `/beheer/verkiezingen/${id}`);
	}
};
