import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/lib/server/auth/context';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	hrDashboard,
	NO_FILTERS,
	parseDashboardFilters,
	type Dashboard,
	type DashboardFilters
} from '../../src/lib/server/trajectories/dashboard';
import { trajectoriesCsv } from '../../src/lib/server/trajectories/export';
import { createTrajectory } from '../../src/lib/server/trajectories/create';
import { getTrajectory } from '../../src/lib/server/trajectories/detail';
import { listTrajectories, type TrajectoryListItem } from '../../src/lib/server/trajectories/list';
import { recordAssessments } from '../../src/lib/server/trajectories/assess';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, userId } from './fixtures';
import { daysFromToday, today } from '../clock';

let t: TestDatabase;
let hr: RequestContext;
let all: TrajectoryListItem[];
let ids: Record<'ahmed' | 'ingrid' | 'sanne', string>;

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
	all = await listTrajectories(t.db, hr);
	ids = {
		ahmed: await userId(t.db, 'opleider@delinde.example'),
		ingrid: await userId(t.db, 'opleider2@delinde.example'),
		sanne: await userId(t.db, 'sanne@ervaringswerk.example')
	};
});
afterAll(() => t.close());

const DELINDE = 'zorggroep-de-linde';
const byLearner = (name: string) => all.find((x) => x.learnerName === name)!;

/** The bucket of one trajectory, from its own progress (the reference for the SQL aggregate). */
function bucketOf(p: { covered: number; total: number }): number {
	if (p.total > 0 && p.covered >= p.total) return 4;
	return p.total ? Math.floor((4 * p.covered) / p.total) : 0;
}

/** Assessments of the company per month and kind, counted in JS from the raw rows. */
async function assessmentsByMonth(companyId: string, trajectoryIds?: string[]) {
	let q = t.db
		.selectFrom('assessment')
		.select(['assessed_on', 'assessor_kind', 'trajectory_id'])
		.where('company_id', '=', companyId);
	if (trajectoryIds) q = q.where('trajectory_id', 'in', trajectoryIds);
	const counts: Record<string, { trainer: number; self: number; school: number }> = {};
	for (const r of await q.execute()) {
		const month = String(r.assessed_on).slice(0, 7);
		counts[month] ??= { trainer: 0, self: 0, school: 0 };
		counts[month][r.assessor_kind]++;
	}
	return counts;
}

function expectMonthsMatch(d: Dashboard, expected: Record<string, Record<string, number>>) {
	for (const month of d.months) {
		const e = expected[month.month] ?? { trainer: 0, self: 0, school: 0 };
		expect(month, month.month).toEqual({
			month: month.month,
			trainer: e.trainer,
			self: e.self,
			school: e.school,
			total: e.trainer + e.self + e.school
		});
	}
	// The demo history lies within the last twelve months: nothing is left out.
	const all = Object.values(expected).reduce((n, e) => n + e.trainer + e.self + e.school, 0);
	expect(d.months.reduce((n, x) => n + x.total, 0)).toBe(all);
}

const dash = (ctx: RequestContext, filters: Partial<DashboardFilters> = {}) =>
	hrDashboard(t.db, ctx, { ...NO_FILTERS, ...filters });

