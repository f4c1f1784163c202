import { m } from '$lib/paraglide/messages';
import { routeLabel } from '$lib/i18n';
import { suppress, suppressCount } from './small-numbers';

/**
 * How a company's figures are shown to an adviser, in one place for the page and the
 * CSV export (which must hold exactly what the page shows): small numbers suppressed,
 * reasons spelled out.
 */
export type SignalLevel = 'red' | 'amber' | 'green';

export interface ShownFiguresInput {
	trainers: number;
	trainersLlo: number;
	activeLearners: number;
	activeTrajectories: number;
	routes: Record<string, number>;
	progress: number | null;
	stalled: number;
	overdueConversations: number;
	overdueActions: number;
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
	signal: string;
	reasons: string[];
}

/** The signal rules' thresholds that the reason texts mention (src/lib/server/adviser/signals.ts). */
export interface ReasonThresholds {
	days: number;
	months: number;
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

export function shownFigures(f: ShownFiguresInput, t: ReasonThresholds): ShownFigures {
	const counts = {
		stalled: String(suppressCount(f.stalled)),
		overdueConversations: String(suppressCount(f.overdueConversations)),
		overdueActions: String(suppressCount(f.overdueActions))
	};
	return {
		trainers: String(f.trainers),
		llo: f.trainers ? m.adviser_llo_share({ complete: f.trainersLlo, total: f.trainers }) : '0',
		learners: String(suppressCount(f.activeLearners)),
		routes: Object.entries(f.routes)
			.filter(([, n]) => n > 0)
			.map(([route, n]) => `${routeLabel(route)} ${suppressCount(n)}`)
			.join(', '),
		progress: f.progress === null ? '' : String(suppress(`${f.progress}%`, f.activeLearners)),
		...counts,
		signal: signalLabel(f.signal),
		reasons: f.reasons.map((r) => reasonLabel(r, counts, t))
	};
}
