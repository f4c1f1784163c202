/** npm run db:seed — migrates, then adds the demo companies and accounts (idempotent). */
import { configFromEnv, openDatabase } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { DEMO_PASSWORD, seedDemo } from '../src/lib/server/demo/seed';

const handle = await openDatabase(configFromEnv());
try {
	await migrateToLatest(handle.db);
	const { users } = await seedDemo(handle.db, { feedbackLearner: true });
	console.log(
		`${handle.description}: demo data ${users ? `seeded (${users} new users)` : 'already present'}; password for every demo account: ${DEMO_PASSWORD}`
	);
} finally {
	await handle.db.destroy();
}
