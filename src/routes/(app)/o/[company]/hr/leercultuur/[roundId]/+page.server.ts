import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { domainErrorMessage } from '$lib/errors';
import { formText } from '$lib/form-data';
import { m } from '$lib/paraglide/messages';
import { cultureActionSchema } from '$lib/schemas/culture';
import { requireCompany } from '$lib/server/auth/guard';
import {
	actionOwners,
	addAction,
	listActions,
	setActionStatus,
	ACTION_STATUSES
} from '$lib/server/culture/plan';
import { roundResults } from '$lib/server/culture/results';
import { getDb } from '$lib/server/db/app';
import type { CultureActionStatus } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { formTokenOf } from '$lib/server/once';
import { addDays, todayIso } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

/** HR: one round's results (hidden below the threshold; see server/culture/results.ts) and its plan. */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const db = await getDb();
	try {
		const results = await roundResults(db, ctx, event.params.roundId);
		const [actions, owners] = await Promise.all([
			listActions(db, ctx, results.id),
			actionOwners(db, ctx)
		]);
		const form = await superValidate(
			{ dueOn: addDays(todayIso(), 60), ownerId: ctx.user.id },
			zod4(cultureActionSchema()),
			{ errors: false }
		);
		return {
			results,
			actions,
			owners,
			statuses: ACTION_STATUSES,
			form,
			planned: event.url.searchParams.get('gepland') === '1'
		};
	} catch (e) {
		if (e instanceof DomainError) error(404, domainErrorMessage(e.code));
		throw e;
	}
};

export const actions: Actions = {
	addAction: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const data = await event.request.formData();
		const form = await superValidate(data, zod4(cultureActionSchema()));
		if (!form.valid) return fail(400, { form });
		try {
			await addAction(
				await getDb(),
				ctx,
				event.params.roundId,
				{ ...form.data, dimensionCode: form.data.dimensionCode || null },
				formTokenOf(data)
			);
		} catch (e) {
			if (e instanceof DomainError) {
				if (e.code === 'culture_round_not_found') error(404, domainErrorMessage(e.code));
				return setError(form, (e.field ?? '') as 'title', domainErrorMessage(e.code));
			}
			throw e;
		}
		form.data.title = '';
		return message(form, { type: 'success', text: m.culture_action_added() });
	},
	setStatus: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const data = await event.request.formData();
		try {
			await setActionStatus(
				await getDb(),
				ctx,
				formText(data, 'actionId'),
				formText(data, 'status') as CultureActionStatus
			);
		} catch (e) {
			if (e instanceof DomainError) error(404, domainErrorMessage(e.code));
			throw e;
		}
		return { statusSaved: true };
	}
};
