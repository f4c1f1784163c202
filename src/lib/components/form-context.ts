import { getContext, setContext } from 'svelte';
import type { Action } from 'svelte/action';
import { fromStore, type Readable, type Writable } from 'svelte/store';

/** What a field needs of a superform (src/lib/forms.ts useForm): its data and its errors. */
export interface FormStores {
	form: Writable<Record<string, unknown>>;
	errors: Readable<Record<string, unknown>>;
}

/** A superform as Form.svelte draws it (useForm's result): also its enhance and message. */
export interface Superform extends FormStores {
	enhance: Action<HTMLFormElement>;
	notice: Readable<string | { type: 'success' | 'error'; text: string } | undefined>;
}

const key = Symbol('form');

/** Form.svelte: the fields inside it read and write this superform. */
export function provideForm(get: () => FormStores): void {
	setContext(key, get);
}

/**
 * A field's errors inside a Form, by its name; an array field's come as `{ _errors }`. By
 * name even when the data has no such key (a file: superforms keeps files out of the data
 * it sends back, but not their errors). Outside a Form: none.
 */
export function fieldErrors(name: () => string) {
	const stores = getContext<(() => FormStores) | undefined>(key)?.();
	const errors = stores && fromStore(stores.errors);
	return {
		get errors(): string[] | undefined {
			if (!errors) return undefined;
			const e = errors.current[name()];
			return Array.isArray(e) ? e : (e as { _errors?: string[] } | undefined)?._errors;
		}
	};
}

/**
 * A field's value and errors. Inside a Form, a field whose name is one of the form's fields
 * (superforms gives every key of the schema, also the optional ones) is bound to the
 * superform: `<TextField name="title" label={…} />` needs no `bind:value` or `errors`.
 * Any other field (outside a Form, or a name the schema does not have: the template editor's
 * own inputs, the motivations read beside the schema) uses its `value` prop (`prop`).
 */
export function bindField<T>(name: () => string, prop: { get: () => T; set: (value: T) => void }) {
	const stores = getContext<(() => FormStores) | undefined>(key)?.();
	const data = stores && fromStore(stores.form);
	const own = fieldErrors(name);
	const bound = () => data !== undefined && name() in data.current;
	return {
		get value(): T {
			return bound() ? (data!.current[name()] as T) : prop.get();
		},
		set value(value: T) {
			if (bound()) stores!.form.update((d) => ({ ...d, [name()]: value }));
			else prop.set(value);
		},
		get errors(): string[] | undefined {
			return own.errors;
		}
	};
}
