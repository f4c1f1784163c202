import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { retentionSchema } from '$lib/schemas/company';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import { retentionMonths, setRetentionMonths } from '$lib/server/privacy/leave';
import type { Actions, PageServerLoad } from './$types';

/** HR sets how long the company keeps a former member's records (issue 18). */
export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = requireCompany({ locals, params }, 'hr');
	const months = await retentionMonths(await getDb(), ctx);
	return { form: await formFor(retentionSchema, { months }) };
};

export const actions: Actions = {
	default: async ({ locals, request, params }) => {
		const ctx = requireCompany({ locals, params }, 'hr');
		const form = await readForm(request, retentionSchema);
		if (!form.valid) return invalid(form);
		try {
			await setRetentionMonths(await getDb(), ctx, form.data.months);
		} catch (e) {
			return domainFail(form, e);
		}
		return message(form, { type: 'success', text: m.retention_saved() });
	}
};
