import { error, fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { DomainError } from '../errors';
import { formText } from '$lib/form-data';

/**
 * A refused award action as the page shows it: the Dutch message next to `field` (or
 * at the top of the form named `action`) and the input kept. A record that is not
 * there (or not the user's) is a 404.
 */
export function awardFail(e: unknown, action: string, values: Record<string, unknown> = {}) {
	if (!(e instanceof DomainError)) throw e;
	if (e.code.endsWith('not_found')) error(404, m.error_not_found());
	return fail(400, {
		action,
		field: e.field ?? null,
		message: domainErrorMessage(e.code),
		values
	});
}

export const text = (form: FormData, name: string) => formText(form, name);
