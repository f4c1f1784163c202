import { error, fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { cultureResponseOf } from '$lib/schemas/culture';
import { questionnaire, saveResponse } from '$lib/server/culture/respond';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/**
 * A respondent's questionnaire, reached through the personal link in the mail; no login.
 * The page is not cached and not indexed, and its token is left out of the request log.
 */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	const q = await questionnaire(await getDb(), params.token);
	if (!q) error(404, m.culture_link_unknown_text());
	return { q };
};

export const actions: Actions = {
	default: async ({ params, request }) => {
		// One radio group per statement: parsed with zod, not a superform (see the schema).
		const { answers, openAnswer } = cultureResponseOf(await request.formData());
		try {
			await saveResponse(await getDb(), params.token, { answers, openAnswer });
		} catch (e) {
			if (e instanceof DomainError) {
				if (e.code === 'culture_link_unknown') error(404, m.culture_link_unknown_text());
				return fail(e.code === 'culture_answers_incomplete' ? 400 : 409, {
					field: e.field ?? null,
					message: domainErrorMessage(e.code),
					answers,
					openAnswer
				});
			}
			throw e;
		}
		return { saved: true };
	}
};
