/**
 * Security headers on every response, set in one place (hooks.server.ts). The
 * Content-Security-Policy of pages comes from `kit.csp` in svelte.config.js: SvelteKit
 * puts a fresh nonce on its own inline script per response, so no page needs
 * 'unsafe-inline'. Responses that SvelteKit does not render as a page (endpoints,
 * `__data.json`, redirects, the static error page) get FALLBACK_CSP here.
 */

/**
 * For everything that is not a rendered page: nothing may load or run. Only the static
 * error page (src/error.html, shown when even the error page fails) has content, an
 * inline <style> and no script.
 */
export const FALLBACK_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** No page uses these browser features. */
export const PERMISSIONS_POLICY =
	'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()';

export const HSTS = 'max-age=31536000; includeSubDomains';

export interface SecurityHeaderOptions {
	/** The app is served over https (ORIGIN): browsers may only come back over https. */
	https: boolean;
	/**
	 * Never stored (HTTP cache or back-forward cache): a response that may hold personal
	 * data (any request with a session, every (app) route), so Back after logout on a
	 * shared computer does not show it again; and live answers such as health checks.
	 */
	noStore: boolean;
}

export function applySecurityHeaders(headers: Headers, opts: SecurityHeaderOptions): void {
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'same-origin');
	headers.set('x-frame-options', 'DENY');
	headers.set('permissions-policy', PERMISSIONS_POLICY);
	headers.set('cross-origin-opener-policy', 'same-origin');
	if (opts.https) headers.set('strict-transport-security', HSTS);
	const csp = headers.get('content-security-policy');
	if (!csp) {
		headers.set('content-security-policy', FALLBACK_CSP);
	} else if (!/(^|;)\s*frame-ancestors\s/i.test(csp)) {
		headers.set('content-security-policy', `${csp}; frame-ancestors 'none'`);
	}
	if (opts.noStore && !/(^|[\s,])no-store([\s,]|$)/i.test(headers.get('cache-control') ?? '')) {
		headers.set('cache-control', 'private, no-store');
	}
}

/** HSTS only when the public origin is https (never on http://localhost). */
export function isHttpsOrigin(origin: string | undefined): boolean {
	return !!origin && /^https:\/\//i.test(origin.trim());
}
