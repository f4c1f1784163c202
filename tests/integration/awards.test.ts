import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/lib/server/auth/context';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { DomainError } from '../../src/lib/server/errors';
import { addJuror, addPanel, replaceJuror } from '../../src/lib/server/awards/panels';
import {
	declareConflict,
	juryNominee,
	juryPanel,
	saveScores
} from '../../src/lib/server/awards/scoring';
import { publishRound, roundResults } from '../../src/lib/server/awards/tally';
import { companyNominations, endorseNomination } from '../../src/lib/server/awards/endorsements';
import { eligibilityOf } from '../../src/lib/server/awards/eligibility';
import {
	nominate,
	ownNomination,
	updateNomination,
	withdrawNomination,
	MIN_MOTIVATION
} from '../../src/lib/server/awards/nominations';
import { respondToNomination } from '../../src/lib/server/awards/received';
import { fromAmsterdamLocal, phaseAt, toAmsterdamLocal } from '../../src/lib/server/awards/phase';
import { computeResults } from '../../src/lib/server/awards/results';
import {
	createRound,
	criteriaOf,
	requireRound,
	updateRound,
	updateRules
} from '../../src/lib/server/awards/rounds';
import { publicResult } from '../../src/lib/server/awards/public';
import { thisYear } from '../clock';
import { createTestDatabase, type TestDatabase } from './db';
import { countStatements, MAX_PAGE_STATEMENTS } from './statements';
import { companyIdsBySlug, contextFor, mailsTo, userIds } from './fixtures';

const DAY = 24 * 3600 * 1000;
const T0 = new Date();
/** The test's own round: years clear of the demo's rounds (last, this and next year). */
const YEAR = thisYear() + 10;
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const ORIGIN = 'http://localhost';

let t: TestDatabase;
let roundId: string;
let ids: Record<string, string>;
let companies: Record<string, string>;
let hr: RequestContext;
let otherHr: RequestContext;

async function expectError(p: Promise<unknown>, code: string) {
	const e = await p.catch((x: unknown) => x);
	expect(e).toBeInstanceOf(DomainError);
	expect((e as DomainError).code).toBe(code);
}

async function motivations(text = 'x'.repeat(MIN_MOTIVATION)) {
	const criteria = await criteriaOf(t.db, roundId);
	return Object.fromEntries(criteria.map((c) => [c.id, text]));
}

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	const emails = {
		ahmed: 'opleider@delinde.example',
		ingrid: 'opleider2@delinde.example',
		sanne: 'sanne@ervaringswerk.example',
		fatima: 'lerende@delinde.example',
		peter: 'p.dekker@delinde.example',
		tom: 'lerende@vandijkbouw.example',
		noor: 'lerende@zeeuwsekust.example',
		hrLinde: 'hr@delinde.example',
		admin: 'admin@vakmaat.example',
		adviser: 'adviseur@sbb.example',
		kees: 'opleider@vandijkbouw.example'
	};
	ids = await userIds(t.db, emails);
	companies = await companyIdsBySlug(t.db);
	hr = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
	otherHr = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
	roundId = await createRound(t.db, ids.admin, {
		year: YEAR,
		title: `Beste LLO-praktijkopleider ${YEAR}`,
		nominationsOpenAt: at(-1),
		nominationsCloseAt: at(10),
		regionalJuryUntil: at(20),
		nationalJuryUntil: at(30),
		finalistsPerPanel: 1
	});
});
afterAll(() => t?.close());

