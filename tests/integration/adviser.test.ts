import { NotFoundError } from '../../src/lib/server/errors';
import {
	sql,
	type KyselyPlugin,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type QueryResult,
	type RootOperationNode,
	type UnknownRow
} from 'kysely';
import type { DB } from '../../src/lib/server/db/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	COMPLEMENT,
	countOf,
	derivedOf,
	SMALL,
	type SmallCount
} from '../../src/lib/adviser/small-numbers';
import { shownFigures } from '../../src/lib/adviser/display';
import { companyFigures, companyForAdviser } from '../../src/lib/server/adviser/company';
import {
	addContact,
	adviserForHr,
	contactsOf,
	followUpsDue
} from '../../src/lib/server/adviser/contacts';
import { overviewCsv } from '../../src/lib/server/adviser/export';
import { nationalTotals, regionTotals } from '../../src/lib/server/adviser/totals';
import {
	auditOverview,
	overviewData,
	overviewPage,
	refreshDue
} from '../../src/lib/server/adviser/overview';
import { overviewScope } from '../../src/lib/server/adviser/regions';
import { parseOverviewFilters } from '../../src/lib/server/adviser/filters';
import {
	NO_CONTACT_MONTHS,
	reasonThresholds,
	SIGNAL_RANK_SQL,
	SIGNAL_REASONS_SQL,
	STALLED_RED_MIN
} from '../../src/lib/server/adviser/signals';
import { listAdvisers, makeAdviser, setAdviserRegions } from '../../src/lib/server/adviser/admin';
import { createTestDatabase, type TestDatabase } from './db';
import { MAX_PAGE_STATEMENTS } from './statements';
import { sessionUser } from './fixtures';
import { daysFromToday, today } from '../clock';

let t: TestDatabase;
let adviser: SessionUser;
let admin: SessionUser;
let hrUser: SessionUser;
let linde: { id: string; region: number };
let vanDijk: { id: string; region: number };

const inDays = daysFromToday;

async function company(slug: string) {
	const c = await t.db
		.selectFrom('company')
		.select(['id', 'region_id'])
		.where('slug', '=', slug)
		.executeTakeFirstOrThrow();
	return { id: c.id, region: c.region_id };
}

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	adviser = await sessionUser(t.db, 'adviseur@sbb.example');
	admin = await sessionUser(t.db, 'admin@vakmaat.example');
	hrUser = await sessionUser(t.db, 'hr@delinde.example');
	linde = await company('zorggroep-de-linde');
	vanDijk = await company('bouwbedrijf-van-dijk');
});
afterAll(() => t?.close());

/** The signal rules evaluated on a row of figures (the same SQL refresh_company_overview stores). */
async function evaluate(figures: Partial<Record<string, number | string | null>>) {
	const f = {
		active_learners: 10,
		active_trajectories: 10,
		trainers: 2,
		trainers_llo: 1,
		stalled: 0,
		last_contact_on: inDays(-30),
		overdue_conversations: 0,
		overdue_actions: 0,
		last_scan_on: inDays(-60),
		...figures
	};
	const r = await sql<{ rank: number; reasons: string[] }>`
		select ${sql.raw(SIGNAL_RANK_SQL)} as rank, ${sql.raw(SIGNAL_REASONS_SQL)} as reasons
		from (select ${f.active_learners}::int as active_learners,
			${f.active_trajectories}::int as active_trajectories,
			${f.trainers}::int as trainers, ${f.trainers_llo}::int as trainers_llo,
			${f.stalled}::int as stalled, ${f.last_contact_on}::date as last_contact_on,
			${f.overdue_conversations}::int as overdue_conversations,
			${f.overdue_actions}::int as overdue_actions,
			${f.last_scan_on}::date as last_scan_on) o`.execute(t.db);
	return { rank: r.rows[0].rank, reasons: r.rows[0].reasons };
}

