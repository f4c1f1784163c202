import { fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { formTokenOf } from '$lib/server/once';
import {
	saveSelfAssessmentDraft,
	selfAssessmentForm,
	submitSelfAssessment,
	type AnswerInput
} from '$lib/server/profiles/self-assessment';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/form-data';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'trainer');
	return { form: await selfAssessmentForm(await getDb(), ctx.user.id) };
};

/** `level_<indicatorId>` (1–4) and `reflection_<indicatorId>` fields. */
function readAnswers(form: FormData): AnswerInput[] {
	const ids = new Set<number>();
	for (const key of form.keys()) {
		const match = key.match(/^(?:level|reflection)_(\d+)$/);
		if (match) ids.add(Number(match[1]));
	}
	return [...ids].map((id) => {
		const level = Number(form.get(`level_${id}`) ?? '');
		return {
			indicatorId: id,
			level: level >= 1 && level <= 4 ? level : null,
			reflection: formText(form, `reflection_${id}`)
		};
	});
}

async function handle(event: Parameters<Actions[string]>[0], submit: boolean) {
	const ctx = requireCompany(event, 'trainer');
	const data = await event.request.formData();
	const answers = readAnswers(data);
	const values = Object.fromEntries(answers.map((a) => [a.indicatorId, a]));
	const db = await getDb();
	try {
		if (!submit) {
			await saveSelfAssessmentDraft(db, ctx.user.id, answers);
			return { draftSaved: true };
		}
		const result = await submitSelfAssessment(db, ctx.user.id, answers, formTokenOf(data));
		if (!result.ok) return fail(400, { values, missing: result.missing });
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
