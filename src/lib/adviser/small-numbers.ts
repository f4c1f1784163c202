/**
 * Small-number suppression for figures about people that advisers and admins see (issues
 * #9, #18, #19). A figure with 1 or 2 people behind it could point at a person, so it never
 * leaves the server: the load functions and the CSV get a `Hidden` marker in its place,
 * which the page and the CSV write as "< 3" (or "verborgen" for a figure hidden only so
 * that a small one cannot be worked out from a total). Zero identifies nobody and is shown.
 *
 * The rules (docs/adviser.md, "Small numbers"):
 * 1. A count of 1 or 2 people is hidden (`small`).
 * 2. A figure computed from 1 or 2 people (an average) is hidden (`small`).
 * 3. A breakdown of a shown total (routes, progress buckets, stalled / not stalled) hides
 *    more parts (`complement`, the smallest first) until no hidden small part can be
 *    worked out from the total and the shown parts; if that cannot be reached, the whole
 *    breakdown is hidden. A breakdown of a total of 1 or 2 is hidden as a whole (`small`).
 */
export const SMALL_NUMBER_MIN = 3;

/** A figure that was hidden: why (the page writes "< 3" or "verborgen"). */
export type Hidden = { hidden: 'small' } | { hidden: 'complement' };
/** A figure about people as it may leave the server: the number, or hidden. */
export type SmallCount = number | Hidden;
/** Any figure that may be hidden (e.g. an average progress, null without trajectories). */
export type Protected<T> = T | Hidden;

export const SMALL: Hidden = Object.freeze({ hidden: 'small' as const });
export const COMPLEMENT: Hidden = Object.freeze({ hidden: 'complement' as const });

export function isHidden(value: unknown): value is Hidden {
	return typeof value === 'object' && value !== null && 'hidden' in value;
}

/** 1 or 2: a number of people that could point at a person. */
export function isSmall(n: number): boolean {
	return n > 0 && n < SMALL_NUMBER_MIN;
}

/** A count of people (learners, trajectories, members): hidden when 1 or 2. */
export function countOf(n: number): SmallCount {
	return isSmall(n) ? SMALL : n;
}

/** A figure computed from `people` people: hidden when they are 1 or 2. */
export function derivedOf<T>(value: T, people: number): Protected<T> {
	return isSmall(people) ? SMALL : value;
}

/** The number, or null when hidden (charts skip hidden points). */
export function valueOrNull<T>(value: Protected<T>): T | null {
	return isHidden(value) ? null : value;
}

/**
 * Whether a hidden sensitive part (1 or 2, or forced) could be worked out: the values it
 * could take given the total, the shown parts and what the markers of the other hidden
 * parts tell ("< 3": 1–2; "verborgen": 3 or more) must be at least two.
 */
function exposed(
	total: number,
	parts: number[],
	hidden: (Hidden | null)[],
	sensitive: boolean[]
): boolean {
	const idx = hidden.flatMap((h, i) => (h ? [i] : []));
	if (!idx.length) return false;
	const rest = total - parts.reduce((sum, v, i) => (hidden[i] ? sum : sum + v), 0);
	const lo = (i: number) => (hidden[i]!.hidden === 'small' ? 1 : SMALL_NUMBER_MIN);
	const hi = (i: number) => (hidden[i]!.hidden === 'small' ? SMALL_NUMBER_MIN - 1 : Infinity);
	return idx.some((i) => {
		if (!sensitive[i]) return false;
		const others = idx.filter((j) => j !== i);
		const min = Math.max(lo(i), rest - others.reduce((s, j) => s + hi(j), 0));
		const max = Math.min(hi(i), rest - others.reduce((s, j) => s + lo(j), 0));
		return max - min < 1;
	});
}

/**
 * The parts of a total as they may be shown (rule 3). The total is shown elsewhere or can
 * be derived, so it is taken as known. `forced` parts are hidden even when 3 or more (a
 * region figure that could be worked out from its companies' figures) and protected like
 * small ones.
 */
export function protectBreakdown(total: number, parts: number[], forced?: boolean[]): SmallCount[] {
	if (isSmall(total)) return parts.map(() => SMALL);
	const sensitive = parts.map((v, i) => isSmall(v) || (!!forced?.[i] && v > 0));
	const hidden: (Hidden | null)[] = parts.map((v, i) =>
		isSmall(v) ? SMALL : sensitive[i] ? COMPLEMENT : null
	);
	while (exposed(total, parts, hidden, sensitive)) {
		const next = smallestShown(parts, hidden);
		if (next === -1) return parts.map(() => COMPLEMENT);
		hidden[next] = COMPLEMENT;
	}
	return parts.map((v, i) => hidden[i] ?? v);
}

function smallestShown(parts: number[], hidden: (Hidden | null)[]): number {
	let best = -1;
	parts.forEach((v, i) => {
		if (!hidden[i] && v > 0 && (best === -1 || v < parts[best])) best = i;
	});
	return best;
}

/** Stalled trajectories of `total` active ones: hidden when it or the rest is 1 or 2. */
export function protectPartOf(total: number, part: number): SmallCount {
	return protectBreakdown(total, [part, total - part])[0];
}
