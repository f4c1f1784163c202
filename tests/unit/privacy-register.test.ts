import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRegister } from '../../src/lib/server/privacy/register';

/** docs/privacy.md carries the register exactly as src/lib/server/privacy/register.ts renders it. */
describe('docs/privacy.md', () => {
	it('mirrors the register', () => {
		const doc = readFileSync('docs/privacy.md', 'utf8');
		const m = /<!-- register:start -->\n([\s\S]*?)\n<!-- register:end -->/.exec(doc);
		expect(m, 'docs/privacy.md lacks the register markers').not.toBeNull();
		expect(
			m![1].trim(),
			'docs/privacy.md is out of date: paste the output of renderRegister() between the markers'
		).toBe(renderRegister().trim());
	});
});
