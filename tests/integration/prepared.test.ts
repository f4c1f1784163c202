import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { openDatabase, type DB } from '../../src/lib/server/db/index';
import { grantAppRole } from '../../src/lib/server/db/roles';
import { inCompany } from '../../src/lib/server/db/scope';
import { createTestDatabase, type TestDatabase } from './db';

/**
 * Prepared statements (src/lib/server/db/prepared.ts): repeated statements are prepared
 * once per connection, and a cached (generic) plan keeps the tenant wall exact when the
 * connection moves to another company. PostgreSQL only: PGlite has no pool.
 */
const url = process.env.TEST_DATABASE_URL;
const APP_ROLE = 'vakmaat_prepared_test_app';

describe.skipIf(!url)('prepared statements on PostgreSQL', () => {
	let t: TestDatabase;
	let schema: string;
	const handles: DB[] = [];
	let companies: { id: string; slug: string }[];

	const open = async (user: string, prepare?: boolean) => {
		const u = new URL(url!);
		u.username = user;
		u.password = '';
		const h = await openDatabase({
			url: u.toString(),
			schema,
			tenantScoped: true,
			max: 1,
			prepare
		});
		handles.push(h.db);
		return h.db;
	};

	const preparedCount = async (db: DB) =>
		(
			await sql<{
				n: number;
			}>`select count(*)::int as n from pg_prepared_statements where name like 'v\\_%' and statement like '%from "learner"%'`.execute(
				db
			)
		).rows[0].n;

	beforeAll(async () => {
		t = await createTestDatabase();
		await seedDemo(t.db);
		schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0].s;
		await sql
			.raw(
				`do $$ begin create role ${APP_ROLE} login; exception when duplicate_object or unique_violation then null; end $$`
			)
			.execute(t.db);
		await grantAppRole(t.db, APP_ROLE);
		companies = await t.db.selectFrom('company').select(['id', 'slug']).orderBy('slug').execute();
		// A learner record (without a login) in every company.
		await t.db
			.insertInto('learner')
			.values(companies.map((c) => ({ company_id: c.id, name: `Extern ${c.slug}`, email: null })))
			.execute();
	});

	afterAll(async () => {
		for (const h of handles) await h.destroy();
		await t?.close();
	});

	const learnersOf = (db: DB, companyId: string) =>
		inCompany(companyId, () =>
			db
				.selectFrom('learner')
				// No company filter on purpose: the wall alone decides what is visible.
				.select(['company_id'])
				.where('name', '<>', $notAName)
				.execute()
		);
	const $notAName = 'nobody by this name';

	it('a repeated statement is prepared once on its connection and gives the same rows', async () => {
		const db = await open(APP_ROLE);
		const [a] = companies;
		const first = await learnersOf(db, a.id);
		expect(await preparedCount(db)).toBe(0);
		const second = await learnersOf(db, a.id);
		expect(await preparedCount(db)).toBe(1);
		for (let i = 0; i < 3; i++) await learnersOf(db, a.id);
		expect(await preparedCount(db)).toBe(1);
		expect(second).toEqual(first);
		expect(first.length).toBeGreaterThan(0);
	});

	it("past its generic plan, a prepared statement still shows only the scope's company", async () => {
		const db = await open(APP_ROLE);
		const withLearners = [];
		for (const c of companies) {
			if ((await learnersOf(db, c.id)).length > 0) withLearners.push(c);
		}
		expect(withLearners.length).toBeGreaterThanOrEqual(2);
		const [a, b] = withLearners;
		// Ten executions: PostgreSQL switches to a generic plan after five custom ones.
		for (let i = 0; i < 10; i++) {
			const rows = await learnersOf(db, a.id);
			expect(new Set(rows.map((r) => r.company_id))).toEqual(new Set([a.id]));
		}
		const rows = await learnersOf(db, b.id);
		expect(rows.length).toBeGreaterThan(0);
		expect(new Set(rows.map((r) => r.company_id))).toEqual(new Set([b.id]));
		const generic = await sql<{ generic_plans: number }>`
			select generic_plans::int from pg_prepared_statements
			where name like 'v\\_%' and statement like '%from "learner"%'
			order by generic_plans desc limit 1`.execute(db);
		expect(generic.rows[0].generic_plans).toBeGreaterThan(0);
	});

	it('DATABASE_PREPARE=0 (prepare: false) runs every statement unnamed', async () => {
		const db = await open(APP_ROLE, false);
		for (let i = 0; i < 3; i++) await learnersOf(db, companies[0].id);
		expect(await preparedCount(db)).toBe(0);
	});
});
