import type {
	KyselyPlugin,
	PluginTransformQueryArgs,
	PluginTransformResultArgs,
	QueryResult,
	RootOperationNode,
	UnknownRow
} from 'kysely';
import type { DB } from '../../src/lib/server/db/index';

/**
 * Counts the statements that reach the database (one transformResult per executed
 * statement), as the server's query trace (src/lib/server/db/trace.ts) does per request.
 * The scope statement of the tenant wall (set_config, src/lib/server/db/scope.ts) is not a
 * Kysely query and is not counted, here or in the trace.
 */
export class QueryCounter implements KyselyPlugin {
	count = 0;
	transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
		return node;
	}
	transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		this.count++;
		return Promise.resolve(result);
	}
}

/** Runs `run` on a counting handle of `db`: its result and the number of statements it ran. */
export async function countStatements<T>(db: DB, run: (db: DB) => Promise<T>) {
	const counter = new QueryCounter();
	const result = await run(db.withPlugin(counter));
	return { statements: counter.count, result };
}

/** The most statements a page may run for its data (issue 20), besides the session's one. */
export const MAX_PAGE_STATEMENTS = 4;