describe('signal rules', () => {
	it('green when no rule holds', async () => {
		expect(await evaluate({})).toEqual({ rank: 0, reasons: [] });
	});
	it('red: active learners but no trainer', async () => {
		expect(await evaluate({ trainers: 0, trainers_llo: 0 })).toEqual({
			rank: 2,
			reasons: ['no_trainer']
		});
	});
	it('red: many stalled trajectories, amber: some', async () => {
		expect(await evaluate({ stalled: STALLED_RED_MIN })).toEqual({
			rank: 2,
			reasons: ['stalled_many']
		});
		// Three of forty is under the share: amber.
		expect(await evaluate({ stalled: 3, active_trajectories: 40 })).toEqual({
			rank: 1,
			reasons: ['stalled_some']
		});
		expect(await evaluate({ stalled: 1 })).toEqual({ rank: 1, reasons: ['stalled_some'] });
	});
	it('amber: trainers but none with a complete LLO profile', async () => {
		expect(await evaluate({ trainers_llo: 0 })).toEqual({ rank: 1, reasons: ['no_llo_trainer'] });
	});
	it(`amber: no contact for ${NO_CONTACT_MONTHS} months, or never`, async () => {
		expect(await evaluate({ last_contact_on: inDays(-400) })).toEqual({
			rank: 1,
			reasons: ['no_contact']
		});
		expect(await evaluate({ last_contact_on: inDays(-300) })).toEqual({ rank: 0, reasons: [] });
		expect(await evaluate({ last_contact_on: null })).toEqual({
			rank: 1,
			reasons: ['never_contacted']
		});
	});
	it('amber: no active learners', async () => {
		expect(
			await evaluate({ active_learners: 0, active_trajectories: 0, trainers: 0, trainers_llo: 0 })
		).toEqual({ rank: 1, reasons: ['no_learners'] });
	});
	it('amber: development conversations or actions past their date', async () => {
		expect(await evaluate({ overdue_conversations: 1 })).toEqual({
			rank: 1,
			reasons: ['conversations_overdue']
		});
		expect(await evaluate({ overdue_actions: 2 })).toEqual({
			rank: 1,
			reasons: ['actions_overdue']
		});
	});
	it('counts overdue conversations and actions in the same transaction as the change', async () => {
		const figures = () =>
			t.db
				.selectFrom('company_overview')
				.select(['overdue_conversations', 'overdue_actions', 'signal_reasons'])
				.where('company_id', '=', linde.id)
				.executeTakeFirstOrThrow();
		const before = await figures();
		const planned = await t.db
			.selectFrom('conversation')
			.select(['id', 'planned_at'])
			.where('company_id', '=', linde.id)
			.where('status', '=', 'planned')
			.where('planned_at', '>', new Date())
			.orderBy('planned_at')
			.executeTakeFirstOrThrow();
		// Its date passes without it being held: overdue.
		await t.db
			.updateTable('conversation')
			.set({ planned_at: new Date(Date.now() - 2 * 86400000) })
			.where('company_id', '=', linde.id)
			.where('id', '=', planned.id)
			.execute();
		const after = await figures();
		expect(after.overdue_conversations).toBe(before.overdue_conversations + 1);
		expect(after.signal_reasons).toContain('conversations_overdue');
		await t.db
			.updateTable('conversation')
			.set({ planned_at: planned.planned_at })
			.where('company_id', '=', linde.id)
			.where('id', '=', planned.id)
			.execute();
		expect((await figures()).overdue_conversations).toBe(before.overdue_conversations);
		// Overdue actions done: the count goes down.
		if (before.overdue_actions > 0) {
			await t.db
				.updateTable('conversation_action')
				.set({ done_at: new Date() })
				.where('company_id', '=', linde.id)
				.where('done_at', 'is', null)
				.where('due_date', '<', today())
				.execute();
			const done = await figures();
			expect(done.overdue_actions).toBe(0);
			expect(done.signal_reasons).not.toContain('actions_overdue');
		}
	});
	it('lists every reason that holds, red first', async () => {
		const r = await evaluate({ trainers: 0, trainers_llo: 0, stalled: 1, last_contact_on: null });
		expect(r).toEqual({ rank: 2, reasons: ['no_trainer', 'stalled_some', 'never_contacted'] });
	});
	it('the stored signal follows the data: a contact clears "no contact" in the same transaction', async () => {
		await t.db
			.insertInto('adviser_contact')
			.values({
				company_id: vanDijk.id,
				adviser_id: admin.id,
				contacted_on: inDays(-500),
				kind: 'call'
			})
			.execute();
		const before = await t.db
			.selectFrom('company_overview')
			.select(['signal_reasons', 'last_contact_on'])
			.where('company_id', '=', vanDijk.id)
			.executeTakeFirstOrThrow();
		expect(before.signal_reasons).toContain('no_contact');
		await t.db
			.insertInto('adviser_contact')
			.values({
				company_id: vanDijk.id,
				adviser_id: admin.id,
				contacted_on: today(),
				kind: 'visit'
			})
			.execute();
		const after = await t.db
			.selectFrom('company_overview')
			.select(['signal_reasons'])
			.where('company_id', '=', vanDijk.id)
			.executeTakeFirstOrThrow();
		expect(after.signal_reasons).not.toContain('no_contact');
		expect(after.signal_reasons).not.toContain('never_contacted');
	});
	it('a deactivated trainer leaves the count in the same transaction', async () => {
		const before = await t.db
			.selectFrom('company_overview')
			.select('trainers')
			.where('company_id', '=', linde.id)
			.executeTakeFirstOrThrow();
		await t.db.transaction().execute(async (trx) => {
			const ingrid = await sessionUser(trx, 'opleider2@delinde.example');
			await trx
				.updateTable('membership')
				.set({ deactivated_at: new Date() })
				.where('company_id', '=', linde.id)
				.where('user_id', '=', ingrid.id)
				.execute();
			const during = await trx
				.selectFrom('company_overview')
				.select('trainers')
				.where('company_id', '=', linde.id)
				.executeTakeFirstOrThrow();
			expect(during.trainers).toBe(before.trainers - 1);
			await trx
				.updateTable('membership')
				.set({ deactivated_at: null })
				.where('company_id', '=', linde.id)
				.where('user_id', '=', ingrid.id)
				.execute();
		});
	});
	it('rows whose recheck date has come are recomputed before reading', async () => {
		await t.db
			.updateTable('company_overview')
			.set({ recheck_on: inDays(-1), stalled: 99 })
			.where('company_id', '=', linde.id)
			.execute();
		await refreshDue(t.db, [linde.region]);
		const row = await t.db
			.selectFrom('company_overview')
			.select(['stalled', 'recheck_on'])
			.where('company_id', '=', linde.id)
			.executeTakeFirstOrThrow();
		expect(row.stalled).toBe(1);
		expect(String(row.recheck_on) > today()).toBe(true);
	});
});

