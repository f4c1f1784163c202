import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { addJuror, panelsOfRound, replaceJuror } from '../../src/lib/server/awards/panels';
import { roundAdminPage } from '../../src/lib/server/awards/round-page';
import { criteriaOf, getRound, listRounds } from '../../src/lib/server/awards/rounds';
import { roundResults } from '../../src/lib/server/awards/tally';
import { thisYear } from '../clock';
import { createTestDatabase, type TestDatabase } from './db';
import { userId } from './fixtures';
import { pageStatements } from './statements';

/**
 * Issue 20 for the admin's award pages (routes/(app)/beheer/verkiezingen): the list of
 * rounds, and a round with its criteria, panels and jurors, results and the jurors'
 * progress, on the demo's rounds: last year's (published), this year's (judged, with a
 * replaced juror, a conflicted juror's scores and a declared conflict added here) and
 * next year's (no panels yet).
 */
let t: TestDatabase;
const rounds = { last: '', judged: '', next: '' };
const ids: Record<'adviser' | 'admin' | 'hr' | 'ahmed' | 'kees', string> = {
	adviser: '',
	admin: '',
	hr: '',
	ahmed: '',
	kees: ''
};

const page = <T>(name: string, run: (db: TestDatabase['db']) => Promise<T>) =>
	pageStatements(t.db, name, run);

/** The scores of a juror for a nominee on a panel, one per criterion. */
async function score(
	roundId: string,
	panelId: string,
	juror: string,
	nominee: string,
	values: number[]
) {
	const criteria = await criteriaOf(t.db, roundId);
	await t.db
		.insertInto('jury_score')
		.values(
			criteria.map((c, i) => ({
				panel_id: panelId,
				juror_id: juror,
				nominee_id: nominee,
				criterion_id: c.id,
				score: values[i]
			}))
		)
		.execute();
}

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	const byYear = async (year: number) =>
		(
			await t.db
				.selectFrom('award_round')
				.select('id')
				.where('year', '=', year)
				.executeTakeFirstOrThrow()
		).id;
	rounds.last = await byYear(thisYear() - 1);
	rounds.judged = await byYear(thisYear());
	rounds.next = await byYear(thisYear() + 1);
	ids.adviser = await userId(t.db, 'adviseur@sbb.example');
	ids.admin = await userId(t.db, 'admin@vakmaat.example');
	ids.hr = await userId(t.db, 'hr@delinde.example');
	ids.ahmed = await userId(t.db, 'opleider@delinde.example');
	ids.kees = await userId(t.db, 'opleider@vandijkbouw.example');

	// This year's Midden-Nederland: the adviser scores Ahmed; HR of De Linde (Ahmed's
	// company: a conflict) joins, has scores stored anyway and is replaced by the admin.
	// On the national panel the admin declares a conflict with Kees.
	const panels = await panelsOfRound(t.db, rounds.judged);
	const midden = panels.find((p) => p.name === 'Midden-Nederland')!.id;
	const national = panels.find((p) => p.kind === 'national')!.id;
	await t.db.insertInto('platform_role').values({ user_id: ids.hr, role: 'adviser' }).execute();
	const hrMember = await addJuror(t.db, midden, 'hr@delinde.example');
	await score(rounds.judged, midden, ids.adviser, ids.ahmed, [9, 8, 7, 6, 5]);
	await score(rounds.judged, midden, ids.hr, ids.ahmed, [1, 1, 1, 1, 1]);
	await replaceJuror(t.db, hrMember, 'admin@vakmaat.example');
	await t.db
		.insertInto('jury_conflict')
		.values({
			panel_id: national,
			juror_id: ids.admin,
			nominee_id: ids.kees,
			reason: 'Oud-collega'
		})
		.execute();
}, 180_000);
afterAll(() => t?.close());

