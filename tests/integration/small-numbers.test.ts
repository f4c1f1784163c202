import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	COMPLEMENT,
	protectBreakdown,
	protectPartOf,
	SMALL
} from '../../src/lib/adviser/small-numbers';
import { companyFigures, companyForAdviser } from '../../src/lib/server/adviser/company';
import { overviewCsv } from '../../src/lib/server/adviser/export';
import { nationalTotals, regionExposed, regionTotals } from '../../src/lib/server/adviser/totals';
import { overviewPage } from '../../src/lib/server/adviser/overview';
import { parseOverviewFilters, SORTS } from '../../src/lib/server/adviser/filters';
import { listCompanies } from '../../src/lib/server/accounts/companies';
import { createTestDatabase, type TestDatabase } from './db';
import { sessionUser } from './fixtures';

/**
 * Small numbers stay small in the data (issue #19, #18): for a company with one learner and
 * one with two, in the adviser's region, no service behind an adviser or admin page or
 * export hands out a figure of 1 or 2 about people; the hidden marker is there instead.
 */

let t: TestDatabase;
let adviser: SessionUser;
let admin: SessionUser;
let region: number;
const small: Record<'one' | 'two', string> = { one: '', two: '' };

const daysAgo = (n: number) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

/** A company in `regionId` with `learners` learners, each on one trajectory of these routes. */
async function companyWith(
	slug: string,
	regionId: number,
	routes: ('bbl_diploma' | 'informal')[]
): Promise<string> {
	const c = await t.db
		.insertInto('company')
		.values({
			slug,
			name: `Klein ${slug}`,
			kvk_number: String(90000000 + routes.length),
			street: 'Straat 1',
			postcode: '3511 AA',
			city: 'Utrecht',
			region_id: regionId,
			sector_chamber_id: 1
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const [i, route] of routes.entries()) {
		const learner = await t.db
			.insertInto('learner')
			.values({ company_id: c.id, name: `Lerende ${slug} ${i}` })
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('trajectory')
			.values({
				company_id: c.id,
				learner_id: learner.id,
				route,
				target_kind: 'work_processes',
				title: 'Werkprocessen',
				// The first one never assessed for 120 days: stalled.
				start_date: daysAgo(i === 0 ? 120 : 10)
			})
			.execute();
	}
	return c.id;
}

/** The keys under which a number is a count of people (learners, trajectories, members). */
const PEOPLE_KEYS = new Set([
	'activeLearners',
	'activeTrajectories',
	'stalled',
	'overdueConversations',
	'overdueActions',
	'routes',
	'buckets',
	'byQuarter',
	'members'
]);

/** Every number 1 or 2 found under a people key, with its path. */
function smallFigures(value: unknown, path = '$', underPeople = false): string[] {
	if (typeof value === 'number') return underPeople && (value === 1 || value === 2) ? [path] : [];
	if (Array.isArray(value))
		return value.flatMap((v, i) => smallFigures(v, `${path}[${i}]`, underPeople));
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) =>
			smallFigures(v, `${path}.${k}`, underPeople || PEOPLE_KEYS.has(k))
		);
	}
	return [];
}

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	adviser = await sessionUser(t.db, 'adviseur@sbb.example');
	admin = await sessionUser(t.db, 'admin@vakmaat.example');
	region = (
		await t.db
			.selectFrom('adviser_region')
			.select('region_id')
			.where('user_id', '=', adviser.id)
			.executeTakeFirstOrThrow()
	).region_id;
	small.one = await companyWith('klein-een', region, ['informal']);
	small.two = await companyWith('klein-twee', region, ['bbl_diploma', 'informal']);
});
afterAll(() => t?.close());

