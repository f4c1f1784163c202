import { Migrator, type MigrationResultSet } from 'kysely';
import { migrations } from '../../../../migrations/index';
import type { DB } from './index';

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: () => Promise.resolve(migrations) },
		// Branches developed in parallel may land migrations out of number order.
		allowUnorderedMigrations: true
	});
	const result = await migrator.migrateToLatest();
	if (result.error) {
		throw result.error instanceof Error
			? result.error
			: new Error('migration failed', { cause: result.error });
	}
	return result;
}
