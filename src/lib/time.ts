import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * Dutch time, in one place. Vakmaat's users live in Europe/Amsterdam, so "today", a
 * deadline's wall-clock time and "this month" are Amsterdam's, whatever the server's
 * own time zone (usually UTC). The database sessions use the same zone (db/index.ts),
 * so SQL's current_date agrees with todayIso(); the SQL that names the zone itself
 * (a wall-clock time typed into a form, a moment passed in as a parameter) takes it
 * from the helpers at the end. Usable in the browser (kysely's `sql` is tree-shaken
 * away there).
 */
export const TIME_ZONE = 'Europe/Amsterdam';

const DAY_MS = 24 * 3600 * 1000;

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });

const partsFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

function zoneParts(date: Date): Record<string, number> {
	const out: Record<string, number> = {};
	for (const p of partsFormat.formatToParts(date))
		if (p.type !== 'literal') out[p.type] = Number(p.value);
	return out;
}

/** The Amsterdam calendar date of a moment: 'YYYY-MM-DD'. */
export function amsterdamDate(moment: Date): string {
	return dateFormat.format(moment);
}

/** Today in Amsterdam: 'YYYY-MM-DD'. */
export function todayIso(now: Date = new Date()): string {
	return amsterdamDate(now);
}

/** A 'YYYY-MM-DD' date plus n calendar days (negative: earlier). */
export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Today in Amsterdam plus n calendar days. */
export function daysFromToday(days: number, now: Date = new Date()): string {
	return addDays(todayIso(now), days);
}

/** Adds months to a 'YYYY-MM-DD' date, clamped to the month's last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
	const [y, mo, d] = date.split('-').map(Number);
	const target = new Date(Date.UTC(y, mo - 1 + months, 1));
	const last = new Date(
		Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)
	).getUTCDate();
	target.setUTCDate(Math.min(d, last));
	return target.toISOString().slice(0, 10);
}

/** The year in Amsterdam of a moment (the election round of "this year"). */
export function amsterdamYear(moment: Date = new Date()): number {
	return Number(amsterdamDate(moment).slice(0, 4));
}

/** A moment as Amsterdam wall-clock time for a datetime-local input: 'YYYY-MM-DDTHH:mm'. */
export function toAmsterdamLocal(date: Date): string {
	const p = zoneParts(date);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * Amsterdam wall-clock time ('YYYY-MM-DDTHH:mm') as a moment; null when malformed or
 * when the time does not exist (the hour skipped on the last Sunday of March). An hour
 * that occurs twice (last Sunday of October) is its first occurrence (summer time).
 */
export function fromAmsterdamLocal(value: string): Date | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
	if (!m) return null;
	const [y, mo, d, h, mi] = m.slice(1).map(Number);
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	// The zone's offset at that moment, found by formatting a first guess (twice for DST edges).
	let guess = wall;
	for (let i = 0; i < 2; i++) {
		const p = zoneParts(new Date(guess));
		const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
		guess = guess - (shown - wall);
	}
	const result = new Date(guess);
	return toAmsterdamLocal(result) === value.trim() ? result : null;
}

/** A moment as the separate date and time inputs show it in Amsterdam. */
export function amsterdamDateTime(moment: Date): { date: string; time: string } {
	const [date, time] = toAmsterdamLocal(moment).split('T');
	return { date, time };
}

// ── in SQL ─────────────────────────────────────────────────────────────────────

/**
 * SQL: a date ('YYYY-MM-DD') and a time ('HH:mm') typed in Amsterdam as a timestamptz.
 * PostgreSQL's rules: a time skipped in March moves an hour on, a time repeated in
 * October is its first (summer-time) occurrence.
 */
export function amsterdamMomentSql(date: string, time: string): RawBuilder<Date> {
	return sql<Date>`(${date} || ' ' || ${time})::timestamp at time zone ${sql.lit(TIME_ZONE)}`;
}

/** SQL: the Amsterdam calendar date of a moment (a Date parameter or a timestamptz column). */
export function amsterdamDateSql(moment: Date | Expression<Date>): RawBuilder<string> {
	return sql<string>`(${moment}::timestamptz at time zone ${sql.lit(TIME_ZONE)})::date`;
}
