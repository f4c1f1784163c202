import { STALLED_DAYS } from '../trajectories/progress';

/**
 * The health signal of a company in the adviser overview (issue #9), in ONE place:
 * thresholds, the rules as SQL conditions, their reason keys, and when time alone can
 * change them. docs/adviser.md describes the rules in words; the pages and the CSV spell
 * out the reasons from the keys (messages adviser_reason_*).
 *
 * Every rule is a condition over the per-company figures of company_overview (alias `o`).
 * refresh_company_overview (migration 0012, built from this module) stores the result
 * (signal_rank, signal_reasons) in the row, so the overview sorts and filters 20,000
 * companies by signal through an index. The signal is red when a red rule holds, amber
 * when an amber rule holds, green otherwise.
 *
 * Adding or changing a rule: add the figure as a column of company_overview and the rule here, then
 * a migration that recreates refresh_company_overview from this module (as 0012 does)
 * and refreshes every row; the overview, the company page, the CSV, the filters and the
 * counts pick it up. A rule that turns true by the passing of time alone also needs its
 * date in SIGNAL_RECHECK_SQL.
 */

/** Red when at least this many active trajectories are stalled… */
export const STALLED_RED_MIN = 3;
/** …and they are at least this percentage of the company's active trajectories. */
export const STALLED_RED_PERCENT = 25;
/** Amber when no adviser contact was logged for this many months (or never). */
export const NO_CONTACT_MONTHS = 12;
/** Amber when a company with learners held no learning-culture scan for this many months (or never). */
export const NO_SCAN_MONTHS = 18;

export type SignalLevel = 'red' | 'amber' | 'green';
export const SIGNAL_LEVELS: SignalLevel[] = ['red', 'amber', 'green'];

export type ReasonKey =
	| 'no_trainer'
	| 'stalled_many'
	| 'stalled_some'
	| 'no_llo_trainer'
	| 'no_contact'
	| 'never_contacted'
	| 'no_learners'
	| 'conversations_overdue'
	| 'actions_overdue'
	| 'no_scan';

/** The per-company figures the rules read (columns of company_overview). */
export interface SignalFigures {
	active_learners: number;
	active_trajectories: number;
	trainers: number;
	trainers_llo: number;
	stalled: number;
	/** 'YYYY-MM-DD' or null: never. */
	last_contact_on: string | null;
	overdue_conversations: number;
	overdue_actions: number;
	/** The opening date of the latest learning-culture scan round that has opened, or null. */
	last_scan_on: string | null;
}

export interface SignalRule {
	key: ReasonKey;
	level: Exclude<SignalLevel, 'green'>;
	/** The condition, SQL over company_overview `o` (constants only, no parameters). */
	when: string;
	/**
	 * The same condition in TypeScript, for `today` ('YYYY-MM-DD'): the rules tested
	 * without a database (tests/unit/adviser-signals.test.ts); the integration test
	 * checks that it agrees with `when`.
	 */
	holds: (f: SignalFigures, today: string) => boolean;
	/**
	 * When the rule can turn by the passing of time alone: SQL over `o` giving the first
	 * day after today on which it can, or null (see SIGNAL_RECHECK_SQL).
	 */
	recheck?: string;
	/**
	 * The migration that added the rule. refresh_company_overview is built by migration
	 * 0012 from the rules without one, and recreated by the rule's migration with them.
	 */
	addedIn?: string;
}

const stalledMany = `(o.stalled >= ${STALLED_RED_MIN}
	and o.stalled * 100 >= ${STALLED_RED_PERCENT} * o.active_trajectories)`;
const monthsAgo = (months: number) => `(current_date - interval '${months} months')::date`;
const contactLimit = monthsAgo(NO_CONTACT_MONTHS);
const scanLimit = monthsAgo(NO_SCAN_MONTHS);

const isStalledMany = (f: SignalFigures) =>
	f.stalled >= STALLED_RED_MIN && f.stalled * 100 >= STALLED_RED_PERCENT * f.active_trajectories;

/** `today` minus NO_CONTACT_MONTHS, as PostgreSQL's date arithmetic does it (clamped month end). */
export function contactLimitOf(today: string): string {
	return monthsBefore(today, NO_CONTACT_MONTHS);
}

