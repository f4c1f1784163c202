import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/index';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { companyPage } from '../../src/lib/server/adviser/company';
import { instrumentOf, CULTURE_MIN_RESPONSES } from '../../src/lib/server/culture/instrument';
import { setSharing } from '../../src/lib/server/culture/share';
import { lloStatusOf } from '../../src/lib/server/profiles/completeness';
import { inCompany } from '../../src/lib/server/db/scope';
import { todayIso } from '../../src/lib/time';
import { createTestDatabase, type TestDatabase } from './db';
import { countStatements, MAX_PAGE_STATEMENTS } from './statements';
import { contextFor, sessionUser } from './fixtures';

/**
 * The SBB adviser's company page (routes/(app)/sbb/bedrijven/[id]): its load runs
 * companyPage, which must stay within MAX_PAGE_STATEMENTS for the adviser (a company of
 * their region) and the admin (any company), and must show what the separate reads showed
 * before it was one statement (the references below are those reads, kept here).
 */

let t: TestDatabase;
let adviser: SessionUser;
let admin: SessionUser;
let linde: string;
let vanDijk: string;

const companyId = async (slug: string) =>
	(await t.db.selectFrom('company').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
		.id;

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	adviser = await sessionUser(t.db, 'adviseur@sbb.example');
	admin = await sessionUser(t.db, 'admin@vakmaat.example');
	linde = await companyId('zorggroep-de-linde');
	vanDijk = await companyId('bouwbedrijf-van-dijk');
});
afterAll(() => t?.close());

/** The trainers as the page read them before: membership, then lloStatusOf. */
async function referenceTrainers(db: DB, company: string) {
	const members = await db
		.selectFrom('membership as m')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.select(['u.id', 'u.name', 'u.email'])
		.where('m.company_id', '=', company)
		.where('m.deactivated_at', 'is', null)
		.where(sql<boolean>`'trainer' = any(m.roles)`)
		.orderBy('u.name')
		.execute();
	const status = await lloStatusOf(
		db,
		members.map((m) => m.id)
	);
	return members.map((m) => ({
		userId: m.id,
		name: m.name,
		email: m.email,
		complete: status.get(m.id)?.complete ?? false
	}));
}

/** The culture view as cultureForAdviser computed it before (rounds, then the instrument). */
async function referenceCulture(db: DB, company: string) {
	const today = todayIso();
	const rounds = await db
		.selectFrom('culture_round as r')
		.leftJoin('culture_round_result as x', 'x.round_id', 'r.id')
		.select([
			'r.version_id',
			'r.opens_on',
			'r.closes_on',
			sql<number>`coalesce(x.employees, 0)`.as('employees'),
			sql<Record<string, number> | null>`x.means`.as('means')
		])
		.where('r.company_id', '=', company)
		.where('r.opens_on', '<=', today)
		.orderBy('r.opens_on', 'desc')
		.execute();
	const shared = !!(await db
		.selectFrom('culture_share')
		.select('company_id')
		.where('company_id', '=', company)
		.executeTakeFirst());
	const latest = shared
		? rounds.find((r) => r.closes_on < today && r.employees >= CULTURE_MIN_RESPONSES)
		: undefined;
	let latestView = null;
	if (latest?.means) {
		const means = latest.means;
		const instrument = (await instrumentOf(db, latest.version_id))!;
		latestView = {
			closesOn: latest.closes_on,
			employeeResponses: latest.employees,
			dimensions: instrument.dimensions
				.filter((d) => d.code in means)
				.map((d) => ({ code: d.code, nl: d.nl, en: d.en, mean: Number(means[d.code]) }))
		};
	}
	return {
		rounds: rounds.map((r) => ({
			opensOn: r.opens_on,
			closesOn: r.closes_on,
			employeeResponses: r.employees
		})),
		shared,
		latest: latestView
	};
}