describe('the phase clock', () => {
	it('gives the phase and the next deadline for any moment', async () => {
		const round = await requireRound(t.db, roundId);
		expect(phaseAt(round, at(-2))).toEqual({
			phase: 'upcoming',
			nextDeadline: round.nominations_open_at
		});
		expect(phaseAt(round, at(0)).phase).toBe('nominations');
		expect(phaseAt(round, at(0)).nextDeadline).toEqual(round.nominations_close_at);
		expect(phaseAt(round, at(11)).phase).toBe('regional_jury');
		expect(phaseAt(round, at(21)).phase).toBe('national_jury');
		expect(phaseAt(round, at(31))).toEqual({ phase: 'counting', nextDeadline: null });
		expect(phaseAt({ ...round, results_published_at: at(32) }, at(33)).phase).toBe('published');
	});

	it('reads and writes Amsterdam wall-clock time, summer and winter', () => {
		expect(fromAmsterdamLocal('2026-07-01T12:00')!.toISOString()).toBe('2026-07-01T10:00:00.000Z');
		expect(fromAmsterdamLocal('2026-01-15T09:30')!.toISOString()).toBe('2026-01-15T08:30:00.000Z');
		expect(toAmsterdamLocal(new Date('2026-01-15T08:30:00Z'))).toBe('2026-01-15T09:30');
		expect(fromAmsterdamLocal('2026-13-01T09:30')).toBeNull();
		expect(fromAmsterdamLocal('gisteren')).toBeNull();
	});

	it('refuses dates out of order, nothing stored', async () => {
		const before = await requireRound(t.db, roundId);
		await expectError(
			updateRound(t.db, roundId, {
				title: 'x',
				nominationsOpenAt: at(5),
				nominationsCloseAt: at(4),
				regionalJuryUntil: at(20),
				nationalJuryUntil: at(30),
				finalistsPerPanel: 1
			}),
			'award_dates_order'
		);
		expect(await requireRound(t.db, roundId)).toEqual(before);
	});
});

describe('eligibility', () => {
	const rules = async (user: string, company: string) =>
		eligibilityOf(t.db, roundId, ids[user], companies[company], T0);
	const failed = (e: { rules: { rule: string; ok: boolean }[] }) =>
		e.rules.filter((r) => !r.ok).map((r) => r.rule);

	it('Ahmed (complete LLO profile, 9 years, coaching Fatima) is eligible', async () => {
		const e = await rules('ahmed', 'zorggroep-de-linde');
		expect(e.eligible).toBe(true);
		expect(e.rules.map((r) => r.rule)).toEqual([
			'trainer_at_company',
			'llo_profile_complete',
			'min_years_experience',
			'coached_adult_months',
			'no_win_in_last_years'
		]);
	});

	it('each rule fails with its reason', async () => {
		expect(failed(await rules('fatima', 'zorggroep-de-linde'))).toContain('trainer_at_company');
		expect(failed(await rules('ingrid', 'zorggroep-de-linde'))).toContain('llo_profile_complete');
		// Sanne at the hotel: no profile, no years, no learners there.
		expect(failed(await rules('sanne', 'hotel-de-zeeuwse-kust'))).toEqual([
			'llo_profile_complete',
			'min_years_experience',
			'coached_adult_months'
		]);
		// A win two years ago.
		await t.db
			.insertInto('award_round')
			.values({
				year: YEAR - 2,
				title: 'oud',
				nominations_open_at: at(-900),
				nominations_close_at: at(-890),
				regional_jury_until: at(-880),
				national_jury_until: at(-870),
				results_published_at: at(-860),
				winner_user_id: ids.ahmed,
				winner_company_id: companies['zorggroep-de-linde']
			})
			.execute();
		const e = await rules('ahmed', 'zorggroep-de-linde');
		expect(failed(e)).toEqual(['no_win_in_last_years']);
		expect(e.rules.find((r) => r.rule === 'no_win_in_last_years')!.value).toBe(3);
		await t.db
			.deleteFrom('award_round')
			.where('year', '=', YEAR - 2)
			.execute();
		expect((await rules('ahmed', 'zorggroep-de-linde')).eligible).toBe(true);
	});

	it('rules are data: switched off, they are not checked', async () => {
		await updateRules(
			t.db,
			roundId,
			{
				llo_profile_complete: false,
				min_years_experience: 0,
				coached_adult_months: 0,
				no_win_in_last_years: 3
			},
			T0
		);
		const e = await rules('sanne', 'hotel-de-zeeuwse-kust');
		expect(e.eligible).toBe(true);
		expect(e.rules.map((r) => r.rule)).toEqual(['trainer_at_company', 'no_win_in_last_years']);
		await updateRules(
			t.db,
			roundId,
			{
				llo_profile_complete: true,
				min_years_experience: 20,
				coached_adult_months: 12,
				no_win_in_last_years: 3
			},
			T0
		);
		expect(failed(await rules('ahmed', 'zorggroep-de-linde'))).toEqual(['min_years_experience']);
		await updateRules(
			t.db,
			roundId,
			{
				llo_profile_complete: true,
				min_years_experience: 1,
				coached_adult_months: 12,
				no_win_in_last_years: 3
			},
			T0
		);
	});
});

