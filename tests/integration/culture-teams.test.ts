import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cultureRoundSchema, teamsOf } from '../../src/lib/schemas/culture';
import {
	CULTURE_MIN_RESPONSES,
	currentInstrumentId,
	instrumentOf,
	statementIds
} from '../../src/lib/server/culture/instrument';
import { questionnaire, saveResponse } from '../../src/lib/server/culture/respond';
import { roundResults, teamBreakdown } from '../../src/lib/server/culture/results';
import { createRound } from '../../src/lib/server/culture/rounds';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { addDays, today } from '../clock';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, tokenFromLatestMail, expectDomainError } from './fixtures';

/**
 * Results per team (issue 15, migration 0036): HR names the teams of a round, employees
 * may say theirs, and HR sees means per team only after the close and only where every
 * row of the breakdown has five answers or more.
 */
const ORIGIN = 'http://localhost:5173';
const COMPANY = 'hotel-de-zeeuwse-kust';
const HR = 'hr@zeeuwsekust.example';

let t: TestDatabase;
let employeeIds: number[];
let managementIds: number[];
beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	const instrument = (await instrumentOf(t.db, await currentInstrumentId(t.db)))!;
	employeeIds = statementIds(instrument, 'employee');
	managementIds = statementIds(instrument, 'management');
});
afterAll(() => t?.close());

const all = (ids: number[], value: number) =>
	Object.fromEntries(ids.map((id) => [String(id), value]));

describe('the teams of a round', () => {
	it('are one per line; blanks and duplicates do not count; one, too many or too long are refused', () => {
		expect(teamsOf(' Keuken \n\nbediening\nKEUKEN\r\nBediening  ')).toEqual([
			'Keuken',
			'bediening'
		]);
		expect(teamsOf('')).toEqual([]);
		const base = { opensOn: today(), closesOn: addDays(today(), 14) };
		const error = (teams: string) =>
			cultureRoundSchema()
				.safeParse({ ...base, teams })
				.error?.issues.find((i) => i.path[0] === 'teams')?.message;
		expect(error('Keuken')).toBe('Noem minstens 2 teams, of laat het veld leeg.');
		expect(error(Array.from({ length: 31 }, (_, i) => `Team ${i}`).join('\n'))).toBe(
			'Noem hoogstens 30 teams.'
		);
		expect(error(`Keuken\n${'x'.repeat(61)}`)).toMatch(
			/is te lang: een teamnaam heeft hoogstens 60/
		);
		expect(error('Keuken\nBediening')).toBeUndefined();
	});
});

