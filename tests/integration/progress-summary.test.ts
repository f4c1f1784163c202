import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/lib/server/auth/context';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { recordExemptions, removeExemption } from '../../src/lib/server/trajectories/exemptions';
import { getTrajectory } from '../../src/lib/server/trajectories/detail';
import { listTrajectories } from '../../src/lib/server/trajectories/list';
import { recordAssessments } from '../../src/lib/server/trajectories/assess';
import { daysFromToday, today } from '../clock';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor } from './fixtures';

/**
 * trajectory_progress is maintained by triggers (migration 0009). These tests compare
 * it, after every kind of change, with progress computed here in JS from the raw rows.
 */

let t: TestDatabase;
let hr: RequestContext;
let trainer: RequestContext;

const DELINDE = 'zorggroep-de-linde';

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
	trainer = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
});
afterAll(() => t.close());

interface Expected {
	total: number;
	competent: number;
	exempt: number;
	last_assessed_on: string | null;
}

/** Progress of every trajectory, from the raw rows: the reference for the summary. */
async function expectedProgress(): Promise<Map<string, Expected>> {
	const [targets, assessments, exemptions, trajectories] = await Promise.all([
		t.db
			.selectFrom('trajectory_work_process')
			.select(['trajectory_id', 'work_process_id'])
			.execute(),
		t.db
			.selectFrom('assessment')
			.select(['id', 'trajectory_id', 'work_process_id', 'level', 'assessor_kind', 'assessed_on'])
			.execute(),
		t.db.selectFrom('exemption').select(['trajectory_id', 'work_process_id']).execute(),
		t.db.selectFrom('trajectory').select('id').execute()
	]);
	const result = new Map<string, Expected>(
		trajectories.map((x) => [x.id, { total: 0, competent: 0, exempt: 0, last_assessed_on: null }])
	);
	for (const r of targets) result.get(r.trajectory_id)!.total++;
	const latest = new Map<string, (typeof assessments)[number]>();
	for (const a of assessments) {
		const e = result.get(a.trajectory_id)!;
		// Official judgements only (trainer or school): a self-assessment never counts.
		if (a.assessor_kind !== 'self' && (!e.last_assessed_on || a.assessed_on > e.last_assessed_on))
			e.last_assessed_on = a.assessed_on;
		if (a.assessor_kind !== 'trainer') continue;
		const key = `${a.trajectory_id}/${a.work_process_id}`;
		const before = latest.get(key);
		if (
			!before ||
			a.assessed_on > before.assessed_on ||
			(a.assessed_on === before.assessed_on && Number(a.id) > Number(before.id))
		)
			latest.set(key, a);
	}
	const exempt = new Set(exemptions.map((x) => `${x.trajectory_id}/${x.work_process_id}`));
	for (const key of exempt) result.get(key.split('/')[0])!.exempt++;
	for (const [key, a] of latest) {
		if (a.level === 3 && !exempt.has(key)) result.get(a.trajectory_id)!.competent++;
	}
	return result;
}

async function summary(): Promise<Map<string, Expected>> {
	const rows = await t.db
		.selectFrom('trajectory_progress')
		.select(['trajectory_id', 'total', 'competent', 'exempt', 'last_assessed_on'])
		.execute();
	return new Map(rows.map(({ trajectory_id, ...rest }) => [trajectory_id, rest]));
}

/** assessment_month (migration 0010) against the assessments counted here. */
async function expectMonthCountsCorrect() {
	const expected: Record<string, number> = {};
	for (const a of await t.db
		.selectFrom('assessment')
		.select(['company_id', 'assessed_on', 'assessor_kind'])
		.execute()) {
		const key = `${a.company_id} ${a.assessed_on.slice(0, 7)}-01 ${a.assessor_kind}`;
		expected[key] = (expected[key] ?? 0) + 1;
	}
	const actual: Record<string, number> = {};
	for (const r of await t.db.selectFrom('assessment_month').selectAll().execute()) {
		if (r.assessments) actual[`${r.company_id} ${r.month} ${r.assessor_kind}`] = r.assessments;
	}
	expect(actual).toEqual(expected);
}

async function expectSummaryCorrect() {
	const [expected, actual] = await Promise.all([expectedProgress(), summary()]);
	expect(actual.size).toBe(expected.size);
	expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
	await expectMonthCountsCorrect();
}

const fatima = async () =>
	(await listTrajectories(t.db, trainer)).find((x) => x.learnerName === 'Fatima Yilmaz')!;

