import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { TIME_ZONE } from '../../time';
import { log } from '../log';
import { PGliteDialect } from './pglite-dialect';
import { prepareRepeated } from './prepared';
import type { Database } from './schema';
import { sendScopeFirst, tenantScopedPool } from './scope';
import { QUERY_TRACE_DIR, recordQuery } from './trace';

export type { Database } from './schema';
export type DB = Kysely<Database>;

/** int8 (count(*)) and numeric as numbers, date as 'YYYY-MM-DD' on both engines. */
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

/** Query tracing for the benchmark only (see ./trace). */
const traceLog = QUERY_TRACE_DIR ? recordQuery : undefined;

export interface DatabaseConfig {
	/** postgres://… — when absent the embedded PGlite database is used. */
	url?: string;
	/** Directory for PGlite data; `memory://` for an in-memory database. */
	pgliteDir?: string;
	/** Optional schema for isolation (integration tests). */
	schema?: string;
	max?: number;
	/** PostgreSQL only: see {@link serverLimitsFromEnv}. Unset: no limit (scripts, migrations). */
	statementTimeoutMs?: number;
	idleInTransactionTimeoutMs?: number;
	/** How long a request waits for a pooled connection (or a new one) before giving up. */
	connectTimeoutMs?: number;
	/**
	 * PostgreSQL only: `max_parallel_workers_per_gather` of the connections; unset: the
	 * server's. See {@link serverLimitsFromEnv}.
	 */
	parallelWorkers?: number;
	/**
	 * PostgreSQL only. The app's handle: every connection it acquires carries the tenant
	 * scope of the code that uses it (src/lib/server/db/scope.ts).
	 */
	tenantScoped?: boolean;
	/**
	 * PostgreSQL only. Migrations and scripts (generator, seed, import): sessions start with
	 * `app.scope=all`, so row-level security (migration 0022) lets them see every company.
	 */
	allCompanies?: boolean;
	/**
	 * PostgreSQL only. Statements that repeat run as prepared statements (./prepared.ts).
	 * Default: on unless DATABASE_PREPARE=0 (a pooler in transaction mode).
	 */
	prepare?: boolean;
}

export interface DatabaseHandle {
	db: DB;
	engine: 'postgres' | 'pglite';
	/** Human description for logs, without credentials. */
	description: string;
}

/**
 * Migrations and scripts (generator, seed, import, benchmark set-up): as the tables' owner,
 * DATABASE_OWNER_URL (DATABASE_URL when it is not set), across every company.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
	return {
		url: env.DATABASE_OWNER_URL || env.DATABASE_URL || undefined,
		pgliteDir: env.PGLITE_DIR || '.data/pglite',
		allCompanies: true
	};
}

/**
 * The app server: DATABASE_URL, a role that owns nothing and is neither superuser nor
 * BYPASSRLS (checked at start, src/lib/server/db/roles.ts); every connection carries the
 * tenant scope of the request or job that uses it.
 */
export function appConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
	return {
		url: env.DATABASE_URL || undefined,
		pgliteDir: env.PGLITE_DIR || '.data/pglite',
		tenantScoped: true
	};
}

const ms = (value: string | undefined, fallback: number) => {
	const n = Number(value);
	return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
};

/**
 * Limits for the app server's pool, so that nothing hangs when the database is slow or
 * away: a statement runs at most DATABASE_STATEMENT_TIMEOUT_MS (15 s; 0 = none), a
 * session idles inside a transaction at most DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS
 * (60 s), a request waits for a connection at most DATABASE_CONNECT_TIMEOUT_MS (5 s), and a
 * statement gets DATABASE_PARALLEL_WORKERS parallel workers (0: none, the default).
 * Scripts (migrations, generator, import) run without them.
 */
export function serverLimitsFromEnv(
	env: NodeJS.ProcessEnv = process.env
): Pick<
	DatabaseConfig,
	'statementTimeoutMs' | 'idleInTransactionTimeoutMs' | 'connectTimeoutMs' | 'parallelWorkers'
