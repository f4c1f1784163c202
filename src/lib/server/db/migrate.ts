import { Migrator, type MigrationResultSet } from 'kysely';
import { migrations } from '../../../../migrations/index';
import type { DB } from './index';

/**
 * `schema`: the schema the database handle works in (integration tests), so Kysely looks
 * for its migration tables there and not in whichever schema of a parallel run has them.
 */
export async function migrateToLatest(
	db: DB,
	opts: { schema?: string } = {}
): Promise<MigrationResultSet> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: () => Promise.resolve(migrations) },
		migrationTableSchema: opts.schema,
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