describe('HR dashboard on the demo company', () => {
	it('counts learners by route and status', async () => {
		const d = await dash(hr);
		expect(d.total).toEqual({ learners: 5, trajectories: 5 });
		expect(d.byStatus.active).toEqual({ learners: 5, trajectories: 5 });
		expect(d.byStatus.paused).toEqual({ learners: 0, trajectories: 0 });
		expect(Object.fromEntries(Object.entries(d.byRoute).map(([r, c]) => [r, c.learners]))).toEqual({
			bbl_diploma: 2,
			mbo_certificate: 1,
			practice_statement: 1,
			branch_certificate: 0,
			informal: 1
		});
		expect(d.byRouteStatus.practice_statement.active).toEqual({ learners: 1, trajectories: 1 });
		expect(d.byRouteStatus.practice_statement.completed).toEqual({ learners: 0, trajectories: 0 });
	});

	it('distributes the active trajectories over progress buckets as their own progress says', async () => {
		const d = await dash(hr);
		const expected = [0, 0, 0, 0, 0];
		for (const x of all) expected[bucketOf(x.progress)]++;
		expect(d.distribution.map((b) => b.trajectories)).toEqual(expected);
		expect(d.distribution.map((b) => b.bucket)).toEqual([0, 1, 2, 3, 4]);
		// Fatima: 6 of 12 work processes competent in the seed → 50–75 %.
		expect(bucketOf(byLearner('Fatima Yilmaz').progress)).toBe(2);
	});

	it('lists the stalled trajectory with learner, title, trainers and last assessment', async () => {
		const d = await dash(hr);
		const linda = byLearner('Linda Smit');
		expect(d.stalled.count).toBe(1);
		expect(d.stalled.items).toEqual([
			{
				id: linda.id,
				learnerName: 'Linda Smit',
				title: 'Begeleider gehandicaptenzorg (25475)',
				trainers: ['Ahmed El Amrani', 'Sanne de Vries'],
				covered: linda.progress.covered,
				total: linda.progress.total,
				lastAssessedOn: linda.progress.lastAssessedOn
			}
		]);
		const daysAgo = (Date.now() - Date.parse(linda.progress.lastAssessedOn!)) / 86_400_000;
		expect(daysAgo).toBeGreaterThan(90);
	});

	it('the trajectory list filtered on stalled has exactly the stalled ones', async () => {
		const stalled = await listTrajectories(t.db, hr, { stalled: true });
		expect(stalled.map((x) => x.learnerName)).toEqual(
			all.filter((x) => x.progress.stalled).map((x) => x.learnerName)
		);
		expect(stalled.map((x) => x.learnerName)).toEqual(['Linda Smit']);
	});

	it('stays stalled when only the learner assesses herself: stalled means the trainer stopped', async () => {
		const linda = byLearner('Linda Smit');
		const wp = (await getTrajectory(t.db, hr, linda.id))!.coreTasks[0].workProcesses[0];
		const lindaCtx = await contextFor(t.db, 'l.smit@delinde.example', DELINDE);
		const stalledCompanies = async () =>
			(
				await t.db
					.selectFrom('company_overview')
					.select('stalled')
					.where('company_id', '=', hr.company.id)
					.executeTakeFirstOrThrow()
			).stalled;
		const adviserBefore = await stalledCompanies();
		await recordAssessments(t.db, lindaCtx, linda.id, {
			kind: 'self',
			assessedOn: today(),
			entries: [{ workProcessId: wp.id, level: 3 }]
		});
		const d = await dash(hr);
		expect(d.stalled.items.map((x) => x.learnerName)).toEqual(['Linda Smit']);
		expect(d.stalled.items[0].lastAssessedOn).toBe(linda.progress.lastAssessedOn);
		const detail = (await getTrajectory(t.db, hr, linda.id))!;
		expect(detail.progress).toMatchObject({
			stalled: true,
			lastAssessedOn: linda.progress.lastAssessedOn
		});
		// The self-assessment is shown beside the official judgement, not instead of it.
		expect(detail.coreTasks[0].workProcesses[0].self).toMatchObject({ level: 3, on: today() });
		expect(await stalledCompanies()).toBe(adviserBefore);
		await t.db
			.deleteFrom('assessment')
			.where('trajectory_id', '=', linda.id)
			.where('assessor_kind', '=', 'self')
			.execute();
	});

	it("shows every trainer's caseload, stalled ones included", async () => {
		const d = await dash(hr);
		// The busiest first.
		expect(d.caseloads).toEqual([
			{ trainerId: ids.ahmed, name: 'Ahmed El Amrani', active: 3, stalled: 1 },
			{ trainerId: ids.sanne, name: 'Sanne de Vries', active: 2, stalled: 1 },
			{ trainerId: ids.ingrid, name: 'Ingrid Visser', active: 1, stalled: 0 }
		]);
		expect(d.caseloadCount).toBe(3);
		expect(d.trainers.map((x) => x.name)).toEqual([
			'Ahmed El Amrani',
			'Ingrid Visser',
			'Sanne de Vries'
		]);
	});

	it('counts assessments per month for the last twelve months, by who judged', async () => {
		const d = await dash(hr);
		expect(d.months).toHaveLength(12);
		const thisMonth = (
			await sql<{ m: string }>`select to_char(current_date, 'YYYY-MM') as m`.execute(t.db)
		).rows[0].m;
		expect(d.months.at(-1)!.month).toBe(thisMonth);
		for (const [i, x] of d.months.entries()) {
			if (i === 0) continue;
			const [y0, m0] = d.months[i - 1].month.split('-').map(Number);
			const [y1, m1] = x.month.split('-').map(Number);
			expect(y1 * 12 + m1 - (y0 * 12 + m0)).toBe(1);
		}
		expectMonthsMatch(d, await assessmentsByMonth(hr.company.id));
		expect(d.months.some((x) => x.self > 0)).toBe(true);
	});
});