describe('small numbers', () => {
	it('hides figures with 1 or 2 people behind them, 0 and 3+ as they are', () => {
		expect(countOf(0)).toBe(0);
		expect(countOf(1)).toEqual(SMALL);
		expect(countOf(2)).toEqual({ hidden: 'small' });
		expect(countOf(3)).toBe(3);
		expect(derivedOf(80, 2)).toEqual(SMALL);
		expect(derivedOf(80, 3)).toBe(80);
	});
	it('writes hidden figures of a company the same way on the page and in the CSV', () => {
		const s = shownFigures(
			{
				trainers: 1,
				trainersLlo: 0,
				activeLearners: SMALL,
				routes: { bbl_diploma: SMALL, informal: SMALL },
				progress: SMALL,
				stalled: COMPLEMENT,
				overdueConversations: SMALL,
				overdueActions: 4,
				lastScanOn: null,
				cultureShared: false,
				signal: 'amber',
				reasons: ['stalled_some', 'conversations_overdue', 'actions_overdue', 'no_scan']
			},
			reasonThresholds()
		);
		expect(s.learners).toBe('< 3');
		expect(s.progress).toBe('< 3');
		expect(s.stalled).toBe('verborgen');
		expect(s.routes).toBe('< 3'); // a breakdown hidden as a whole: one marker
		expect(s.reasons[0]).toContain('verborgen');
		expect(s.overdueConversations).toBe('< 3');
		expect(s.overdueActions).toBe('4');
		expect(s.reasons[1]).toContain('< 3');
		expect(s.reasons[2]).toContain('4');
		expect(s.reasons[3]).toBe('Geen leercultuurscan in de afgelopen 18 maanden');
		expect(s.scan).toBe('Nog nooit');
		// Trainers are work contacts, not learners: shown as they are.
		expect(s.trainers).toBe('1');
	});
});

