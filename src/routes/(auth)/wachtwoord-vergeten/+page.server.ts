import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { forgotPasswordSchema } from '$lib/schemas/auth';
import { requestPasswordReset } from '$lib/server/accounts/users';
import { getDb } from '$lib/server/db/app';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	form: await superValidate(zod4(forgotPasswordSchema))
});

export const actions: Actions = {
	default: async ({ request, url }) => {
		const form = await superValidate(request, zod4(forgotPasswordSchema));
		if (!form.valid) return fail(400, { form });
		await requestPasswordReset(await getDb(), form.data.email, url.origin);
		// Same answer whether or not the address is known.
		return message(form, { type: 'success', text: m.forgot_sent() });
	}
};