describe('eligibility: the company’s learning-culture scan (issue 15)', () => {
	it('asks for a scan in the last N months when the round says so, and not otherwise', async () => {
		const base = {
			llo_profile_complete: false,
			min_years_experience: 0,
			coached_adult_months: 0,
			no_win_in_last_years: 3
		};
		await updateRules(t.db, roundId, { ...base, culture_scan_months: 12 }, T0);
		// De Linde held scans in the demo (the latest about 2½ months ago); the hotel none.
		const linde = await eligibilityOf(
			t.db,
			roundId,
			ids.ahmed,
			companies['zorggroep-de-linde'],
			T0
		);
		expect(linde.rules.find((r) => r.rule === 'culture_scan_months')).toEqual({
			rule: 'culture_scan_months',
			ok: true,
			value: 12
		});
		const hotel = await eligibilityOf(
			t.db,
			roundId,
			ids.sanne,
			companies['hotel-de-zeeuwse-kust'],
			T0
		);
		expect(hotel.eligible).toBe(false);
		expect(hotel.rules.filter((r) => !r.ok).map((r) => r.rule)).toEqual(['culture_scan_months']);
		// One month back is too short for De Linde's latest scan.
		await updateRules(t.db, roundId, { ...base, culture_scan_months: 1 }, T0);
		expect(
			(await eligibilityOf(t.db, roundId, ids.ahmed, companies['zorggroep-de-linde'], T0)).eligible
		).toBe(false);
		// Switched off: not checked.
		await updateRules(t.db, roundId, { ...base, culture_scan_months: 0 }, T0);
		const off = await eligibilityOf(
			t.db,
			roundId,
			ids.sanne,
			companies['hotel-de-zeeuwse-kust'],
			T0
		);
		expect(off.rules.map((r) => r.rule)).not.toContain('culture_scan_months');
		await updateRules(
			t.db,
			roundId,
			{
				llo_profile_complete: true,
				min_years_experience: 1,
				coached_adult_months: 12,
				no_win_in_last_years: 3
			},
			T0
		);
	});
});

