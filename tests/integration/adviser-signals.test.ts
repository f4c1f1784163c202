import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	levelOfRank,
	SIGNAL_RANK_SQL,
	SIGNAL_REASONS_SQL,
	signalOf,
	type SignalFigures
} from '../../src/lib/server/adviser/signals';
import { createTestDatabase, type TestDatabase } from './db';

/**
 * The signal rules exist twice: as SQL (stored by refresh_company_overview) and as
 * TypeScript (tested without a database in tests/unit/adviser-signals.test.ts). Here
 * both give the same signal and reasons over a grid of figures.
 */
let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(() => t?.close());

describe('signal rules: SQL and TypeScript agree', () => {
	it('over a grid of figures', async () => {
		const today = (await sql<{ d: string }>`select current_date::text as d`.execute(t.db)).rows[0]
			.d;
		const shift = async (months: number, days: number) =>
			(
				await sql<{ d: string }>`select ((current_date - ${months}::int * interval '1 month')::date
					- ${days}::int)::text as d`.execute(t.db)
			).rows[0].d;
		const contacts = [null, await shift(1, 0), await shift(12, 0), await shift(12, 1)];
		const scans = [null, await shift(18, 0), await shift(18, 1)];
		const grid: SignalFigures[] = [];
		for (const [active_learners, active_trajectories] of [
			[0, 0],
			[2, 2],
			[12, 13]
		])
			for (const trainers of [0, 2])
				for (const trainers_llo of [0, 1])
					for (const stalled of [0, 2, 3])
						for (const last_contact_on of contacts)
							for (const overdue of [0, 1])
								for (const last_scan_on of scans)
									grid.push({
										active_learners,
										active_trajectories,
										trainers,
										trainers_llo: Math.min(trainers_llo, trainers),
										stalled: Math.min(stalled, active_trajectories),
										last_contact_on,
										overdue_conversations: overdue,
										overdue_actions: 1 - overdue,
										last_scan_on
									});
		const rows = await sql<{ rank: number; reasons: string[] }>`
			select ${sql.raw(SIGNAL_RANK_SQL)} as rank, ${sql.raw(SIGNAL_REASONS_SQL)} as reasons
			from jsonb_to_recordset(${JSON.stringify(grid)}::jsonb) as o(active_learners int,
				active_trajectories int, trainers int, trainers_llo int, stalled int,
				last_contact_on date, overdue_conversations int, overdue_actions int,
				last_scan_on date)`.execute(t.db);
		expect(rows.rows).toHaveLength(grid.length);
		const fromSql = rows.rows.map((r) => ({ level: levelOfRank(r.rank), reasons: r.reasons }));
		expect(grid.map((f) => signalOf(f, today))).toEqual(fromSql);
	});
});
