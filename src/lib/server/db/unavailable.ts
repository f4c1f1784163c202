/**
 * Is this error the database being away (restarting, stopped, connections cut, pool
 * exhausted) rather than a bug? Such errors become a 503 "try again shortly", not a 500:
 * the request may well succeed a few seconds later without anyone changing anything.
 * Pure; looks through `cause` and AggregateError (Node's ECONNREFUSED for ::1 and
 * 127.0.0.1 together).
 */

/** Node socket errors seen when the server is down or the connection is cut. */
const NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EAI_AGAIN'
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01 admin_shutdown, 57P02
 * crash_shutdown, 57P03 cannot_connect_now (starting up / shutting down), 57014
 * query_canceled (statement_timeout: overloaded, try again), 53300 too_many_connections.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '57014', '53300']);

/** Messages of pg and pg-pool that carry no code. */
const MESSAGES = [
	/^Connection terminated/, // "Connection terminated unexpectedly", "… due to connection timeout"
	/^timeout exceeded when trying to connect$/, // pg-pool: checkout waited connectionTimeoutMillis
	/is not queryable$/, // a client whose connection broke ("Client has encountered a connection error …")
	/^Query read timeout$/
];

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
	if (depth > 5 || err === null || typeof err !== 'object') return false;
	const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
	if (typeof e.code === 'string') {
		if (NETWORK_CODES.has(e.code) || SQLSTATES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code)) {
			return true;
		}
	}
	if (typeof e.message === 'string' && MESSAGES.some((re) => re.test(e.message as string))) {
		return true;
	}
	if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) {
		return true;
	}
	return isDatabaseUnavailable(e.cause, depth + 1);
}
