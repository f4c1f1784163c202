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

const ZONE = 'Europe/Amsterdam';

function zoneParts(date: Date): Record<string, number> {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: ZONE,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(date);
	const out: Record<string, number> = {};
	for (const p of parts) if (p.type !== 'literal') out[p.type] = Number(p.value);
	return out;
}

/** A moment as Amsterdam wall-clock time for a datetime-local input: 'YYYY-MM-DDTHH:mm'. */
export function toAmsterdamLocal(date: Date): string {
	const p = zoneParts(date);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Amsterdam wall-clock time ('YYYY-MM-DDTHH:mm') as a moment; null when malformed. */
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
