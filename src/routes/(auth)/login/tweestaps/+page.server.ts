import { redirect } from '@sveltejs/kit';
import { setError } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { secondFactorSchema } from '$lib/schemas/auth';
import { redirectSearch } from '$lib/schemas/search';
import { deleteSessionCookie } from '$lib/server/auth/session';
import { verifySecondFactor } from '$lib/server/auth/totp';
import { getDb } from '$lib/server/db/app';
import { formFor, invalid, readForm } from '$lib/server/forms';
import { safeRedirect } from '$lib/server/http/redirect';
import { readSearch } from '$lib/server/search';
import type { Actions, PageServerLoad } from './$types';

/** The second step for an account with TOTP; only a session that waits for it gets here. */
export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.session?.twoFactorPending) {
		redirect(
			303,
			locals.user ? safeRedirect(readSearch(url, redirectSearch).redirectTo) : '/login'
		);
	}
	return { form: await formFor(secondFactorSchema) };
};

export const actions: Actions = {
	default: async ({ locals, request, url, cookies }) => {
		const session = locals.session;
		if (!session?.twoFactorPending) redirect(303, locals.user ? '/' : '/login');
		const form = await readForm(request, secondFactorSchema);
		const code = form.data.code;
		form.data.code = '';
		if (!form.valid) return invalid(form);
		const result = await verifySecondFactor(
			await getDb(),
			session.id,
			session.userId,
			code,
			locals.requestId
		);
		if (result === 'locked' || result === 'expired') {
			deleteSessionCookie(cookies, url);
			redirect(303, result === 'locked' ? '/login?tweestaps=geblokkeerd' : '/login');
		}
		if (result === 'wrong') return setError(form, 'code', m.totp_code_wrong());
		redirect(303, safeRedirect(readSearch(url, redirectSearch).redirectTo));
	}
};
