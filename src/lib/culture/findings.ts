import { formatScore } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

/**
 * A finding of a learning-culture round in words (strength, low score, gap between
 * management and employees, a drop since the previous round), as HR's results page and a
 * conversation about the scan show it.
 */
export function findingText(
	f: { kind: 'strength' | 'low' | 'gap' | 'down'; value: number },
	dimension: string,
	locale: string
): string {
	const value = formatScore(Math.abs(f.value), locale);
	switch (f.kind) {
		case 'strength':
			return m.culture_finding_strength({ dimension, value });
		case 'low':
			return m.culture_finding_low({ dimension, value });
		case 'gap':
			return m.culture_finding_gap({ dimension, value });
		case 'down':
			return m.culture_finding_down({ dimension, value });
	}
}
