/**
 * The phase clock of an award round: one pure function of the round's dates and a
 * moment. Every server action asks it before changing anything, so a deadline is
 * enforced by the server, not by a hidden button.
 *
 *   upcoming       before nominations_open_at
 *   nominations    [nominations_open_at, nominations_close_at): nominate, edit, withdraw,
 *                  nominees accept or decline, HR endorses
 *   regional_jury  [nominations_close_at, regional_jury_until): regional panels score
 *   national_jury  [regional_jury_until, national_jury_until): the national panel scores
 *   counting       from national_jury_until until the admin publishes
 *   published      results_published_at set and reached
 */
export type Phase =
	'upcoming' | 'nominations' | 'regional_jury' | 'national_jury' | 'counting' | 'published';

export interface RoundClock {
	nominations_open_at: Date;
	nominations_close_at: Date;
	regional_jury_until: Date;
	national_jury_until: Date;
	results_published_at: Date | null;
}

/** The columns of a round (aliased `r`) that phaseAt needs, for selects joining award_round. */
export const ROUND_CLOCK_COLUMNS = [
	'r.nominations_open_at',
	'r.nominations_close_at',
	'r.regional_jury_until',
	'r.national_jury_until',
	'r.results_published_at'
] as const;

export interface PhaseAt {
	phase: Phase;
	/** When the current phase ends (null once counting or published). */
	nextDeadline: Date | null;
}

export function phaseAt(round: RoundClock, now: Date): PhaseAt {
	const t = now.getTime();
	if (round.results_published_at && round.results_published_at.getTime() <= t) {
		return { phase: 'published', nextDeadline: null };
	}
	if (t < round.nominations_open_at.getTime()) {
		return { phase: 'upcoming', nextDeadline: round.nominations_open_at };
	}
	if (t < round.nominations_close_at.getTime()) {
		return { phase: 'nominations', nextDeadline: round.nominations_close_at };
	}
	if (t < round.regional_jury_until.getTime()) {
		return { phase: 'regional_jury', nextDeadline: round.regional_jury_until };
	}
	if (t < round.national_jury_until.getTime()) {
		return { phase: 'national_jury', nextDeadline: round.national_jury_until };
	}
	return { phase: 'counting', nextDeadline: null };
}

// Amsterdam wall-clock conversion lives in the shared time module.
export { fromAmsterdamLocal, toAmsterdamLocal } from '../../time';
