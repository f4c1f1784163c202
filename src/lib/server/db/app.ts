import { sql, type MigrationResultSet } from 'kysely';
import { log } from '../log';
import {
	appConfigFromEnv,
	configFromEnv,
	openDatabase,
	serverLimitsFromEnv,
	type DatabaseHandle,
	type DB
} from './index';
import { migrateToLatest } from './migrate';
import { appRoleFromEnv, assertSafeAppRole, grantAppRole } from './roles';

/**
 * The application's database, opened once per process (kept on globalThis so the dev
 * server's module reloads never open the embedded database twice). On start it runs
 * the migrations; an embedded database that has no users yet is seeded with demo data
 * (src/lib/server/demo/, imported dynamically).
 */
const KEY = Symbol.for('vakmaat.db');
type Holder = { [KEY]?: Promise<DatabaseHandle> };

async function start(): Promise<DatabaseHandle> {
	const owner = configFromEnv();
	const config = appConfigFromEnv();
	let result: MigrationResultSet | undefined;
	if (config.url) {
		// Migrations as the tables' owner (DATABASE_OWNER_URL, else DATABASE_URL) on their own
		// connection, without the request limits (statement_timeout): an index on a large
		// table may take longer than any request should. Then the app role's rights.
		const migrator = await openDatabase({ ...owner, max: 1 });
		try {
			result = await migrateToLatest(migrator.db);
			const role = appRoleFromEnv();
			if (owner.url !== config.url && role) await grantAppRole(migrator.db, role);
		} finally {
			await migrator.db.destroy();
		}
	}
	const handle = await openDatabase({ ...config, ...serverLimitsFromEnv() });
	if (handle.engine === 'postgres') {
		// Row-level security (the second tenant wall) holds only for a role that owns
		// nothing and does not bypass it: refuse to serve otherwise.
		try {
			await assertSafeAppRole(handle.db);
		} catch (err) {
			await handle.db.destroy();
			log.fatal((err as Error).message);
			throw err;
		}
	}
	result ??= await migrateToLatest(handle.db);
	const applied = result.results?.filter((r) => r.status === 'Success').length ?? 0;
	let seeded = 0;
	if (handle.engine === 'pglite' && process.env.SEED_DEMO !== '0') {
		const users = await sql<{ n: number }>`select count(*)::int as n from app_user`.execute(
			handle.db
		);
		if (users.rows[0].n === 0) {
			// Loaded only here, on demand: the demo seed (and its qualification XML) is a chunk
			// of its own that a production server never loads.
			const { seedDemo } = await import('../demo/seed');
			seeded = (await seedDemo(handle.db)).users;
		}
	}
	log.info(
		{ engine: handle.engine, migrationsApplied: applied, demoUsersSeeded: seeded },
		`database ready: ${handle.description}${applied ? `, ${applied} migration(s) applied` : ''}${seeded ? `, demo data seeded (${seeded} users)` : ''}`
	);
	return handle;
}

export function appDatabase(): Promise<DatabaseHandle> {
	const holder = globalThis as Holder;
	holder[KEY] ??= start().catch((err) => {
		delete holder[KEY];
		throw err;
	});
	return holder[KEY];
}

export async function getDb(): Promise<DB> {
	return (await appDatabase()).db;
}

export async function closeAppDatabase(): Promise<void> {
	const holder = globalThis as Holder;
	const handle = await holder[KEY]?.catch(() => undefined);
	delete holder[KEY];
	await handle?.db.destroy();
}
