import { derived } from 'svelte/store';
import { superForm, type FormOptions, type SuperValidated } from 'sveltekit-superforms';
import { setBusy } from './enhance';

type FormMessage = string | { type: 'success' | 'error'; text: string };

/**
 * superForm, taking the page data lazily. Superforms keeps the form in sync with
 * later page data itself; reading `data.form` inside a closure says that we only
 * want its initial value here (and keeps Svelte's state_referenced_locally quiet).
 * Its `enhance` marks the form busy while a request runs (aria-busy, submit buttons
 * disabled), as `busy()` in enhance.ts does for plain forms. `notice` is what the form's
 * FormMessage shows: the server's message (success, or a DomainError without a field, see
 * src/lib/server/forms.ts), else the form-level error of the schema.
 */
export function useForm<T extends Record<string, unknown>>(
	get: () => SuperValidated<T, FormMessage>,
	options?: FormOptions<T, FormMessage>
) {
	const sf = superForm<T, FormMessage>(get(), { resetForm: false, ...options });
	const enhance: typeof sf.enhance = (el, events) => {
		const action = sf.enhance(el, events);
		const stop = sf.submitting.subscribe((pending) => setBusy(el, pending));
		return {
			destroy() {
				stop();
				action.destroy();
			}
		};
	};
	const notice = derived(
		[sf.message, sf.errors],
		([msg, errors]): FormMessage | undefined =>
			msg ?? (errors as { _errors?: string[] })._errors?.[0]
	);
	return { ...sf, enhance, notice };
}