describe('region scoping', () => {
	it('an adviser sees the companies of their regions and no others', async () => {
		expect(await companyForAdviser(t.db, adviser, linde.id)).toMatchObject({ id: linde.id });
		expect(await companyForAdviser(t.db, adviser, vanDijk.id)).toBeNull();
		expect(await companyForAdviser(t.db, adviser, 'not-a-uuid')).toBeNull();
		expect(await companyForAdviser(t.db, adviser, crypto.randomUUID())).toBeNull();
		// Someone without the role (HR of the company itself) gets nothing either.
		expect(await companyForAdviser(t.db, hrUser, linde.id)).toBeNull();
		// An admin may open any company.
		expect(await companyForAdviser(t.db, admin, vanDijk.id)).toMatchObject({ id: vanDijk.id });
	});
	it("the overview holds only the adviser's regions; another region is a 404", async () => {
		const scope = await overviewScope(t.db, adviser, null);
		expect(scope.selected.map((r) => r.id)).toEqual([linde.region]);
		const page = await overviewPage(
			t.db,
			scope.selected.map((r) => r.id),
			parseOverviewFilters(new URLSearchParams())
		);
		expect(page.rows.map((r) => r.companyId)).toContain(linde.id);
		expect(page.rows.map((r) => r.companyId)).not.toContain(vanDijk.id);
		// The service says "not found"; the page answers 404 (orNotFound).
		const err = await overviewScope(t.db, adviser, String(vanDijk.region)).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(NotFoundError);
		const bad = await overviewScope(t.db, adviser, 'abc').catch((e: unknown) => e);
		expect(bad).toBeInstanceOf(NotFoundError);
	});
	it('an admin opens any region, and without one goes to the national view', async () => {
		const scope = await overviewScope(t.db, admin, String(vanDijk.region));
		expect(scope.selected.map((r) => r.id)).toEqual([vanDijk.region]);
		// The page redirects to /sbb/landelijk.
		expect((await overviewScope(t.db, admin, null)).national).toBe(true);
	});
	it('the national view has every region with its totals', async () => {
		const regions = await nationalTotals(t.db);
		expect(regions).toHaveLength(35);
		const utrecht = regions.find((r) => r.id === linde.region)!;
		expect(utrecht.companies).toBeGreaterThanOrEqual(1);
		expect(utrecht.activeLearners).toBeGreaterThanOrEqual(5);
		expect(regions.every((r) => r.tileCol >= 0 && r.tileRow >= 0)).toBe(true);
	});
});

