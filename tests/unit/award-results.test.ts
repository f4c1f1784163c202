import { describe, expect, it } from 'vitest';
import { computeResults, finalists, type ResultScore } from '../../src/lib/server/awards/results';

/** Score normalisation and the tally of one panel, without a database. */
const criteria = [
	{ id: 'c1', weight: 2 },
	{ id: 'c2', weight: 1 }
];
/** One juror's scores: nominee → [c1, c2]. */
const scoresOf = (jurorId: string, byNominee: Record<string, [number, number]>): ResultScore[] =>
	Object.entries(byNominee).flatMap(([nomineeId, [s1, s2]]) => [
		{ jurorId, nomineeId, criterionId: 'c1', score: s1 },
		{ jurorId, nomineeId, criterionId: 'c2', score: s2 }
	]);

describe('computeResults', () => {
	it('weights the criteria: t = Σ w·s / Σ w', () => {
		const [a] = computeResults(criteria, scoresOf('j1', { a: [9, 6] }));
		expect(a.weightedMean).toBeCloseTo((2 * 9 + 6) / 3);
		expect(a.jurors).toBe(1);
	});

	it('normalises per juror: a strict and a mild juror weigh the same', () => {
		// The strict juror prefers b, the mild one prefers a, by the same number of their
		// standard deviations: a tie on the normalised score, decided by the weighted mean.
		const results = computeResults(criteria, [
			...scoresOf('strict', { a: [2, 2], b: [4, 4] }),
			...scoresOf('mild', { a: [10, 10], b: [8, 8] })
		]);
		const byId = Object.fromEntries(results.map((r) => [r.nomineeId, r]));
		expect(byId.a.normalised).toBeCloseTo(0);
		expect(byId.b.normalised).toBeCloseTo(0);
		expect(byId.a.weightedMean).toBeCloseTo(6);
		expect(byId.b.weightedMean).toBeCloseTo(6);
		// Equal on both: one rank, flagged as a tie.
		expect(results.map((r) => [r.rank, r.tie])).toEqual([
			[1, true],
			[1, true]
		]);
	});

	it('a juror who gives everyone the same score adds z = 0', () => {
		const results = computeResults(criteria, [
			...scoresOf('flat', { a: [5, 5], b: [5, 5] }),
			...scoresOf('j2', { a: [9, 9], b: [3, 3] })
		]);
		expect(results[0].nomineeId).toBe('a');
		expect(results[0].normalised).toBeCloseTo(0.5);
		expect(results[1].normalised).toBeCloseTo(-0.5);
		expect(results.map((r) => r.rank)).toEqual([1, 2]);
	});

	it('ignores scores for criteria that are not in the round', () => {
		const results = computeResults(criteria, [
			...scoresOf('j1', { a: [8, 8] }),
			{ jurorId: 'j1', nomineeId: 'a', criterionId: 'other', score: 1 }
		]);
		expect(results[0].weightedMean).toBeCloseTo(8);
	});
});

describe('finalists', () => {
	it('takes rank ≤ n, and everyone tied on place n', () => {
		const results = computeResults(criteria, [
			...scoresOf('j1', { a: [9, 9], b: [5, 5], c: [5, 5], d: [1, 1] })
		]);
		expect(results.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
		expect(finalists(results, 2).map((r) => r.nomineeId)).toEqual(['a', 'b', 'c']);
		expect(finalists(results, 1).map((r) => r.nomineeId)).toEqual(['a']);
	});
});