describe('filters apply to every figure', () => {
	it('by route', async () => {
		const d = await dash(hr, { route: 'practice_statement' });
		const linda = byLearner('Linda Smit');
		expect(d.total).toEqual({ learners: 1, trajectories: 1 });
		expect(d.byRoute.bbl_diploma).toEqual({ learners: 0, trajectories: 0 });
		expect(d.distribution.reduce((n, b) => n + b.trajectories, 0)).toBe(1);
		expect(d.stalled.items.map((s) => s.learnerName)).toEqual(['Linda Smit']);
		expect(d.caseloads.map((c) => [c.name, c.active, c.stalled])).toEqual([
			['Ahmed El Amrani', 1, 1],
			['Sanne de Vries', 1, 1],
			['Ingrid Visser', 0, 0]
		]);
		expectMonthsMatch(d, await assessmentsByMonth(hr.company.id, [linda.id]));
	});

	it('by trainer, and by both', async () => {
		const d = await dash(hr, { trainerId: ids.ingrid });
		const peter = byLearner('Peter Dekker');
		expect(d.total).toEqual({ learners: 1, trajectories: 1 });
		expect(d.byRoute.mbo_certificate.learners).toBe(1);
		expect(d.stalled.count).toBe(0);
		expect(d.caseloads).toEqual([
			{ trainerId: ids.ingrid, name: 'Ingrid Visser', active: 1, stalled: 0 }
		]);
		// The filter's options stay complete.
		expect(d.trainers).toHaveLength(3);
		expectMonthsMatch(d, await assessmentsByMonth(hr.company.id, [peter.id]));

		const sanneInformal = await dash(hr, { trainerId: ids.sanne, route: 'informal' });
		expect(sanneInformal.total).toEqual({ learners: 1, trajectories: 1 });
		expect(sanneInformal.caseloads).toEqual([
			{ trainerId: ids.sanne, name: 'Sanne de Vries', active: 1, stalled: 0 }
		]);

		const none = await dash(hr, { trainerId: ids.ingrid, route: 'bbl_diploma' });
		expect(none.total).toEqual({ learners: 0, trajectories: 0 });
		expect(none.distribution.every((b) => b.trajectories === 0)).toBe(true);
		expect(none.stalled).toEqual({ count: 0, items: [] });
		expect(none.months.every((x) => x.total === 0)).toBe(true);
	});

	it('from the query string: unknown values are ignored', () => {
		expect(
			parseDashboardFilters(new URLSearchParams({ route: 'informal', trainer: ids.ahmed }))
		).toEqual({ route: 'informal', trainerId: ids.ahmed });
		expect(
			parseDashboardFilters(new URLSearchParams({ route: 'drop table', trainer: "1' or 1=1" }))
		).toEqual(NO_FILTERS);
	});
});