describe('overview figures, filters and export', () => {
	it('shows De Linde with its figures and reasons', async () => {
		const page = await overviewPage(
			t.db,
			[linde.region],
			parseOverviewFilters(new URLSearchParams())
		);
		const row = page.rows.find((r) => r.companyId === linde.id)!;
		expect(row.activeLearners).toBe(5);
		expect(row.trainers).toBe(3);
		// One stalled and two bbl trajectories: hidden before they leave the server.
		expect(row.stalled).toEqual(SMALL);
		expect(row.routes.bbl_diploma).toEqual(SMALL);
		expect(row.reasons).toContain('stalled_some');
		expect(row.signal).toBe('amber');
	});
	it('filters by signal, route, size and search', async () => {
		const q = (s: string) =>
			overviewPage(t.db, [linde.region], parseOverviewFilters(new URLSearchParams(s)));
		expect((await q('signaal=amber')).total).toBeGreaterThanOrEqual(1);
		expect((await q('signaal=red')).rows.map((r) => r.companyId)).not.toContain(linde.id);
		expect((await q('route=informal')).rows.map((r) => r.companyId)).toContain(linde.id);
		expect((await q('omvang=s')).rows.map((r) => r.companyId)).toContain(linde.id);
		expect((await q('omvang=xl')).rows.map((r) => r.companyId)).not.toContain(linde.id);
		expect((await q('zoek=linde')).rows.map((r) => r.companyId)).toEqual([linde.id]);
		expect((await q('zoek=41234567')).rows.map((r) => r.companyId)).toEqual([linde.id]);
		expect((await q('zoek=50%25')).total).toBe(0);
	});
	it('region totals add up the companies', async () => {
		const totals = await regionTotals(t.db, [linde.region]);
		expect(totals.activeLearners).toBeGreaterThanOrEqual(5);
		const shown = (v: SmallCount) => (typeof v === 'number' ? v : 0);
		expect(totals.buckets.reduce<number>((a, b) => a + shown(b), 0)).toBeLessThanOrEqual(
			shown(totals.activeTrajectories)
		);
		expect(totals.quarters).toHaveLength(8);
		expect(totals.byQuarter.at(-1)).toBeGreaterThanOrEqual(5);
	});
	it('exports exactly the shown values, and records the export', async () => {
		const csv = await overviewCsv(
			t.db,
			adviser,
			[linde.region],
			parseOverviewFilters(new URLSearchParams('zoek=linde')),
			'req-csv'
		);
		expect(csv.rows).toBe(1);
		const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
		expect(lines).toHaveLength(2);
		expect(lines[1]).toContain('"Zorggroep De Linde"');
		expect(lines[1]).toContain('"< 3"'); // two bbl learners, one stalled
		const entry = await t.db
			.selectFrom('audit_log')
			.select(['action', 'actor_user_id'])
			.where('request_id', '=', 'req-csv')
			.executeTakeFirstOrThrow();
		expect(entry).toEqual({ action: 'adviser.overview_exported', actor_user_id: adviser.id });
	});
});

