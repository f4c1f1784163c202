import { fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { noFields } from '$lib/schemas/fields';
import { selfAnswersSchema } from '$lib/schemas/profiles';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { formFor, readForm } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import {
	saveSelfAssessmentDraft,
	selfAssessmentForm,
	submitSelfAssessment
} from '$lib/server/profiles/self-assessment';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'trainer');
	const [form, result] = await Promise.all([
		selfAssessmentForm(await getDb(), ctx.user.id),
		formFor(noFields, null, { id: 'self' })
	]);
	return { form, result };
};

async function handle(event: Parameters<Actions[string]>[0], submit: boolean) {
	const ctx = requireCompany(event, 'trainer');
	const data = await event.request.formData();
	// The form's own result (message, busy state) through the pipeline; the answers are a
	// radio group and a reflection per indicator of the framework, read beside it by zod.
	const form = await readForm(data, noFields, { id: 'self' });
	const answers = selfAnswersSchema.parse(Object.fromEntries(data));
	const values = Object.fromEntries(answers.map((a) => [a.indicatorId, a]));
	const db = await getDb();
	try {
		if (!submit) {
			await saveSelfAssessmentDraft(db, ctx.user.id, answers);
			form.message = { type: 'success', text: m.self_draft_saved() };
			return { form };
		}
		const result = await submitSelfAssessment(db, ctx.user.id, answers, formTokenOf(data));
		if (!result.ok) return fail(400, { form, values, missing: result.missing, fieldError: null });
		const text = result.replaced ? m.self_submitted_replaced() : m.self_submitted();
		form.message = { type: 'success', text };
		return { form };
	} catch (e) {
		if (!(e instanceof DomainError)) throw e;
		const fieldError = { field: e.field ?? '', text: domainErrorMessage(e.code) };
		form.message = { type: 'error', text: fieldError.text };
		return fail(400, { form, values, missing: [], fieldError });
	}
}

export const actions: Actions = {
	draft: (event) => handle(event, false),
	submit: (event) => handle(event, true)
};