describe('statuses', () => {
	it('a paused trajectory counts by status, but not in progress, stalled or caseload', async () => {
		const karim = byLearner('Karim Haddou');
		await t.db
			.updateTable('trajectory')
			.set({ status: 'paused' })
			.where('company_id', '=', hr.company.id)
			.where('id', '=', karim.id)
			.execute();
		try {
			const d = await dash(hr);
			expect(d.byStatus.active).toEqual({ learners: 4, trajectories: 4 });
			expect(d.byStatus.paused).toEqual({ learners: 1, trajectories: 1 });
			expect(d.byRouteStatus.informal.paused.learners).toBe(1);
			expect(d.total.trajectories).toBe(5);
			expect(d.distribution.reduce((n, b) => n + b.trajectories, 0)).toBe(4);
			expect(d.caseloads.find((c) => c.name === 'Sanne de Vries')!.active).toBe(1);
			// Its assessments still count in the months.
			expectMonthsMatch(d, await assessmentsByMonth(hr.company.id));
		} finally {
			await t.db
				.updateTable('trajectory')
				.set({ status: 'active' })
				.where('company_id', '=', hr.company.id)
				.where('id', '=', karim.id)
				.execute();
		}
	});

	it('a learner with two trajectories counts once per cell', async () => {
		const id = await createTrajectory(t.db, hr, {
			learnerId: byLearner('Fatima Yilmaz').learnerId,
			route: 'informal',
			targetKind: 'qualification',
			crebo: '25486',
			startDate: today(),
			trainerIds: [ids.ingrid]
		});
		try {
			const d = await dash(hr);
			expect(d.byStatus.active).toEqual({ learners: 5, trajectories: 6 });
			expect(d.byRoute.informal).toEqual({ learners: 2, trajectories: 2 });
			expect(d.total).toEqual({ learners: 5, trajectories: 6 });
			// New, without assessments, started today: not stalled, 0–25 %.
			expect(d.stalled.count).toBe(1);
			expect(d.distribution[0].trajectories).toBe(
				all.filter((x) => bucketOf(x.progress) === 0).length + 1
			);
		} finally {
			for (const table of ['trajectory_trainer', 'trajectory_work_process'] as const) {
				await t.db
					.deleteFrom(table)
					.where('company_id', '=', hr.company.id)
					.where('trajectory_id', '=', id)
					.execute();
			}
			await t.db
				.deleteFrom('trajectory')
				.where('company_id', '=', hr.company.id)
				.where('id', '=', id)
				.execute();
		}
		expect((await dash(hr)).total.trajectories).toBe(5);
	});
});

describe('tenant isolation', () => {
	it("another company's HR sees none of it, not even with a De Linde trainer as filter", async () => {
		const otherHr = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
		for (const filters of [
			{},
			{ trainerId: ids.ahmed },
			{ route: 'practice_statement' as const }
		]) {
			const d = await dash(otherHr, filters);
			expect(d.total).toEqual({ learners: 0, trajectories: 0 });
			expect(d.distribution.every((b) => b.trajectories === 0)).toBe(true);
			expect(d.stalled).toEqual({ count: 0, items: [] });
			expect(d.months.every((x) => x.total === 0)).toBe(true);
			expect(d.caseloads.every((c) => c.active === 0 && c.stalled === 0)).toBe(true);
			expect(d.trainers.map((x) => x.name)).toEqual(['Kees Mulder', 'Sevda Kaya']);
		}
		const csv = await trajectoriesCsv(t.db, otherHr, NO_FILTERS);
		expect(csv.rows).toBe(0);
		expect(csv.body.trim().split('\r\n')).toHaveLength(1);
	});

	it('a trainer in two companies has their caseload counted per company', async () => {
		const zeeuwseHr = await contextFor(t.db, 'hr@zeeuwsekust.example', 'hotel-de-zeeuwse-kust');
		const d = await dash(zeeuwseHr);
		const sanne = d.caseloads.find((c) => c.name === 'Sanne de Vries')!;
		expect(sanne).toMatchObject({ active: 0, stalled: 0 });
	});

	it('a trainer or learner calling the service sees only their own trajectories', async () => {
		const ahmed = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
		expect((await dash(ahmed)).total.trajectories).toBe(3);
		const fatima = await contextFor(t.db, 'lerende@delinde.example', DELINDE);
		const d = await dash(fatima);
		expect(d.total.trajectories).toBe(1);
		expect(d.stalled.count).toBe(0);
	});
});

