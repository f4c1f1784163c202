import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Prepared statements on PostgreSQL (issues 19 and 20). Kysely sends every statement as an
 * unnamed one, which PostgreSQL parses, rewrites (row-level security policies included)
 * and plans on every execution. For the pages' statements, which join many tables, that
 * work is most of the cost: on the generated `region` set the learner home's and the
 * trajectory page's statements take 15.3 ms unnamed and 5.2 ms prepared (BENCHMARKS.md,
 * 2026-12-06), and the tenant wall's policies are planned once instead of on every request.
 *
 * So a pooled client sends a statement that has parameters, and that this process has
 * seen before, as a named statement: PostgreSQL parses it once per connection, plans it
 * for its first executions and then keeps a generic plan when that costs no more (its own
 * `plan_cache_mode = auto`). The name is a hash of the text, so one text has one name.
 *
 * Bounds: a statement is prepared on its second sighting (a one-off, such as an `in` list
 * of an unusual length, is not kept), and a connection keeps at most
 * {@link PREPARED_PER_CONNECTION} of them (after that, new texts run unnamed). Statements
 * without parameters (transaction control, migrations with several commands) always run
 * unnamed. A connection that breaks takes its statements with it; the pool's next one
 * prepares them again.
 *
 * Prepared statements live in the database session, so they need session pooling: behind
 * a pooler in transaction mode set DATABASE_PREPARE=0 (README, Configuration).
 *
 * Row-level security stays exact with cached plans: the policies read the tenant scope with
 * `current_setting` at execution (tests/integration/prepared.test.ts runs one statement past
 * its generic plan for one company, then for another on the same connection).
 */
export const PREPARED_PER_CONNECTION = 200;

/** Texts seen once in this process (their hashes), bounded: cleared when full. */
const SEEN_LIMIT = 5_000;
const seen = new Set<string>();

function nameOf(text: string): string {
	return `v_${createHash('sha1').update(text).digest('base64url')}`;
}

/** Makes `client` send repeated statements with parameters as named (prepared) ones. */
export function prepareRepeated(client: pg.ClientBase): void {
	/** The names this connection has prepared (at most PREPARED_PER_CONNECTION). */
	const names = new Set<string>();
	const query = client.query.bind(client) as (...args: unknown[]) => unknown;
	(client as { query: unknown }).query = (...args: unknown[]) => {
		const [text, values, callback] = args;
		if (
			typeof text === 'string' &&
			Array.isArray(values) &&
			values.length > 0 &&
			callback === undefined
		) {
			const name = nameOf(text);
			if (names.has(name)) return query({ name, text, values });
			if (names.size < PREPARED_PER_CONNECTION && seen.has(name)) {
				names.add(name);
				return query({ name, text, values });
			}
			if (seen.size >= SEEN_LIMIT) seen.clear();
			seen.add(name);
		}
		return query(...args);
	};
}