describe('the adviser company page', () => {
	it('an adviser, a company of their region: three statements, the same data as the separate reads', async () => {
		const { statements, result } = await countStatements(t.db, (db) =>
			companyPage(db, adviser, linde, 'req-page-adviser')
		);
		expect(statements).toBeLessThanOrEqual(MAX_PAGE_STATEMENTS);
		expect(statements).toBe(3);
		const page = result!;
		expect(page.company).toMatchObject({ id: linde, name: 'Zorggroep De Linde' });
		expect(page.figures.companyId).toBe(linde);
		expect(page.figures.activeLearners).toBe(5);
		expect(page.figures.buckets).toHaveLength(5);
		expect(page.figures.byQuarter).toHaveLength(8);
		expect(page.trainers.map((x) => x.name)).toEqual(
			expect.arrayContaining(['Ahmed El Amrani', 'Ingrid Visser'])
		);
		expect(page.trainers).toEqual(await inCompany(linde, () => referenceTrainers(t.db, linde)));
		// The seeded visit, with its internal note (the adviser's own log).
		expect(page.contacts).toHaveLength(1);
		expect(page.contacts[0]).toMatchObject({
			kind: 'visit',
			adviserName: 'Wendy Adviseur',
			notes: expect.stringContaining('bbl-plaatsen') as unknown
		});
		expect(page.contacts[0].contactedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(page.contacts[0].followUpOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		// De Linde shares its scans: two rounds, the latest closed one's means per dimension.
		expect(page.culture.rounds).toHaveLength(2);
		expect(page.culture.shared).toBe(true);
		expect(page.culture.latest?.dimensions).toHaveLength(7);
		expect(page.culture).toEqual(await referenceCulture(t.db, linde));
		// No learner names anywhere in what the page gets.
		expect(JSON.stringify(page)).not.toMatch(/Fatima|Yilmaz/);
		// The view is audited, in the same statement.
		const entry = await t.db
			.selectFrom('audit_log')
			.select(['action', 'company_id', 'actor_user_id', 'entity_type', 'entity_id'])
			.where('request_id', '=', 'req-page-adviser')
			.execute();
		expect(entry).toEqual([
			{
				action: 'adviser.company_viewed',
				company_id: linde,
				actor_user_id: adviser.id,
				entity_type: 'company',
				entity_id: linde
			}
		]);
	});

	it('an admin, a company outside any region of theirs: three statements', async () => {
		const { statements, result } = await countStatements(t.db, (db) =>
			companyPage(db, admin, vanDijk, 'req-page-admin')
		);
		expect(statements).toBeLessThanOrEqual(MAX_PAGE_STATEMENTS);
		expect(statements).toBe(3);
		const page = result!;
		expect(page.company).toMatchObject({ id: vanDijk, name: 'Bouwbedrijf Van Dijk & Zonen' });
		expect(page.figures.companyId).toBe(vanDijk);
		expect(page.trainers).toEqual(await inCompany(vanDijk, () => referenceTrainers(t.db, vanDijk)));
		expect(page.contacts).toEqual([]);
		// Van Dijk held a scan but does not share it: the dates, no scores.
		expect(page.culture.rounds.length).toBeGreaterThan(0);
		expect(page.culture.shared).toBe(false);
		expect(page.culture.latest).toBeNull();
		expect(page.culture).toEqual(await referenceCulture(t.db, vanDijk));
	});

	it('another company is nothing (a 404) after one statement, with nothing audited', async () => {
		const { statements, result } = await countStatements(t.db, (db) =>
			companyPage(db, adviser, vanDijk, 'req-page-refused')
		);
		expect(result).toBeNull();
		expect(statements).toBe(1);
		expect(await companyPage(t.db, adviser, 'not-a-uuid')).toBeNull();
		expect(await companyPage(t.db, adviser, crypto.randomUUID())).toBeNull();
		const hr = await sessionUser(t.db, 'hr@delinde.example');
		expect(await companyPage(t.db, hr, linde)).toBeNull();
		expect(
			await t.db
				.selectFrom('audit_log')
				.select('id')
				.where('request_id', '=', 'req-page-refused')
				.execute()
		).toEqual([]);
	});

	it('shows the scores only while the company shares them, and stays at three statements when the overview is due', async () => {
		const hr = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
		await setSharing(t.db, hr, true);
		// The overview row's recheck date has come: the page refreshes it first.
		await t.db
			.updateTable('company_overview')
			.set({ recheck_on: '2000-01-01' })
			.where('company_id', '=', vanDijk)
			.execute();
		const { statements, result } = await countStatements(t.db, (db) =>
			companyPage(db, admin, vanDijk)
		);
		expect(statements).toBe(3);
		expect(result!.culture.shared).toBe(true);
		expect(result!.figures.cultureShared).toBe(true);
		expect(result!.culture).toEqual(await referenceCulture(t.db, vanDijk));
		const recheck = await t.db
			.selectFrom('company_overview')
			.select('recheck_on')
			.where('company_id', '=', vanDijk)
			.executeTakeFirstOrThrow();
		expect(recheck.recheck_on).not.toBe('2000-01-01');
		await setSharing(t.db, hr, false);
		expect((await companyPage(t.db, admin, vanDijk))!.culture.latest).toBeNull();
	});
});
