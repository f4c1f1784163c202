import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/paraglide/runtime';
import { setLocale } from '$lib/server/accounts/users';
import { getDb } from '$lib/server/db/app';
import { chooseLocale, setLocaleCookie } from '$lib/server/http/cookies';
import { safeRedirect } from '$lib/server/http/redirect';
import type { RequestHandler } from './$types';
import { formText } from '$lib/form-data';

/** Switches the interface language; remembered in a cookie and, when logged in, on the account. */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const data = await request.formData();
	const locale = formText(data, 'locale');
	if (isLocale(locale)) {
		if (locals.user) {
			setLocaleCookie(cookies, locale);
			await setLocale(await getDb(), locals.user.id, locale);
		} else {
			// Applied to the account at the next login (startSession).
			chooseLocale(cookies, locale);
		}
	}
	redirect(303, safeRedirect(formText(data, 'redirectTo', '/')));
};
