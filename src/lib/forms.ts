import { superForm, type FormOptions, type SuperValidated } from 'sveltekit-superforms';

type FormMessage = string | { type: 'success' | 'error'; text: string };

/**
 * superForm, taking the page data lazily. Superforms keeps the form in sync with
 * later page data itself; reading `data.form` inside a closure says that we only
 * want its initial value here (and keeps Svelte's state_referenced_locally quiet).
 */
export function useForm<T extends Record<string, unknown>>(
	get: () => SuperValidated<T, FormMessage>,
	options?: FormOptions<T, FormMessage>
) {
	return superForm<T, FormMessage>(get(), { resetForm: false, ...options });
}
