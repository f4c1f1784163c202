import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { openDatabase, type DB } from '../../src/lib/server/db/index';
import { assertSafeAppRole, grantAppRole, unsafeAppRole } from '../../src/lib/server/db/roles';
import { CROSS_COMPANY } from '../../src/lib/server/db/cross-company';
import { acrossCompanies, inCompany, scopeStats } from '../../src/lib/server/db/scope';
import { testHooks } from '../../src/lib/server/db/test-hooks';
import { listLearners } from '../../src/lib/server/trajectories/people';
import { passportFor } from '../../src/lib/server/trajectories/passport';
import { contactsOf } from '../../src/lib/server/adviser/contacts';
import { companyFigures, companyForAdviser } from '../../src/lib/server/adviser/company';
import { overviewPage } from '../../src/lib/server/adviser/overview';
import { parseOverviewFilters } from '../../src/lib/server/adviser/filters';
import { receivedNominations } from '../../src/lib/server/awards/received';
import { TENANT_TABLES } from '../../migrations/0022_row_level_security';
import { acceptInvitation, getInvitation } from '../../src/lib/server/accounts/invitations';
import { generateToken, hashToken } from '../../src/lib/server/auth/tokens';
import { questionnaire } from '../../src/lib/server/culture/respond';
import { createRound } from '../../src/lib/server/culture/rounds';
import { benchmarksOf } from '../../src/lib/server/culture/benchmark';
import { setSharing } from '../../src/lib/server/culture/share';
import { addDays, momentFromNow, today } from '../clock';
import { contextFor, sessionUser, tokenFromLatestMail, userId } from './fixtures';
import { createTestDatabase, type TestDatabase } from './db';

/**
 * The second tenant wall (issue 19): row-level security on PostgreSQL, as the app's role.
 * PGlite runs as a superuser, which row-level security never applies to: skipped there.
 */
const url = process.env.TEST_DATABASE_URL;
const APP_ROLE = 'vakmaat_rls_test_app';
const OWNER_ROLE = 'vakmaat_rls_test_owner';

const createRole = (db: DB, role: string) =>
	sql
		.raw(
			`do $$ begin create role ${role} login; exception when duplicate_object or unique_violation then null; end $$`
		)
		.execute(db);

const roleUrl = (role: string) => {
	const u = new URL(url!);
	u.username = role;
	u.password = '';
	return u.toString();
};

