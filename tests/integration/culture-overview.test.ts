import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overviewPage } from '../../src/lib/server/adviser/overview';
import { parseOverviewFilters } from '../../src/lib/server/adviser/filters';
import { benchmarksOf, CULTURE_MIN_COMPANIES } from '../../src/lib/server/culture/benchmark';
import {
	CULTURE_TEAM_TEMPLATE_NAME,
	currentInstrumentId,
	instrumentOf,
	statementIds
} from '../../src/lib/server/culture/instrument';
import { roundResults } from '../../src/lib/server/culture/results';
import { cultureBriefing } from '../../src/lib/server/culture/briefing';
import { listTemplates } from '../../src/lib/server/conversations/templates';
import { planConversation } from '../../src/lib/server/conversations/plan';
import { getConversation } from '../../src/lib/server/conversations/view';
import { CULTURE_TEAM_TEMPLATE } from '../../migrations/0033_culture_team_template';
import { setSharing } from '../../src/lib/server/culture/share';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { addDays, today } from '../clock';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor } from './fixtures';

/**
 * The learning-culture scan in the adviser's overview (a column and the signal rule
 * "no scan in 18 months") and the comparisons per region and sector (migration 0034).
 */
let t: TestDatabase;
let employeeIds: number[];
let linde: { id: string; region_id: number; sector_chamber_id: number };
beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	const instrument = (await instrumentOf(t.db, await currentInstrumentId(t.db)))!;
	employeeIds = statementIds(instrument, 'employee');
	linde = await t.db
		.selectFrom('company')
		.select(['id', 'region_id', 'sector_chamber_id'])
		.where('slug', '=', 'zorggroep-de-linde')
		.executeTakeFirstOrThrow();
});
afterAll(() => t?.close());

const overviewOf = (companyId: string) =>
	t.db
		.selectFrom('company_overview')
		.select([
			sql<string | null>`to_char(last_scan_on, 'YYYY-MM-DD')`.as('last_scan_on'),
			'culture_shared',
			'signal_reasons',
			sql<string | null>`to_char(recheck_on, 'YYYY-MM-DD')`.as('recheck_on')
		])
		.where('company_id', '=', companyId)
		.executeTakeFirstOrThrow();

/** Rolls back whatever `fn` did. */
async function undone(fn: (trx: typeof t.db) => Promise<void>): Promise<void> {
	await t.db
		.transaction()
		.execute(async (trx) => {
			await fn(trx);
			throw new Error('undo');
		})
		.catch((e: Error) => {
			if (e.message !== 'undo') throw e;
		});
}

