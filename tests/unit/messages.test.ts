import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const load = (locale: string) =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, unknown>;

describe('message catalogue', () => {
	it('has every Dutch message in English too, and nothing more', () => {
		const nl = Object.keys(load('nl')).sort();
		const en = Object.keys(load('en')).sort();
		expect(en).toEqual(nl);
	});

	it('has no empty translations', () => {
		for (const locale of ['nl', 'en']) {
			for (const [key, value] of Object.entries(load(locale))) {
				if (key === '$schema') continue;
				expect(JSON.stringify(value).length, `${locale}.${key}`).toBeGreaterThan(2);
			}
		}
	});
});
