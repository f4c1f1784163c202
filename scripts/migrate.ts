/** npm run db:migrate — applies pending migrations to DATABASE_URL, or to PGlite in PGLITE_DIR (.data/pglite). */
import { configFromEnv, openDatabase } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';

const handle = await openDatabase(configFromEnv());
try {
	const result = await migrateToLatest(handle.db);
	const applied = result.results?.filter((r) => r.status === 'Success') ?? [];
	console.log(
		`${handle.description}: ${applied.length ? applied.map((r) => r.migrationName).join(', ') + ' applied' : 'up to date'}`
	);
} finally {
	await handle.db.destroy();
}
