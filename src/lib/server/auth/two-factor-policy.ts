import type { PlatformRole } from '../db/schema';

/**
 * Where two-step verification is not optional: platform admins and SBB advisers see many
 * companies, so a stolen password alone must not open them. Such an account without TOTP
 * is sent to SETUP_PATH on every request (its session is valid, but reaches nothing else)
 * until it is on; it cannot be switched off while the role holds. The roles are read with
 * the session on every request, so a role granted later applies from the next request.
 */
export const TWO_FACTOR_ROLES: readonly PlatformRole[] = ['admin', 'adviser'];

/** The page where such an account sets it up (src/routes/(app)/account/tweestaps). */
export const SETUP_PATH = '/account/tweestaps';

export function roleRequiresTwoFactor(platformRoles: readonly string[]): boolean {
	return platformRoles.some((r) => (TWO_FACTOR_ROLES as readonly string[]).includes(r));
}

/**
 * Routes an account that still has to set up TOTP may use: the setup page itself (its
 * data and actions), logging out, the language switch and the health checks. Requests
 * that match no route (static files, a 404) carry nothing to protect.
 */
const REACHABLE_DURING_SETUP = new Set([
	'/(app)/account/tweestaps',
	'/(auth)/logout',
	'/taal',
	'/healthz',
	'/readyz'
]);

export type TwoFactorGate = { pass: true } | { pass: false; location: string };

/**
 * The decision of the hook (hooks.server.ts) for one request: pass, or a 303 to the setup
 * page. A page asked for with GET comes back after setup (`redirectTo`: path and query,
 * for `__data.json` the page's own path, as SvelteKit gives it in `url`); any other
 * request (a form action, a POST to an endpoint) is not carried out and goes to the setup
 * page without a target.
 */
export function twoFactorGate(input: {
	setupRequired: boolean;
	routeId: string | null;
	method: string;
	url: URL;
}): TwoFactorGate {
	if (!input.setupRequired) return { pass: true };
	if (input.routeId === null || REACHABLE_DURING_SETUP.has(input.routeId)) return { pass: true };
	const isRead = input.method === 'GET' || input.method === 'HEAD';
	const target = input.url.pathname + input.url.search;
	const location =
		isRead && target !== '/'
			? `${SETUP_PATH}?redirectTo=${encodeURIComponent(target)}`
			: SETUP_PATH;
	return { pass: false, location };
}