describe('nominations', () => {
	it('refuses an ineligible trainer, short motivations, self-nomination; nothing stored', async () => {
		await expectError(
			nominate(
				t.db,
				ids.fatima,
				roundId,
				{ userId: ids.ingrid, companyId: companies['zorggroep-de-linde'] },
				{ motivations: await motivations(), evidence: '', nominatorNamed: false },
				ORIGIN,
				T0
			),
			'award_not_eligible'
		);
		await expectError(
			nominate(
				t.db,
				ids.fatima,
				roundId,
				{ userId: ids.ahmed, companyId: companies['zorggroep-de-linde'] },
				{ motivations: await motivations('te kort'), evidence: '', nominatorNamed: false },
				ORIGIN,
				T0
			),
			'award_motivation_too_short'
		);
		await expectError(
			nominate(
				t.db,
				ids.ahmed,
				roundId,
				{ userId: ids.ahmed, companyId: companies['zorggroep-de-linde'] },
				{ motivations: await motivations(), evidence: '', nominatorNamed: false },
				ORIGIN,
				T0
			),
			'award_self_nomination'
		);
		const n = await t.db
			.selectFrom('nomination')
			.select('id')
			.where('round_id', '=', roundId)
			.execute();
		expect(n).toHaveLength(0);
		const m = await t.db
			.selectFrom('nomination_motivation as nm')
			.innerJoin('nomination as n', 'n.id', 'nm.nomination_id')
			.select('n.id')
			.where('n.round_id', '=', roundId)
			.execute();
		expect(m).toHaveLength(0);
	});

	it('one nomination per nominator per round; edit and withdraw until close; the nominee gets a mail', async () => {
		const target = { userId: ids.ahmed, companyId: companies['zorggroep-de-linde'] };
		const before = mailsTo('opleider@delinde.example').length;
		await nominate(
			t.db,
			ids.fatima,
			roundId,
			target,
			{
				motivations: await motivations(),
				evidence: 'Fatima haalde haar certificaat.',
				nominatorNamed: false
			},
			ORIGIN,
			T0
		);
		expect(mailsTo('opleider@delinde.example').length).toBe(before + 1);
		expect(mailsTo('opleider@delinde.example').at(-1)!.text).toContain(
			'/verkiezing/mijn-nominaties'
		);
		await expectError(
			nominate(
				t.db,
				ids.fatima,
				roundId,
				target,
				{ motivations: await motivations(), evidence: '', nominatorNamed: false },
				ORIGIN,
				T0
			),
			'award_already_nominated'
		);
		await updateNomination(
			t.db,
			ids.fatima,
			roundId,
			{ motivations: await motivations('y'.repeat(50)), evidence: 'nieuw', nominatorNamed: false },
			T0
		);
		expect((await ownNomination(t.db, ids.fatima, roundId))!.evidence).toBe('nieuw');
		// After the close: no edits, no withdrawal, no new nominations.
		await expectError(
			updateNomination(
				t.db,
				ids.fatima,
				roundId,
				{ motivations: await motivations(), evidence: 'laat', nominatorNamed: false },
				at(11)
			),
			'award_nominations_closed'
		);
		await expectError(
			withdrawNomination(t.db, ids.fatima, roundId, at(11)),
			'award_nominations_closed'
		);
		await expectError(
			nominate(
				t.db,
				ids.peter,
				roundId,
				target,
				{ motivations: await motivations(), evidence: '', nominatorNamed: true },
				ORIGIN,
				at(11)
			),
			'award_nominations_closed'
		);
		// Withdrawn, the slot is free again.
		await withdrawNomination(t.db, ids.fatima, roundId, T0);
		expect(await ownNomination(t.db, ids.fatima, roundId)).toBeNull();
		await nominate(
			t.db,
			ids.fatima,
			roundId,
			target,
			{
				motivations: await motivations('Ahmed neemt de tijd voor volwassen lerenden.'),
				evidence: '',
				nominatorNamed: false
			},
			ORIGIN,
			T0
		);
		await nominate(
			t.db,
			ids.peter,
			roundId,
			target,
			{ motivations: await motivations(), evidence: '', nominatorNamed: true },
			ORIGIN,
			T0
		);
	});

	it('counts only after the nominee accepts', async () => {
		const results = await roundResults(t.db, await requireRound(t.db, roundId));
		expect(results).toHaveLength(0);
		const candidates = async () =>
			(
				await t.db
					.selectFrom('award_candidate')
					.select('nominee_id')
					.where('round_id', '=', roundId)
					.execute()
			).map((r) => r.nominee_id);
		expect(await candidates()).toEqual([]);
		const mine = await t.db
			.selectFrom('nomination')
			.select('id')
			.where('round_id', '=', roundId)
			.where('nominee_id', '=', ids.ahmed)
			.where('status', '<>', 'withdrawn')
			.execute();
		await respondToNomination(t.db, ids.ahmed, mine[0].id, true, true, T0);
		expect(await candidates()).toEqual([ids.ahmed]);
		await respondToNomination(t.db, ids.ahmed, mine[1].id, false, false, T0);
		// Only the nominee answers, only while nominations are open.
		await expectError(
			respondToNomination(t.db, ids.fatima, mine[1].id, true, false, T0),
			'award_nomination_not_found'
		);
		await expectError(
			respondToNomination(t.db, ids.ahmed, mine[1].id, true, false, at(11)),
			'award_nominations_closed'
		);
	});

	it('HR sees its own company’s nominations only, the nominator hidden unless named', async () => {
		const inRound = async (ctx: RequestContext) =>
			(await companyNominations(t.db, ctx, roundId, T0))[0]?.nominations ?? [];
		const list = await inRound(hr);
		expect(list).toHaveLength(2);
		expect(list.map((n) => n.nominatorName).sort()).toEqual(['Peter Dekker', null].sort());
		expect(await inRound(otherHr)).toEqual([]);
		expect(list.every((n) => n.canEndorse)).toBe(true);
		await expectError(
			endorseNomination(t.db, otherHr, list[0].id, 'Goed', T0),
			'award_nomination_not_found'
		);
		await expectError(
			endorseNomination(t.db, hr, list[0].id, '   ', T0),
			'award_endorsement_required'
		);
		await endorseNomination(t.db, hr, list[0].id, 'Wij steunen deze nominatie.', T0);
		expect((await inRound(hr))[0].endorsement).toBe('Wij steunen deze nominatie.');
	});
});

