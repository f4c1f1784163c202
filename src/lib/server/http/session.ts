import type { RequestEvent } from '@sveltejs/kit';
import { listMemberships, homePath } from '../auth/context';
import { createSession, setSessionCookie, type SessionUser } from '../auth/session';
import { hasTotp } from '../auth/totp';
import type { DB } from '../db';
import { isLocale } from '../../paraglide/runtime.js';
import { COMPANY_COOKIE, LOCALE_CHOICE_COOKIE, setLocaleCookie } from './cookies';
import { safeRedirect } from './redirect';

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
