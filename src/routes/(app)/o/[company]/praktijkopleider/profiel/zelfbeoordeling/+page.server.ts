import { fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { selfAnswersSchema } from '$lib/schemas/profiles';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { formTokenOf } from '$lib/server/once';
import {
	saveSelfAssessmentDraft,
	selfAssessmentForm,
	submitSelfAssessment
} from '$lib/server/profiles/self-assessment';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'trainer');
	return { form: await selfAssessmentForm(await getDb(), ctx.user.id) };
};

async function handle(event: Parameters<Actions[string]>[0], submit: boolean) {
	const ctx = requireCompany(event, 'trainer');
	const data = await event.request.formData();
	// Many radio groups named per indicator: parsed with zod, not a superform (see the schema).
	const answers = selfAnswersSchema.parse(Object.fromEntries(data));
	const values = Object.fromEntries(answers.map((a) => [a.indicatorId, a]));
	const db = await getDb();
	try {
		if (!submit) {
			await saveSelfAssessmentDraft(db, ctx.user.id, answers);
			return { draftSaved: true };
		}
		const result = await submitSelfAssessment(db, ctx.user.id, answers, formTokenOf(data));
		if (!result.ok) return fail(400, { values, missing: result.missing, fieldError: null });
		return { submitted: true, replaced: result.replaced };
	} catch (e) {
		if (e instanceof DomainError) {
			return fail(400, {
				values,
				missing: [],
				fieldError: { field: e.field ?? '', text: domainErrorMessage(e.code) }
			});
		}
		throw e;
	}
}

export const actions: Actions = {
	draft: (event) => handle(event, false),
	submit: (event) => handle(event, true)
};
