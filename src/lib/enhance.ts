import type { SubmitFunction } from '@sveltejs/kit';

/**
 * Marks a form busy while its request runs: `aria-busy="true"` on the form and its submit
 * buttons disabled, so a second click sends nothing; restored when the answer is in.
 * The buttons are disabled after the browser took the clicked one into the form data.
 * This is the courtesy; the guarantee is the form token checked on the server
 * (server/once.ts), which also holds without JavaScript and after Back.
 */
export function setBusy(form: HTMLFormElement, busy: boolean) {
	if (busy) form.setAttribute('aria-busy', 'true');
	else form.removeAttribute('aria-busy');
	for (const el of Array.from(form.elements)) {
		if (!(el instanceof HTMLButtonElement || el instanceof HTMLInputElement)) continue;
		if (el.type !== 'submit') continue;
		if (busy && !el.disabled) {
			el.disabled = true;
			el.dataset.busy = '';
		} else if (!busy && 'busy' in el.dataset) {
			el.disabled = false;
			delete el.dataset.busy;
		}
	}
}

/**
 * `use:enhance={busy()}`: SvelteKit's enhance with the form busy while pending.
 * `reset: false` keeps what was typed (the page data reloads after a save).
 */
export function busy(options: { reset?: boolean } = {}): SubmitFunction {
	return ({ formElement }) => {
		setBusy(formElement, true);
		return async ({ update }) => {
			try {
				await update({ reset: options.reset ?? true });
			} finally {
				setBusy(formElement, false);
			}
		};
	};
}