describe.skipIf(!url)('row-level security on PostgreSQL (as the app role)', () => {
	let t: TestDatabase;
	let schema: string;
	/** The app's handle: the app role, scoped connections, a pool of two. */
	let app: DB;
	let linde: string;
	let vanDijk: string;
	const handles: DB[] = [];

	const open = async (role: string, max = 2) => {
		const h = await openDatabase({ url: roleUrl(role), schema, tenantScoped: true, max });
		handles.push(h.db);
		return h.db;
	};

	beforeAll(async () => {
		t = await createTestDatabase();
		await seedDemo(t.db);
		const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(t.db);
		schema = rows[0].s;
		await createRole(t.db, APP_ROLE);
		await grantAppRole(t.db, APP_ROLE);
		app = await open(APP_ROLE);
		const companies = await t.db.selectFrom('company').select(['id', 'slug']).execute();
		linde = companies.find((c) => c.slug === 'zorggroep-de-linde')!.id;
		vanDijk = companies.find((c) => c.slug === 'bouwbedrijf-van-dijk')!.id;
		// Learner records (without a login) in every company, De Linde's included.
		await t.db
			.insertInto('learner')
			.values(
				companies.map((c, i) => ({ company_id: c.id, name: `Extern ${i} ${c.slug}`, email: null }))
			)
			.execute();
	});

	afterAll(async () => {
		testHooks.dropLearnerCompanyFilter = false;
		testHooks.dropContactCompanyFilter = false;
		for (const h of handles) await h.destroy();
		await t?.close();
	});

	it('every table whose rows carry company_id has forced row-level security', async () => {
		const { rows } = await sql<{ table: string; rls: boolean; forced: boolean }>`
			select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			join pg_attribute a on a.attrelid = c.oid and a.attname = 'company_id' and not a.attisdropped
			where n.nspname = ${schema} and c.relkind in ('r', 'p')
			order by 1`.execute(t.db);
		expect(rows.length).toBeGreaterThanOrEqual(TENANT_TABLES.length);
		expect(rows.filter((r) => !r.rls || !r.forced).map((r) => r.table)).toEqual([]);
	});

	it('a query without its company filter still returns nothing of another company', async () => {
		const ctx = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		// As the superuser (no row-level security) the unfiltered query does leak: the test
		// would see it.
		testHooks.dropLearnerCompanyFilter = true;
		try {
			const leaked = await listLearners(t.db, ctx);
			const vanDijkLearners = await t.db
				.selectFrom('learner')
				.select('name')
				.where('company_id', '=', vanDijk)
				.execute();
			expect(vanDijkLearners.length).toBeGreaterThan(0);
			expect(leaked.map((l) => l.name)).toEqual(
				expect.arrayContaining(vanDijkLearners.map((l) => l.name))
			);

			// As the app role, in De Linde's scope: De Linde's learners only.
			const walled = await inCompany(linde, () => listLearners(app, ctx));
			const lindeLearners = await t.db
				.selectFrom('learner')
				.select('name')
				.where('company_id', '=', linde)
				.execute();
			expect(walled.length).toBeGreaterThan(0);
			const names = walled.filter((l) => !l.id.startsWith('user:')).map((l) => l.name);
			expect(names.sort()).toEqual(lindeLearners.map((l) => l.name).sort());
			for (const other of vanDijkLearners) expect(names).not.toContain(other.name);
		} finally {
			testHooks.dropLearnerCompanyFilter = false;
		}
	});

	it('no scope: nothing of any company; across companies: every company', async () => {
		const none = await app.selectFrom('learner').select('id').execute();
		expect(none).toEqual([]);
		const nobody = await app.selectFrom('membership').select('user_id').execute();
		expect(nobody).toEqual([]);
		const all = await acrossCompanies(CROSS_COMPANY.jobs, () =>
			app.selectFrom('learner').select('company_id').distinct().execute()
		);
		expect(all.length).toBeGreaterThanOrEqual(3);
	});

	it('pages run with no company visible: adviser, admin and award tables and views show nothing', async () => {
		// What the adviser, admin, jury, election and passport pages read across companies
		// goes through narrow functions; a query of the page itself sees nothing.
		for (const table of [
			'company_overview',
			'adviser_contact',
			'nomination',
			'membership',
			'trajectory',
			'award_candidate'
		] as const) {
			const rows = await app.selectFrom(table).selectAll().execute();
			expect(rows, table).toEqual([]);
		}
	});

	it("a narrow function's opening covers its own queries, not what runs after it", async () => {
		const adviser = await sessionUser(t.db, 'adviseur@sbb.example');
		const lindeRegion = (
			await t.db
				.selectFrom('company')
				.select('region_id')
				.where('id', '=', linde)
				.executeTakeFirstOrThrow()
		).region_id;
		// The region overview opens the wall for its queries: it sees the region's companies.
		const page = await overviewPage(
			app,
			[lindeRegion],
			parseOverviewFilters(new URLSearchParams())
		);
		expect(page.rows.map((r) => r.companyId)).toContain(linde);
		// The same request, after it: nothing.
		expect(await app.selectFrom('company_overview').select('company_id').execute()).toEqual([]);
		// The company page: that company only, while it runs; nothing after.
		const company = await companyForAdviser(app, adviser, linde);
		expect(company?.id).toBe(linde);
		const { figures } = await companyFigures(app, adviser, company!);
		expect(figures.companyId).toBe(linde);
		expect(await app.selectFrom('membership').select('user_id').execute()).toEqual([]);
		// The learner's passport: their own records in every company; nothing after.
		const learner = await userId(t.db, 'lerende@delinde.example');
		const passport = await passportFor(app, learner);
		expect(passport.trajectories.length).toBeGreaterThan(0);
		expect(await app.selectFrom('trajectory').select('id').execute()).toEqual([]);
		// Received nominations: only the trainer's own.
		const trainer = await userId(t.db, 'opleider@delinde.example');
		for (const n of await receivedNominations(app, trainer)) expect(n.id).toBeTruthy();
		expect(await app.selectFrom('nomination').select('id').execute()).toEqual([]);
	});

	it('learning-culture comparisons see every company of the region, the rest of the request its own', async () => {
		const region = (
			await t.db
				.selectFrom('company')
				.select('region_id')
				.where('id', '=', linde)
				.executeTakeFirstOrThrow()
		).region_id;
		await t.db.deleteFrom('culture_benchmark').execute();
		// Van Dijk's HR (another region): De Linde's round results stay behind the wall…
		const direct = await inCompany(vanDijk, () =>
			app
				.selectFrom('culture_round_result')
				.select('round_id')
				.where('company_id', '=', linde)
				.execute()
		);
		expect(direct).toEqual([]);
		// …but the comparison, computed by its own function with the wall open for its
		// duration, counts De Linde (the only company of the region with a closed scan).
		const [b] = await inCompany(vanDijk, () =>
			benchmarksOf(app, [{ scope: 'region', id: region }])
		);
		expect(b.companies).toBe(1);
		// Sharing, as the app role in Van Dijk: its overview row follows in the same
		// transaction, and the comparisons of its region and sector are dropped.
		const ctx = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
		await inCompany(vanDijk, () => setSharing(app, ctx, true));
		const row = await t.db
			.selectFrom('company_overview')
			.select('culture_shared')
			.where('company_id', '=', vanDijk)
			.executeTakeFirstOrThrow();
		expect(row.culture_shared).toBe(true);
		await inCompany(vanDijk, () => setSharing(app, ctx, false));
	});

	it("the adviser's company page without its company filter still shows that company alone", async () => {
		const adviser = await userId(t.db, 'adviseur@sbb.example');
		await t.db
			.insertInto('adviser_contact')
			.values(
				[linde, vanDijk].map((company_id) => ({
					company_id,
					adviser_id: adviser,
					contacted_on: '2026-01-15',
					kind: 'call' as const,
					notes: `RLS-notitie ${company_id}`
				}))
			)
			.execute();
		testHooks.dropContactCompanyFilter = true;
		try {
			// As the superuser (no row-level security) the unfiltered query leaks Van Dijk's notes.
			const leaked = await contactsOf(t.db, linde);
			expect(leaked.map((c) => c.notes)).toContain(`RLS-notitie ${vanDijk}`);
			// As the app role: contactsOf reads inside inCompany(linde), so De Linde's alone.
			const walled = await contactsOf(app, linde);
			expect(walled.map((c) => c.notes)).toContain(`RLS-notitie ${linde}`);
			expect(walled.map((c) => c.notes)).not.toContain(`RLS-notitie ${vanDijk}`);
		} finally {
			testHooks.dropContactCompanyFilter = false;
		}
	});

	it('writes into another company are refused', async () => {
		// Insert a row of Van Dijk while working for De Linde: the policy's WITH CHECK.
		await expect(
			inCompany(linde, () =>
				app
					.insertInto('learner')
					.values({ company_id: vanDijk, name: 'Ingeschoven', email: null })
					.execute()
			)
		).rejects.toThrow(/row-level security/);
		// Update and delete of Van Dijk's rows: they are not there for De Linde.
		const updated = await inCompany(linde, () =>
			app
				.updateTable('learner')
				.set({ name: 'Overschreven' })
				.where('company_id', '=', vanDijk)
				.executeTakeFirst()
		);
		expect(Number(updated.numUpdatedRows)).toBe(0);
		const deleted = await inCompany(linde, () =>
			app.deleteFrom('trajectory').where('company_id', '=', vanDijk).executeTakeFirst()
		);
		expect(Number(deleted.numDeletedRows)).toBe(0);
		// Moving one's own row into another company is refused as well.
		await expect(
			inCompany(linde, () =>
				app
					.updateTable('learner')
					.set({ company_id: vanDijk })
					.where('company_id', '=', linde)
					.execute()
			)
		).rejects.toThrow(/row-level security|violates/);
		const overwritten = await t.db
			.selectFrom('learner')
			.select('id')
			.where('name', 'in', ['Ingeschoven', 'Overschreven'])
			.execute();
		expect(overwritten).toEqual([]);
	});

	it('a scope never leaks to another request on a pooled connection', async () => {
		// One connection for everyone: each use must carry its own scope.
		const single = await open(APP_ROLE, 1);
		const seen = (db: DB) =>
			db
				.selectFrom('learner')
				.select('company_id')
				.distinct()
				.execute()
				.then((rows) => rows.map((r) => r.company_id));
		expect(await inCompany(linde, () => seen(single))).toEqual([linde]);
		// The next user of the same connection, without a scope: nothing.
		expect(await seen(single)).toEqual([]);
		const settings = await sql<{ company: string; scope: string }>`
			select current_setting('app.company_id', true) as company,
				current_setting('app.scope', true) as scope`.execute(single);
		expect(settings.rows[0]).toEqual({ company: '', scope: '' });
		// A transaction for Van Dijk that rolls back, then De Linde.
		await expect(
			inCompany(vanDijk, () =>
				single.transaction().execute(async (trx) => {
					expect(await seen(trx)).toEqual([vanDijk]);
					throw new Error('rollback');
				})
			)
		).rejects.toThrow('rollback');
		expect(await inCompany(linde, () => seen(single))).toEqual([linde]);
		await acrossCompanies(CROSS_COMPANY.jobs, async () =>
			expect((await seen(single)).length).toBe(3)
		);
		expect(await seen(single)).toEqual([]);

		// Many interleaved "requests" of different scopes on a pool of two: each sees
		// exactly its own company (or none, or all).
		const scopes = [linde, vanDijk, null, 'all'] as const;
		const runs = Array.from({ length: 80 }, (_, i) => {
			const scope = scopes[i % scopes.length];
			const work = async () => {
				await new Promise((r) => setTimeout(r, (i * 7) % 5));
				return seen(app);
			};
			if (scope === null) return work().then((got) => ({ scope, got }));
			if (scope === 'all')
				return acrossCompanies(CROSS_COMPANY.jobs, work).then((got) => ({ scope: scope, got }));
			return inCompany(scope, work).then((got) => ({ scope: scope, got }));
		});
		for (const { scope, got } of await Promise.all(runs)) {
			if (scope === null) expect(got).toEqual([]);
			else if (scope === 'all') expect(got.length).toBe(3);
			else expect(got).toEqual([scope]);
		}
	});

	it('a request that meets connections already set for its company pays no extra statement', async () => {
		const single = await open(APP_ROLE, 1);
		await inCompany(linde, () => single.selectFrom('learner').select('id').execute());
		const before = scopeStats.sets;
		await inCompany(linde, async () => {
			for (let i = 0; i < 5; i++) await single.selectFrom('learner').select('id').execute();
		});
		expect(scopeStats.sets).toBe(before);
		await inCompany(vanDijk, () => single.selectFrom('learner').select('id').execute());
		expect(scopeStats.sets).toBe(before + 1);
	});

	it('a pool hands a query the idle connection already set for its company', async () => {
		const two = await open(APP_ROLE, 2);
		const read = () => two.selectFrom('learner').select('id').execute();
		// Both at once: two connections, one set for each company.
		await Promise.all([inCompany(linde, read), inCompany(vanDijk, read)]);
		const before = scopeStats.sets;
		// Alternating companies one after the other: each meets its own connection.
		for (let i = 0; i < 6; i++) await inCompany(i % 2 ? linde : vanDijk, read);
		expect(scopeStats.sets).toBe(before);
	});

	it('a request’s session lookup keeps meeting the connection set for all companies', async () => {
		const two = await open(APP_ROLE, 2);
		const read = () => two.selectFrom('learner').select('id').execute();
		const request = async (company: string) => {
			await acrossCompanies(CROSS_COMPANY.session, read);
			await inCompany(company, read);
		};
		// Two connections: one set for all companies, one for De Linde.
		await Promise.all([acrossCompanies(CROSS_COMPANY.session, read), inCompany(linde, read)]);
		const before = scopeStats.sets;
		for (let i = 0; i < 4; i++) await request(vanDijk);
		// Van Dijk takes De Linde's connection, not the one the next session lookup wants:
		// one scope statement in all.
		expect(scopeStats.sets).toBe(before + 1);
	});

	it('a token page reads across companies only to find its company, and runs inside it', async () => {
		// An invitation of De Linde, reached with its token before anyone is known (no scope).
		const token = generateToken();
		await t.db
			.insertInto('invitation')
			.values({
				company_id: linde,
				email: 'nieuw-via-rls@delinde.example',
				roles: ['learner'],
				token_hash: hashToken(token),
				invited_by: null,
				expires_at: momentFromNow(7)
			})
			.execute();
		expect(await getInvitation(app, token)).toMatchObject({
			status: 'valid',
			companyName: 'Zorggroep De Linde'
		});
		expect(await getInvitation(app, generateToken())).toEqual({ status: 'unknown' });
		const accepted = await acceptInvitation(
			app,
			token,
			{ kind: 'new', name: 'Nieuw Via Rls', password: 'een lange zin als wachtwoord' },
			'rls-test'
		);
		expect(accepted.companySlug).toBe('zorggroep-de-linde');
		expect(
			await t.db
				.selectFrom('membership')
				.select('company_id')
				.where('user_id', '=', accepted.userId)
				.execute()
		).toEqual([{ company_id: linde }]);

		// A learning-culture link of De Linde: the questionnaire opens as the app role.
		const ctx = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		await createRound(
			t.db,
			ctx,
			{
				opensOn: today(),
				closesOn: addDays(today(), 14),
				reminderOn: null,
				recipients: 'members',
				emails: [],
				managerEmails: []
			},
			'http://localhost:5173'
		);
		const link = tokenFromLatestMail('lerende@delinde.example', '/leercultuur');
		expect(await questionnaire(app, link)).toMatchObject({
			company: 'Zorggroep De Linde',
			state: 'open'
		});
		expect(await questionnaire(app, 'a'.repeat(32))).toBeNull();
		// What the page did left no company open behind it.
		expect(await app.selectFrom('culture_invitation').select('id').execute()).toEqual([]);
	});

	it("the app's role, which owns nothing, gets the audit log's next months made (housekeeping)", async () => {
		const { rows } = await sql<{ made: number }>`
			select ensure_audit_log_partitions((current_date + 500)::date, 0) as made`.execute(app);
		expect(rows[0].made).toBe(1);
		// …but cannot make a table itself.
		await expect(sql`create table rls_probe (id int)`.execute(app)).rejects.toThrow(/permission/);
	});

	it('the app refuses to run as a superuser or as the tables’ owner', async () => {
		// The integration tests' own connection: a superuser.
		expect((await unsafeAppRole(t.db)).join()).toMatch(/superuser/);
		await expect(assertSafeAppRole(t.db)).rejects.toThrow(/refusing to start/);
		// A role that owns a table of the schema.
		await createRole(t.db, OWNER_ROLE);
		await sql.raw(`grant usage, create on schema ${schema} to ${OWNER_ROLE}`).execute(t.db);
		await sql.raw(`create table ${schema}.owned_probe (id int)`).execute(t.db);
		await sql.raw(`alter table ${schema}.owned_probe owner to ${OWNER_ROLE}`).execute(t.db);
		const owner = await open(OWNER_ROLE, 1);
		expect((await unsafeAppRole(owner)).join()).toMatch(/owns/);
		await expect(assertSafeAppRole(owner)).rejects.toThrow(/refusing to start/);
		// The app role: fine.
		expect(await unsafeAppRole(app)).toEqual([]);
		await sql.raw(`drop table ${schema}.owned_probe`).execute(t.db);
	});
});
