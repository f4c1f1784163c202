import {
	sql,
	type KyselyPlugin,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type QueryResult,
	type RootOperationNode,
	type UnknownRow
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/index';
import type { RequestContext } from '../../src/lib/server/auth/context';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { parseDashboardFilters } from '../../src/lib/server/trajectories/dashboard';
import { trajectoriesCsv } from '../../src/lib/server/trajectories/export';
import {
	hrHome,
	learnerFeed,
	learnerHome,
	trainerHome
} from '../../src/lib/server/trajectories/home';
import { learnerConversationTasks } from '../../src/lib/server/conversations/list';
import { trajectoryPageData } from '../../src/lib/server/trajectories/detail';
import { pageOfTrajectories } from '../../src/lib/server/trajectories/list';
import { planOf } from '../../src/lib/server/culture/plan';
import { roundResults } from '../../src/lib/server/culture/results';
import { listRounds } from '../../src/lib/server/culture/rounds';
import { createTestDatabase, type TestDatabase } from './db';
import { countStatements, MAX_PAGE_STATEMENTS } from './statements';
import { contextFor, userId } from './fixtures';

/**
 * The learner, trainer and HR home pages make a fixed number of queries, whatever the
 * amount of data (no N+1): the page data functions the loads call (home.ts) run against
 * the demo company, then against the same company with 65 more trajectories and their
 * assessment history, and the number of queries must not change.
 */

/** Counts the queries that reach the database (one transformResult per executed query). */
class QueryCounter implements KyselyPlugin {
	count = 0;
	kinds: string[] = [];
	transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
		this.kinds.push(node.kind);
		return node;
	}
	transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		this.count++;
		return Promise.resolve(result);
	}
}

async function countQueries<T>(db: DB, run: (db: DB) => Promise<T>) {
	const counter = new QueryCounter();
	const result = await run(db.withPlugin(counter));
	return { queries: counter.count, result };
}

const DELINDE = 'zorggroep-de-linde';
let t: TestDatabase;
let learner: RequestContext;
let trainer: RequestContext;
let hr: RequestContext;

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	learner = await contextFor(t.db, 'lerende@delinde.example', DELINDE);
	trainer = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
	hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
});
afterAll(() => t.close());

/**
 * 60 new learners and 65 trajectories on the bbl qualification of the demo learner
 * (5 more for her), coached by the demo trainer, with 1–3 assessments per work process
 * spread over the last year: generated in SQL, not row by row.
 */
async function grow(db: DB) {
	const companyId = hr.company.id;
	const ahmed = await userId(db, 'opleider@delinde.example');
	const ingrid = await userId(db, 'opleider2@delinde.example');
	const fatima = await db
		.selectFrom('learner')
		.innerJoin('trajectory', (j) =>
			j
				.onRef('trajectory.company_id', '=', 'learner.company_id')
				.onRef('trajectory.learner_id', '=', 'learner.id')
		)
		.select(['learner.id', 'trajectory.id as trajectory_id', 'trajectory.qualification_id'])
		.where('learner.company_id', '=', companyId)
		.where('learner.user_id', '=', learner.user.id)
		.executeTakeFirstOrThrow();
	await sql`
		insert into learner (company_id, name)
		select ${companyId}, 'Gegenereerd ' || lpad(g::text, 3, '0')
		from generate_series(1, 60) g`.execute(db);
	await sql`
		with l as (
			select id, row_number() over (order by name)::int + 5 as n
			from learner where company_id = ${companyId} and name like 'Gegenereerd %'
			union all
			select ${fatima.id}::uuid, g from generate_series(1, 5) g
		)
		insert into trajectory (company_id, learner_id, route, target_kind, qualification_id, title,
			start_date, status)
		select ${companyId}, l.id,
			(array['bbl_diploma', 'mbo_certificate', 'practice_statement', 'branch_certificate',
				'informal'])[1 + l.n % 5],
			'qualification', ${fatima.qualification_id}, 'Gegenereerd traject ' || l.n,
			current_date - 30 - l.n * 4,
			case when l.n % 9 = 0 then 'paused' when l.n % 13 = 0 then 'completed' else 'active' end
		from l`.execute(db);
	await sql`
		insert into trajectory_trainer (company_id, trajectory_id, user_id)
		select company_id, id, ${ahmed}::uuid from trajectory
		where company_id = ${companyId} and title like 'Gegenereerd traject %'
		union all
		select company_id, id, ${ingrid}::uuid from trajectory
		where company_id = ${companyId} and title like 'Gegenereerd traject %'
		  and right(title, 1) in ('3', '6', '9')`.execute(db);
	await sql`
		insert into trajectory_work_process (company_id, trajectory_id, work_process_id)
		select t.company_id, t.id, tw.work_process_id
		from trajectory t
		cross join (select work_process_id from trajectory_work_process
			where company_id = ${companyId} and trajectory_id = ${fatima.trajectory_id}) tw
		where t.company_id = ${companyId} and t.title like 'Gegenereerd traject %'`.execute(db);
	// Per work process 1–3 trainer judgements climbing to its final level, some trajectories
	// with nothing in the last 90 days (stalled), plus self-assessments on some.
	await sql`
		insert into assessment (company_id, trajectory_id, work_process_id, level, assessor_kind,
			assessed_by, assessed_on)
		select tw.company_id, tw.trajectory_id, tw.work_process_id, step,
			case when step = 1 and tw.work_process_id % 4 = 0 then 'self' else 'trainer' end,
			${ahmed}::uuid,
			current_date - ((abs(hashtext(tw.trajectory_id::text)::bigint) % 330)::int) - (3 - step) * 10
		from trajectory_work_process tw
		join trajectory t on t.company_id = tw.company_id and t.id = tw.trajectory_id
		cross join generate_series(1, 3) step
		where tw.company_id = ${companyId} and t.title like 'Gegenereerd traject %'
		  and step <= 1 + ((abs(hashtext(tw.trajectory_id::text || tw.work_process_id)::bigint) % 3)::int)`.execute(
		db
	);
}

