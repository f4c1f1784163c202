import { error, fail, type ActionFailure } from '@sveltejs/kit';
import {
	message,
	setError,
	superValidate,
	type FormPathLeavesWithErrors,
	type SuperValidated
} from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { z } from 'zod';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { DomainError, NotFoundError } from './errors';

/**
 * The one form pipeline (issue 17). Every action:
 *
 * ```ts
 * const form = await readForm(request, schema);            // zod through superforms
 * if (!form.valid) return invalid(form);                   // with a summary message
 * try {
 *   await service(db, ctx, form.data);
 * } catch (e) {
 *   return domainFail(form, e);                             // field error, or 404
 * }
 * return message(form, { type: 'success', text: m.saved() });
 * ```
 *
 * A page with several forms gives each its schema and an `id` (superforms' multiple-forms
 * pattern): `readForm(request, schema, { id: 'plan' })` in the action and
 * `formFor(schema, initial, { id: 'plan' })` in `load`.
 */

type Schema = z.ZodObject<z.ZodRawShape>;
export type FormMessage = string | { type: 'success' | 'error'; text: string };
type Form<S extends Schema> = SuperValidated<z.infer<S>, FormMessage>;

/**
 * A field's text as posted ('' when missing or a file): for the id of one form among
 * several of the same kind (superforms' multiple-forms pattern) before the form is read.
 */
export function postedText(data: FormData, name: string): string {
	const value = data.get(name);
	return typeof value === 'string' ? value : '';
}

/** The posted form, validated by `schema`. */
export function readForm<S extends Schema>(
	request: Request | FormData,
	schema: S,
	options?: { id?: string }
): Promise<Form<S>> {
	return superValidate(request, zod4(schema), options) as Promise<Form<S>>;
}

/** The form for `load`: filled with `initial`, without error messages. */
export function formFor<S extends Schema>(
	schema: S,
	initial?: Partial<z.infer<S>> | null,
	options?: { id?: string }
): Promise<Form<S>> {
	return superValidate(initial ?? null, zod4(schema), { errors: false, ...options }) as Promise<
		Form<S>
	>;
}

/**
 * Whether `e` means "this record is not there for you": a NotFoundError, or a DomainError
 * whose code ends in `_not_found` (the record the path, a query parameter or a hidden
 * field named is not visible to the user). Such a request is a 404, never a form error: it
 * must look the same as a record that does not exist.
 */
export function isNotFound(e: unknown): boolean {
	return e instanceof NotFoundError || (e instanceof DomainError && e.code.endsWith('_not_found'));
}

/** A NotFoundError or `_not_found` DomainError as the 404 page; anything else is rethrown. */
export function notFoundOr(e: unknown): never {
	if (isNotFound(e)) error(404, m.error_not_found());
	throw e;
}

/**
 * What an action answers when its service refused the input: a DomainError becomes the
 * catalogue message next to its field (`e.field`, when the form has that field), else the
 * form's message; a not-found becomes the 404 page; anything else is rethrown (a 500 with a
 * request id, see hooks.server.ts). The rest of the user's input stays in the form.
 */
export function domainFail<S extends Schema>(
	form: Form<S>,
	e: unknown,
	status: 400 | 409 | 422 = 400
): ActionFailure<{ form: Form<S> }> {
	if (isNotFound(e) || !(e instanceof DomainError)) notFoundOr(e);
	const text = domainErrorMessage(e.code);
	if (e.field && e.field in (form.data as object)) {
		// an array field (checkboxes) keeps its own message under `_errors`
		const path = Array.isArray((form.data as Record<string, unknown>)[e.field])
			? `${e.field}._errors`
			: e.field;
		return setError(form, path as FormPathLeavesWithErrors<z.infer<S>>, text, {
			status
		});
	}
	return message(form, { type: 'error', text }, { status }) as ActionFailure<{
		form: Form<S>;
	}>;
}

/** An invalid form: status 400 with the form and its errors. */
export function invalid<S extends Schema>(form: Form<S>): ActionFailure<{ form: Form<S> }> {
	// The form's message (FormMessage) says that something needs correcting and lists the
	// marked fields, so a user who does not see the field (a long form, a screen reader)
	// is told; a message the action set already is kept.
	if (form.message) return fail(400, { form });
	return message(
		form,
		{ type: 'error', text: m.form_invalid() },
		{ status: 400 }
	) as ActionFailure<{
		form: Form<S>;
	}>;
}

/**
 * The record ids a form posts in hidden fields (`recordId()` in src/lib/schemas/fields.ts):
 * one that does not parse is the 404 page, exactly as an id of a record that is not there
 * (the service never sees it). Call it right after `readForm`, before `form.valid`.
 */
export function requireIds<S extends Schema>(
	form: Form<S>,
	...keys: (keyof z.infer<S> & string)[]
): void {
	const errors = form.errors as Record<string, unknown>;
	if (keys.some((key) => errors[key])) error(404, m.error_not_found());
}
