import { AsyncLocalStorage } from 'node:async_hooks';
import type { Writable } from 'node:stream';
import { CompiledQuery, type PostgresPool } from 'kysely';
import type pg from 'pg';
import { log } from '../log';
import { isCrossCompanyReason, type CrossCompanyReason } from './cross-company';
import { QUERY_TRACE_DIR, recordQuery } from './trace';

/**
 * The second tenant wall (issue 19): on PostgreSQL every table whose rows carry company_id
 * has row-level security, FORCEd (migrations/0022_row_level_security.ts). A row is
 * visible, and may be written, only when its company is the connection's
 * `app.company_id`, or when the connection's `app.scope` is `all`.
 *
 * Which company a query runs for comes from the tenant scope of the code that runs it
 * (an AsyncLocalStorage, so it follows the request through every await):
 * - {@link inCompany}: a company page (/o/[company]/…, entered in hooks.server.ts from
 *   the request's context `ctx`, i.e. only for a member of that company);
 * - {@link acrossCompanies}: the only way to open the wall, with a reason from the registry
 *   in ./cross-company.ts that is logged (the request's log line lists the reasons; outside
 *   a request each opening is logged). Called only inside the narrow service functions that
 *   need it, around the query (or transaction) itself, never for a whole page:
 *   `grep -rn acrossCompanies src` shows every use (tests/unit/cross-company.test.ts keeps
 *   the list to the files allowed to);
 * - neither: nothing of any company is visible (public pages, platform pages that do not
 *   need company data, anything that forgot to say).
 *
 * The app's pool ({@link tenantScopedPool}, {@link sendScopeFirst}) puts the scope on the
 * pooled connection when a query (or a transaction) takes it: `set_config(…, false)` for
 * both settings, in one statement, sent in the same write as the first statement, and only
 * when the connection does not already carry exactly that scope (what each connection
 * carries is remembered here). So every acquisition runs with its own scope — a value can
 * never leak to another request on the same pooled connection — and a request that keeps
 * meeting connections already set for its company sends nothing extra. Session-level
 * rather than `set_config(…, true)` in a transaction: that would need BEGIN/COMMIT around
 * every single query. The setting is made outside any transaction, so a rollback cannot
 * undo it behind our back. Tested in tests/integration/rls.test.ts.
 *
 * This wall guards against a forgotten company filter, not against SQL injection: a
 * session may set these settings itself (the queries are built by Kysely, with parameters).
 */
export interface TenantScope {
	/** The company whose rows are visible; null: none (or all, with `all`). */
	companyId: string | null;
	all: boolean;
	/** Reasons the wall was opened during this request (for its log line). */
	trail: string[];
}

const storage = new AsyncLocalStorage<TenantScope>();

export function currentScope(): TenantScope | undefined {
	return storage.getStore();
}

/** A request: no company yet; collects the reasons the wall is opened for its log line. */
export function requestScope<T>(fn: () => T): T {
	return storage.run({ companyId: null, all: false, trail: [] }, fn);
}

/** Runs `fn` for one company: only that company's rows are visible to its queries. */
export function inCompany<T>(companyId: string, fn: () => T): T {
	const parent = storage.getStore();
	return storage.run({ companyId, all: false, trail: parent?.trail ?? [] }, fn);
}

/**
 * Runs `fn` with every company's rows visible: one query (or transaction) of an adviser or
 * admin function, of the learner's own records in all their companies, the session lookup,
 * background jobs. `reason`, from the registry CROSS_COMPANY (./cross-company.ts), says
 * why; it is logged (with the request's log line, or on its own outside a request). A
 * transaction takes its connection, and so its scope, when it begins: open the wall
 * around the whole transaction, not inside it.
 */
export function acrossCompanies<T>(reason: CrossCompanyReason, fn: () => T): T {
	if (!isCrossCompanyReason(reason))
		throw new Error(`tenant wall: unknown reason '${String(reason)}'`);
	const parent = storage.getStore();
	if (parent) {
		if (!parent.trail.includes(reason)) parent.trail.push(reason);
	} else {
		log.debug({ across: reason }, 'tenant wall opened');
	}
	return storage.run({ companyId: null, all: true, trail: parent?.trail ?? [] }, fn);
}

/** What the connection must carry for the current scope: [app.company_id, app.scope]. */
function wanted(): [string, string] {
	const scope = storage.getStore();
	if (!scope) return ['', ''];
	return [scope.companyId ?? '', scope.all ? 'all' : ''];
}

