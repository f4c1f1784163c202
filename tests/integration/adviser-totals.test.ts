import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseOverviewFilters } from '../../src/lib/server/adviser/filters';
import { overviewData } from '../../src/lib/server/adviser/overview';
import {
	keptTotals,
	nationalTotals,
	regionKey,
	regionTotals,
	totalsReadAt,
	totalsTtlMs
} from '../../src/lib/server/adviser/totals';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { createTestDatabase, type TestDatabase } from './db';

/**
 * Region totals are kept per process for ADVISER_TOTALS_TTL_SECONDS (issue 15: the
 * adviser overview at national scale). The other tests read them fresh (the setting is 0
 * in vite.config.ts); here it is on.
 */
let t: TestDatabase;
let region: number;
const before = process.env.ADVISER_TOTALS_TTL_SECONDS;
beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	region = (
		await t.db
			.selectFrom('company')
			.select('region_id')
			.where('slug', '=', 'zorggroep-de-linde')
			.executeTakeFirstOrThrow()
	).region_id;
});
afterEach(() => {
	if (before === undefined) delete process.env.ADVISER_TOTALS_TTL_SECONDS;
	else process.env.ADVISER_TOTALS_TTL_SECONDS = before;
});
afterAll(() => t?.close());

const addCompany = (slug: string) =>
	sql`insert into company (slug, name, kvk_number, street, postcode, city, region_id, sector_chamber_id)
		values (${slug}, ${'Nieuw ' + slug}, ${String(80000000 + slug.length)}, 'Straat 1', '3511 AA',
			'Utrecht', ${region}, 1)`.execute(t.db);

describe('kept region totals', () => {
	it('are read fresh when the setting is 0, kept for its seconds otherwise (at most an hour)', () => {
		process.env.ADVISER_TOTALS_TTL_SECONDS = '0';
		expect(totalsTtlMs()).toBe(0);
		process.env.ADVISER_TOTALS_TTL_SECONDS = '60';
		expect(totalsTtlMs()).toBe(60_000);
		process.env.ADVISER_TOTALS_TTL_SECONDS = '99999';
		expect(totalsTtlMs()).toBe(3_600_000);
		process.env.ADVISER_TOTALS_TTL_SECONDS = 'nee';
		expect(totalsTtlMs()).toBe(0);
	});

	it('the overview keeps its totals for a minute; its list and count stay current', async () => {
		process.env.ADVISER_TOTALS_TTL_SECONDS = '60';
		const filters = parseOverviewFilters(new URLSearchParams('sorteer=name'));
		const first = await overviewData(t.db, [region], filters);
		await addCompany('aaa-kept-totals');
		const second = await overviewData(t.db, [region], filters);
		// The totals as they were, and said to be from then…
		expect(second.totals).toEqual(first.totals);
		expect(second.totalsAt).toEqual(first.totalsAt);
		// …while the list shows the new company and counts it.
		expect(second.list.total).toBe(first.list.total + 1);
		expect(second.list.rows[0].name).toBe('Nieuw aaa-kept-totals');
		// regionTotals shares what is kept.
		expect(await regionTotals(t.db, [region])).toEqual(first.totals);
		// A minute later they are read again.
		const key = regionKey([region]);
		const at = keptTotals(t.db, key)!.at;
		expect(keptTotals(t.db, key, at + 59_000)).not.toBeNull();
		expect(keptTotals(t.db, key, at + 60_000)).toBeNull();
	});

	it('with the setting 0, every read counts the new company', async () => {
		process.env.ADVISER_TOTALS_TTL_SECONDS = '0';
		const filters = parseOverviewFilters(new URLSearchParams(''));
		const first = await overviewData(t.db, [region], filters);
		await addCompany('aaa-fresh-totals');
		const second = await overviewData(t.db, [region], filters);
		expect(second.totals.companies).toBe(first.totals.companies + 1);
		expect(second.list.total).toBe(first.list.total + 1);
		const national = await nationalTotals(t.db);
		expect(national.find((r) => r.id === region)!.companies).toBe(second.totals.companies);
		expect(totalsReadAt(t.db, null).getTime()).toBeGreaterThan(Date.now() - 5_000);
	});
});
