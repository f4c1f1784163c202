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
import type { RequestContext } from '../../src/lib/server/auth/context';
import type { DB } from '../../src/lib/server/db/index';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	accessLog,
	readerOf,
	recordRead,
	recordTrajectoriesExport
} from '../../src/lib/server/privacy/access-log';
import { achievementsOf } from '../../src/lib/server/trajectories/achievements';
import { trajectoriesCsv } from '../../src/lib/server/trajectories/export';
import { recordAssessments } from '../../src/lib/server/trajectories/assess';
import { getTrajectory, trajectoryPageData } from '../../src/lib/server/trajectories/detail';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, userId } from './fixtures';
import { today } from '../clock';

/**
 * "Wie bekeek mijn gegevens" (issue 18): reads of another person's data are recorded with
 * one statement (none for a learner reading their own), and the person sees them and the
 * changes others made, newest first, by period, paged.
 */
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

const DELINDE = 'zorggroep-de-linde';
let t: TestDatabase;
let hr: RequestContext;
let ahmedCtx: RequestContext;
let learnerCtx: RequestContext;
let fatima: string;
let ahmed: string;
let trajectoryId: string;

/**
 * The trajectory page's load (routes/(app)/o/[company]/trajecten/[id]: trajectoryPageData),
 * or, without recording, what it reads (the trajectory and the learner's achievements).
 */
async function trajectoryPage(db: DB, ctx: RequestContext, id: string, record: boolean) {
	if (record) {
		if (!(await trajectoryPageData(db, ctx, id, '/t'))) throw new Error('not found');
		return;
	}
	const detail = await getTrajectory(db, ctx, id);
	if (!detail) throw new Error('not found');
	const { learnerId, targetQualificationId } = detail.trajectory;
	await achievementsOf(db, ctx.company.id, learnerId, targetQualificationId);
}

async function statements(ctx: RequestContext, record: boolean) {
	const counter = new QueryCounter();
	await trajectoryPage(t.db.withPlugin(counter), ctx, trajectoryId, record);
	return counter.count;
}

const log = (user: string, q: Partial<Parameters<typeof accessLog>[2]> = {}) =>
	accessLog(t.db, user, { from: null, to: null, limit: 50, offset: 0, ...q });

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
	ahmedCtx = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
	learnerCtx = await contextFor(t.db, 'lerende@delinde.example', DELINDE);
	fatima = await userId(t.db, 'lerende@delinde.example');
	ahmed = await userId(t.db, 'opleider@delinde.example');
	trajectoryId = (
		await t.db
			.selectFrom('trajectory as tr')
			.innerJoin('learner as l', (j) =>
				j.onRef('l.company_id', '=', 'tr.company_id').onRef('l.id', '=', 'tr.learner_id')
			)
			.select('tr.id')
			.where('l.user_id', '=', fatima)
			.where('tr.company_id', '=', hr.company.id)
			.orderBy('tr.start_date')
			.executeTakeFirstOrThrow()
	).id;
	await t.db.deleteFrom('audit_log').execute();
}, 180_000);
afterAll(() => t?.close());

