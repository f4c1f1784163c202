import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { eligibilityOf, searchTrainers, trainerAt } from '../../src/lib/server/awards/eligibility';
import {
	electionPage,
	MIN_MOTIVATION,
	nominate,
	ownNomination
} from '../../src/lib/server/awards/nominations';
import { phaseAt } from '../../src/lib/server/awards/phase';
import { publishedYears } from '../../src/lib/server/awards/public';
import { criteriaOf, currentRound, getRound } from '../../src/lib/server/awards/rounds';
import { roundResults } from '../../src/lib/server/awards/tally';
import { juryNominee, juryPanel, saveScores } from '../../src/lib/server/awards/scoring';
import { cultureForAdviser } from '../../src/lib/server/culture/share';
import { inCompany } from '../../src/lib/server/db/scope';
import { thisYear } from '../clock';
import { createTestDatabase, type TestDatabase } from './db';
import { companyIdsBySlug, userId, userIds } from './fixtures';
import { pageStatements } from './statements';

/**
 * Issue 20 for the election's pages on the demo data (seedDemoAwards): this year's round
 * in its regional jury phase (Ahmed and Kees accepted, adviseur@sbb.example a juror of
 * Midden-Nederland), next year's open for nominations (the current round), last year's
 * published. Each page's statements as its load runs them, and its data.
 */
let t: TestDatabase;
let ids: Record<string, string>;
let companies: Record<string, string>;

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	const emails = {
		fatima: 'lerende@delinde.example',
		ahmed: 'opleider@delinde.example',
		ingrid: 'opleider2@delinde.example',
		kees: 'opleider@vandijkbouw.example',
		bart: 'opleider@zeeuwsekust.example',
		adviser: 'adviseur@sbb.example'
	};
	ids = await userIds(t.db, emails);
	companies = await companyIdsBySlug(t.db);
});
afterAll(() => t?.close());

const page = <T>(name: string, run: (db: TestDatabase['db']) => Promise<T>) =>
	pageStatements(t.db, name, run);

describe('the election page (verkiezing)', () => {
	const none = { q: '', trainer: '', company: '' };

	it('without a search: one statement, the round, its criteria, the published years', async () => {
		const now = new Date();
		const { statements, result } = await page('election', (db) =>
			electionPage(db, ids.fatima, none, now)
		);
		expect(statements).toBe(1);
		const round = (await currentRound(t.db))!;
		expect(round.year).toBe(thisYear() + 1);
		expect(result).toEqual({
			round: { id: round.id, year: round.year, title: round.title },
			state: phaseAt(round, now),
			criteria: await criteriaOf(t.db, round.id),
			hasNomination: false,
			q: '',
			hits: [],
			chosen: null,
			eligibility: null,
			years: await publishedYears(t.db, now)
		});
		expect(result.years).toEqual([thisYear() - 1]);
		expect(result.state?.phase).toBe('nominations');
		expect(result.criteria).toHaveLength(5);
	});

	it('with ?q: two statements, the trainers found', async () => {
		const { statements, result } = await page('election, search', (db) =>
			electionPage(db, ids.fatima, { ...none, q: 'Linde' })
		);
		expect(statements).toBe(2);
		expect(result.hits).toEqual(await searchTrainers(t.db, 'Linde'));
		expect(result.hits!.map((h) => h.userId)).toContain(ids.ahmed);
		expect(result.q).toBe('Linde');
	});

	it('with a chosen trainer: the trainer and their eligibility in one more statement', async () => {
		const now = new Date();
		const round = (await currentRound(t.db))!;
		const linde = companies['zorggroep-de-linde'];
		const { statements, result } = await page('election, eligible trainer', (db) =>
			electionPage(db, ids.fatima, { q: 'Ahmed', trainer: ids.ahmed, company: linde }, now)
		);
		expect(statements).toBe(3);
		expect(result.chosen).toEqual(await trainerAt(t.db, ids.ahmed, linde));
		expect(result.chosen!.name).toBe('Ahmed El Amrani');
		expect(result.eligibility).toEqual(await eligibilityOf(t.db, round.id, ids.ahmed, linde, now));
		expect(result.eligibility!.eligible).toBe(true);
		expect(result.hits!.map((h) => h.userId)).toEqual([ids.ahmed]);

		// Bart won last year: not eligible; the rule that fails says so.
		const zeeuws = companies['hotel-de-zeeuwse-kust'];
		const bart = await page('election, ineligible trainer', (db) =>
			electionPage(db, ids.fatima, { ...none, trainer: ids.bart, company: zeeuws }, now)
		);
		expect(bart.statements).toBe(2);
		expect(bart.result.chosen).toEqual(await trainerAt(t.db, ids.bart, zeeuws));
		expect(bart.result.eligibility).toEqual(
			await eligibilityOf(t.db, round.id, ids.bart, zeeuws, now)
		);
		expect(bart.result.eligibility!.eligible).toBe(false);
		expect(bart.result.eligibility!.rules.filter((r) => !r.ok).map((r) => r.rule)).toContain(
			'no_win_in_last_years'
		);

		// Not a trainer there (Ahmed at Van Dijk), or no uuid: nothing chosen, no statement for it.
		const elsewhere = await page('election, not a trainer there', (db) =>
			electionPage(db, ids.fatima, {
				...none,
				trainer: ids.ahmed,
				company: companies['bouwbedrijf-van-dijk']
			})
		);
		expect(elsewhere.statements).toBe(2);
		expect(elsewhere.result.chosen).toBeNull();
		expect(elsewhere.result.eligibility).toBeNull();
		const malformed = await page('election, malformed', (db) =>
			electionPage(db, ids.fatima, { ...none, trainer: 'x', company: 'y' })
		);
		expect(malformed.statements).toBe(1);
		expect(malformed.result.chosen).toBeNull();
	});

	it('knows the user’s own nomination, still in one statement', async () => {
		const round = (await currentRound(t.db))!;
		const linde = companies['zorggroep-de-linde'];
		const criteria = await criteriaOf(t.db, round.id);
		await nominate(
			t.db,
			ids.fatima,
			round.id,
			{ userId: ids.ahmed, companyId: linde },
			{
				motivations: Object.fromEntries(criteria.map((c) => [c.id, 'x'.repeat(MIN_MOTIVATION)])),
				evidence: '',
				nominatorNamed: false
			},
			'http://localhost'
		);
		expect(await ownNomination(t.db, ids.fatima, round.id)).not.toBeNull();
		const { statements, result } = await page('election, own nomination', (db) =>
			electionPage(db, ids.fatima, none)
		);
		expect(statements).toBe(1);
		expect(result.hasNomination).toBe(true);
		// Someone else's nomination is not theirs.
		expect((await electionPage(t.db, ids.kees, none)).hasNomination).toBe(false);
	});
});

