import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDate, routeLabel } from '$lib/i18n';
import { isHidden, type Protected, type SmallCount } from './small-numbers';

/**
 * How a company's figures are shown to an adviser, in one place for the page and the
 * CSV export (which must hold exactly what the page shows): small numbers arrive hidden
 * from the server (src/lib/adviser/small-numbers.ts) and are written as "< 3" or
 * "verborgen", reasons spelled out.
 */
export type SignalLevel = 'red' | 'amber' | 'green';

/** A company's figures as the server sends them (the overview's rows, the company page). */
export interface ShownFiguresInput {
	trainers: number;
	trainersLlo: number;
	activeLearners: SmallCount;
	routes: Record<string, SmallCount>;
	/** Average progress of the active trajectories, 0–100; null without any. */
	progress: Protected<number | null>;
	stalled: SmallCount;
	/** Development conversations planned but not held after their date. */
	overdueConversations: SmallCount;
	/** Agreed actions past their due date, not done. */
	overdueActions: SmallCount;
	/** The opening date of the latest learning-culture scan round, if any (issue 15). */
	lastScanOn: string | null;
	/** HR shares the scan's results with the adviser. */
	cultureShared: boolean;
	signal: SignalLevel;
	reasons: string[];
}

export interface ShownFigures {
	trainers: string;
	llo: string;
	learners: string;
	routes: string;
	progress: string;
	stalled: string;
	overdueConversations: string;
	overdueActions: string;
	/** The latest learning-culture scan: its date, and whether HR shares the results. */
	scan: string;
	signal: string;
	reasons: string[];
}

/** The signal rules' thresholds that the reason texts mention (src/lib/server/adviser/signals.ts). */
export interface ReasonThresholds {
	days: number;
	months: number;
	scanMonths: number;
}

/** A protected figure as text: the number, "< 3" for a small one, "verborgen" for a complement. */
export function countText(value: Protected<number | string>): string {
	if (isHidden(value)) {
		return value.hidden === 'small' ? m.adviser_small_number() : m.adviser_withheld();
	}
	return String(value);
}

/** A part's share of the total in whole percent; 0 (no bar) when either is hidden. */
export function shareOf(part: SmallCount, total: SmallCount): number {
	if (isHidden(part) || isHidden(total) || !total) return 0;
	return Math.round((100 * part) / total);
}

/** The parts of a breakdown worth listing: hidden or above zero; one marker when all are hidden. */
export function breakdownText(
	parts: [label: string, value: SmallCount][],
	separator = ', '
): string {
	if (parts.length && parts.every(([, v]) => isHidden(v))) return countText(parts[0][1]);
	return parts
		.filter(([, v]) => isHidden(v) || v > 0)
		.map(([label, v]) => `${label} ${countText(v)}`)
		.join(separator);
}

export function signalLabel(level: string): string {
	switch (level) {
		case 'red':
			return m.adviser_signal_red();
		case 'amber':
			return m.adviser_signal_amber();
		default:
			return m.adviser_signal_green();
	}
}

export function reasonLabel(
	key: string,
	shown: Pick<ShownFigures, 'stalled' | 'overdueConversations' | 'overdueActions'>,
	t: ReasonThresholds
): string {
	switch (key) {
		case 'no_trainer':
			return m.adviser_reason_no_trainer();
		case 'stalled_many':
		case 'stalled_some':
			return m.adviser_reason_stalled({ count: shown.stalled, days: t.days });
		case 'no_llo_trainer':
			return m.adviser_reason_no_llo_trainer();
		case 'no_contact':
			return m.adviser_reason_no_contact({ months: t.months });
		case 'never_contacted':
			return m.adviser_reason_never_contacted();
		case 'no_learners':
			return m.adviser_reason_no_learners();
		case 'conversations_overdue':
			return m.adviser_reason_conversations_overdue({ count: shown.overdueConversations });
		case 'actions_overdue':
			return m.adviser_reason_actions_overdue({ count: shown.overdueActions });
		case 'no_scan':
			return m.adviser_reason_no_scan({ months: t.scanMonths });
		default:
			return key;
	}
}

export function contactKindLabel(kind: string): string {
	switch (kind) {
		case 'visit':
			return m.adviser_kind_visit();
		case 'call':
			return m.adviser_kind_call();
		case 'email':
			return m.adviser_kind_email();
		case 'workshop':
			return m.adviser_kind_workshop();
		default:
			return kind;
	}
}

export function sizeClassLabel(size: string): string {
	switch (size) {
		case 'none':
			return m.adviser_size_none();
		case 's':
			return m.adviser_size_s();
		case 'm':
			return m.adviser_size_m();
		case 'l':
			return m.adviser_size_l();
		default:
			return m.adviser_size_xl();
	}
}

/** "2026 K4" for the quarter starting on 2026-10-01. */
export function quarterLabel(start: string): string {
	const [year, month] = start.split('-').map(Number);
	return m.adviser_quarter({ year: String(year), quarter: String((month - 1) / 3 + 1) });
}

/** "12-07-2026 (gedeeld)", "12-07-2026" or "nog nooit". */
export function scanText(lastScanOn: string | null, shared: boolean): string {
	if (!lastScanOn) return m.adviser_scan_never();
	const date = formatDate(lastScanOn, getLocale());
	return shared ? m.adviser_scan_shared({ date }) : date;
}

export function shownFigures(f: ShownFiguresInput, t: ReasonThresholds): ShownFigures {
	const counts = {
		stalled: countText(f.stalled),
		overdueConversations: countText(f.overdueConversations),
		overdueActions: countText(f.overdueActions)
	};
	return {
		trainers: String(f.trainers),
		llo: f.trainers ? m.adviser_llo_share({ complete: f.trainersLlo, total: f.trainers }) : '0',
		learners: countText(f.activeLearners),
		routes: breakdownText(
			Object.entries(f.routes).map(([route, n]) => [routeLabel(route), n] as [string, SmallCount])
		),
		progress:
			f.progress === null ? '' : isHidden(f.progress) ? countText(f.progress) : `${f.progress}%`,
		...counts,
		scan: scanText(f.lastScanOn, f.cultureShared),
		signal: signalLabel(f.signal),
		reasons: f.reasons.map((r) => reasonLabel(r, counts, t))
	};
}