describe('recording reads', () => {
	it('costs the trajectory page one statement for HR and a trainer, none for the learner', async () => {
		const figures = {
			hr: [await statements(hr, false), await statements(hr, true)],
			trainer: [await statements(ahmedCtx, false), await statements(ahmedCtx, true)],
			learner: [await statements(learnerCtx, false), await statements(learnerCtx, true)]
		};
		console.log('trajectory page statements before/after', JSON.stringify(figures));
		expect(figures.hr[1]).toBe(figures.hr[0] + 1);
		expect(figures.trainer[1]).toBe(figures.trainer[0] + 1);
		expect(figures.learner[1]).toBe(figures.learner[0]);
		// The learner's own view left nothing; HR's and the trainer's one row each.
		const rows = await t.db
			.selectFrom('audit_log')
			.select(['actor_user_id', 'subject_user_id', 'data'])
			.where('action', '=', 'personal_data.read')
			.execute();
		expect(rows).toHaveLength(2);
		expect(rows.every((r) => r.subject_user_id === fatima)).toBe(true);
		expect(rows.map((r) => r.actor_user_id)).not.toContain(fatima);
	});

	it('does not record reading one’s own data, even with a role that reaches others', async () => {
		const before = await t.db
			.selectFrom('audit_log')
			.select((e) => e.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		await recordRead(t.db, readerOf(ahmedCtx), { userId: ahmed }, 'trainer_profile');
		const own = await t.db
			.selectFrom('trajectory as tr')
			.innerJoin('learner as l', (j) =>
				j.onRef('l.company_id', '=', 'tr.company_id').onRef('l.id', '=', 'tr.learner_id')
			)
			.select('tr.id')
			.where('l.user_id', '=', fatima)
			.executeTakeFirstOrThrow();
		// Fatima as HR of her own record (roles add up): the subject is herself, nothing written.
		await recordRead(
			t.db,
			{ ...readerOf(learnerCtx), roles: ['hr', 'learner'] },
			{ trajectoryId: own.id },
			'trajectory'
		);
		const after = await t.db
			.selectFrom('audit_log')
			.select((e) => e.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});
});

describe('the access log', () => {
	it('shows who viewed, in which role, what and when, newest first; changes by others too', async () => {
		await recordRead(t.db, readerOf(hr), { userId: ahmed }, 'trainer_profile', '/p');
		const conversation = await t.db
			.selectFrom('conversation as c')
			.innerJoin('learner as l', (j) =>
				j.onRef('l.company_id', '=', 'c.company_id').onRef('l.id', '=', 'c.learner_id')
			)
			.select('c.id')
			.where('l.user_id', '=', fatima)
			.executeTakeFirstOrThrow();
		await recordRead(
			t.db,
			readerOf(ahmedCtx),
			{ conversationId: conversation.id },
			'conversation',
			'/g'
		);
		const detail = await getTrajectory(t.db, ahmedCtx, trajectoryId);
		const wp = detail!.coreTasks[0].workProcesses[0].id;
		await recordAssessments(t.db, ahmedCtx, trajectoryId, {
			kind: 'trainer',
			assessedOn: today(),
			entries: [{ workProcessId: wp, level: 2, comment: '' }]
		});

		const mine = await log(fatima);
		expect(mine.entries.map((e) => [e.actor.name, e.what ?? e.action])).toEqual([
			['Ahmed El Amrani', 'assessment.recorded'],
			['Ahmed El Amrani', 'conversation'],
			['Ahmed El Amrani', 'trajectory'],
			['Marieke Jansen', 'trajectory']
		]);
		expect(mine.entries[1]).toMatchObject({ roles: ['trainer'], company: 'Zorggroep De Linde' });
		expect(mine.entries[3].roles).toEqual(['hr']);
		expect(mine.total).toBe(4);

		const his = await log(ahmed);
		expect(his.entries.map((e) => [e.actor.name, e.what, e.roles])).toEqual([
			['Marieke Jansen', 'trainer_profile', ['hr']]
		]);
	});

	it('records the HR export for every learner in it, in one statement', async () => {
		const counter = new QueryCounter();
		const { rows } = await trajectoriesCsv(t.db, hr, { route: null, trainerId: null });
		await recordTrajectoriesExport(
			t.db.withPlugin(counter),
			hr,
			{ route: null, trainerId: null },
			rows
		);
		expect(counter.count).toBe(1);
		const subjects = await t.db
			.selectFrom('audit_log')
			.select('subject_user_id')
			.where('action', '=', 'personal_data.exported')
			.execute();
		const learners = await t.db
			.selectFrom('learner')
			.select('user_id')
			.where('company_id', '=', hr.company.id)
			.where('user_id', 'is not', null)
			.execute();
		expect(new Set(subjects.map((s) => s.subject_user_id))).toEqual(
			new Set(learners.map((l) => l.user_id))
		);
		expect((await log(fatima)).entries[0].what).toBe('trajectories_export');
	});

	it('filters by period and pages', async () => {
		const learnerRow = await t.db
			.selectFrom('learner')
			.select('id')
			.where('user_id', '=', fatima)
			.where('company_id', '=', hr.company.id)
			.executeTakeFirstOrThrow();
		// 120 views by HR on 120 days in 2025, one a day from 1 January.
		await sql`insert into audit_log (company_id, actor_user_id, action, entity_type, entity_id,
				data, subject_user_id, created_at)
			select ${hr.company.id}::uuid, ${hr.user.id}::uuid, 'personal_data.read', 'learner',
				${learnerRow.id}, '{"what":"trajectory","roles":["hr"]}', ${fatima}::uuid,
				timestamptz '2025-01-01 12:00 Europe/Amsterdam' + make_interval(days => d)
			from generate_series(0, 119) d`.execute(t.db);
		const january = await log(fatima, { from: '2025-01-01', to: '2025-01-31' });
		expect(january.total).toBe(31);
		expect(january.entries[0].at.toISOString()).toBe('2025-01-31T11:00:00.000Z');
		const page2 = await log(fatima, {
			from: '2025-01-01',
			to: '2025-12-31',
			limit: 50,
			offset: 50
		});
		expect(page2.total).toBe(120);
		expect(page2.entries).toHaveLength(50);
		const page3 = await log(fatima, {
			from: '2025-01-01',
			to: '2025-12-31',
			limit: 50,
			offset: 100
		});
		expect(page3.entries).toHaveLength(20);
		expect(page3.entries.at(-1)!.at.toISOString()).toBe('2025-01-01T11:00:00.000Z');
	});

	it("never shows another person's entries", async () => {
		const linda = await userId(t.db, 'l.smit@delinde.example');
		const theirs = await log(linda);
		const names = theirs.entries.map((e) => e.what);
		// Linda was only in the HR export; none of Fatima's views show up for her.
		expect(names).toEqual(['trajectories_export']);
	});
});
