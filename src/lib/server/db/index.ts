import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { TIME_ZONE } from '../../time';
import { log } from '../log';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';
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
}

export interface DatabaseHandle {
	db: DB;
	engine: 'postgres' | 'pglite';
	/** Human description for logs, without credentials. */
	description: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
	return {
		url: env.DATABASE_URL || undefined,
		pgliteDir: env.PGLITE_DIR || '.data/pglite'
	};
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
	if (config.url) {
		const pool = new pg.Pool({
			connectionString: config.url,
			max: config.max ?? Number(process.env.DATABASE_POOL_MAX ?? 10),
			connectionTimeoutMillis: 5_000,
			idleTimeoutMillis: 30_000,
			// Sessions run in Dutch time, so current_date and timestamptz::date agree with
			// todayIso() (src/lib/time.ts) whatever the server's own zone.
			options: [`-c TimeZone=${TIME_ZONE}`, config.schema ? `-c search_path=${config.schema}` : '']
				.filter(Boolean)
				.join(' ')
		});
		// Without this handler an idle client's error (e.g. a database restart) crashes the process.
		pool.on('error', (err) => log.error({ err }, 'PostgreSQL pool client error'));
		const url = new URL(config.url);
		return {
			db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: traceLog }),
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

export async function ping(db: DB): Promise<void> {
	await sql`select 1`.execute(db);
}