describe('CSV export', () => {
	it('has a BOM, Dutch headers, semicolons, quoted fields and a row per trajectory', async () => {
		const csv = await trajectoriesCsv(t.db, hr, NO_FILTERS);
		expect(csv.filename).toMatch(/^leertrajecten-zorggroep-de-linde-\d{4}-\d{2}-\d{2}\.csv$/);
		expect(csv.body.startsWith('\uFEFF')).toBe(true);
		const lines = csv.body.slice(1).split('\r\n');
		expect(lines.at(-1)).toBe('');
		expect(lines[0]).toBe(
			[
				'Lerende',
				'Leertraject',
				'Route',
				'Status',
				'Praktijkopleiders',
				'School',
				'Startdatum',
				'Geplande einddatum',
				'Werkprocessen behaald',
				'Werkprocessen totaal',
				'Voortgang (%)',
				'Laatste beoordeling',
				'Stilgevallen'
			]
				.map((h) => `"${h}"`)
				.join(';')
		);
		expect(lines.slice(1, -1)).toHaveLength(5);
		const linda = byLearner('Linda Smit');
		const row = lines.find((l) => l.startsWith('"Linda Smit"'))!;
		expect(row).toBe(
			[
				'Linda Smit',
				'Begeleider gehandicaptenzorg (25475)',
				'Praktijkverklaring',
				'Actief',
				'Ahmed El Amrani, Sanne de Vries',
				'',
				linda.startDate,
				linda.plannedEndDate,
				linda.progress.covered,
				linda.progress.total,
				Math.floor((linda.progress.covered / linda.progress.total) * 100),
				linda.progress.lastAssessedOn,
				'ja'
			]
				.map((v) => `"${v}"`)
				.join(';')
		);
		expect(csv.rows).toBe(5);
	});

	it('applies the filters and records who exported', async () => {
		const csv = await trajectoriesCsv(t.db, hr, { route: 'informal', trainerId: null });
		expect(csv.rows).toBe(1);
		expect(csv.body).toContain('"Karim Haddou";');
		const audit = await t.db
			.selectFrom('audit_log')
			.select(['actor_user_id', 'data'])
			.where('company_id', '=', hr.company.id)
			.where('action', '=', 'trajectories.exported')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(audit.actor_user_id).toBe(hr.user.id);
		expect(audit.data).toMatchObject({ rows: 1, route: 'informal' });
	});

	it('defuses a learner name that a spreadsheet would run as a formula', async () => {
		const name = '=HYPERLINK("https://evil.example";"klik")';
		await createTrajectory(t.db, hr, {
			newLearnerName: name,
			route: 'branch_certificate',
			targetKind: 'qualification',
			crebo: '25486',
			startDate: daysFromToday(-330),
			trainerIds: [ids.ingrid]
		});
		const csv = await trajectoriesCsv(t.db, hr, { route: 'branch_certificate', trainerId: null });
		const row = csv.body.slice(1).split('\r\n')[1];
		expect(row.startsWith(`"'=HYPERLINK(""https://evil.example"";""klik"")";`)).toBe(true);
	});
});
