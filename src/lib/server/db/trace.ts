import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEvent } from 'kysely';

/**
 * Query tracing for the benchmark (scripts/bench.ts): with QUERY_TRACE_DIR set, a
 * request that carries the header `x-query-trace: 1` has every SQL statement it runs
 * (text, parameters, duration) written to QUERY_TRACE_DIR/<request id>.json. Off unless
 * the server was started with the variable, so production pays nothing for it.
 */
export const QUERY_TRACE_DIR = process.env.QUERY_TRACE_DIR || null;
export const QUERY_TRACE_HEADER = 'x-query-trace';

export interface TracedQuery {
	sql: string;
	parameters: readonly unknown[];
	ms: number;
	failed: boolean;
}

const current = new AsyncLocalStorage<TracedQuery[]>();

/** Kysely `log` option: records the query in the trace of the running request, if any. */
export function recordQuery(event: LogEvent): void {
	current.getStore()?.push({
		sql: event.query.sql,
		parameters: event.query.parameters,
		ms: event.queryDurationMillis,
		failed: event.level === 'error'
	});
}

/** Runs `fn` with query tracing and writes the trace for this request id. */
export async function traced<T>(
	requestId: string,
	path: string,
	fn: () => T | Promise<T>
): Promise<T> {
	const queries: TracedQuery[] = [];
	try {
		return await current.run(queries, fn);
	} finally {
		mkdirSync(QUERY_TRACE_DIR!, { recursive: true });
		writeFileSync(
			join(QUERY_TRACE_DIR!, `${requestId}.json`),
			JSON.stringify({ path, queries }, null, 1)
		);
	}
}