describe('the admin’s award pages in at most four statements', () => {
	it('the list of rounds (beheer/verkiezingen): one statement', async () => {
		const { statements, result } = await page('award rounds', (db) => listRounds(db));
		expect(statements).toBe(1);
		expect(result.map((r) => r.id)).toEqual([rounds.next, rounds.judged, rounds.last]);
		expect(result.map((r) => r.state.phase)).toEqual(['nominations', 'regional_jury', 'published']);
		// This year's: Ahmed's and Kees's accepted nominations and Jan's pending one.
		expect(result[1].nominations).toBe(3);
	});

	it('a published round with panels, jurors and scores: three statements', async () => {
		const { statements, result } = await page('award round, published', (db) =>
			roundAdminPage(db, rounds.last)
		);
		expect(statements).toBe(3);
		const data = result!;
		expect(data.round).toEqual(await getRound(t.db, rounds.last));
		expect(data.criteria).toEqual(await criteriaOf(t.db, rounds.last));
		expect(data.criteria.map((c) => c.weight)).toEqual([3, 2, 3, 1, 1]);
		expect(data.panels.map((p) => [p.name, p.kind, p.members.map((m) => m.name)])).toEqual([
			['Midden-Nederland', 'regional', ['Wendy Adviseur']],
			['Zuidwest', 'regional', ['Wendy Adviseur']],
			['Landelijke jury', 'national', ['Beheerder Vakmaat']]
		]);
		expect(data.panels[1].regions).toEqual(['Rijnmond', 'Zeeland', 'Drechtsteden', 'West-Brabant']);
		expect(data.panels[1].region_ids).toHaveLength(4);
		expect(data.panels[2].regions).toEqual([]);
		expect(data.panels[1].members[0]).toMatchObject({
			userId: ids.adviser,
			email: 'adviseur@sbb.example',
			replacedAt: null
		});
		// Bart (8,8,9,7,8) and Kees (7,8,8,7,7) weighted 3,2,3,1,1: both finalists of
		// Zuidwest (two per panel); Bart wins the national round.
		const results = data.results.map((r) => [
			r.panel.name,
			r.candidates.map((c) => c.name),
			r.results.map((x) => [x.name, x.rank, x.finalist, x.jurors])
		]);
		expect(results).toEqual([
			['Midden-Nederland', [], []],
			[
				'Zuidwest',
				['Bart Hendriks', 'Kees Mulder'],
				[
					['Bart Hendriks', 1, true, 1],
					['Kees Mulder', 2, true, 1]
				]
			],
			[
				'Landelijke jury',
				['Bart Hendriks', 'Kees Mulder'],
				[
					['Bart Hendriks', 1, true, 1],
					['Kees Mulder', 2, false, 1]
				]
			]
		]);
		expect(data.results[1].results.map((x) => x.weightedMean)).toEqual([8.2, 7.5]);
		expect(data.results[1].results[0].companyName).toBe('Hotel De Zeeuwse Kust');
		expect(data.results).toEqual(await roundResults(t.db, data.round));
		expect(data.progress.map((p) => [p.name, p.scored, p.toScore])).toEqual([
			['Wendy Adviseur', 0, 0],
			['Wendy Adviseur', 2, 2],
			['Beheerder Vakmaat', 2, 2]
		]);
		expect(data.progress.map((p) => p.memberId)).toEqual(
			data.panels.flatMap((p) => p.members.map((m) => m.id))
		);
		expect(data.regions.map((r) => r.name)).toEqual(
			(await t.db.selectFrom('region').select('name').orderBy('name').execute()).map((r) => r.name)
		);
		expect(Object.keys(data.regions[0]).sort()).toEqual(['id', 'name']);
		expect(typeof data.regions[0].id).toBe('number');
	});

	it('a round being judged, with a replaced juror and conflicts: three statements', async () => {
		const { statements, result } = await page('award round, judged', (db) =>
			roundAdminPage(db, rounds.judged)
		);
		expect(statements).toBe(3);
		const data = result!;
		expect(data.round.id).toBe(rounds.judged);
		expect(data.round.results_published_at).toBeNull();
		expect(data.criteria).toEqual(await criteriaOf(t.db, rounds.judged));
		const midden = data.panels[0];
		expect(midden.name).toBe('Midden-Nederland');
		expect(midden.regions).toEqual([
			'Midden-Utrecht',
			'Amersfoort',
			'FoodValley',
			'Gooi en Vechtstreek'
		]);
		expect(midden.members.map((m) => [m.name, m.replacedAt === null])).toEqual([
			['Wendy Adviseur', true],
			['Marieke Jansen', false],
			['Beheerder Vakmaat', true]
		]);
		// The replacement's moment as stored (JSON carries it as text).
		const replaced = await t.db
			.selectFrom('jury_member')
			.select('replaced_at')
			.where('id', '=', midden.members[1].id)
			.executeTakeFirstOrThrow();
		expect(midden.members[1].replacedAt).toEqual(replaced.replaced_at);
		expect(data.panels.map((p) => p.name)).toEqual([
			'Midden-Nederland',
			'Zuidwest',
			'Landelijke jury'
		]);
		expect(data.panels[2].members.map((m) => m.name).sort()).toEqual([
			'Beheerder Vakmaat',
			'Wendy Adviseur'
		]);
		// Ahmed: only the adviser's scores count (9,8,7,6,5: 7.5), not those of HR of his
		// company. The national panel judges the regional finalists, no scores yet.
		expect(data.results.map((r) => [r.panel.name, r.candidates.map((c) => c.name)])).toEqual([
			['Midden-Nederland', ['Ahmed El Amrani']],
			['Zuidwest', ['Kees Mulder']],
			['Landelijke jury', ['Ahmed El Amrani', 'Kees Mulder']]
		]);
		expect(data.results[0].results).toEqual([
			expect.objectContaining({
				nomineeId: ids.ahmed,
				name: 'Ahmed El Amrani',
				companyName: 'Zorggroep De Linde',
				jurors: 1,
				weightedMean: 7.5,
				rank: 1,
				finalist: true
			})
		]);
		expect(data.results[1].results.map((x) => [x.name, x.weightedMean])).toEqual([
			['Kees Mulder', 7.7]
		]);
		expect(data.results[2].results).toEqual([]);
		expect(data.results).toEqual(await roundResults(t.db, data.round));
		// Marieke scored but may score no one (Ahmed's company); the admin has a declared
		// conflict with Kees on the national panel.
		const progress = (panel: number) =>
			data.progress
				.filter((p) => p.panelId === data.panels[panel].id)
				.map((p) => [p.name, p.replacedAt === null, p.scored, p.toScore]);
		expect(progress(0)).toEqual([
			['Wendy Adviseur', true, 1, 1],
			['Marieke Jansen', false, 1, 0],
			['Beheerder Vakmaat', true, 0, 1]
		]);
		expect(progress(1)).toEqual([['Beheerder Vakmaat', true, 1, 1]]);
		expect(progress(2).sort()).toEqual([
			['Beheerder Vakmaat', true, 0, 1],
			['Wendy Adviseur', true, 0, 2]
		]);
	});

	it('a round without panels: two statements; an unknown round: none found', async () => {
		const { statements, result } = await page('award round, no panels', (db) =>
			roundAdminPage(db, rounds.next)
		);
		expect(statements).toBe(2);
		expect(result!.round).toEqual(await getRound(t.db, rounds.next));
		expect(result!.criteria).toEqual(await criteriaOf(t.db, rounds.next));
		expect(result!.criteria).toHaveLength(5);
		expect(result!.panels).toEqual([]);
		expect(result!.results).toEqual([]);
		expect(result!.progress).toEqual([]);
		expect(result!.regions.length).toBeGreaterThan(0);

		const unknown = await page('award round, unknown', (db) =>
			roundAdminPage(db, crypto.randomUUID())
		);
		expect(unknown.result).toBeNull();
		expect(unknown.statements).toBe(2);
		const malformed = await page('award round, no uuid', (db) => roundAdminPage(db, 'x'));
		expect(malformed.result).toBeNull();
		expect(malformed.statements).toBe(0);
	});
});