describe('the jury’s pages (jury/[panelId] and jury/[panelId]/[nomineeId])', () => {
	let midden: string;

	beforeAll(async () => {
		// This year's (last year's round has a panel of that name too).
		const row = await t.db
			.selectFrom('jury_panel as p')
			.innerJoin('award_round as r', 'r.id', 'p.round_id')
			.select(['p.id', 'p.round_id'])
			.where('p.name', '=', 'Midden-Nederland')
			.where('r.year', '=', thisYear())
			.executeTakeFirstOrThrow();
		midden = row.id;
		// A second candidate in the panel's regions (De Linde), accepted, so that the
		// nominee page has a next one to score.
		await t.db
			.insertInto('nomination')
			.values({
				round_id: row.round_id,
				nominator_id: await userId(t.db, 'p.dekker@delinde.example'),
				nominee_id: ids.ingrid,
				company_id: companies['zorggroep-de-linde'],
				status: 'accepted',
				consented_at: new Date(),
				evidence: 'Portfolio met verslagen'
			})
			.execute();
	});

	it('the panel page: two statements, its nominees with the juror’s state', async () => {
		const { statements, result } = await page('jury panel', (db) =>
			juryPanel(db, midden, ids.adviser)
		);
		expect(statements).toBe(2);
		expect(result!.panel.name).toBe('Midden-Nederland');
		expect(result!.canScore).toBe(true);
		expect(result!.nominees.map((n) => [n.nomineeId, n.conflict, n.submittedAt])).toEqual([
			[ids.ahmed, null, null],
			[ids.ingrid, null, null]
		]);
		// Not a juror of the panel: nothing, in one statement.
		const refused = await page('jury panel, refused', (db) => juryPanel(db, midden, ids.fatima));
		expect(refused.statements).toBe(1);
		expect(refused.result).toBeNull();
	});

	it('a nominee not yet scored, then scored: three statements each', async () => {
		const { statements, result } = await page('jury nominee', (db) =>
			juryNominee(db, midden, ids.adviser, ids.ahmed)
		);
		expect(statements).toBe(3);
		const view = result!;
		expect(view.panel.id).toBe(midden);
		expect(view.criteria).toHaveLength(5);
		expect(view.next?.nomineeId).toBe(ids.ingrid);
		const n = view.nominee;
		expect(n.name).toBe('Ahmed El Amrani');
		expect(n.companyId).toBe(companies['zorggroep-de-linde']);
		expect(n.conflict).toBeNull();
		expect(n.conflictReason).toBeNull();
		expect(n.submittedAt).toBeNull();
		expect(n.mine.size).toBe(0);
		expect(n.others).toEqual([]);
		// Fatima's accepted nomination: five motivations (one per criterion), HR's endorsement.
		expect(n.motivations).toHaveLength(1);
		expect(n.motivations[0]).toHaveLength(5);
		expect(new Set(n.motivations[0].map((m) => m.criterionId))).toEqual(
			new Set(view.criteria.map((c) => c.id))
		);
		expect(n.motivations[0].map((m) => m.text)).toContain(
			'Ahmed bespreekt elke maand hoe mijn opleiding past naast mijn werk en mijn gezin, en past de planning aan.'
		);
		expect(n.endorsements).toEqual([
			'Ahmed is voor onze zij-instromers het eerste aanspreekpunt; wij steunen deze nominatie van harte.'
		]);
		expect(n.evidence).toEqual([]);
		const culture = await inCompany(n.companyId, () => cultureForAdviser(t.db, n.companyId));
		expect(n.culture).toEqual(culture.latest);
		expect(n.cultureShared).toBe(culture.shared);

		await saveScores(
			t.db,
			midden,
			ids.adviser,
			ids.ahmed,
			view.criteria.map((c, i) => ({ criterionId: c.id, score: 6 + i, comment: `c${i}` }))
		);
		const scored = await page('jury nominee, scored', (db) =>
			juryNominee(db, midden, ids.adviser, ids.ahmed)
		);
		expect(scored.statements).toBe(3);
		const again = scored.result!.nominee;
		expect(again.submittedAt).toBeInstanceOf(Date);
		expect(Object.fromEntries(again.mine)).toEqual(
			Object.fromEntries(view.criteria.map((c, i) => [c.id, { score: 6 + i, comment: `c${i}` }]))
		);
		expect(again.others).toEqual([]);
		expect(scored.result!.next?.nomineeId).toBe(ids.ingrid);
		const list = await juryPanel(t.db, midden, ids.adviser);
		expect(list!.nominees.find((x) => x.nomineeId === ids.ahmed)!.submittedAt).toEqual(
			again.submittedAt
		);

		// Ingrid's page: her nomination without motivations but with evidence; Ahmed is
		// scored, so nothing else is left to score.
		const ingrid = await juryNominee(t.db, midden, ids.adviser, ids.ingrid);
		expect(ingrid!.nominee.motivations).toEqual([[]]);
		expect(ingrid!.nominee.evidence).toEqual(['Portfolio met verslagen']);
		expect(ingrid!.nominee.endorsements).toEqual([]);
		expect(ingrid!.next).toBeNull();
	});

	it('refuses in the panel check: no juror, no candidate, no uuid', async () => {
		const notJuror = await page('jury nominee, not a juror', (db) =>
			juryNominee(db, midden, ids.fatima, ids.ahmed)
		);
		expect(notJuror.result).toBeNull();
		expect(notJuror.statements).toBe(1);
		const notCandidate = await page('jury nominee, not a candidate', (db) =>
			juryNominee(db, midden, ids.adviser, ids.bart)
		);
		expect(notCandidate.result).toBeNull();
		expect(notCandidate.statements).toBe(2);
		expect(await juryNominee(t.db, midden, ids.adviser, 'x')).toBeNull();
		expect(await juryNominee(t.db, 'x', ids.adviser, ids.ahmed)).toBeNull();
	});

	it('the national panel: its finalists from the regional results; three statements, four for a nominee', async () => {
		const row = await t.db
			.selectFrom('jury_panel as p')
			.innerJoin('award_round as r', 'r.id', 'p.round_id')
			.select(['p.id', 'p.round_id'])
			.where('p.kind', '=', 'national')
			.where('r.year', '=', thisYear())
			.executeTakeFirstOrThrow();
		// The finalists as the tally has them: Kees (scored in Zuidwest by the demo) and
		// Ahmed (scored in Midden-Nederland by the test above); Ingrid has no scores.
		const round = (await getRound(t.db, row.round_id))!;
		const finalists = (await roundResults(t.db, round))
			.find((r) => r.panel.id === row.id)!
			.candidates.map((c) => c.nomineeId);
		expect(finalists).toEqual([ids.ahmed, ids.kees]);

		const { statements, result } = await page('jury panel, national', (db) =>
			juryPanel(db, row.id, ids.adviser)
		);
		expect(statements).toBe(3);
		expect(result!.panel.kind).toBe('national');
		expect(result!.canScore).toBe(false);
		expect(result!.nominees.map((n) => [n.nomineeId, n.conflict, n.submittedAt])).toEqual([
			[ids.ahmed, null, null],
			[ids.kees, null, null]
		]);

		const nominee = await page('jury nominee, national', (db) =>
			juryNominee(db, row.id, ids.adviser, ids.kees)
		);
		expect(nominee.statements).toBe(4);
		expect(nominee.result!.nominee.name).toBe('Kees Mulder');
		expect(nominee.result!.nominee.motivations.length).toBeGreaterThan(0);
		// Scores of a regional panel are not the national panel's.
		expect(nominee.result!.nominee.mine.size).toBe(0);
		expect(nominee.result!.next?.nomineeId).toBe(ids.ahmed);
		// A candidate of the round who is no finalist: not on the national panel's pages.
		const notFinalist = await page('jury nominee, national, not a finalist', (db) =>
			juryNominee(db, row.id, ids.adviser, ids.ingrid)
		);
		expect(notFinalist.result).toBeNull();
		expect(notFinalist.statements).toBe(3);
	});
});
