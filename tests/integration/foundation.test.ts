import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COMPANIES, seedDemo } from '../../src/lib/server/demo/seed';
import { listMemberships, resolveCompanyContext } from '../../src/lib/server/auth/context';
import { createTestDatabase, type TestDatabase } from './db';
import { sessionUser } from './fixtures';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
});
afterAll(() => t.close());

describe('reference data and demo seed', () => {
	it('has the 35 labour-market regions and the eight sector chambers', async () => {
		const regions = await t.db.selectFrom('region').selectAll().orderBy('id').execute();
		expect(regions).toHaveLength(35);
		expect(regions[0]).toMatchObject({ id: 1, name: 'Groningen', tile_col: 6, tile_row: 0 });
		expect(regions.find((r) => r.id === 35)?.name).toBe('Zuid-Limburg');
		const chambers = await t.db.selectFrom('sector_chamber').select('name').execute();
		expect(chambers.map((c) => c.name)).toContain('mobiliteit, transport, logistiek en maritiem');
		expect(chambers).toHaveLength(8);
	});

	it('seeds three companies in different regions and sectors, and is idempotent', async () => {
		const again = await seedDemo(t.db);
		expect(again.users).toBe(0);
		const companies = await t.db
			.selectFrom('company')
			.select(['slug', 'region_id', 'sector_chamber_id'])
			.execute();
		expect(companies).toHaveLength(DEMO_COMPANIES.length);
		expect(new Set(companies.map((c) => c.region_id)).size).toBe(3);
		expect(new Set(companies.map((c) => c.sector_chamber_id)).size).toBe(3);
		const perCompany = await t.db
			.selectFrom('membership')
			.select((eb) => [
				'company_id',
				eb.fn
					.countAll<number>()
					.filterWhere(sql<boolean>`'hr' = any(roles)`)
					.as('hr'),
				eb.fn
					.countAll<number>()
					.filterWhere(sql<boolean>`'trainer' = any(roles)`)
					.as('trainers'),
				eb.fn
					.countAll<number>()
					.filterWhere(sql<boolean>`'learner' = any(roles)`)
					.as('learners')
			])
			.groupBy('company_id')
			.execute();
		for (const c of perCompany) {
			expect(c.hr).toBeGreaterThanOrEqual(1);
			expect(c.trainers).toBeGreaterThanOrEqual(2);
			expect(c.learners).toBeGreaterThanOrEqual(2);
		}
	});

	it('gives one person memberships in two companies', async () => {
		const sanne = await sessionUser(t.db, 'sanne@ervaringswerk.example');
		const memberships = await listMemberships(t.db, sanne.id);
		expect(memberships.map((ms) => ms.company.slug).sort()).toEqual([
			'hotel-de-zeeuwse-kust',
			'zorggroep-de-linde'
		]);
	});

	it('has an admin and an adviser with a region', async () => {
		const admin = await sessionUser(t.db, 'admin@vakmaat.example');
		expect(admin.platformRoles).toEqual(['admin']);
		const adviser = await sessionUser(t.db, 'ADVISEUR@sbb.example');
		expect(adviser.platformRoles).toEqual(['adviser']);
		const regions = await t.db
			.selectFrom('adviser_region')
			.select('region_id')
			.where('user_id', '=', adviser.id)
			.execute();
		expect(regions).toHaveLength(1);
	});
});

describe('tenancy: company context', () => {
	it('resolves a membership and refuses a company the user does not belong to', async () => {
		const hr = await sessionUser(t.db, 'hr@delinde.example');
		const own = await resolveCompanyContext(t.db, hr, 'zorggroep-de-linde', 'r1');
		expect(own?.roles).toEqual(['hr']);
		expect(await resolveCompanyContext(t.db, hr, 'bouwbedrijf-van-dijk', 'r1')).toBeNull();
		expect(await resolveCompanyContext(t.db, hr, 'bestaat-niet', 'r1')).toBeNull();
	});

	it('emails are unique regardless of case', async () => {
		await expect(
			t.db.insertInto('app_user').values({ email: 'HR@DeLinde.example', name: 'Dubbel' }).execute()
		).rejects.toThrow();
	});
});

describe('concurrent transactions (PGlite has a single connection)', () => {
	it('keeps concurrent transactions apart: a failing one rolls back alone', async () => {
		const results = await Promise.allSettled(
			Array.from({ length: 12 }, (_, i) =>
				t.db.transaction().execute(async (trx) => {
					await trx
						.insertInto('audit_log')
						.values({ action: `concurrency.${i}`, entity_type: 'test', data: '{}' })
						.execute();
					await new Promise((r) => setTimeout(r, 5));
					if (i % 3 === 0) throw new Error(`fail ${i}`);
					return i;
				})
			)
		);
		expect(results.filter((r) => r.status === 'rejected')).toHaveLength(4);
		const rows = await t.db
			.selectFrom('audit_log')
			.select('action')
			.where('action', 'like', 'concurrency.%')
			.execute();
		expect(rows.map((r) => r.action).sort()).toEqual(
			[1, 2, 4, 5, 7, 8, 10, 11].map((i) => `concurrency.${i}`).sort()
		);
	});
});
