import { DomainError } from '../errors';
import { fromAmsterdamLocal } from './phase';
import type { RoundInput } from './rounds';
import { formText } from '$lib/form-data';

export const DATE_FIELDS = [
	'nominationsOpenAt',
	'nominationsCloseAt',
	'regionalJuryUntil',
	'nationalJuryUntil'
] as const;

/** The round form (dates as Amsterdam wall-clock time); a malformed date names its field. */
export function roundInputFrom(form: FormData): RoundInput {
	const str = (n: string) => formText(form, n);
	const dates = {} as Record<(typeof DATE_FIELDS)[number], Date>;
	for (const f of DATE_FIELDS) {
		const d = fromAmsterdamLocal(str(f));
		if (!d) throw new DomainError('award_date_invalid', f);
		dates[f] = d;
	}
	return {
		year: /^\d{4}$/.test(str('year').trim()) ? Number(str('year').trim()) : NaN,
		title: str('title'),
		finalistsPerPanel: /^\d{1,2}$/.test(str('finalistsPerPanel').trim())
			? Number(str('finalistsPerPanel').trim())
			: NaN,
		...dates
	};
}

export function formValues(form: FormData): Record<string, string> {
	return Object.fromEntries(
		[...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string')
	);
}