describe('the breakdown by team', () => {
	const people = Array.from({ length: 16 }, (_, i) => `team${i + 1}@zk.example`);
	const opens = addDays(today(), 40);
	const during = addDays(opens, 1);
	const after = addDays(opens, 15);
	let roundId: string;
	const tokenOf = (i: number) => tokenFromLatestMail(people[i], '/leercultuur');

	it('employees are asked for their team, management is not; a team the round lacks is refused', async () => {
		const ctx = await contextFor(t.db, HR, COMPANY);
		roundId = await createRound(
			t.db,
			ctx,
			{
				opensOn: opens,
				closesOn: addDays(opens, 14),
				reminderOn: null,
				recipients: 'list',
				emails: people,
				managerEmails: ['chef@zk.example'],
				teams: ['Keuken', 'Bediening', 'Receptie']
			},
			ORIGIN,
			undefined,
			opens
		);
		const q = (await questionnaire(t.db, tokenOf(0), during))!;
		expect(q.teams).toEqual(['Keuken', 'Bediening', 'Receptie']);
		expect(q.team).toBeNull();
		const chef = tokenFromLatestMail('chef@zk.example', '/leercultuur');
		expect((await questionnaire(t.db, chef, during))!.teams).toEqual([]);

		for (const [token, ids, team] of [
			[tokenOf(0), employeeIds, 4],
			[tokenOf(0), employeeIds, 0],
			[chef, managementIds, 1]
		] as const) {
			await expectDomainError(
				saveResponse(t.db, token, { answers: all(ids, 4), openAnswer: null, team }, during),
				'culture_team_unknown',
				'team'
			);
		}
		const stored = await t.db
			.selectFrom('culture_response')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('round_id', '=', roundId)
			.executeTakeFirstOrThrow();
		expect(Number(stored.n)).toBe(0);
	});

	it('is shown only after the close, and only when every row has five answers', async () => {
		const ctx = await contextFor(t.db, HR, COMPANY);
		// Keuken: 6 answering 4; Bediening: 5 answering 2; Receptie: 1 answering 5; no team: 1 answering 1.
		const plan: [number | null, number][] = [
			...Array.from({ length: 6 }, () => [1, 4] as [number, number]),
			...Array.from({ length: 5 }, () => [2, 2] as [number, number]),
			[3, 5],
			[null, 1]
		];
		for (const [i, [team, value]] of plan.entries()) {
			await saveResponse(
				t.db,
				tokenOf(i),
				{ answers: all(employeeIds, value), openAnswer: null, team },
				during
			);
		}
		// The earlier answer comes back with its team, to change.
		expect((await questionnaire(t.db, tokenOf(12), during))!.team).toBeNull();
		expect((await questionnaire(t.db, tokenOf(11), during))!.team).toBe(3);

		const open = await roundResults(t.db, ctx, roundId, during);
		expect(open.shown).toBe(true);
		expect(open.byTeam).toEqual({
			teams: ['Keuken', 'Bediening', 'Receptie'],
			state: 'open',
			rows: []
		});

		// Closed: Receptie (1) and no team (1) together are 2, under five: no breakdown at all,
		// else Keuken and Bediening subtracted from the whole would give them away.
		const few = await roundResults(t.db, ctx, roundId, after);
		expect(few.byTeam?.state).toBe('too_few');
		expect(few.byTeam?.rows).toEqual([]);
	});

	it('puts small teams and answers without a team together once that row reaches five', async () => {
		const ctx = await contextFor(t.db, HR, COMPANY);
		for (const i of [13, 14, 15]) {
			await saveResponse(
				t.db,
				tokenOf(i),
				{ answers: all(employeeIds, 1), openAnswer: null, team: null },
				during
			);
		}
		const r = await roundResults(t.db, ctx, roundId, after);
		expect(r.employeeResponses).toBe(16);
		expect(r.byTeam?.state).toBe('shown');
		const rows = r.byTeam!.rows;
		expect(rows.map((row) => [row.kind, row.name, row.n])).toEqual([
			['team', 'Keuken', 6],
			['team', 'Bediening', 5],
			['other', null, 5]
		]);
		for (const code of Object.keys(rows[0].means)) {
			expect(rows[0].means[code]).toBe(4);
			expect(rows[1].means[code]).toBe(2);
			// (5 + 1 + 1 + 1 + 1) / 5
			expect(rows[2].means[code]).toBe(1.8);
		}
		// The rows add up to the whole.
		const whole = r.dimensions[0].mean!;
		expect(whole).toBeCloseTo((6 * 4 + 5 * 2 + 5 * 1.8) / 16, 2);
	});

	it('a changed answer moves to its new team; a round without teams has no breakdown', async () => {
		const ctx = await contextFor(t.db, HR, COMPANY);
		// One of Bediening says Keuken after all: Bediening drops to 4, so it joins the rest.
		await saveResponse(
			t.db,
			tokenOf(10),
			{ answers: all(employeeIds, 2), openAnswer: null, team: 1 },
			during
		);
		const r = await roundResults(t.db, ctx, roundId, after);
		expect(r.byTeam!.rows.map((row) => [row.kind, row.name, row.n])).toEqual([
			['team', 'Keuken', 7],
			['other', null, 9]
		]);

		const plain = await createRound(
			t.db,
			ctx,
			{
				opensOn: addDays(opens, 60),
				closesOn: addDays(opens, 70),
				reminderOn: null,
				recipients: 'list',
				emails: people.slice(0, 5),
				managerEmails: []
			},
			ORIGIN,
			undefined,
			addDays(opens, 60)
		);
		const token = tokenFromLatestMail(people[0], '/leercultuur');
		expect((await questionnaire(t.db, token, addDays(opens, 61)))!.teams).toEqual([]);
		await expectDomainError(
			saveResponse(
				t.db,
				token,
				{ answers: all(employeeIds, 3), openAnswer: null, team: 1 },
				addDays(opens, 61)
			),
			'culture_team_unknown'
		);
		expect((await roundResults(t.db, ctx, plain, addDays(opens, 71))).byTeam).toBeNull();
	});
});

describe('teamBreakdown', () => {
	const codes = ['werk'];
	const agg = (team: number | null, value: number, n: number) => ({ team, code: 'werk', value, n });

	it('needs two rows; a single team with everyone is the whole, not a breakdown', () => {
		const r = teamBreakdown(['A', 'B'], 'closed', [{ team: 1, n: 9 }], [agg(1, 3, 18)], codes);
		expect(r.state).toBe('too_few');
	});

	it('shows answers without a team as a row of their own when there are enough', () => {
		const min = CULTURE_MIN_RESPONSES;
		const r = teamBreakdown(
			['A', 'B'],
			'closed',
			[
				{ team: 1, n: min },
				{ team: null, n: min }
			],
			[agg(1, 4, min * 2), agg(null, 2, min * 2)],
			codes
		);
		expect(r.rows.map((row) => [row.kind, row.n, row.means.werk])).toEqual([
			['team', min, 4],
			['not_stated', min, 2]
		]);
	});
});
