import { homePath } from '$lib/server/auth/context';
import { requireUser } from '$lib/server/auth/guard';
import { totpStatus } from '$lib/server/auth/totp';
import { totpConfirmAction, totpConfirmForm, totpStartAction } from '$lib/server/auth/totp-actions';
import { roleRequiresTwoFactor } from '$lib/server/auth/two-factor-policy';
import { getDb } from '$lib/server/db/app';
import { COMPANY_COOKIE } from '$lib/server/http/cookies';
import { safeRedirect } from '$lib/server/http/redirect';
import { readSearch } from '$lib/server/search';
import { redirectSearch } from '$lib/schemas/search';
import type { Actions, PageServerLoad } from './$types';

/**
 * Setting up two-step verification before anything else: where hooks.server.ts sends a
 * platform admin or SBB adviser without it (auth/two-factor-policy.ts), with the page
 * they asked for in `redirectTo`. Once it is on (and the recovery codes were shown), the
 * continue link leads there: a path on this site only (safeRedirect), else their home.
 */
export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	const user = requireUser(locals);
	const target = safeRedirect(readSearch(url, redirectSearch).redirectTo, '');
	return {
		required: roleRequiresTwoFactor(user.platformRoles),
		totp: await totpStatus(await getDb(), user.id),
		continueTo: target || homePath(user, locals.memberships, cookies.get(COMPANY_COOKIE)),
		/** Kept in the forms' URLs, so the target survives a post without JavaScript. */
		query: target ? `redirectTo=${encodeURIComponent(target)}` : '',
		totpConfirmForm: await totpConfirmForm()
	};
};

export const actions: Actions = {
	totpStart: totpStartAction,
	totpConfirm: totpConfirmAction
};
