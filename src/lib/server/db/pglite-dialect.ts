import type { PGlite } from '@electric-sql/pglite';
import {
	CompiledQuery,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type DatabaseConnection,
	type Dialect,
	type Driver,
	type Kysely,
	type QueryResult,
	type TransactionSettings
} from 'kysely';

/**
 * A Kysely dialect for PGlite. PGlite has exactly one connection, so every
 * acquisition (a single query, or a whole transaction) holds a mutex until it is
 * released: concurrent requests queue instead of interleaving statements inside
 * each other's transactions (the bug in the community `kysely-pglite` dialect).
 */
class Mutex {
	#tail: Promise<void> = Promise.resolve();

	lock(): Promise<() => void> {
		let release!: () => void;
		const next = new Promise<void>((resolve) => (release = resolve));
		const previous = this.#tail;
		this.#tail = previous.then(() => next);
		return previous.then(() => release);
	}
}

class PGliteConnection implements DatabaseConnection {
	constructor(private readonly client: PGlite) {}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		const result = await this.client.query<R>(query.sql, query.parameters as unknown[], {
			rowMode: 'object'
		});
		return {
			rows: result.rows,
			numAffectedRows: result.affectedRows !== undefined ? BigInt(result.affectedRows) : undefined
		};
	}

	streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
		throw new Error('Streaming is not supported on PGlite');
	}
}

class PGliteDriver implements Driver {
	readonly #client: PGlite;
	readonly #connection: PGliteConnection;
	readonly #mutex = new Mutex();
	#release: (() => void) | undefined;

	constructor(client: PGlite) {
		this.#client = client;
		this.#connection = new PGliteConnection(client);
	}

	async init(): Promise<void> {
		await this.#client.waitReady;
	}

	async acquireConnection(): Promise<DatabaseConnection> {
		this.#release = await this.#mutex.lock();
		return this.#connection;
	}

	async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
		const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
		await conn.executeQuery(CompiledQuery.raw(`begin${level}`));
	}

	async commitTransaction(conn: DatabaseConnection): Promise<void> {
		await conn.executeQuery(CompiledQuery.raw('commit'));
	}

	async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
		await conn.executeQuery(CompiledQuery.raw('rollback'));
	}

	releaseConnection(): Promise<void> {
		const release = this.#release;
		this.#release = undefined;
		release?.();
		return Promise.resolve();
	}

	async destroy(): Promise<void> {
		if (!this.#client.closed) await this.#client.close();
	}
}

export class PGliteDialect implements Dialect {
	constructor(private readonly client: PGlite) {}

	createAdapter() {
		return new PostgresAdapter();
	}
	createDriver(): Driver {
		return new PGliteDriver(this.client);
	}
	createQueryCompiler() {
		return new PostgresQueryCompiler();
	}
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	createIntrospector(db: Kysely<any>) {
		return new PostgresIntrospector(db);
	}
}
