import type { SubmitFunction } from '@sveltejs/kit';

/**
 * The conversation page's forms share one action result (`form`), told apart by its
 * `formId`: these read the part of it that belongs to one form.
 */
export type PageForm = Record<string, unknown> | null | undefined;

/** The action result when it answers the form `id`, else null. */
export const formOf = (form: PageForm, id: string) => (form?.formId === id ? form : null);

/** The field messages of the form `id`. */
export const errorsOf = (form: PageForm, id: string) =>
	(formOf(form, id)?.errors ?? {}) as Record<string, string>;

/** The success or error message of the form `id`, for FormMessage. */
export function messageOf(form: PageForm, id: string) {
	const r = formOf(form, id);
	if (!r) return null;
	if (typeof r.success === 'string' && r.success)
		return { type: 'success' as const, text: r.success };
	return typeof r.message === 'string' && r.message
		? { type: 'error' as const, text: r.message }
		: null;
}

/** Keeps what was typed: the page data reloads after a save, the form is not reset. */
export const keep: SubmitFunction =
	() =>
	async ({ update }) =>
		update({ reset: false });
