import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DB } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';

export interface TestDatabase {
	db: DB;
	engine: 'postgres' | 'pglite';
	close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: on TEST_DATABASE_URL a schema of its
 * own (so files run in parallel), otherwise an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
	process.env.MAIL_DIR ??= mkdtempSync(join(tmpdir(), 'vakmaat-mail-'));
	process.env.FILES_DIR ??= mkdtempSync(join(tmpdir(), 'vakmaat-files-'));
	const url = process.env.TEST_DATABASE_URL;
	if (url) {
		const schema = `t_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
		const admin = new pg.Client({ connectionString: url });
		await admin.connect();
		await admin.query(`create schema ${schema}`);
		await admin.end();
		const handle = await openDatabase({ url, schema, max: 4 });
		await migrateToLatest(handle.db, { schema });
		return {
			db: handle.db,
			engine: 'postgres',
			async close() {
				await handle.db.destroy();
				const c = new pg.Client({ connectionString: url });
				await c.connect();
				await c.query(`drop schema ${schema} cascade`);
				await c.end();
			}
		};
	}
	const handle = await openDatabase({ pgliteDir: 'memory://' });
	await migrateToLatest(handle.db);
	return { db: handle.db, engine: 'pglite', close: () => handle.db.destroy() };
}