describe('queries per page do not grow with the data', () => {
	it('learner, trainer and HR home pages (and the CSV export) make the same number of queries', async () => {
		const routeAndTrainer = parseDashboardFilters(
			new URLSearchParams({ route: 'bbl_diploma', trainer: trainer.user.id })
		);
		const measure = async () => ({
			learner: await countQueries(t.db, (db) => learnerHome(db, learner)),
			learnerFeed: await countQueries(t.db, (db) => learnerFeed(db, learner)),
			trainer: await countQueries(t.db, (db) => trainerHome(db, trainer)),
			hr: await countQueries(t.db, (db) =>
				hrHome(db, hr, parseDashboardFilters(new URLSearchParams()))
			),
			hrFiltered: await countQueries(t.db, (db) => hrHome(db, hr, routeAndTrainer)),
			csv: await countQueries(t.db, (db) => trajectoriesCsv(db, hr, routeAndTrainer))
		});
		const queries = (m: Awaited<ReturnType<typeof measure>>) =>
			Object.fromEntries(Object.entries(m).map(([page, { queries }]) => [page, queries]));

		const small = await measure();
		await grow(t.db);
		const large = await measure();

		// The data did grow on every page…
		expect(small.learner.result).toHaveLength(1);
		expect(large.learner.result).toHaveLength(6);
		expect(large.learner.result.every((x) => x.coreTasks.length === 2)).toBe(true);
		expect(large.learnerFeed.result.recent.length).toBeGreaterThan(0);
		expect(small.trainer.result.items).toHaveLength(3);
		expect(large.trainer.result.total).toBe(68);
		expect(large.trainer.result.items).toHaveLength(50);
		expect(small.hr.result.dashboard.total.trajectories).toBe(5);
		expect(large.hr.result.dashboard.total.trajectories).toBe(70);
		expect(large.hr.result.dashboard.stalled.count).toBeGreaterThan(
			small.hr.result.dashboard.stalled.count
		);
		expect(large.hr.result.dashboard.months.reduce((n, x) => n + x.total, 0)).toBeGreaterThan(
			small.hr.result.dashboard.months.reduce((n, x) => n + x.total, 0) + 1000
		);
		expect(large.csv.result.rows).toBeGreaterThan(small.csv.result.rows);

		// …and the number of queries did not. The CSV export adds its audit record.
		expect(queries(large)).toEqual(queries(small));
		expect(queries(small)).toEqual({
			learner: 1,
			learnerFeed: 1,
			trainer: 1,
			hr: 1 + 3,
			hrFiltered: 4,
			csv: 1 + 1
		});
	});
});

/**
 * Issue 20: every page runs at most MAX_PAGE_STATEMENTS statements for its data (the
 * session and memberships come in one more, in hooks.server.ts). Each page's data as its
 * load reads it, on the grown demo company; the adviser overview and the jury panel are
 * counted in adviser.test.ts and awards.test.ts.
 */
describe('at most four statements per page', () => {
	const page = async (name: string, run: (db: DB) => Promise<unknown>) => {
		const { statements } = await countStatements(t.db, run);
		console.log(`${name}: ${statements} statements`);
		expect(statements).toBeLessThanOrEqual(MAX_PAGE_STATEMENTS);
		return statements;
	};

	it('learner home', async () => {
		const n = await page('learner home', (db) =>
			Promise.all([
				learnerHome(db, learner),
				learnerFeed(db, learner),
				learnerConversationTasks(db, learner)
			])
		);
		expect(n).toBe(3);
	});

	it('trainer home', async () => {
		expect(await page('trainer home', (db) => trainerHome(db, trainer))).toBe(1);
	});

	it('HR home', async () => {
		const filters = parseDashboardFilters(new URLSearchParams());
		expect(await page('HR home', (db) => hrHome(db, hr, filters))).toBe(4);
	});

	it('HR trajectory list', async () => {
		const n = await page('HR trajectory list', (db) =>
			pageOfTrajectories(db, hr, 1, { status: null, stalled: false })
		);
		expect(n).toBe(1);
	});

	it('HR culture results with the plan (the published instrument kept once read)', async () => {
		const [latest] = await listRounds(t.db, hr);
		await roundResults(t.db, hr, latest.id);
		const n = await page('HR culture results', async (db) => {
			const results = await roundResults(db, hr, latest.id);
			await planOf(db, hr, results.id);
		});
		// The round's data, the region and sector comparisons, the plan and its owners.
		expect(n).toBe(3);
	});

	it('trajectory page, as the learner, a trainer and HR (who leave a read record)', async () => {
		const own = (await learnerHome(t.db, learner))[0].id;
		const counts = [];
		for (const [who, ctx] of [
			['learner', learner],
			['trainer', trainer],
			['HR', hr]
		] as const) {
			counts.push(
				await page(`trajectory page (${who})`, async (db) => {
					expect(await trajectoryPageData(db, ctx, own, '/t')).not.toBeNull();
				})
			);
		}
		expect(counts).toEqual([2, 3, 3]);
	});
});