describe('the company page and the contact log', () => {
	it('shows aggregates and trainers (names, profile status) and writes an audit entry', async () => {
		const c = (await companyForAdviser(t.db, adviser, linde.id))!;
		const { figures, trainers } = await companyFigures(t.db, adviser, c, 'req-company');
		expect(figures.activeLearners).toBe(5);
		expect(figures.buckets).toHaveLength(5);
		expect(figures.buckets.every((b) => b === 0 || typeof b !== 'number' || b >= 3)).toBe(true);
		expect(trainers.map((x) => x.name)).toEqual(
			expect.arrayContaining(['Ahmed El Amrani', 'Ingrid Visser'])
		);
		// Aggregates only: no learner names anywhere in what the page gets.
		expect(JSON.stringify({ figures, trainers })).not.toMatch(/Fatima|Yilmaz/);
		const entry = await t.db
			.selectFrom('audit_log')
			.select(['action', 'company_id', 'actor_user_id'])
			.where('request_id', '=', 'req-company')
			.executeTakeFirstOrThrow();
		expect(entry).toEqual({
			action: 'adviser.company_viewed',
			company_id: linde.id,
			actor_user_id: adviser.id
		});
	});
	it('logs a contact; HR sees the agreements and the adviser, never the internal notes', async () => {
		const c = (await companyForAdviser(t.db, adviser, linde.id))!;
		await addContact(
			t.db,
			adviser,
			c,
			{
				contactedOn: today(),
				kind: 'workshop',
				notes: 'GEHEIM-intern',
				agreements: 'Afspraak-voor-HR',
				followUpOn: inDays(3)
			},
			'req-contact'
		);
		const log = await contactsOf(t.db, linde.id);
		expect(log[0]).toMatchObject({ kind: 'workshop', notes: 'GEHEIM-intern' });
		const hr = await adviserForHr(t.db, linde.id);
		expect(hr.advisers).toEqual([{ name: adviser.name, email: adviser.email }]);
		expect(hr.agreements.map((a) => a.agreements)).toContain('Afspraak-voor-HR');
		expect(JSON.stringify(hr)).not.toContain('GEHEIM');
		expect(JSON.stringify(hr)).not.toContain('HR wil meer bbl-plaatsen'); // the seeded note
		const entry = await t.db
			.selectFrom('audit_log')
			.select('action')
			.where('request_id', '=', 'req-contact')
			.executeTakeFirstOrThrow();
		expect(entry.action).toBe('adviser.contact_logged');
		const row = await t.db
			.selectFrom('company_overview')
			.select(['last_contact_on', 'signal_reasons'])
			.where('company_id', '=', linde.id)
			.executeTakeFirstOrThrow();
		expect(row.signal_reasons).not.toContain('never_contacted');
	});
	it('lists follow-ups due in the regions until a later contact is logged', async () => {
		const due = await followUpsDue(t.db, [linde.region]);
		expect(due.items.map((d) => d.followUpOn)).toContain(inDays(3));
		expect(due.total).toBe(due.items.length);
		expect(await followUpsDue(t.db, [vanDijk.region])).toEqual({ items: [], total: 0 });
		const c = (await companyForAdviser(t.db, adviser, linde.id))!;
		await addContact(t.db, adviser, c, {
			contactedOn: inDays(1),
			kind: 'call',
			notes: '',
			agreements: '',
			followUpOn: ''
		});
		expect((await followUpsDue(t.db, [linde.region])).items.map((d) => d.companyId)).not.toContain(
			linde.id
		);
	});
	it('keeps the open follow-up on the overview row: the latest contact counts, by its date', async () => {
		const c = (await companyForAdviser(t.db, adviser, linde.id))!;
		const followUp = async () =>
			(
				await t.db
					.selectFrom('company_overview')
					.select(['follow_up_on'])
					.where('company_id', '=', linde.id)
					.executeTakeFirstOrThrow()
			).follow_up_on;
		expect(await followUp()).toBeNull(); // the latest contact (previous test) has none
		await addContact(t.db, adviser, c, {
			contactedOn: inDays(2),
			kind: 'visit',
			notes: '',
			agreements: 'Terugkomen',
			followUpOn: inDays(10)
		});
		expect(await followUp()).toBe(inDays(10));
		// Logged later but about an earlier contact: the follow-up stays.
		await addContact(t.db, adviser, c, {
			contactedOn: today(),
			kind: 'email',
			notes: '',
			agreements: '',
			followUpOn: ''
		});
		expect(await followUp()).toBe(inDays(10));
		const due = await followUpsDue(t.db, [linde.region]);
		expect(due.items.find((d) => d.companyId === linde.id)).toMatchObject({
			followUpOn: inDays(10),
			kind: 'visit',
			agreements: 'Terugkomen'
		});
		// The contact log is the source: removing that contact reopens nothing else.
		await t.db.deleteFrom('adviser_contact').where('company_id', '=', linde.id).execute();
		expect(await followUp()).toBeNull();
		expect((await followUpsDue(t.db, [linde.region])).items.map((d) => d.companyId)).not.toContain(
			linde.id
		);
	});
});

describe('admin: adviser accounts and regions', () => {
	it('makes a user an adviser and sets their regions (unknown ids ignored)', async () => {
		expect(await makeAdviser(t.db, admin, 'nobody@example.org')).toBeNull();
		const made = await makeAdviser(t.db, admin, 'hr@vandijkbouw.example');
		expect(made).not.toBeNull();
		expect(await setAdviserRegions(t.db, admin, made!.userId, [vanDijk.region, 9999])).toBe(true);
		const list = await listAdvisers(t.db);
		expect(list.find((a) => a.userId === made!.userId)?.regionIds).toEqual([vanDijk.region]);
		expect(await setAdviserRegions(t.db, admin, hrUser.id, [1])).toBe(false);
		const asAdviser = await sessionUser(t.db, 'hr@vandijkbouw.example');
		expect(await companyForAdviser(t.db, asAdviser, vanDijk.id)).not.toBeNull();
		expect(await companyForAdviser(t.db, asAdviser, linde.id)).toBeNull();
	});
});

