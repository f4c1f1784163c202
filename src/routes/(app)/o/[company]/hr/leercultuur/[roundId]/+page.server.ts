import { message } from 'sveltekit-superforms';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { cultureActionSchema } from '$lib/schemas/culture';
import { recordId } from '$lib/schemas/fields';
import { plannedSearch } from '$lib/schemas/search';
import { requireCompany } from '$lib/server/auth/guard';
import { addAction, planOf, setActionStatus, ACTION_STATUSES } from '$lib/server/culture/plan';
import { roundResults } from '$lib/server/culture/results';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, notFoundOr, readForm, requireIds } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import { readSearch } from '$lib/server/search';
import { addDays, todayIso } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

/** One action's status, from the select in the plan's table. */
const statusSchema = z.object({ actionId: recordId(), status: z.enum(ACTION_STATUSES) });

/** HR: one round's results (hidden below the threshold; see server/culture/results.ts) and its plan. */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const db = await getDb();
	try {
		const results = await roundResults(db, ctx, event.params.roundId);
		const { actions, owners } = await planOf(db, ctx, results.id);
		const form = await formFor(cultureActionSchema(), {
			dueOn: addDays(todayIso(), 60),
			ownerId: ctx.user.id
		});
		return {
			results,
			actions,
			owners,
			statuses: ACTION_STATUSES,
			form,
			planned: readSearch(event.url, plannedSearch).gepland === '1'
		};
	} catch (e) {
		notFoundOr(e);
	}
};

export const actions: Actions = {
	addAction: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const data = await event.request.formData();
		const form = await readForm(data, cultureActionSchema());
		if (!form.valid) return invalid(form);
		try {
			await addAction(
				await getDb(),
				ctx,
				event.params.roundId,
				{ ...form.data, dimensionCode: form.data.dimensionCode || null },
				formTokenOf(data)
			);
		} catch (e) {
			return domainFail(form, e);
		}
		form.data.title = '';
		return message(form, { type: 'success', text: m.culture_action_added() });
	},
	setStatus: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const form = await readForm(event.request, statusSchema);
		// an unknown action or status is not there for this user
		requireIds(form, 'actionId', 'status');
		try {
			await setActionStatus(await getDb(), ctx, form.data.actionId, form.data.status);
		} catch (e) {
			notFoundOr(e);
		}
		return { statusSaved: true };
	}
};
