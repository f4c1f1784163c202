import { afterAll, describe, expect, it } from 'vitest';
import { domainErrorMessages, type DomainErrorCode } from '$lib/errors';
import { baseLocale, overwriteGetLocale } from '$lib/paraglide/runtime';

/**
 * Codes that share one message on purpose: it stands next to the field and says what is
 * wrong with the value, whatever the field ("at most 2000 characters", "fill this in").
 */
const SHARED: DomainErrorCode[][] = [
	['reflection_too_long', 'award_motivation_too_long', 'award_evidence_too_long'],
	['framework_name_required', 'award_endorsement_required'],
	['framework_indicator_too_long', 'culture_statement_too_long']
];

const codes = Object.keys(domainErrorMessages) as DomainErrorCode[];

function messagesIn(locale: 'nl' | 'en'): Map<DomainErrorCode, string> {
	overwriteGetLocale(() => locale);
	return new Map(codes.map((code) => [code, domainErrorMessages[code]()]));
}

afterAll(() => overwriteGetLocale(() => baseLocale));

describe('DomainErrorCode messages', () => {
	it('covers the codes (the Record type makes the list complete)', () => {
		expect(codes.length).toBeGreaterThan(90);
	});

	for (const locale of ['nl', 'en'] as const) {
		it(`gives every code a non-empty message in ${locale}`, () => {
			for (const [code, text] of messagesIn(locale)) {
				expect(text.trim(), code).not.toBe('');
			}
		});

		it(`gives every code its own message in ${locale}, apart from the shared field messages`, () => {
			const byText = new Map<string, DomainErrorCode[]>();
			for (const [code, text] of messagesIn(locale)) {
				byText.set(text, [...(byText.get(text) ?? []), code]);
			}
			const groups = [...byText.values()].filter((g) => g.length > 1).map((g) => g.sort());
			expect(groups.sort()).toEqual(SHARED.map((g) => [...g].sort()).sort());
		});
	}

	it('translates every message (English differs from Dutch)', () => {
		const nl = messagesIn('nl');
		const en = messagesIn('en');
		for (const code of codes) expect(en.get(code), code).not.toBe(nl.get(code));
	});

	it('says "not found" for a missing item, not that a link is invalid', () => {
		const nl = messagesIn('nl');
		const tokenInvalid = nl.get('token_invalid');
		for (const code of codes.filter((c) => c !== 'token_invalid')) {
			expect(nl.get(code), code).not.toBe(tokenInvalid);
		}
		expect(nl.get('evidence_not_found')).toMatch(/bewijsstuk/);
		expect(nl.get('award_round_not_found')).toMatch(/verkiezing/);
	});
});