describe('results', () => {
	it('worked example: weighted mean and normalised score, checked by hand', () => {
		// Criteria A (weight 3) and B (weight 1).
		// Juror J1 (strict):  X: A4 B8 → (3·4+8)/4 = 5;  Y: A2 B2 → 2;  Z: A8 B4 → (24+4)/4 = 7
		//   μ = 14/3 = 4.667; σ = √(((1/3)² + (8/3)² + (7/3)²)/3) = √(38/9) = 2.0548
		//   z: X = 0.3333/2.0548 = 0.1622;  Y = −2.6667/2.0548 = −1.2978;  Z = 2.3333/2.0548 = 1.1355
		// Juror J2 (mild):    X: 10/10 → 10;  Y: 9/9 → 9;  Z: 8/8 → 8
		//   μ = 9; σ = √(2/3) = 0.8165;  z: X = 1.2247, Y = 0, Z = −1.2247
		// Weighted mean: X = (5+10)/2 = 7.5;  Y = (2+9)/2 = 5.5;  Z = (7+8)/2 = 7.5  (X and Z equal)
		// Normalised:    X = (0.1622+1.2247)/2 = 0.6935;  Y = −0.6489;  Z = (1.1355−1.2247)/2 = −0.0446
		// → X first, Z second (the mild juror's 8 for Z weighs as much as the strict juror's 7), Y third.
		const criteria = [
			{ id: 'A', weight: 3 },
			{ id: 'B', weight: 1 }
		];
		const s = (jurorId: string, nomineeId: string, a: number, b: number) => [
			{ jurorId, nomineeId, criterionId: 'A', score: a },
			{ jurorId, nomineeId, criterionId: 'B', score: b }
		];
		const r = computeResults(criteria, [
			...s('J1', 'X', 4, 8),
			...s('J1', 'Y', 2, 2),
			...s('J1', 'Z', 8, 4),
			...s('J2', 'X', 10, 10),
			...s('J2', 'Y', 9, 9),
			...s('J2', 'Z', 8, 8)
		]);
		expect(r.map((x) => x.nomineeId)).toEqual(['X', 'Z', 'Y']);
		expect(r[0].weightedMean).toBeCloseTo(7.5, 9);
		expect(r[1].weightedMean).toBeCloseTo(7.5, 9);
		expect(r[2].weightedMean).toBeCloseTo(5.5, 9);
		expect(r[0].normalised).toBeCloseTo(0.6935, 3);
		expect(r[1].normalised).toBeCloseTo(-0.0446, 3);
		expect(r[2].normalised).toBeCloseTo(-0.6489, 3);
		expect(r.map((x) => [x.rank, x.tie])).toEqual([
			[1, false],
			[2, false],
			[3, false]
		]);
	});

	it('flags ties and gives them the same rank', () => {
		const criteria = [{ id: 'A', weight: 1 }];
		const r = computeResults(criteria, [
			{ jurorId: 'J', nomineeId: 'P', criterionId: 'A', score: 7 },
			{ jurorId: 'J', nomineeId: 'Q', criterionId: 'A', score: 7 },
			{ jurorId: 'J', nomineeId: 'R', criterionId: 'A', score: 3 }
		]);
		expect(r.map((x) => [x.nomineeId, x.rank, x.tie])).toEqual([
			['P', 1, true],
			['Q', 1, true],
			['R', 3, false]
		]);
	});
});