/** Counts the queries that reach the database. */
class QueryCounter implements KyselyPlugin {
	count = 0;
	transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
		return node;
	}
	transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		this.count++;
		return Promise.resolve(result);
	}
}

describe('a fixed number of queries, whatever the size of the region', () => {
	/** The overview page's load (routes/(app)/sbb), then the company page's reads. */
	async function loadOverview(db: DB, qs: string) {
		const counter = new QueryCounter();
		const cdb = db.withPlugin(counter);
		const scope = await overviewScope(cdb, adviser, null);
		const ids = scope.selected.map((r) => r.id);
		const filters = parseOverviewFilters(new URLSearchParams(qs));
		await refreshDue(cdb, ids);
		const data = await overviewData(cdb, ids, filters);
		await auditOverview(cdb, adviser, ids, 'adviser.overview_viewed', { filters }, null);
		const overview = counter.count;
		const c = (await companyForAdviser(cdb, adviser, linde.id))!;
		await companyFigures(cdb, adviser, c);
		await contactsOf(cdb, linde.id);
		return { overview, queries: counter.count, rows: data.list.rows.length };
	}

	it('the overview and the company page', async () => {
		const before = await Promise.all([loadOverview(t.db, ''), loadOverview(t.db, 'signaal=amber')]);
		// 120 more companies in the region, with contacts and follow-ups due.
		await sql`insert into company (slug, name, kvk_number, street, postcode, city, region_id, sector_chamber_id)
			select 'qc-' || i, 'Querytelling ' || i, lpad((70000000 + i)::text, 8, '0'), 'Straat 1',
				'3511 AA', 'Utrecht', ${linde.region}, 1 + i % 8
			from generate_series(1, 120) i`.execute(t.db);
		await sql`insert into adviser_contact (company_id, adviser_id, contacted_on, kind, agreements, follow_up_on)
			select c.id, ${adviser.id}, current_date - 10, 'call', 'Terugbellen', current_date + 2
			from company c where c.slug like 'qc-%'`.execute(t.db);
		const after = await Promise.all([loadOverview(t.db, ''), loadOverview(t.db, 'signaal=amber')]);
		expect(after.map((a) => a.queries)).toEqual(before.map((b) => b.queries));
		expect(after[0].rows).toBe(50);
		// Issue 20: the regions, the refresh, everything shown (one statement, the count of
		// a filtered list included), the audit entry.
		expect(after.map((a) => a.overview)).toEqual([4, 4]);
		expect(after[0].overview).toBeLessThanOrEqual(MAX_PAGE_STATEMENTS);
	});

	it('reads in one statement what the separate queries read', async () => {
		for (const qs of [
			'',
			'signaal=amber',
			'sorteer=name&pagina=2',
			'pagina=999',
			'q=Querytelling 1'
		]) {
			const filters = parseOverviewFilters(new URLSearchParams(qs));
			const ids = [linde.region];
			const one = await overviewData(t.db, ids, filters);
			const totals = await regionTotals(t.db, ids);
			expect(one.totals).toEqual(totals);
			expect(one.list).toEqual(await overviewPage(t.db, ids, filters));
			expect(one.followUps).toEqual(await followUpsDue(t.db, ids));
			expect(one.sectors).toEqual(
				await t.db.selectFrom('sector_chamber').select(['id', 'name']).orderBy('name').execute()
			);
		}
	});

	it('shows the ten most urgent follow-ups with the total; the list filter shows them all', async () => {
		const due = await followUpsDue(t.db, [linde.region]);
		expect(due.items).toHaveLength(10);
		expect(due.total).toBeGreaterThanOrEqual(120);
		const dates = due.items.map((d) => d.followUpOn);
		expect(dates).toEqual([...dates].sort());
		const list = await overviewPage(
			t.db,
			[linde.region],
			parseOverviewFilters(new URLSearchParams('opvolging=1&sorteer=followup'))
		);
		expect(list.total).toBe(due.total);
		expect(list.rows.every((r) => r.followUpOn !== null)).toBe(true);
		expect(list.rows.slice(0, 10).map((r) => r.companyId)).toEqual(
			due.items.map((d) => d.companyId)
		);
	});
});
