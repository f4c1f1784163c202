import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { listMemberships, homePath } from './auth/context';
import { createSession, setSessionCookie, type SessionUser } from './auth/session';
import { hasTotp } from './auth/totp';
import type { DB } from './db';
import { cookieName, cookieMaxAge, isLocale } from '../paraglide/runtime.js';

export const COMPANY_COOKIE = 'vakmaat_company';
/**
 * Set only by the language switch (/taal). The language cookie itself cannot tell an
 * explicit choice from the default that the Paraglide client writes on every first visit.
 */
export const LOCALE_CHOICE_COOKIE = 'vakmaat_locale_choice';

const REDIRECT_BASE = 'http://vakmaat.invalid';

/**
 * The only way a user-supplied target (`redirectTo` after login, the code page and the
 * language switch) becomes a redirect: a path on this site, else `fallback`. Accepted is
 * a string of printable ASCII (no control characters, spaces, backslashes or non-ASCII:
 * browsers drop tabs and newlines and read `\` as `/`, and a header cannot carry them)
 * that starts with one `/`, that a URL parser reads back as exactly the same path on our
 * own origin (so `/.//evil.example`, which normalises to `//evil.example`, is refused),
 * and that does not turn into `//` or `/\` when percent-decoded (a later decode must not
 * make it a link to another host either).
 */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
	if (typeof target !== 'string' || target.length > 2048) return fallback;
	if (!/^\/[\x21-\x7e]*$/.test(target) || target.includes('\\')) return fallback;
	let decoded = target;
	for (let i = 0; i < 3; i++) {
		// what a browser would make of it: whitespace and control characters dropped
		// eslint-disable-next-line no-control-regex -- control characters are the point
		if (/^[/\\][/\\]/.test(decoded.replace(/[\x00-\x20\x7f]/g, ''))) return fallback;
		let next: string;
		try {
			next = decodeURIComponent(decoded);
		} catch {
			break; // a lone % (e.g. a search for "100%") decodes no further
		}
		if (next === decoded) break;
		decoded = next;
	}
	let url: URL;
	try {
		url = new URL(target, REDIRECT_BASE);
	} catch {
		return fallback;
	}
	if (url.origin !== REDIRECT_BASE) return fallback;
	return url.pathname + url.search + url.hash === target ? target : fallback;
}

export function clientIp(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

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

/**
 * Starts a session and returns where the user should land. For an account with TOTP the
 * session first waits for the code (the code page, then `redirectTo`), unless
 * `secondFactorDone` (a new session for a user who already gave it, e.g. after changing
 * their password).
 */
export async function startSession(
	db: DB,
	event: RequestEvent,
	userId: string,
	redirectTo?: string | null,
	{ secondFactorDone = false }: { secondFactorDone?: boolean } = {}
): Promise<string> {
	const pending = !secondFactorDone && (await hasTotp(db, userId));
	const { token, session } = await createSession(db, userId, pending);
	setSessionCookie(event.cookies, event.url, token, session.expiresAt);
	const user = await db
		.selectFrom('app_user as u')
		.select((eb) => [
			'u.id',
			'u.email',
			'u.name',
			'u.locale',
			eb
				.selectFrom('platform_role as pr')
				.whereRef('pr.user_id', '=', 'u.id')
				.select((e) =>
					e.fn.coalesce(e.fn.agg<string[]>('array_agg', ['pr.role']), e.val([])).as('r')
				)
				.as('platform_roles')
		])
		.where('u.id', '=', userId)
		.executeTakeFirstOrThrow();
	// A language chosen with the switch before logging in wins and is remembered on the
	// account; otherwise the account's language applies to this browser.
	const chosen = event.cookies.get(LOCALE_CHOICE_COOKIE);
	if (chosen) event.cookies.delete(LOCALE_CHOICE_COOKIE, { path: '/' });
	if (chosen && isLocale(chosen) && chosen !== user.locale) {
		await db.updateTable('app_user').set({ locale: chosen }).where('id', '=', userId).execute();
		user.locale = chosen;
	}
	setLocaleCookie(event.cookies, user.locale);
	if (pending) {
		const target = safeRedirect(redirectTo, '');
		return target
			? `/login/tweestaps?redirectTo=${encodeURIComponent(target)}`
			: '/login/tweestaps';
	}
	const sessionUser: SessionUser = {
		id: user.id,
		email: user.email,
		name: user.name,
		locale: user.locale,
		platformRoles: (user.platform_roles ?? []) as SessionUser['platformRoles']
	};
	const memberships = await listMemberships(db, userId);
	const home = homePath(sessionUser, memberships, event.cookies.get(COMPANY_COOKIE));
	return safeRedirect(redirectTo, home);
}
