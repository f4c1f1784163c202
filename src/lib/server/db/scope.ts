import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, PostgresDialect, type DatabaseConnection, type Driver } from 'kysely';
import { log } from '../log';
import { isCrossCompanyReason, type CrossCompanyReason } from './cross-company';

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
 * The scoped driver below puts the scope on the pooled connection when a query (or a
 * transaction) acquires it: `set_config(…, false)` for both settings, in one statement,
 * before the first query, and only when the connection does not already carry exactly that
 * scope (the driver remembers what it last set on each connection). So every acquisition
 * runs with its own scope — a value can never leak to another request on the same pooled
 * connection — and a request that keeps meeting connections already set for its company
 * pays no extra round trip. Session-level rather than `set_config(…, true)` in a
 * transaction: that would need BEGIN/COMMIT around every single query (three round trips
 * more per query). The setting is made outside any transaction, so a rollback cannot undo
 * it behind the driver's back. Tested in tests/integration/rls.test.ts.
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

/**
 * `driver` with an acquireConnection that first puts the current scope on the connection
 * (every other method, savepoints included, is the driver's own).
 */
function scoped(driver: Driver): Driver {
	/** What each connection carries now ('company|scope'), as last set here. */
	const carried = new WeakMap<DatabaseConnection, string>();
	const acquire = driver.acquireConnection.bind(driver);
	driver.acquireConnection = async () => {
		const connection = await acquire();
		const [company, scope] = wanted();
		const key = `${company}|${scope}`;
		if (carried.get(connection) !== key) {
			carried.delete(connection);
			try {
				await connection.executeQuery(CompiledQuery.raw(SET_SCOPE, [company, scope]));
				scopeStats.sets++;
			} catch (err) {
				await driver.releaseConnection(connection);
				throw err;
			}
			carried.set(connection, key);
		}
		return connection;
	};
	return driver;
}

/** PostgresDialect whose connections carry the tenant scope of the code that uses them. */
export class TenantScopedPostgresDialect extends PostgresDialect {
	createDriver(): Driver {
		return scoped(super.createDriver());
	}
}
