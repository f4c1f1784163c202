/** npm run db:migrate — applies pending migrations as DATABASE_OWNER_URL (else DATABASE_URL), or to PGlite in PGLITE_DIR (.data/pglite). */
import { configFromEnv, openDatabase } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { appRoleFromEnv, grantAppRole } from '../src/lib/server/db/roles';

const handle = await openDatabase(configFromEnv());
try {
	const result = await migrateToLatest(handle.db);
	// With a separate owner: the app role's rights on what the migrations created.
	const role = appRoleFromEnv();
	if (handle.engine === 'postgres' && process.env.DATABASE_OWNER_URL && role) {
		await grantAppRole(handle.db, role);
	}
	const applied = result.results?.filter((r) => r.status === 'Success') ?? [];
	console.log(
		`${handle.description}: ${applied.length ? applied.map((r) => r.migrationName).join(', ') + ' applied' : 'up to date'}`
	);
} finally {
	await handle.db.destroy();
}