> {
	const workers = Number(env.DATABASE_PARALLEL_WORKERS ?? 0);
	return {
		statementTimeoutMs: ms(env.DATABASE_STATEMENT_TIMEOUT_MS, 15_000),
		idleInTransactionTimeoutMs: ms(env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS, 60_000),
		connectTimeoutMs: ms(env.DATABASE_CONNECT_TIMEOUT_MS, 5_000) || 5_000,
		// Parallel plans off by default: a request's statement then takes one core instead of
		// three, which a server busy with many requests needs for the others. Measured at
		// national scale on 2 cores (BENCHMARKS.md, 2026-12-06): the HR dashboard's main
		// statement 62 → 19 ms, the adviser overview's 95 → 60 ms, each alone.
		parallelWorkers: Number.isInteger(workers) && workers >= 0 && workers <= 64 ? workers : 0
	};
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
	if (config.url) {
		const pool = new pg.Pool({
			connectionString: config.url,
			max: config.max ?? Number(process.env.DATABASE_POOL_MAX ?? 10),
			connectionTimeoutMillis: config.connectTimeoutMs ?? 5_000,
			idleTimeoutMillis: 30_000,
			// Startup parameters (0 or unset: the server's default, i.e. none).
			statement_timeout: config.statementTimeoutMs || undefined,
			idle_in_transaction_session_timeout: config.idleInTransactionTimeoutMs || undefined,
			// A peer that vanished without closing the socket is noticed.
			keepAlive: true,
			// The app's connections send the tenant scope in the same write as the statement
			// behind it (./scope.ts), which needs the client to send without waiting.
			...(config.tenantScoped ? { pipeline: true } : {}),
			// Sessions run in Dutch time, so current_date and timestamptz::date agree with
			// todayIso() (src/lib/time.ts) whatever the server's own zone.
			options: [
				`-c TimeZone=${TIME_ZONE}`,
				config.schema ? `-c search_path=${config.schema}` : '',
				config.allCompanies ? '-c app.scope=all' : '',
				config.parallelWorkers !== undefined
					? `-c max_parallel_workers_per_gather=${config.parallelWorkers}`
					: ''
			]
				.filter(Boolean)
				.join(' ')
		});
		// A connection that breaks (database restart or stop, pg_terminate_backend) makes its
		// client emit 'error'; an 'error' event without a listener kills the process. pg-pool
		// listens only while a client is idle, so every client gets a handler of its own for
		// the time it is checked out; the query in flight fails with the same error (a 503 in
		// hooks.server.ts) and the pool drops the broken client when it is released.
		const prepare = config.prepare ?? process.env.DATABASE_PREPARE !== '0';
		pool.on('connect', (client) => {
			client.on('error', logConnectionError);
			if (prepare) prepareRepeated(client);
			if (config.tenantScoped) sendScopeFirst(client);
		});
		// The pool re-emits an idle client's error; the handler above has logged it already.
		pool.on('error', () => {});
		const url = new URL(config.url);
		return {
			db: new Kysely<Database>({
				dialect: new PostgresDialect({
					pool: config.tenantScoped ? tenantScopedPool(pool) : pool
				}),
				log: traceLog
			}),
			engine: 'postgres',
			description: `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`
		};
	}
	const dir = config.pgliteDir ?? '.data/pglite';
	const { PGlite } = await import('@electric-sql/pglite');
	if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
	const client = new PGlite(dir, {
		parsers: {
			[INT8]: (v: string) => Number(v),
			[NUMERIC]: (v: string) => Number(v),
			[DATE]: (v: string) => v
		}
	});
	await client.waitReady;
	await client.exec(`set TimeZone to '${TIME_ZONE}'`);
	if (config.schema) {
		await client.exec(
			`create schema if not exists ${config.schema}; set search_path to ${config.schema}`
		);
	}
	return {
		db: new Kysely<Database>({ dialect: new PGliteDialect(client), log: traceLog }),
		engine: 'pglite',
		description: `embedded PostgreSQL (PGlite) in ${dir}`
	};
}

function logConnectionError(err: Error) {
	const { code } = err as { code?: string };
	log.warn({ code, message: err.message }, 'PostgreSQL connection lost');
}

export async function ping(db: DB): Promise<void> {
	await sql`select 1`.execute(db);
}
