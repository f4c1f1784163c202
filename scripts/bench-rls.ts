/**
 * What the second tenant wall costs (issue 19), service level: the same company pages'
 * queries run interleaved (a) the old way — a superuser connection, no row-level security,
 * no scope statement — and (b) as the app — the app role, row-level security, connections
 * carrying the tenant scope. Two companies' requests alternate, so that most acquisitions
 * have to switch the connection's scope (the dearer case); `--one-company`: one company
 * only (connections mostly carry its scope already).
 *
 *   DATABASE_OWNER_URL=postgres://postgres@…/db DATABASE_URL=postgres://vakmaat_app@…/db \
 *     npx tsx scripts/bench-rls.ts [--rounds 150]
 *
 * The database must hold generated data (npm run generate) and the app role its rights
 * (npm run db:migrate with both URLs).
 */
import { sql } from 'kysely';
import { resolveCompanyContext, type RequestContext } from '../src/lib/server/auth/context';
import type { SessionUser } from '../src/lib/server/auth/session';
import { openDatabase, type DB } from '../src/lib/server/db/index';
import { inCompany } from '../src/lib/server/db/scope';
import { hrHome, learnerHome, trainerHome } from '../src/lib/server/trajectories/home';
import { NO_FILTERS } from '../src/lib/server/trajectories/dashboard';

const argv = process.argv.slice(2);
const rounds = Number(argv[argv.indexOf('--rounds') + 1] || 150) || 150;
const ownerUrl = process.env.DATABASE_OWNER_URL;
const appUrl = process.env.DATABASE_URL;
if (!ownerUrl || !appUrl) throw new Error('set DATABASE_OWNER_URL (superuser) and DATABASE_URL');

const before = (await openDatabase({ url: ownerUrl, max: 10 })).db;
const after = (await openDatabase({ url: appUrl, max: 10, tenantScoped: true })).db;

async function userByEmail(db: DB, email: string): Promise<SessionUser> {
	const u = await db
		.selectFrom('app_user')
		.select(['id', 'email', 'name', 'locale'])
		.where('email', '=', email)
		.executeTakeFirstOrThrow();
	return { ...u, platformRoles: [] };
}

/** The two largest generated companies, with one member of each role. */
const companies = await sql<{ id: string; slug: string }>`
	select c.id, c.slug from company c join learner l on l.company_id = c.id
	where c.slug like 'gen-%' group by c.id order by count(*) desc
	limit ${argv.includes('--one-company') ? 1 : 2}`.execute(before);
type Case = { name: string; ctx: RequestContext; run: (db: DB, ctx: RequestContext) => unknown };
const cases: Case[][] = [];
for (const c of companies.rows) {
	const member = async (role: string) => {
		const r = await sql<{ email: string }>`
			select u.email from membership m join app_user u on u.id = m.user_id
			where m.company_id = ${c.id} and ${role} = any(m.roles) and m.deactivated_at is null
			order by u.email limit 1`.execute(before);
		const user = await userByEmail(before, r.rows[0].email);
		return (await resolveCompanyContext(before, user, c.slug, 'bench'))!;
	};
	cases.push([
		{ name: 'hr home', ctx: await member('hr'), run: (db, ctx) => hrHome(db, ctx, NO_FILTERS) },
		{ name: 'trainer home', ctx: await member('trainer'), run: (db, ctx) => trainerHome(db, ctx) },
		{ name: 'learner home', ctx: await member('learner'), run: (db, ctx) => learnerHome(db, ctx) }
	]);
}

const times = new Map<string, number[]>();
const time = async (key: string, fn: () => Promise<unknown>) => {
	const t0 = performance.now();
	await fn();
	const list = times.get(key) ?? [];
	list.push(performance.now() - t0);
	times.set(key, list);
};

for (let round = 0; round < rounds + 10; round++) {
	const warm = round < 10;
	for (let i = 0; i < cases[0].length; i++) {
		for (const perCompany of cases) {
			const c = perCompany[i];
			const label = (way: string) => (warm ? 'warm-up' : `${c.name}|${way}`);
			await time(label('before'), () => Promise.resolve(c.run(before, c.ctx)));
			await time(label('after'), () =>
				inCompany(c.ctx.company.id, () => Promise.resolve(c.run(after, c.ctx)))
			);
		}
	}
}

const pct = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
console.log(`| page (service) | before p50 | before p95 | after p50 | after p95 | p95 change |`);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`);
for (const name of ['hr home', 'trainer home', 'learner home']) {
	const b = [...times.get(`${name}|before`)!].sort((x, y) => x - y);
	const a = [...times.get(`${name}|after`)!].sort((x, y) => x - y);
	const f = (n: number) => n.toFixed(1);
	console.log(
		`| ${name} | ${f(pct(b, 50))} ms | ${f(pct(b, 95))} ms | ${f(pct(a, 50))} ms | ${f(pct(a, 95))} ms | ${(((pct(a, 95) - pct(b, 95)) / pct(b, 95)) * 100).toFixed(1)} % |`
	);
}
await before.destroy();
await after.destroy();