describe('the jury', () => {
	let midden: string;
	let zuidwest: string;
	let national: string;
	const scoresOf = async (value: number) =>
		(await criteriaOf(t.db, roundId)).map((c) => ({
			criterionId: c.id,
			score: value,
			comment: ''
		}));

	it('scores only in its phase, never with a conflict; replacing a juror keeps scores', async () => {
		const regions = Object.fromEntries(
			(await t.db.selectFrom('region').select(['id', 'name']).execute()).map((r) => [r.name, r.id])
		);
		midden = await addPanel(
			t.db,
			roundId,
			{ kind: 'regional', name: 'Midden', regionIds: [regions['Midden-Utrecht']] },
			T0
		);
		zuidwest = await addPanel(
			t.db,
			roundId,
			{ kind: 'regional', name: 'Zuidwest', regionIds: [regions['Zeeland'], regions['Rijnmond']] },
			T0
		);
		national = await addPanel(
			t.db,
			roundId,
			{ kind: 'national', name: 'Nationaal', regionIds: [] },
			T0
		);
		await expectError(
			addPanel(t.db, roundId, { kind: 'national', name: 'Tweede', regionIds: [] }, T0),
			'award_national_exists'
		);
		await expectError(
			addPanel(t.db, roundId, { kind: 'regional', name: 'Leeg', regionIds: [] }, T0),
			'award_regions_required'
		);
		await expectError(addJuror(t.db, midden, 'lerende@delinde.example'), 'award_juror_role');
		await addJuror(t.db, midden, 'adviseur@sbb.example');
		await addJuror(t.db, midden, 'admin@vakmaat.example');
		await expectError(addJuror(t.db, midden, 'adviseur@sbb.example'), 'award_juror_already');

		// Not yet the regional phase.
		await expectError(
			saveScores(t.db, midden, ids.adviser, ids.ahmed, await scoresOf(8), T0),
			'award_scoring_closed'
		);
		// Outside the panel: a juror of another panel, a nominee who is no candidate.
		await expectError(
			saveScores(t.db, zuidwest, ids.adviser, ids.ahmed, await scoresOf(8), at(11)),
			'award_not_juror'
		);
		await expectError(
			saveScores(t.db, midden, ids.adviser, ids.sanne, await scoresOf(8), at(11)),
			'award_not_candidate'
		);
		// A score outside 1–10: nothing stored.
		const bad = await scoresOf(8);
		bad[2].score = 11;
		await expectError(
			saveScores(t.db, midden, ids.adviser, ids.ahmed, bad, at(11)),
			'award_score_invalid'
		);
		expect(
			await t.db.selectFrom('jury_score').select('score').where('panel_id', '=', midden).execute()
		).toHaveLength(0);

		await saveScores(t.db, midden, ids.adviser, ids.ahmed, await scoresOf(8), at(11));
		// The admin has not scored: sees no one else's scores yet; the adviser sees none of the admin's.
		let view = await juryNominee(t.db, midden, ids.admin, ids.ahmed, at(11));
		expect(view!.nominee.others).toEqual([]);
		await saveScores(t.db, midden, ids.admin, ids.ahmed, await scoresOf(6), at(11));
		view = await juryNominee(t.db, midden, ids.admin, ids.ahmed, at(11));
		expect(view!.nominee.others.every((o) => o.score === 8)).toBe(true);

		// Replacing the admin by Kees: refused while Kees is no adviser, then done; the admin's scores stay.
		const member = await t.db
			.selectFrom('jury_member')
			.select('id')
			.where('panel_id', '=', midden)
			.where('user_id', '=', ids.admin)
			.executeTakeFirstOrThrow();
		await expectError(
			replaceJuror(t.db, member.id, 'opleider@vandijkbouw.example'),
			'award_juror_role'
		);
		await t.db.insertInto('platform_role').values({ user_id: ids.kees, role: 'adviser' }).execute();
		await replaceJuror(t.db, member.id, 'opleider@vandijkbouw.example');
		expect(await juryNominee(t.db, midden, ids.admin, ids.ahmed, at(11))).toBeNull();
		const results = await roundResults(t.db, await requireRound(t.db, roundId));
		const m = results.find((r) => r.panel.id === midden)!;
		// Both jurors' scores count: (8 + 6) / 2 = 7.
		expect(m.results[0].weightedMean).toBeCloseTo(7, 9);
		expect(m.results[0].jurors).toBe(2);
	});

	it('conflicts: a member of the nominee’s company, the nominator, a declared conflict', async () => {
		// Kees is a member of Van Dijk, not of De Linde: no conflict with Ahmed.
		let view = await juryNominee(t.db, midden, ids.kees, ids.ahmed, at(11));
		expect(view!.nominee.conflict).toBeNull();
		await declareConflict(t.db, midden, ids.kees, ids.ahmed, 'Oud-collega', at(11));
		view = await juryNominee(t.db, midden, ids.kees, ids.ahmed, at(11));
		expect(view!.nominee.conflict).toBe('declared');
		await expectError(
			saveScores(t.db, midden, ids.kees, ids.ahmed, await scoresOf(1), at(11)),
			'award_conflict'
		);
		await expectError(
			declareConflict(t.db, midden, ids.kees, ids.ahmed, '  ', at(11)),
			'award_reason_required'
		);

		// Peter nominated Ahmed; HR Marieke is a member of De Linde: both automatically excluded.
		await t.db
			.insertInto('platform_role')
			.values([
				{ user_id: ids.peter, role: 'adviser' },
				{ user_id: ids.hrLinde, role: 'adviser' }
			])
			.execute();
		await addJuror(t.db, midden, 'p.dekker@delinde.example');
		await addJuror(t.db, midden, 'hr@delinde.example');
		expect((await juryNominee(t.db, midden, ids.peter, ids.ahmed, at(11)))!.nominee.conflict).toBe(
			'member'
		);
		expect(
			(await juryNominee(t.db, midden, ids.hrLinde, ids.ahmed, at(11)))!.nominee.conflict
		).toBe('member');
		await expectError(
			saveScores(t.db, midden, ids.hrLinde, ids.ahmed, await scoresOf(1), at(11)),
			'award_conflict'
		);
		// Excluded scores never count, even if stored before a conflict became known.
		await t.db
			.insertInto('jury_score')
			.values(
				(await scoresOf(1)).map((s) => ({
					panel_id: midden,
					juror_id: ids.hrLinde,
					nominee_id: ids.ahmed,
					criterion_id: s.criterionId,
					score: 1
				}))
			)
			.execute();
		const results = await roundResults(t.db, await requireRound(t.db, roundId));
		expect(results.find((r) => r.panel.id === midden)!.results[0].weightedMean).toBeCloseTo(7, 9);
	});

	it('the panel list: two statements, each nominee with the juror’s conflict and submission', async () => {
		// Issue 20: the panel with its round and criteria, then its candidates with this
		// juror's conflicts and submissions.
		const { statements, result } = await countStatements(t.db, (db) =>
			juryPanel(db, midden, ids.adviser, at(11))
		);
		expect(statements).toBe(2);
		expect(statements).toBeLessThanOrEqual(MAX_PAGE_STATEMENTS);
		const ahmed = (view: typeof result) => view!.nominees.find((n) => n.nomineeId === ids.ahmed)!;
		expect(ahmed(result).conflict).toBeNull();
		expect(ahmed(result).submittedAt).toBeInstanceOf(Date);
		expect(result!.criteria.map((c) => c.id)).toEqual(
			(await criteriaOf(t.db, roundId)).map((c) => c.id)
		);
		expect(result!.canScore).toBe(true);
		expect(ahmed(await juryPanel(t.db, midden, ids.kees, at(11))).conflict).toBe('declared');
		expect(ahmed(await juryPanel(t.db, midden, ids.hrLinde, at(11))).conflict).toBe('member');
		expect(ahmed(await juryPanel(t.db, midden, ids.peter, at(11))).submittedAt).toBeNull();
		// Not a juror of this panel, or not a panel: nothing.
		expect(await juryPanel(t.db, zuidwest, ids.adviser, at(11))).toBeNull();
		expect(await juryPanel(t.db, 'x', ids.adviser, at(11))).toBeNull();
	});

	it('a nominator who is no member of the company is excluded as nominator', async () => {
		// Tom (Van Dijk) nominates Ahmed and becomes a juror of the national panel.
		await nominate(
			t.db,
			ids.tom,
			roundId,
			{ userId: ids.ahmed, companyId: companies['zorggroep-de-linde'] },
			{ motivations: await motivations(), evidence: '', nominatorNamed: false },
			ORIGIN,
			T0
		);
		await t.db.insertInto('platform_role').values({ user_id: ids.tom, role: 'adviser' }).execute();
		await addJuror(t.db, national, 'lerende@vandijkbouw.example');
		await addJuror(t.db, national, 'adviseur@sbb.example');
		const view = await juryPanel(t.db, national, ids.tom, at(21));
		expect(view!.nominees.map((n) => [n.nomineeId, n.conflict])).toEqual([
			[ids.ahmed, 'nominator']
		]);
	});

	it('the panel list shows each nominee once with the juror’s state; the nominee page the next to score', async () => {
		const list = await juryPanel(t.db, national, ids.adviser, at(21));
		expect(list!.nominees.map((n) => n.nomineeId)).toEqual([ids.ahmed]);
		expect(list!.nominees[0].submittedAt).toBeNull();
		const one = await juryNominee(t.db, national, ids.adviser, ids.ahmed, at(21));
		expect(one!.nominee.motivations.length).toBeGreaterThan(0);
		// "Leercultuur in het bedrijf": De Linde shares its scan, so the jury sees its means.
		expect(one!.nominee.cultureShared).toBe(true);
		expect(one!.nominee.culture!.dimensions).toHaveLength(7);
		expect(one!.nominee.culture!.employeeResponses).toBeGreaterThanOrEqual(5);
		// The only nominee: nothing else to score.
		expect(one!.next).toBeNull();
		// Not a candidate of this panel, or not a uuid: no page.
		expect(await juryNominee(t.db, national, ids.adviser, ids.kees, at(21))).toBeNull();
		expect(await juryNominee(t.db, national, ids.adviser, 'x', at(21))).toBeNull();
	});

	it('the national top becomes the winner; the public page shows consented motivations only', async () => {
		await expectError(
			saveScores(t.db, national, ids.adviser, ids.ahmed, await scoresOf(9), at(11)),
			'award_scoring_closed'
		);
		await saveScores(t.db, national, ids.adviser, ids.ahmed, await scoresOf(9), at(21));
		await expectError(publishRound(t.db, roundId, at(25)), 'award_not_publishable');
		expect(await publicResult(t.db, YEAR, at(31))).toBeNull();
		await publishRound(t.db, roundId, at(31));
		const round = await requireRound(t.db, roundId);
		expect(round.winner_user_id).toBe(ids.ahmed);
		const pub = await publicResult(t.db, YEAR, at(32));
		expect(pub!.winner!.name).toBe('Ahmed El Amrani');
		// The page is public: no account ids in its data.
		expect(JSON.stringify(pub)).not.toMatch(
			/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/
		);
		expect(pub!.winner!.companyName).toBe('Zorggroep De Linde');
		// Only Fatima's nomination was accepted with consent to publish.
		expect(pub!.winner!.motivations).toHaveLength(1);
		expect(pub!.winner!.motivations[0][0].text).toBe(
			'Ahmed neemt de tijd voor volwassen lerenden.'
		);
		expect(pub!.panels.map((p) => [p.name, p.finalists.map((f) => f.name)])).toEqual([
			['Midden', ['Ahmed El Amrani']],
			['Zuidwest', []]
		]);
		// Ahmed just won: not eligible for a round next year.
		const next = await createRound(t.db, ids.admin, {
			year: YEAR + 1,
			title: String(YEAR + 1),
			nominationsOpenAt: at(40),
			nominationsCloseAt: at(50),
			regionalJuryUntil: at(60),
			nationalJuryUntil: at(70),
			finalistsPerPanel: 3
		});
		const e = await eligibilityOf(t.db, next, ids.ahmed, companies['zorggroep-de-linde'], at(45));
		expect(e.rules.filter((r) => !r.ok).map((r) => r.rule)).toEqual(['no_win_in_last_years']);
	});
});