describe('trajectory progress summary', () => {
	it('exists for every trajectory of the seeded data and matches the raw rows', async () => {
		const expected = await expectedProgress();
		expect(expected.size).toBeGreaterThan(3);
		// The demo data has competent judgements (exemptions are added below).
		const values = [...expected.values()];
		expect(values.some((v) => v.competent > 0)).toBe(true);
		await expectSummaryCorrect();
	});

	it('follows assessments, a later lower judgement, exemptions and their removal', async () => {
		const traj = await fatima();
		const detail = (await getTrajectory(t.db, trainer, traj.id))!;
		const open = detail.coreTasks
			.flatMap((ct) => ct.workProcesses)
			.filter((wp) => !wp.exemption && wp.official?.level !== 3);
		expect(open.length).toBeGreaterThan(2);
		const [a, b, c] = open;

		const before = (await summary()).get(traj.id)!;
		await recordAssessments(t.db, trainer, traj.id, {
			kind: 'trainer',
			assessedOn: daysFromToday(-2),
			entries: [
				{ workProcessId: a.id, level: 3 },
				{ workProcessId: b.id, level: 3 }
			]
		});
		expect((await summary()).get(traj.id)!.competent).toBe(before.competent + 2);
		await expectSummaryCorrect();

		// A later judgement below competent takes the work process out again; a self-
		// assessment never counts.
		await recordAssessments(t.db, trainer, traj.id, {
			kind: 'trainer',
			assessedOn: daysFromToday(-1),
			entries: [{ workProcessId: b.id, level: 2 }]
		});
		const learner = await contextFor(t.db, 'lerende@delinde.example', DELINDE);
		await recordAssessments(t.db, learner, traj.id, {
			kind: 'self',
			assessedOn: today(),
			entries: [{ workProcessId: c.id, level: 3 }]
		});
		const after = (await summary()).get(traj.id)!;
		expect(after.competent).toBe(before.competent + 1);
		// The self-assessment of today is not the last assessment: the trainer's is.
		expect(after.last_assessed_on).toBe(daysFromToday(-1));
		await expectSummaryCorrect();

		// An exemption on an already competent work process counts once, as exempt.
		await recordExemptions(t.db, hr, traj.id, {
			workProcessIds: [a.id, c.id],
			basis: 'earlier_diploma',
			grantedOn: today()
		});
		const exempted = (await summary()).get(traj.id)!;
		expect(exempted.exempt).toBe(before.exempt + 2);
		expect(exempted.competent + exempted.exempt).toBe(before.competent + before.exempt + 2);
		await expectSummaryCorrect();

		const row = await t.db
			.selectFrom('exemption')
			.select('id')
			.where('trajectory_id', '=', traj.id)
			.where('work_process_id', '=', c.id)
			.executeTakeFirstOrThrow();
		await removeExemption(t.db, hr, traj.id, row.id);
		expect((await summary()).get(traj.id)!.exempt).toBe(before.exempt + 1);
		await expectSummaryCorrect();
	});

	it('loses no update when two transactions assess one trajectory at the same time', async () => {
		const traj = await fatima();
		const detail = (await getTrajectory(t.db, trainer, traj.id))!;
		const open = detail.coreTasks
			.flatMap((ct) => ct.workProcesses)
			.filter((wp) => !wp.exemption && wp.official?.level !== 3)
			.slice(0, 2);
		expect(open).toHaveLength(2);
		const before = (await summary()).get(traj.id)!;
		let firstInserted!: () => void;
		const inserted = new Promise<void>((resolve) => (firstInserted = resolve));
		const assess = (workProcessId: number, after: (trx: typeof t.db) => Promise<unknown>) =>
			t.db.transaction().execute(async (trx) => {
				await trx
					.insertInto('assessment')
					.values({
						company_id: trainer.company.id,
						trajectory_id: traj.id,
						work_process_id: workProcessId,
						level: 3,
						assessor_kind: 'trainer',
						assessed_by: trainer.user.id,
						assessed_on: today()
					})
					.execute();
				await after(trx);
			});
		// The first transaction has written its assessment (and its trigger has run) but
		// not committed while the second one writes and commits.
		const first = assess(open[0].id, (trx) => {
			firstInserted();
			return sql`select pg_sleep(0.3)`.execute(trx);
		});
		await inserted;
		await Promise.all([first, assess(open[1].id, async () => {})]);
		expect((await summary()).get(traj.id)!.competent).toBe(before.competent + 2);
		await expectSummaryCorrect();
	});

	it('takes deleted assessments out of both summaries', async () => {
		const traj = await fatima();
		const latest = await t.db
			.selectFrom('assessment')
			.select(['id', 'assessed_on'])
			.where('trajectory_id', '=', traj.id)
			.orderBy('assessed_on', 'desc')
			.orderBy('id', 'desc')
			.limit(3)
			.execute();
		expect(latest).toHaveLength(3);
		await t.db
			.deleteFrom('assessment')
			.where(
				'id',
				'in',
				latest.map((a) => a.id)
			)
			.execute();
		await expectSummaryCorrect();
	});

	it('is rebuilt in one set-based pass exactly as the triggers maintain it (bulk loads)', async () => {
		const before = await summary();
		expect([...before.values()].some((v) => v.exempt > 0 && v.competent > 0)).toBe(true);
		const [gone, wrong] = [...before.keys()];
		await t.db.deleteFrom('trajectory_progress').where('trajectory_id', '=', gone).execute();
		await t.db
			.updateTable('trajectory_progress')
			.set({ competent: 99, last_assessed_on: null })
			.where('trajectory_id', '=', wrong)
			.execute();
		const rebuilt = await sql<{ n: number }>`select rebuild_trajectory_progress() as n`.execute(
			t.db
		);
		// Only the missing and the wrong row are written; the others were already right.
		expect(Number(rebuilt.rows[0].n)).toBe(2);
		expect(Object.fromEntries(await summary())).toEqual(Object.fromEntries(before));
		await expectSummaryCorrect();
	});
});
