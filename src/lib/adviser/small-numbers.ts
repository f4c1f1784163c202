/**
 * Small-number suppression for figures shown to SBB advisers (issue #9): a figure with
 * fewer than SMALL_NUMBER_MIN learners behind it could point at a person, so it is shown
 * as "< 3". Zero learners identify nobody and are shown as 0. One helper for the pages,
 * the CSV export and the signal reasons.
 */
export const SMALL_NUMBER_MIN = 3;
export const SMALL_NUMBER_TEXT = `< ${SMALL_NUMBER_MIN}`;

export type Suppressed<T> = T | typeof SMALL_NUMBER_TEXT;

/**
 * `value` unless `learners` (the number of learners behind it; for a count of learners
 * or trajectories that is the count itself) is 1 or 2.
 */
export function suppress<T>(value: T, learners: number): Suppressed<T> {
	return learners > 0 && learners < SMALL_NUMBER_MIN ? SMALL_NUMBER_TEXT : value;
}

/** A count of learners or trajectories: itself the number of learners behind it. */
export function suppressCount(count: number): Suppressed<number> {
	return suppress(count, count);
}

export function isSuppressed(value: unknown): value is typeof SMALL_NUMBER_TEXT {
	return value === SMALL_NUMBER_TEXT;
}
