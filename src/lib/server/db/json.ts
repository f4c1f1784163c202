import { sql, type RawBuilder } from 'kysely';

/**
 * The rows of a raw query as one JSON array, in the query's order: a column of a bigger
 * statement, so a page reads its lists in one round trip. `[]` when there are none (never
 * null). Kysely's `jsonArrayFrom` does the same for a query builder; this is for SQL
 * written out.
 */
export function jsonRows<T>(query: RawBuilder<T>): RawBuilder<T[]> {
	return sql<T[]>`(select coalesce(json_agg(x), '[]') from (${query}) x)`;
}
