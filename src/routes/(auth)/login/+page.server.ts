import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { loginWaitMessage } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { loginSchema } from '$lib/schemas/auth';
import { attemptLogin } from '$lib/server/accounts/users';
import { getDb } from '$lib/server/db/app';
import { clientIp, safeRedirect, startSession } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	// Password given, TOTP code not yet: back to the code page.
	if (locals.session?.twoFactorPending) redirect(303, `/login/tweestaps${url.search}`);
	return {
		form: await superValidate(zod4(loginSchema)),
		locked: url.searchParams.get('tweestaps') === 'geblokkeerd'
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await superValidate(event.request, zod4(loginSchema));
		const password = form.data.password;
		form.data.password = ''; // never sent back to the browser
		if (!form.valid) return fail(400, { form });
		const db = await getDb();
		const result = await attemptLogin(db, form.data.email, password, clientIp(event));
		if (!result.ok && result.reason === 'rate_limited') {
			event.setHeaders({ 'retry-after': String(result.retryAfter) });
			return message(form, loginWaitMessage(result.retryAfter), { status: 429 });
		}
		if (!result.ok) return message(form, m.login_failed(), { status: 400 });
		const target = await startSession(
			db,
			event,
			result.userId,
			event.url.searchParams.get('redirectTo')
		);
		redirect(303, target);
	}
};
