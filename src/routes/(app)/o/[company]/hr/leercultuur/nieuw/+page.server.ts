import { redirect } from '@sveltejs/kit';
import { cultureRoundSchema, emailsOf, teamsOf } from '$lib/schemas/culture';
import { requireCompany } from '$lib/server/auth/guard';
import { CULTURE_MIN_RESPONSES } from '$lib/server/culture/instrument';
import { createRound } from '$lib/server/culture/rounds';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import { addDays, todayIso } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const db = await getDb();
	const members = await db
		.selectFrom('membership')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('company_id', '=', ctx.company.id)
		.where('deactivated_at', 'is', null)
		.executeTakeFirstOrThrow();
	const today = todayIso();
	const form = await formFor(cultureRoundSchema(), {
		opensOn: today,
		closesOn: addDays(today, 14),
		reminderOn: addDays(today, 10),
		recipients: 'members'
	});
	return { form, members: members.n, min: CULTURE_MIN_RESPONSES };
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const data = await event.request.formData();
		const form = await readForm(data, cultureRoundSchema());
		if (!form.valid) return invalid(form);
		let id: string;
		try {
			id = await createRound(
				await getDb(),
				ctx,
				{
					opensOn: form.data.opensOn,
					closesOn: form.data.closesOn,
					reminderOn: form.data.reminderOn || null,
					recipients: form.data.recipients,
					emails: form.data.recipients === 'list' ? emailsOf(form.data.emails) : [],
					managerEmails: emailsOf(form.data.managerEmails),
					teams: teamsOf(form.data.teams)
				},
				event.url.origin,
				formTokenOf(data)
			);
		} catch (e) {
			return domainFail(form, e);
		}
		redirect(303, `/o/${ctx.company.slug}/hr/leercultuur/${id}?gepland=1`);
	}
};
