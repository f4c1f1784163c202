import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { forgotPasswordSchema } from '$lib/schemas/auth';
import { requestPasswordReset } from '$lib/server/accounts/users';
import { getDb } from '$lib/server/db/app';
import { formFor, invalid, readForm } from '$lib/server/forms';
import { clientIp } from '$lib/server/http/client';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	form: await formFor(forgotPasswordSchema)
});

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request, forgotPasswordSchema);
		if (!form.valid) return invalid(form);
		const request = await requestPasswordReset(
			await getDb(),
			form.data.email,
			clientIp(event),
			event.url.origin
		);
		if (request.status === 'rate_limited') {
			event.setHeaders({ 'retry-after': String(request.retryAfter) });
			const minutes = Math.max(1, Math.ceil(request.retryAfter / 60));
			return message(form, m.forgot_rate_limited({ minutes }), { status: 429 });
		}
		// Same answer, in the same time, whether or not the address is known: the mail
		// (request.delivery) is sent after this response.
		return message(form, { type: 'success', text: m.forgot_sent() });
	}
};
