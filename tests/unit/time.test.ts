import {
	DummyDriver,
	Kysely,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler
} from 'kysely';
import { describe, expect, it } from 'vitest';
import {
	addDays,
	addMonths,
	amsterdamDateSql,
	amsterdamDateTime,
	amsterdamMomentSql,
	amsterdamYear,
	daysFromToday,
	fromAmsterdamLocal,
	toAmsterdamLocal,
	todayIso
} from '../../src/lib/time';

/**
 * Dutch time, tested once (src/lib/time.ts): every moment below is fixed, so these hold
 * on any day the suite runs.
 */
describe('today in Amsterdam', () => {
	it('is Amsterdam’s date, not UTC’s, around midnight', () => {
		// 23:30 UTC on 31 December is already 1 January in Amsterdam (UTC+1 in winter).
		expect(todayIso(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
		expect(amsterdamYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
		expect(todayIso(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
		// In summer (UTC+2) the day starts at 22:00 UTC.
		expect(todayIso(new Date('2027-06-30T22:00:00Z'))).toBe('2027-07-01');
		expect(todayIso(new Date('2027-06-30T21:59:59Z'))).toBe('2027-06-30');
	});

	it('counts calendar days, also across a leap day and the daylight-saving changes', () => {
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
		expect(addDays('2027-03-27', 1)).toBe('2027-03-28');
		expect(addDays('2027-03-28', 1)).toBe('2027-03-29');
		expect(addDays('2027-10-31', -1)).toBe('2027-10-30');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(daysFromToday(-1, new Date('2027-01-01T00:30:00Z'))).toBe('2026-12-31');
		expect(daysFromToday(1, new Date('2028-02-28T23:30:00Z'))).toBe('2028-03-01');
	});

	it('adds months with the last day of a shorter month (Loopbaan-APK)', () => {
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
		expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
		expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
		expect(addMonths('2026-11-28', 24)).toBe('2028-11-28');
	});
});

describe('Amsterdam wall-clock time', () => {
	it('converts both ways in winter and summer', () => {
		expect(fromAmsterdamLocal('2026-07-01T12:00')!.toISOString()).toBe('2026-07-01T10:00:00.000Z');
		expect(fromAmsterdamLocal('2026-01-15T09:30')!.toISOString()).toBe('2026-01-15T08:30:00.000Z');
		expect(toAmsterdamLocal(new Date('2026-01-15T08:30:00Z'))).toBe('2026-01-15T09:30');
		expect(fromAmsterdamLocal('2026-13-01T09:30')).toBeNull();
		expect(fromAmsterdamLocal('2026-02-30T09:30')).toBeNull();
	});

	it('knows the hour skipped in March and the hour repeated in October', () => {
		// Last Sunday of March 2027: 02:00 CET becomes 03:00 CEST; 02:30 does not exist.
		expect(fromAmsterdamLocal('2027-03-28T02:30')).toBeNull();
		expect(fromAmsterdamLocal('2027-03-28T01:59')!.toISOString()).toBe('2027-03-28T00:59:00.000Z');
		expect(fromAmsterdamLocal('2027-03-28T03:00')!.toISOString()).toBe('2027-03-28T01:00:00.000Z');
		// Last Sunday of October 2027: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
		const twice = fromAmsterdamLocal('2027-10-31T02:30')!;
		expect(toAmsterdamLocal(twice)).toBe('2027-10-31T02:30');
		expect(['2027-10-31T00:30:00.000Z', '2027-10-31T01:30:00.000Z']).toContain(twice.toISOString());
		expect(toAmsterdamLocal(new Date('2027-10-31T00:30:00Z'))).toBe('2027-10-31T02:30');
		expect(toAmsterdamLocal(new Date('2027-10-31T01:30:00Z'))).toBe('2027-10-31T02:30');
		// A deadline at midnight around the change is still one calendar day apart.
		expect(
			fromAmsterdamLocal('2027-10-31T00:00')!.getTime() -
				fromAmsterdamLocal('2027-10-30T00:00')!.getTime()
		).toBe(24 * 3600 * 1000);
		expect(
			fromAmsterdamLocal('2027-11-01T00:00')!.getTime() -
				fromAmsterdamLocal('2027-10-31T00:00')!.getTime()
		).toBe(25 * 3600 * 1000);
	});
});

describe('Amsterdam time for the date and time inputs', () => {
	it('splits a moment into Amsterdam’s date and time, in winter and summer', () => {
		expect(amsterdamDateTime(new Date('2027-01-15T13:05:00Z'))).toEqual({
			date: '2027-01-15',
			time: '14:05'
		});
		expect(amsterdamDateTime(new Date('2027-07-15T13:05:00Z'))).toEqual({
			date: '2027-07-15',
			time: '15:05'
		});
		// Late in the evening UTC is already the next day in Amsterdam.
		expect(amsterdamDateTime(new Date('2026-12-31T23:30:00Z'))).toEqual({
			date: '2027-01-01',
			time: '00:30'
		});
	});

	it('shows the daylight-saving changes as the clock on the wall does', () => {
		// 28 March 2027: 02:00 CET becomes 03:00 CEST.
		expect(amsterdamDateTime(new Date('2027-03-28T00:59:00Z')).time).toBe('01:59');
		expect(amsterdamDateTime(new Date('2027-03-28T01:00:00Z')).time).toBe('03:00');
		// 31 October 2027: 03:00 CEST becomes 02:00 CET; 02:30 occurs twice.
		expect(amsterdamDateTime(new Date('2027-10-31T00:30:00Z')).time).toBe('02:30');
		expect(amsterdamDateTime(new Date('2027-10-31T01:30:00Z')).time).toBe('02:30');
	});
});

describe('Amsterdam time in SQL', () => {
	const db = new Kysely<Record<string, never>>({
		dialect: {
			createAdapter: () => new PostgresAdapter(),
			createDriver: () => new DummyDriver(),
			createIntrospector: (k) => new PostgresIntrospector(k),
			createQueryCompiler: () => new PostgresQueryCompiler()
		}
	});

	it('reads a typed date and time as Amsterdam wall-clock time (values bound, zone literal)', () => {
		const q = amsterdamMomentSql('2027-03-28', '10:00').compile(db);
		expect(q.sql).toBe("($1 || ' ' || $2)::timestamp at time zone 'Europe/Amsterdam'");
		expect(q.parameters).toEqual(['2027-03-28', '10:00']);
	});

	it('takes the Amsterdam calendar date of a moment', () => {
		const now = new Date('2026-12-31T23:30:00Z');
		const q = amsterdamDateSql(now).compile(db);
		expect(q.sql).toBe("($1::timestamptz at time zone 'Europe/Amsterdam')::date");
		expect(q.parameters).toEqual([now]);
	});
});