const SET_SCOPE =
	"select set_config('app.company_id', $1, false), set_config('app.scope', $2, false)";

/** Test-only: counts the set_config statements (tests/integration/rls.test.ts). */
export const scopeStats = { sets: 0 };

/** What each pooled client carries now ('company|scope'), as last set here. */
const carried = new WeakMap<pg.ClientBase, string>();
/** The scope a client must carry before its next statement, noted when the pool hands it out. */
const due = new WeakMap<pg.ClientBase, [string, string]>();

type Query = (...args: unknown[]) => Promise<unknown>;

/**
 * The app server's pool for Kysely: every client it hands out is due to carry the current
 * scope (unless it carries exactly that already). Taken in the caller's async context, so
 * for a query that is the query's scope and for a transaction the scope it began in.
 */
export function tenantScopedPool(pool: pg.Pool): PostgresPool {
	return {
		connect: async () => {
			const want = wanted();
			preferCarrying(pool, want.join('|'));
			const client = await pool.connect();
			if (carried.get(client) === want.join('|')) due.delete(client);
			else due.set(client, want);
			return client;
		},
		end: () => pool.end()
	};
}

/**
 * Puts an idle client that carries `key` where the pool takes its next one from, so a
 * request tends to meet a connection already set for its scope (the session lookup one set
 * for all companies, a page's queries one set for its company) and sends no scope statement
 * at all. pg-pool hands out the last of its idle clients (`_idle`, an internal array that has
 * not changed in years); should that ever change, this does nothing and every scope is
 * still set as needed: a preference, never a condition of correctness.
 */
function preferCarrying(pool: pg.Pool, key: string): void {
	const idle = (pool as unknown as { _idle?: { client: pg.ClientBase }[] })._idle;
	if (!Array.isArray(idle) || idle.length < 2) return;
	const last = idle.length - 1;
	const top = carried.get(idle[last].client);
	if (top === key) return;
	// Else one that carries no all-companies scope, which every request's session lookup
	// wants next: a page's queries would otherwise keep taking the connection it just left.
	let spare = top === ALL ? -1 : last;
	for (let i = last - 1; i >= 0; i--) {
		const has = carried.get(idle[i].client);
		if (has === key) {
			spare = i;
			break;
		}
		if (spare < 0 && has !== ALL) spare = i;
	}
	if (spare >= 0 && spare !== last) [idle[spare], idle[last]] = [idle[last], idle[spare]];
}

/** The key of the all-companies scope (see {@link wanted}). */
const ALL = '|all';

/**
 * Makes `client` (of a pool in pipeline mode) put a due scope on its connection ahead of
 * its next statement, in the same write: the scope statement and the statement itself
 * reach PostgreSQL together, so the scope costs no round trip of its own (issue 20: it was
 * about half of every page's statements, one for each of a page's parallel queries that
 * took a connection last used for another company).
 *
 * Each of the two has its own Sync, so the scope is set outside any transaction (a
 * rollback cannot undo it) and a failing statement leaves it set. Should the scope
 * statement itself fail, the statement behind it has already run, with the connection's
 * previous scope: its result is withheld and the scope's error thrown, and the client is
 * due again, so nothing ever reaches the code with a scope it did not ask for. (A write
 * behind it would have been checked by the previous scope's policies; the scope statement
 * has no way to fail on a live connection short of running out of memory.)
 *
 * Installed after {@link prepareRepeated} (./prepared.ts), so the scope statement is
 * prepared too.
 */
export function sendScopeFirst(client: pg.ClientBase): void {
	const query = client.query.bind(client) as Query;
	const stream = (client as unknown as { connection?: { stream?: Writable } }).connection?.stream;
	(client as { query: unknown }).query = (...args: unknown[]) => {
		const scope = due.get(client);
		if (!scope) return query(...args);
		due.delete(client);
		carried.delete(client);
		scopeStats.sets++;
		// The bench's query trace lists it with the page's statements (sent, not a round trip).
		if (QUERY_TRACE_DIR) {
			const query = CompiledQuery.raw(SET_SCOPE, scope);
			recordQuery({ level: 'query', query, queryDurationMillis: 0 });
		}
		let set: Promise<unknown>;
		let result: Promise<unknown>;
		stream?.cork();
		try {
			set = query(SET_SCOPE, scope);
			result = query(...args);
		} finally {
			stream?.uncork();
		}
		return set.then(
			() => {
				carried.set(client, scope.join('|'));
				return result;
			},
			(err: unknown) => {
				result.catch(() => {});
				due.set(client, scope);
				throw err;
			}
		);
	};
}
