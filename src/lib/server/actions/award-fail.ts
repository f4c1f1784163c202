import { error, fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { DomainError } from '../errors';
import { formText } from '$lib/form-data';
import { domainFail, isNotFound } from '../forms';

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

/**
 * A refused nomination (new or changed) on the form pipeline: a motivation's message next
 * to that motivation (`motivationError`; the motivations are fields per criterion, beside
 * the schema), anything else as `domainFail` does; the motivations as posted are kept.
 */
export function nominationFail(
	form: Parameters<typeof domainFail>[0],
	e: unknown,
	motivations: Record<string, string>
) {
	if (e instanceof DomainError && !isNotFound(e) && e.field?.startsWith('motivation_')) {
		const motivationError = { field: e.field, text: domainErrorMessage(e.code) };
		return fail(400, { form, motivations, motivationError });
	}
	const failure = domainFail(form, e);
	return fail(failure.status, { ...failure.data, motivations, motivationError: null });
}
