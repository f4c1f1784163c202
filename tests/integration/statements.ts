import type {
	KyselyPlugin,
	PluginTransformQueryArgs,
	PluginTransformResultArgs,
	QueryResult,
	RootOperationNode,
	UnknownRow
} from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../src/lib/server/db/index';

/**
 * Counts the statements a page runs for its data (one transformResult per executed
 * query). The server's query trace (src/lib/server/db/trace.ts, the bench's "SQL
 * statements") also lists the session lookup and the tenant wall's scope statements
 * (set_config, src/lib/server/db/scope.ts: one when a pooled connection last carried
 * another scope); neither is counted here.
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

/**
 * Counts the statements of one page's data (`run`), logs them under `name` and checks
 * they stay within {@link MAX_PAGE_STATEMENTS}: the number and the page's data.
 */
export async function pageStatements<T>(db: DB, name: string, run: (db: DB) => Promise<T>) {
	const counted = await countStatements(db, run);
	console.log(`${name}: ${counted.statements} statements`);
	expect(counted.statements).toBeLessThanOrEqual(MAX_PAGE_STATEMENTS);
	return counted;
}
