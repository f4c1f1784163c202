/**
 * The one test clock. Tests that need a date take it from here, relative to the moment
 * the test runs, never from a literal that is true only this month. CI runs the suite
 * again with the clock moved (Debian's faketime moves Node's clock and PGlite's now()
 * alike), so everything here follows the moved clock; tests of pure date logic pass
 * their own fixed moment instead (`todayIso(new Date('2028-02-29T12:00:00Z'))`).
 *
 * Dates are Amsterdam's calendar dates, as the app and its database sessions use them.
 */
import {
	addDays,
	addMonths,
	amsterdamYear,
	daysFromToday,
	fromAmsterdamLocal,
	todayIso
} from '../src/lib/time';

export { addDays, addMonths, daysFromToday, fromAmsterdamLocal };

/** Today in Amsterdam, 'YYYY-MM-DD'. */
export const today = (): string => todayIso();

/** The current year in Amsterdam. */
export const thisYear = (): number => amsterdamYear();

/** A moment n days from now (for timestamps; keeps the time of day). */
export const momentFromNow = (days: number, now: number = Date.now()): Date =>
	new Date(now + days * 24 * 3600 * 1000);
