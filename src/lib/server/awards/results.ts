/**
 * Results of one jury panel, as a pure function of the criteria and the scores that
 * count (conflicted scores are filtered out in SQL before they get here).
 *
 * Per juror × nominee the weighted score t = Σ wᵢ·sᵢ / Σ wᵢ over the criteria.
 *   weighted mean   the mean of t over the jurors who scored the nominee
 *   normalised      per juror, z = (t − μ) / σ over that juror's scored nominees
 *                   (population σ; z = 0 when a juror gave everyone the same), then
 *                   the mean of z per nominee: a strict juror and a mild juror weigh
 *                   the same
 * Ranked by normalised score, then weighted mean; nominees equal on both share a rank
 * and are flagged as a tie.
 */
export interface ResultCriterion {
	id: string;
	weight: number;
}

export interface ResultScore {
	jurorId: string;
	nomineeId: string;
	criterionId: string;
	score: number;
}

export interface NomineeResult {
	nomineeId: string;
	jurors: number;
	weightedMean: number;
	normalised: number;
	rank: number;
	tie: boolean;
}

const EPS = 1e-9;

export function computeResults(
	criteria: ResultCriterion[],
	scores: ResultScore[]
): NomineeResult[] {
	const weights = new Map(criteria.map((c) => [c.id, c.weight]));
	// juror → nominee → [Σ w·s, Σ w]
	const sums = new Map<string, Map<string, [number, number]>>();
	for (const s of scores) {
		const w = weights.get(s.criterionId);
		if (w === undefined) continue;
		let byNominee = sums.get(s.jurorId);
		if (!byNominee) sums.set(s.jurorId, (byNominee = new Map<string, [number, number]>()));
		const acc = byNominee.get(s.nomineeId) ?? [0, 0];
		acc[0] += w * s.score;
		acc[1] += w;
		byNominee.set(s.nomineeId, acc);
	}
	const perNominee = new Map<string, { t: number[]; z: number[] }>();
	for (const byNominee of sums.values()) {
		const totals = [...byNominee.entries()].map(([id, [ws, w]]) => [id, ws / w] as const);
		const mean = totals.reduce((a, [, t]) => a + t, 0) / totals.length;
		const sd = Math.sqrt(totals.reduce((a, [, t]) => a + (t - mean) ** 2, 0) / totals.length);
		for (const [id, t] of totals) {
			const entry = perNominee.get(id) ?? { t: [], z: [] };
			entry.t.push(t);
			entry.z.push(sd > EPS ? (t - mean) / sd : 0);
			perNominee.set(id, entry);
		}
	}
	const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
	const rows = [...perNominee.entries()].map(([nomineeId, e]) => ({
		nomineeId,
		jurors: e.t.length,
		weightedMean: avg(e.t),
		normalised: avg(e.z),
		rank: 0,
		tie: false
	}));
	rows.sort(
		(a, b) =>
			b.normalised - a.normalised ||
			b.weightedMean - a.weightedMean ||
			a.nomineeId.localeCompare(b.nomineeId)
	);
	const same = (a: NomineeResult, b: NomineeResult) =>
		Math.abs(a.normalised - b.normalised) < EPS && Math.abs(a.weightedMean - b.weightedMean) < EPS;
	rows.forEach((r, i) => {
		const prev = rows[i - 1];
		r.rank = prev && same(prev, r) ? prev.rank : i + 1;
		if (prev && same(prev, r)) {
			r.tie = true;
			prev.tie = true;
		}
	});
	return rows;
}

/** The nominees that go through: rank ≤ n (a tie on place n takes everyone tied). */
export function finalists(results: NomineeResult[], n: number): NomineeResult[] {
	return results.filter((r) => r.rank <= n);
}
