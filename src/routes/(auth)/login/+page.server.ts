import { redirect } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { loginWaitMessage } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { loginSchema } from '$lib/schemas/auth';
import { loginSearch } from '$lib/schemas/search';
import { attemptLogin } from '$lib/server/accounts/users';
import { getDb } from '$lib/server/db/app';
import { formFor, invalid, readForm } from '$lib/server/forms';
import { clientIp } from '$lib/server/http/client';
import { safeRedirect } from '$lib/server/http/redirect';
import { startSession } from '$lib/server/http/session';
import { readSearch } from '$lib/server/search';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const search = readSearch(url, loginSearch);
	if (locals.user) redirect(303, safeRedirect(search.redirectTo));
	// Password given, TOTP code not yet: back to the code page.
	if (locals.session?.twoFactorPending) redirect(303, `/login/tweestaps${url.search}`);
	return {
		form: await formFor(loginSchema),
		locked: search.tweestaps === 'geblokkeerd'
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request, loginSchema);
		const password = form.data.password;
		form.data.password = ''; // never sent back to the browser
		if (!form.valid) return invalid(form);
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
			readSearch(event.url, loginSearch).redirectTo
		);
		redirect(303, target);
	}
};