describe('the rules', () => {
	it('hides a small part and the smallest other part, so the total does not give it away', () => {
		expect(protectBreakdown(12, [10, 2, 0, 0, 0])).toEqual([COMPLEMENT, SMALL, 0, 0, 0]);
		// Two small parts that can be 1+2 or 2+1: enough on their own.
		expect(protectBreakdown(13, [1, 2, 10])).toEqual([SMALL, SMALL, 10]);
		// 1+1 would be known from the total: one more.
		expect(protectBreakdown(12, [1, 1, 10])).toEqual([SMALL, SMALL, COMPLEMENT]);
		// 1 and 3 of 4: no way to keep it unknown, the breakdown goes as a whole.
		expect(protectBreakdown(4, [1, 3, 0])).toEqual([COMPLEMENT, COMPLEMENT, COMPLEMENT]);
		// A total of 1 or 2: no breakdown at all.
		expect(protectBreakdown(2, [2, 0])).toEqual([SMALL, SMALL]);
		expect(protectBreakdown(30, [10, 20, 0])).toEqual([10, 20, 0]);
	});
	it('hides a stalled count when it, or the rest of the active trajectories, is 1 or 2', () => {
		expect(protectPartOf(12, 10)).toEqual(COMPLEMENT);
		expect(protectPartOf(5, 1)).toEqual(SMALL);
		expect(protectPartOf(4, 1)).toEqual(COMPLEMENT);
		expect(protectPartOf(10, 0)).toBe(0);
		expect(protectPartOf(10, 5)).toBe(5);
		expect(protectPartOf(10, 10)).toBe(10);
	});
	it('hides a region total when the companies hidden in it could be worked out', () => {
		expect(regionExposed(0, 0)).toBe(false);
		expect(regionExposed(1, 2)).toBe(true); // one hidden company: total minus the rest
		expect(regionExposed(2, 2)).toBe(true); // 1 + 1
		expect(regionExposed(2, 4)).toBe(true); // 2 + 2
		expect(regionExposed(2, 3)).toBe(false); // 1 + 2 or 2 + 1
		expect(regionExposed(0, 0, 1, 5)).toBe(true);
		expect(regionExposed(1, 1, 1, 5)).toBe(false);
	});
});

describe('no figure of 1 or 2 about people leaves the services', () => {
	it('(the check itself finds them)', () => {
		expect(smallFigures({ a: { routes: { bbl: 2 }, trainers: 1, buckets: [0, 1] } })).toEqual([
			'$.a.routes.bbl',
			'$.a.buckets[1]'
		]);
	});
	it('the overview, in every order and with filters', async () => {
		for (const sort of SORTS) {
			for (const extra of ['', '&omvang=s', '&route=informal', '&zoek=klein']) {
				const page = await overviewPage(
					t.db,
					[region],
					parseOverviewFilters(new URLSearchParams(`sorteer=${sort}${extra}`))
				);
				expect(smallFigures(page)).toEqual([]);
			}
		}
		const page = await overviewPage(
			t.db,
			[region],
			parseOverviewFilters(new URLSearchParams('zoek=klein'))
		);
		expect(page.rows).toHaveLength(2);
		for (const row of page.rows) expect(row.activeLearners).toEqual(SMALL);
		const two = page.rows.find((r) => r.companyId === small.two)!;
		expect(two.routes).toMatchObject({ bbl_diploma: SMALL, informal: SMALL });
	});
	it('the region totals and the national view', async () => {
		expect(smallFigures(await regionTotals(t.db, [region]))).toEqual([]);
		const national = await nationalTotals(t.db);
		expect(smallFigures(national)).toEqual([]);
		// Regions without learners show 0; no region shows 1 or 2.
		expect(national.some((r) => r.activeLearners === 0)).toBe(true);
	});
	it('the company page, as adviser and as admin', async () => {
		for (const user of [adviser, admin]) {
			for (const id of [small.one, small.two]) {
				const c = (await companyForAdviser(t.db, user, id))!;
				const data = await companyFigures(t.db, user, c);
				expect(smallFigures(data)).toEqual([]);
				expect(data.figures.activeLearners).toEqual(SMALL);
				expect(data.figures.progress).toEqual(SMALL);
				expect(data.figures.buckets.every((b) => typeof b !== 'number')).toBe(true);
				expect(JSON.stringify(data)).toContain('"hidden":"small"');
			}
		}
	});
	it('the CSV export writes the same marker, never 1 or 2', async () => {
		for (const user of [adviser, admin]) {
			const csv = await overviewCsv(
				t.db,
				user,
				[region],
				parseOverviewFilters(new URLSearchParams('zoek=klein'))
			);
			const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
			expect(lines).toHaveLength(3);
			for (const line of lines.slice(1)) {
				const cells = line.split(';').map((c) => c.replace(/^"|"$/g, ''));
				// Learners, routes, progress, stalled, overdue: the people columns (5–9).
				const people = cells.slice(5, 10).join(' | ');
				expect(people).not.toMatch(/(^|[^0-9])[12]($|[^0-9%])/);
				expect(cells[5]).toBe('< 3');
			}
		}
	});
	it("the admin's company list", async () => {
		const { rows } = await listCompanies(t.db, { search: 'klein' });
		expect(rows).toHaveLength(2);
		// No memberships at all (learners without an account): 0 identifies nobody.
		expect(smallFigures(rows)).toEqual([]);
		const withMembers = await listCompanies(t.db, { search: 'linde' });
		expect(smallFigures(withMembers.rows)).toEqual([]);
	});
});
