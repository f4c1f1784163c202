import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { roundCreateSchema, roundMoments } from '$lib/schemas/award-admin';
import { createRound, listRounds } from '$lib/server/awards/rounds';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requirePlatformRole(locals, 'admin');
	return {
		rounds: await listRounds(await getDb()),
		form: await formFor(roundCreateSchema, { title: m.award_title(), finalistsPerPanel: 3 })
	};
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const user = requirePlatformRole(locals, 'admin');
		const data = await request.formData();
		const form = await readForm(data, roundCreateSchema);
		if (!form.valid) return invalid(form);
		let id: string;
		try {
			id = await createRound(
				await getDb(),
				user.id,
				{ year: Number(form.data.year), ...roundMoments(form.data) },
				formTokenOf(data)
			);
		} catch (e) {
			return domainFail(form, e);
		}
		redirect(303, `/beheer/verkiezingen/${id}`);
	}
};