/** `today` minus `months`, as PostgreSQL's date arithmetic does it (clamped month end). */
export function monthsBefore(today: string, months: number): string {
	const [y, m, d] = today.split('-').map(Number);
	const index = y * 12 + (m - 1) - months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** The rules, red first. The order is the order in which reasons are listed. */
export const SIGNAL_RULES: SignalRule[] = [
	{
		key: 'no_trainer',
		level: 'red',
		when: `(o.active_learners > 0 and o.trainers = 0)`,
		holds: (f) => f.active_learners > 0 && f.trainers === 0
	},
	{ key: 'stalled_many', level: 'red', when: stalledMany, holds: isStalledMany },
	{
		key: 'stalled_some',
		level: 'amber',
		when: `(o.stalled > 0 and not ${stalledMany})`,
		holds: (f) => f.stalled > 0 && !isStalledMany(f)
	},
	{
		key: 'no_llo_trainer',
		level: 'amber',
		when: `(o.trainers > 0 and o.trainers_llo = 0)`,
		holds: (f) => f.trainers > 0 && f.trainers_llo === 0
	},
	{
		key: 'no_contact',
		level: 'amber',
		when: `(o.last_contact_on < ${contactLimit})`,
		holds: (f, today) => f.last_contact_on !== null && f.last_contact_on < contactLimitOf(today),
		recheck: `(case when o.last_contact_on >= ${contactLimit}
	then greatest(current_date + 1, (o.last_contact_on + interval '${NO_CONTACT_MONTHS} months')::date + 1) end)`
	},
	{
		key: 'never_contacted',
		level: 'amber',
		when: `(o.last_contact_on is null)`,
		holds: (f) => f.last_contact_on === null
	},
	{
		key: 'no_learners',
		level: 'amber',
		when: `(o.active_learners = 0)`,
		holds: (f) => f.active_learners === 0
	},
	// Development conversations planned but not held after their date, and agreed actions
	// past their due date: the follow-up of learning stalls.
	{
		key: 'conversations_overdue',
		level: 'amber',
		when: `(o.overdue_conversations > 0)`,
		holds: (f) => f.overdue_conversations > 0
	},
	{
		key: 'actions_overdue',
		level: 'amber',
		when: `(o.overdue_actions > 0)`,
		holds: (f) => f.overdue_actions > 0
	},
	// Learning culture (issue 15): a company with learners that never held a scan, or not
	// for NO_SCAN_MONTHS. A round counts from its opening date; a planned round does not
	// count until it opens (its opening date is a recheck date of the row).
	{
		key: 'no_scan',
		level: 'amber',
		when: `(o.active_learners > 0 and (o.last_scan_on is null or o.last_scan_on < ${scanLimit}))`,
		holds: (f, today) =>
			f.active_learners > 0 &&
			(f.last_scan_on === null || f.last_scan_on < monthsBefore(today, NO_SCAN_MONTHS)),
		recheck: `(case when o.active_learners > 0 and o.last_scan_on >= ${scanLimit}
	then greatest(current_date + 1, (o.last_scan_on + interval '${NO_SCAN_MONTHS} months')::date + 1) end)`,
		addedIn: '0034'
	}
];

/** The signal and its reasons (in rule order) for these figures: what SIGNAL_RANK_SQL and SIGNAL_REASONS_SQL store. */
export function signalOf(
	f: SignalFigures,
	today: string
): { level: SignalLevel; reasons: ReasonKey[] } {
	const holding = SIGNAL_RULES.filter((r) => r.holds(f, today));
	const level = holding.some((r) => r.level === 'red') ? 'red' : holding.length ? 'amber' : 'green';
	return { level, reasons: holding.map((r) => r.key) };
}

/** The stored signal as SQL over `o`, for a set of rules (see SignalRule.addedIn). */
export function signalSql(rules: SignalRule[]): { rank: string; reasons: string; recheck: string } {
	const anyOf = (level: 'red' | 'amber') =>
		rules
			.filter((r) => r.level === level)
			.map((r) => r.when)
			.join(' or ');
	const rechecks = rules.flatMap((r) => (r.recheck ? [r.recheck] : []));
	return {
		rank: `(case when ${anyOf('red')} then 2 when ${anyOf('amber')} then 1 else 0 end)`,
		reasons: `array_remove(array[${rules
			.map((r) => `case when ${r.when} then '${r.key}' end`)
			.join(', ')}]::text[], null)`,
		recheck: rechecks.length === 1 ? rechecks[0] : `least(${rechecks.join(', ')})`
	};
}

/** The rules as migration 0012 stored them (the rules added later carry `addedIn`). */
export const SIGNAL_SQL_0012 = signalSql(SIGNAL_RULES.filter((r) => !r.addedIn));
/** The rules of migration 0034: all of today's. */
export const SIGNAL_SQL_0034 = signalSql(SIGNAL_RULES);

const current = signalSql(SIGNAL_RULES);
/** 2 = red, 1 = amber, 0 = green (stored as company_overview.signal_rank). */
export const SIGNAL_RANK_SQL = current.rank;

/** The keys of the rules that hold, in rule order (stored as company_overview.signal_reasons). */
export const SIGNAL_REASONS_SQL = current.reasons;

/**
 * The first day after today on which a rule can turn by the passing of time alone (the
 * last contact becoming older than NO_CONTACT_MONTHS, the last scan older than
 * NO_SCAN_MONTHS), or null. Stalled trajectories, expiring LLO profiles and a scan round
 * opening change the figures themselves and have their own recheck dates in
 * refresh_company_overview.
 */
export const SIGNAL_RECHECK_SQL = current.recheck;

export function levelOfRank(rank: number): SignalLevel {
	return rank >= 2 ? 'red' : rank === 1 ? 'amber' : 'green';
}

export function rankOfLevel(level: SignalLevel): number {
	return level === 'red' ? 2 : level === 'amber' ? 1 : 0;
}

/** The thresholds that the reasons' texts mention. */
export function reasonThresholds(): { days: number; months: number; scanMonths: number } {
	return { days: STALLED_DAYS, months: NO_CONTACT_MONTHS, scanMonths: NO_SCAN_MONTHS };
}
