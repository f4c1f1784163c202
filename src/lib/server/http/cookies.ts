import type { Cookies } from '@sveltejs/kit';
import { cookieName, cookieMaxAge, isLocale } from '../../paraglide/runtime.js';

/** The company the user last worked in (see homePath in auth/context.ts). */
export const COMPANY_COOKIE = 'vakmaat_company';
/**
 * Set only by the language switch (/taal). The language cookie itself cannot tell an
 * explicit choice from the default that the Paraglide client writes on every first visit.
 */
export const LOCALE_CHOICE_COOKIE = 'vakmaat_locale_choice';

/** The language switch: the language cookie plus a marker that this was a choice. */
export function chooseLocale(cookies: Cookies, locale: string) {
	if (!isLocale(locale)) return;
	setLocaleCookie(cookies, locale);
	cookies.set(LOCALE_CHOICE_COOKIE, locale, {
		path: '/',
		maxAge: cookieMaxAge,
		httpOnly: true,
		sameSite: 'lax',
		secure: false
	});
}

export function setLocaleCookie(cookies: Cookies, locale: string) {
	if (!isLocale(locale)) return;
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: cookieMaxAge,
		httpOnly: false,
		sameSite: 'lax',
		secure: false
	});
}
