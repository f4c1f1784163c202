import { describe, expect, it } from 'vitest';
import {
	contactLimitOf,
	monthsBefore,
	NO_CONTACT_MONTHS,
	NO_SCAN_MONTHS,
	signalOf,
	SIGNAL_RULES,
	STALLED_RED_MIN,
	type SignalFigures
} from '../../src/lib/server/adviser/signals';
import { regionExposed, quarterStarts } from '../../src/lib/server/adviser/totals';

/** The adviser's health signal, without a database (the SQL twin: tests/integration/adviser.test.ts). */
const TODAY = '2026-06-15';
const healthy: SignalFigures = {
	active_learners: 10,
	active_trajectories: 10,
	trainers: 2,
	trainers_llo: 1,
	stalled: 0,
	last_contact_on: '2026-05-15',
	overdue_conversations: 0,
	overdue_actions: 0,
	last_scan_on: '2026-03-01'
};
const signal = (f: Partial<SignalFigures>) => signalOf({ ...healthy, ...f }, TODAY);

describe('signal rules', () => {
	it('green when no rule holds', () => {
		expect(signal({})).toEqual({ level: 'green', reasons: [] });
	});

	it('red: active learners but no trainer', () => {
		expect(signal({ trainers: 0, trainers_llo: 0 })).toEqual({
			level: 'red',
			reasons: ['no_trainer']
		});
		// No learners and no trainer: not red, amber for having no learners.
		expect(
			signal({ active_learners: 0, active_trajectories: 0, trainers: 0, trainers_llo: 0 })
		).toEqual({ level: 'amber', reasons: ['no_learners'] });
	});

	it('stalled: red from STALLED_RED_MIN and a quarter of the trajectories, amber below', () => {
		expect(signal({ stalled: STALLED_RED_MIN, active_trajectories: 12 })).toEqual({
			level: 'red',
			reasons: ['stalled_many']
		});
		// Three of thirteen is under 25 %: amber.
		expect(signal({ stalled: STALLED_RED_MIN, active_trajectories: 13 })).toEqual({
			level: 'amber',
			reasons: ['stalled_some']
		});
		// Two of two is 100 %, but fewer than STALLED_RED_MIN: amber.
		expect(signal({ stalled: 2, active_trajectories: 2 }).level).toBe('amber');
	});

	it('amber: no trainer with a complete LLO profile', () => {
		expect(signal({ trainers_llo: 0 })).toEqual({ level: 'amber', reasons: ['no_llo_trainer'] });
	});

	it('amber: no contact for NO_CONTACT_MONTHS, or never', () => {
		expect(NO_CONTACT_MONTHS).toBe(12);
		expect(signal({ last_contact_on: '2025-06-15' }).reasons).toEqual([]);
		expect(signal({ last_contact_on: '2025-06-14' }).reasons).toEqual(['no_contact']);
		expect(signal({ last_contact_on: null }).reasons).toEqual(['never_contacted']);
	});

	it('the contact limit follows PostgreSQL month arithmetic (month ends clamp)', () => {
		expect(contactLimitOf('2026-06-15')).toBe('2025-06-15');
		expect(contactLimitOf('2028-02-29')).toBe('2027-02-28');
		expect(contactLimitOf('2026-01-01')).toBe('2025-01-01');
	});

	it('amber: no learning-culture scan for NO_SCAN_MONTHS, or never, when the company has learners', () => {
		expect(NO_SCAN_MONTHS).toBe(18);
		expect(monthsBefore(TODAY, NO_SCAN_MONTHS)).toBe('2024-12-15');
		expect(signal({ last_scan_on: '2024-12-15' }).reasons).toEqual([]);
		expect(signal({ last_scan_on: '2024-12-14' })).toEqual({
			level: 'amber',
			reasons: ['no_scan']
		});
		expect(signal({ last_scan_on: null }).reasons).toEqual(['no_scan']);
		// No learners: the scan is not what the company needs first.
		expect(
			signal({ last_scan_on: null, active_learners: 0, active_trajectories: 0 }).reasons
		).toEqual(['no_learners']);
	});

	it('amber: overdue conversations or actions', () => {
		expect(signal({ overdue_conversations: 1 }).reasons).toEqual(['conversations_overdue']);
		expect(signal({ overdue_actions: 4 }).reasons).toEqual(['actions_overdue']);
	});

	it('red wins over amber; every reason that holds is listed, in rule order', () => {
		const s = signal({ trainers: 0, trainers_llo: 0, last_contact_on: null, overdue_actions: 1 });
		expect(s.level).toBe('red');
		expect(s.reasons).toEqual(['no_trainer', 'never_contacted', 'actions_overdue']);
		expect(s.reasons).toEqual(SIGNAL_RULES.map((r) => r.key).filter((k) => s.reasons.includes(k)));
	});
});

describe('region totals that would give a hidden figure away', () => {
	it('one hidden figure, or hidden figures with only one way to add up, are exposed', () => {
		expect(regionExposed(0, 0)).toBe(false);
		expect(regionExposed(1, 2)).toBe(true);
		expect(regionExposed(2, 2)).toBe(true);
		expect(regionExposed(2, 4)).toBe(true);
		expect(regionExposed(2, 3)).toBe(false);
		expect(regionExposed(3, 5)).toBe(false);
	});

	it('the trend covers the eight quarters up to the current one', () => {
		expect(quarterStarts('2026-04-01')).toEqual([
			'2024-07-01',
			'2024-10-01',
			'2025-01-01',
			'2025-04-01',
			'2025-07-01',
			'2025-10-01',
			'2026-01-01',
			'2026-04-01'
		]);
	});
});
