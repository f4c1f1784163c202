import {
	error,
	isHttpError,
	isRedirect,
	redirect,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { companyContext } from '$lib/server/auth/context';
import { roleRequiresTwoFactor, twoFactorGate } from '$lib/server/auth/two-factor-policy';
import {
	deleteSessionCookie,
	SESSION_COOKIE,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { appDatabase, closeAppDatabase, getDb } from '$lib/server/db/app';
import { isDatabaseUnavailable } from '$lib/server/db/unavailable';
import { acrossCompanies, currentScope, inCompany, requestScope } from '$lib/server/db/scope';
import { CROSS_COMPANY } from '$lib/server/db/cross-company';
import { QUERY_TRACE_DIR, QUERY_TRACE_HEADER, traced } from '$lib/server/db/trace';
import { bodyLimit, guardRequest, tooLargeResponse } from '$lib/server/input';
import { log, loggablePath } from '$lib/server/log';
import { startJobs, stopJobs } from '$lib/server/conversations/scheduler';
import { sweepOrphanFiles } from '$lib/server/files/sweep';
import { m } from '$lib/paraglide/messages';
import { configuredOrigin } from '$lib/server/origin';
import { dev } from '$app/environment';

/**
 * The origin for links in reminder mails: ORIGIN; on the dev server (port chosen by
 * Vite) without it, the origin of the first request it served. Production never takes
 * it from a request: the Host header is the client's to choose.
 */
let devOrigin: string | null = null;
const jobOrigin = () => configuredOrigin() ?? (dev ? devOrigin : null);
import { applySecurityHeaders, isHttpsOrigin } from '$lib/server/security-headers';

export const init: ServerInit = async () => {
	const { db } = await appDatabase();
	// Uploads a crash interrupted (temp files, files without a row); not awaited.
	acrossCompanies(CROSS_COMPANY.sweepUploads, () => sweepOrphanFiles(db)).catch((err) =>
		log.error({ err }, 'sweeping orphan files failed')
	);
	// Background jobs (reminders, mail outbox, housekeeping); JOBS=off switches them off.
	startJobs(getDb, process.env, jobOrigin);
	// adapter-node emits this on SIGINT/SIGTERM once the server stopped accepting requests.
	process.once('sveltekit:shutdown' as never, () => {
		stopJobs();
		closeAppDatabase().then(
			() => log.info('database closed, shut down'),
			(err) => log.error({ err }, 'error while closing the database')
		);
	});
};

const requestId: Handle = async ({ event, resolve }) => {
	if (dev) devOrigin ??= event.url.origin;
	const incoming = event.request.headers.get('x-request-id');
	event.locals.requestId =
		incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
	event.locals.user = null;
	event.locals.session = null;
	event.locals.memberships = [];
	event.locals.ctx = null;
	event.locals.twoFactorSetupRequired = false;
	const started = performance.now();
	let status = 500;
	try {
		// The request's tenant scope (src/lib/server/db/scope.ts): no company until
		// authorize below says which one, or why this page reads across companies.
		const response = await requestScope(() => {
			// Audit: the reasons the tenant wall opened, for the request's log line.
			event.locals.acrossCompanies = currentScope()?.trail;
			return QUERY_TRACE_DIR && event.request.headers.get(QUERY_TRACE_HEADER) === '1'
				? traced(event.locals.requestId, event.url.pathname, () => resolve(event))
				: resolve(event);
		});
		response.headers.set('x-request-id', event.locals.requestId);
		status = response.status;
		return response;
	} catch (err) {
		// Thrown by a hook (e.g. the 503 below): SvelteKit renders src/error.html.
		if (isHttpError(err) || isRedirect(err)) status = err.status;
		throw err;
	} finally {
		if (!event.url.pathname.startsWith('/_app/')) {
			log.info(
				{
					reqId: event.locals.requestId,
					// Why the tenant wall opened during this request, if it did (audit).
					across: event.locals.acrossCompanies?.length ? event.locals.acrossCompanies : undefined,
					method: event.request.method,
					path: loggablePath(event.url.pathname),
					route: event.route.id,
					status,
					ms: Math.round(performance.now() - started)
				},
				'request'
			);
		}
	}
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/**
 * Request bodies capped per route before anything parses them (413 above the limit) and
 * form text cleaned of control characters, for every form: see $lib/server/input.
 */
const input: Handle = async ({ event, resolve }) => {
	const limit = bodyLimit(event.route.id);
	const guarded = await guardRequest(event.request, limit);
	if ('tooLarge' in guarded) return tooLargeResponse(event, limit);
	event.request = guarded.request;
	return resolve(event);
};

/**
 * The database away (restart, stop, connections cut, pool exhausted) is an outage of
 * seconds, answered with a calm 503 "try again shortly" rather than a 500: in a hook
 * (the session lookup, the first query of nearly every request) the error becomes an
 * HttpError 503, shown with src/error.html (JSON for data requests); in a load or action
 * handleError marks the request and the error page (+error.svelte) goes out as 503.
 */
const databaseUnavailable: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (err) {
		if (!isDatabaseUnavailable(err)) throw err;
		logUnavailable(event.locals.requestId, loggablePath(event.url.pathname), err);
		error(503, {
			message: m.error_unavailable(),
			requestId: event.locals.requestId,
			unavailable: true
		});
	}
	if (event.locals.unavailable && response.status === 500) {
		response = new Response(response.body, { status: 503, headers: response.headers });
	}
	if (response.status === 503) response.headers.set('retry-after', '5');
	return response;
};

function logUnavailable(reqId: string, path: string, err: unknown) {
	const { code, message } = err as { code?: string; message?: string };
	log.warn({ reqId, path, code, message }, 'database unavailable');
}

/** Health endpoints never touch sessions (and /healthz never the database). */
const PUBLIC_NO_DB = new Set(['/healthz', '/readyz']);

/**
 * Security headers on every response (src/lib/server/security-headers.ts): CSP (pages get
 * theirs from kit.csp), nosniff, HSTS when ORIGIN is https, and no-store for anything a
 * logged-in user or an (app) route receives (and health checks). Runs around
 * authenticate, so it sees the session.
 */
const security: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	applySecurityHeaders(response.headers, {
		https: isHttpsOrigin(process.env.ORIGIN),
		noStore:
			event.locals.session !== null ||
			(event.route.id ?? '').startsWith('/(app)') ||
			PUBLIC_NO_DB.has(event.url.pathname)
	});
	return response;
};

const authenticate: Handle = async ({ event, resolve }) => {
	if (PUBLIC_NO_DB.has(event.url.pathname)) return resolve(event);
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const db = await getDb();
		// The session's user with their own memberships, in every company.
		const result = await acrossCompanies(CROSS_COMPANY.session, () =>
			validateSessionToken(db, token)
		);
		if (result) {
			event.locals.session = result.session;
			// Waiting for the TOTP code: logged in for nothing but the code page and logout.
			if (!result.session.twoFactorPending) {
				event.locals.user = result.user;
				event.locals.memberships = result.memberships;
				event.locals.twoFactorSetupRequired =
					!result.totpEnabled && roleRequiresTwoFactor(result.user.platformRoles);
			}
			setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

/**
 * Two-step verification where it is required (platform admins and SBB advisers, see
 * $lib/server/auth/two-factor-policy): until it is on, every page, data request, form
 * action and endpoint answers with a 303 to the setup page; only that page, logout, the
 * language switch and the health checks are reachable.
 */
const requireSecondFactor: Handle = async ({ event, resolve }) => {
	const gate = twoFactorGate({
		setupRequired: event.locals.twoFactorSetupRequired,
		routeId: event.route.id,
		method: event.request.method,
		url: event.url
	});
	if (!gate.pass) redirect(303, gate.location);
	return resolve(event);
};

/**
 * Authentication and tenant resolution on every request (layout loads alone do not
 * re-run on client navigation): (app) routes need a session, else a redirect to the
 * login page; for /o/[company] routes the membership is resolved here into
 * locals.ctx. The loads and actions enforce it with the guards in
 * $lib/server/auth/guard (a company the user does not belong to is a 404).
 */
const authorize: Handle = async ({ event, resolve }) => {
	// No page opens the tenant wall as a whole: what reads across companies (an adviser's
	// region, a token page finding its company) does so in its own narrow service function.
	const routeId = event.route.id ?? '';
	if (!routeId.startsWith('/(app)')) return resolve(event);
	const user = event.locals.user;
	if (!user) {
		const target = event.url.pathname + event.url.search;
		const page = event.locals.session?.twoFactorPending ? '/login/tweestaps' : '/login';
		redirect(303, `${page}?redirectTo=${encodeURIComponent(target)}`);
	}
	if (routeId.startsWith('/(app)/o/[company]')) {
		event.locals.ctx = companyContext(
			user,
			event.locals.memberships,
			event.params.company ?? '',
			event.locals.requestId
		);
		// A company page: the database shows this company's rows only.
		const ctx = event.locals.ctx;
		if (ctx) return inCompany(ctx.company.id, () => resolve(event));
	}
	return resolve(event);
};

export const handle = sequence(
	requestId,
	security,
	i18n,
	input,
	databaseUnavailable,
	authenticate,
	requireSecondFactor,
	authorize
);

export const handleError: HandleServerError = ({ error: err, event, status, message }) => {
	const id = event.locals.requestId ?? crypto.randomUUID();
	if (status === 404) return { message: m.error_not_found(), requestId: id };
	// SvelteKit's Redirect is not an Error; rethrowing it lets SvelteKit perform the redirect.
	// eslint-disable-next-line @typescript-eslint/only-throw-error
	if (isRedirect(err)) throw err;
	if (isDatabaseUnavailable(err)) {
		event.locals.unavailable = true;
		logUnavailable(id, loggablePath(event.url.pathname), err);
		return { message: m.error_unavailable(), requestId: id, unavailable: true };
	}
	log.error({ reqId: id, err, path: loggablePath(event.url.pathname), status }, message);
	return { message: m.error_unexpected(), requestId: id };
};