/** A company of Linde's region and sector with one closed round answered `value` by `n` employees. */
let made = 0;
async function companyWithScan(value: number, n = 5, closedDaysAgo = 30): Promise<string> {
	made++;
	const company = await t.db
		.insertInto('company')
		.values({
			slug: `vergelijk-${made}`,
			name: `Vergelijkbedrijf ${made}`,
			kvk_number: String(70000000 + made),
			sbb_number: null,
			street: 'Straat 1',
			postcode: '1234 AB',
			city: 'Plaats',
			region_id: linde.region_id,
			sector_chamber_id: linde.sector_chamber_id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const closes = addDays(today(), -closedDaysAgo);
	const round = await t.db
		.insertInto('culture_round')
		.values({
			company_id: company.id,
			version_id: await currentInstrumentId(t.db),
			opens_on: addDays(closes, -14),
			closes_on: closes
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('culture_response')
		.values(
			Array.from({ length: n }, (_, i) => ({
				company_id: company.id,
				round_id: round.id,
				audience: 'employee' as const,
				response_key: `vergelijk-${made}-${i}`,
				answers: JSON.stringify(Object.fromEntries(employeeIds.map((id) => [String(id), value]))),
				open_answer: null
			}))
		)
		.execute();
	return company.id;
}

describe('the overview column and the signal', () => {
	it('carries the latest scan and the sharing choice, in the same transaction as the change', async () => {
		const row = await overviewOf(linde.id);
		const latest = await t.db
			.selectFrom('culture_round')
			.select(sql<string>`to_char(max(opens_on), 'YYYY-MM-DD')`.as('d'))
			.where('company_id', '=', linde.id)
			.where('opens_on', '<=', today())
			.executeTakeFirstOrThrow();
		expect(row.last_scan_on).toBe(latest.d);
		expect(row.signal_reasons).not.toContain('no_scan');

		const ctx = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		const shared = row.culture_shared;
		await setSharing(t.db, ctx, !shared);
		expect((await overviewOf(linde.id)).culture_shared).toBe(!shared);
		await setSharing(t.db, ctx, shared);
		expect((await overviewOf(linde.id)).culture_shared).toBe(shared);

		// The adviser's list shows it.
		const page = await overviewPage(
			t.db,
			[linde.region_id],
			parseOverviewFilters(new URLSearchParams('zoek=linde'))
		);
		expect(page.rows[0].lastScanOn).toBe(latest.d);
		expect(page.rows[0].cultureShared).toBe(shared);
	});

	it('turns amber after 18 months without a scan, and a planned round is a recheck date', async () => {
		await undone(async (trx) => {
			// Every round of De Linde moved back 19 months: the latest scan is too old.
			await sql`update culture_round set opens_on = opens_on - interval '19 months',
				closes_on = closes_on - interval '19 months', reminder_on = null
				where company_id = ${linde.id}`.execute(trx);
			const row = await trx
				.selectFrom('company_overview')
				.select(['signal_reasons', sql<string>`to_char(recheck_on, 'YYYY-MM-DD')`.as('recheck')])
				.where('company_id', '=', linde.id)
				.executeTakeFirstOrThrow();
			expect(row.signal_reasons).toContain('no_scan');

			// A round planned in ten days: the row is rechecked that day at the latest.
			await trx
				.insertInto('culture_round')
				.values({
					company_id: linde.id,
					version_id: await currentInstrumentId(trx),
					opens_on: addDays(today(), 10),
					closes_on: addDays(today(), 24)
				})
				.execute();
			const planned = await trx
				.selectFrom('company_overview')
				.select(['signal_reasons', sql<string>`to_char(recheck_on, 'YYYY-MM-DD')`.as('recheck')])
				.where('company_id', '=', linde.id)
				.executeTakeFirstOrThrow();
			expect(planned.signal_reasons).toContain('no_scan');
			expect(planned.recheck <= addDays(today(), 10)).toBe(true);
		});
		expect((await overviewOf(linde.id)).signal_reasons).not.toContain('no_scan');
	});

	it('keeps each round’s count and means up to date, equal to HR’s results', async () => {
		const ctx = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		const rounds = await t.db
			.selectFrom('culture_round_result')
			.selectAll()
			.where('company_id', '=', linde.id)
			.execute();
		expect(rounds.length).toBeGreaterThanOrEqual(2);
		for (const stored of rounds) {
			const results = await roundResults(t.db, ctx, stored.round_id);
			expect(stored.employees).toBe(results.employeeResponses);
			for (const d of results.dimensions.filter((x) => x.mean !== null)) {
				expect(stored.means[d.code]).toBeCloseTo(d.mean!, 2);
			}
		}
	});
});

describe('comparisons per region and sector', () => {
	it(`appear from ${CULTURE_MIN_COMPANIES} companies, and the sharing bands from ${CULTURE_MIN_COMPANIES} sharing`, async () => {
		const wanted = [
			{ scope: 'region' as const, id: linde.region_id },
			{ scope: 'sector' as const, id: linde.sector_chamber_id }
		];
		const [before] = await benchmarksOf(t.db, wanted);
		// The demo: De Linde alone in its region with a closed round.
		expect(before.companies).toBeLessThan(CULTURE_MIN_COMPANIES);
		expect(Object.values(before.dimensions).every((d) => d.mean === null)).toBe(true);

		// Four more companies with closed rounds; one with too few answers and one closed
		// too long ago do not count; the open one does not either.
		const others = [];
		for (const v of [2, 3, 4, 5]) others.push(await companyWithScan(v));
		await companyWithScan(5, 4);
		await companyWithScan(5, 5, 800);
		await companyWithScan(5, 5, -3);
		// Computed once a day: the stored row of today stays until it is dropped.
		expect((await benchmarksOf(t.db, wanted))[0].companies).toBe(before.companies);
		await t.db.deleteFrom('culture_benchmark').execute();

		const [region, sector] = await benchmarksOf(t.db, wanted);
		expect(region.companies).toBe(before.companies + 4);
		expect(sector.companies).toBe(region.companies);
		const werk = region.dimensions.werk;
		expect(werk.companies).toBe(region.companies);
		expect(werk.mean).not.toBeNull();
		// De Linde's latest closed round and 2, 3, 4, 5: the mean of the companies' means.
		const lindeMean = (
			await t.db
				.selectFrom('culture_round_result')
				.select('means')
				.where('company_id', '=', linde.id)
				.where('closes_on', '<', today())
				.where('employees', '>=', 5)
				.orderBy('closes_on', 'desc')
				.executeTakeFirstOrThrow()
		).means.werk;
		expect(werk.mean).toBeCloseTo((lindeMean + 2 + 3 + 4 + 5) / 5, 2);
		expect(werk.shared).toBeNull();

		// HR's results page compares with them.
		const ctx = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		const latest = await t.db
			.selectFrom('culture_round_result')
			.select('round_id')
			.where('company_id', '=', linde.id)
			.orderBy('closes_on', 'desc')
			.executeTakeFirstOrThrow();
		const results = await roundResults(t.db, ctx, latest.round_id);
		expect(results.region.shown).toBe(true);
		expect(results.region.companies).toBe(region.companies);
		expect(results.dimensions.find((d) => d.code === 'werk')!.region).toBe(werk.mean);

		// Five companies share with their adviser: the bands appear, and sharing dropped the
		// stale row at once.
		const sharing = [...others, linde.id];
		for (const id of sharing) {
			await t.db
				.insertInto('culture_share')
				.values({ company_id: id, shared_by: null })
				.onConflict((oc) => oc.column('company_id').doNothing())
				.execute();
		}
		const [after] = await benchmarksOf(t.db, wanted);
		expect(after.sharedCompanies).toBe(5);
		const bands = after.dimensions.werk.shared!;
		expect(bands.low + bands.mid + bands.high).toBe(5);
		// 2 is a point of attention; 4 and 5 are strengths; 3 is between.
		expect(bands.low).toBeGreaterThanOrEqual(1);
		expect(bands.high).toBeGreaterThanOrEqual(2);

		// One stops sharing: under five again, the bands are hidden.
		await t.db.deleteFrom('culture_share').where('company_id', '=', others[0]).execute();
		expect((await benchmarksOf(t.db, wanted))[0].dimensions.werk.shared).toBeNull();
	});
});

describe('a conversation about the scan ("Leercultuur in het team")', () => {
	it('brings the latest scan’s findings and the plan’s open actions, for the learner too', async () => {
		const hr = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		const trainer = await contextFor(t.db, 'opleider@delinde.example', 'zorggroep-de-linde');
		const learnerCtx = await contextFor(t.db, 'lerende@delinde.example', 'zorggroep-de-linde');
		const learner = await t.db
			.selectFrom('learner')
			.select('id')
			.where('company_id', '=', linde.id)
			.where('user_id', '=', learnerCtx.user.id)
			.executeTakeFirstOrThrow();
		const templates = await listTemplates(t.db, hr);
		const plan = (name: string) =>
			planConversation(
				t.db,
				hr,
				{
					learnerId: learner.id,
					templateId: templates.find((x) => x.name === name && x.isDefault)!.id,
					plannedDate: addDays(today(), 9),
					plannedTime: '10:00',
					trainerId: trainer.user.id
				},
				'http://localhost:5173'
			);
		expect(CULTURE_TEAM_TEMPLATE.name).toBe(CULTURE_TEAM_TEMPLATE_NAME);
		const about = await plan(CULTURE_TEAM_TEMPLATE_NAME);
		const view = (await getConversation(t.db, learnerCtx, about))!;
		expect(view.template.cultureTeam).toBe(true);
		const briefing = (await cultureBriefing(t.db, learnerCtx))!;
		// De Linde's latest closed scan, as HR's results page names it.
		const results = await roundResults(t.db, hr, briefing.roundId);
		expect(results.shown).toBe(true);
		expect(briefing.findings.map((f) => f.code)).toEqual(results.findings.map((f) => f.code));
		expect(briefing.findings.length).toBeGreaterThan(0);
		expect(briefing.actions.length).toBeGreaterThan(0);
		expect(briefing.actions.every((a) => a.status === 'open' || a.status === 'in_progress')).toBe(
			true
		);
		// Another template: no briefing on its page.
		const other = templates.find((x) => x.isDefault && x.name !== CULTURE_TEAM_TEMPLATE_NAME)!;
		const plain = (await getConversation(t.db, learnerCtx, await plan(other.name)))!;
		expect(plain.template.cultureTeam).toBe(false);
		// A company without a closed scan with results: nothing to brief.
		const hotel = await contextFor(t.db, 'hr@zeeuwsekust.example', 'hotel-de-zeeuwse-kust');
		expect(await cultureBriefing(t.db, hotel)).toBeNull();
	});
});
