import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRows } from '../../src/lib/server/db/json';
import { createTestDatabase, type TestDatabase } from './db';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(() => t.close());

describe('jsonRows', () => {
	it("gives a query's rows as one JSON array in its order, and [] for none", async () => {
		const chambers = sql<{ id: number; name: string }>`
			select id, name from sector_chamber order by name desc`;
		const none = sql<{ id: number }>`select id from sector_chamber where false`;
		const row = (
			await sql<{ chambers: { id: number; name: string }[]; none: { id: number }[] }>`
				select ${jsonRows(chambers)} as chambers, ${jsonRows(none)} as none`.execute(t.db)
		).rows[0];
		const expected = await t.db
			.selectFrom('sector_chamber')
			.select(['id', 'name'])
			.orderBy('name', 'desc')
			.execute();
		expect(row.chambers).toEqual(expected);
		expect(row.chambers).toHaveLength(8);
		expect(row.none).toEqual([]);
	});
});
