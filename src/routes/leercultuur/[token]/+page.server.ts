import { error, fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { cultureOpenAnswerSchema, cultureResponseOf } from '$lib/schemas/culture';
import { questionnaire, saveResponse } from '$lib/server/culture/respond';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { formFor, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/**
 * A respondent's questionnaire, reached through the personal link in the mail; no login.
 * The page is not cached and not indexed, and its token is left out of the request log.
 */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	const q = await questionnaire(await getDb(), params.token);
	if (!q) error(404, m.culture_link_unknown_text());
	return { q, form: await formFor(cultureOpenAnswerSchema, { openAnswer: q.openAnswer ?? '' }) };
};

export const actions: Actions = {
	default: async ({ params, request }) => {
		const data = await request.formData();
		const form = await readForm(data, cultureOpenAnswerSchema);
		// One radio group per statement: read beside the schema (see cultureResponseOf).
		const { answers, team } = cultureResponseOf(data);
		if (!form.valid) return fail(400, { form, answers, team, field: null });
		try {
			await saveResponse(await getDb(), params.token, {
				answers,
				openAnswer: form.data.openAnswer,
				team
			});
		} catch (e) {
			if (!(e instanceof DomainError)) throw e;
			if (e.code === 'culture_link_unknown') error(404, m.culture_link_unknown_text());
			form.message = { type: 'error', text: domainErrorMessage(e.code) };
			return fail(
				e.code === 'culture_answers_incomplete' || e.code === 'culture_team_unknown' ? 400 : 409,
				{ form, answers, team, field: e.field ?? null }
			);
		}
		return { form, saved: true };
	}
};