describe('the demo', () => {
	it('has last year’s round published, this year’s in its regional jury phase and next year’s open for nominations', async () => {
		const year = thisYear();
		const pub = await publicResult(t.db, year - 1);
		expect(pub!.winner!.name).toBe('Bart Hendriks');
		expect(pub!.panels.find((p) => p.name === 'Zuidwest')!.finalists.map((f) => f.name)).toEqual([
			'Bart Hendriks',
			'Kees Mulder'
		]);
		const byYear = async (y: number) =>
			t.db.selectFrom('award_round').selectAll().where('year', '=', y).executeTakeFirstOrThrow();
		const judged = await byYear(year);
		expect(phaseAt(judged, new Date()).phase).toBe('regional_jury');
		const e = await eligibilityOf(t.db, judged.id, ids.ahmed, companies['zorggroep-de-linde']);
		expect(e.eligible).toBe(true);
		const open = await byYear(year + 1);
		expect(phaseAt(open, new Date()).phase).toBe('nominations');
		// HR sees both rounds that concern its trainers, the one being judged with Ahmed.
		const rounds = await companyNominations(t.db, hr);
		const judgedRound = rounds.find((r) => r.roundId === judged.id)!;
		expect(judgedRound.nominations.map((n) => n.nomineeName)).toContain('Ahmed El Amrani');
	});
});
