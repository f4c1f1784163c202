import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CROSS_COMPANY, isCrossCompanyReason } from '../../src/lib/server/db/cross-company';
import { acrossCompanies } from '../../src/lib/server/db/scope';

/**
 * The tenant wall opens only in narrow functions (issue 19): with a reason from the
 * registry (src/lib/server/db/cross-company.ts), in the files below. A new opening means
 * a new registry entry and a line here, both seen in review.
 */
const ALLOWED_FILES = [
	'src/hooks.server.ts',
	'src/lib/server/accounts/companies.ts',
	'src/lib/server/accounts/invitations.ts',
	'src/lib/server/adviser/contacts.ts',
	'src/lib/server/adviser/overview.ts',
	'src/lib/server/adviser/totals.ts',
	'src/lib/server/auth/context.ts',
	'src/lib/server/auth/totp.ts',
	'src/lib/server/awards/eligibility.ts',
	'src/lib/server/awards/nominations.ts',
	'src/lib/server/awards/public.ts',
	'src/lib/server/awards/received.ts',
	'src/lib/server/awards/rounds.ts',
	'src/lib/server/awards/scoring.ts',
	'src/lib/server/awards/tally.ts',
	'src/lib/server/conversations/scheduler.ts',
	'src/lib/server/culture/editor.ts',
	'src/lib/server/culture/region.ts',
	'src/lib/server/culture/respond.ts',
	'src/lib/server/trajectories/passport.ts',
	'src/lib/server/privacy/access-log.ts',
	'src/lib/server/privacy/erase.ts',
	'src/lib/server/privacy/erasure.ts',
	'src/lib/server/privacy/export.ts',
	'src/lib/server/privacy/leave.ts'
];

const root = join(__dirname, '../..');

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'paraglide' ? [] : sources(path);
		return /\.(ts|js|svelte)$/.test(name) ? [path] : [];
	});
}

/** Every call `acrossCompanies(<first argument>, …` in src, with its file. */
function openings() {
	const calls: { file: string; reason: string }[] = [];
	for (const path of sources(join(root, 'src'))) {
		const file = relative(root, path);
		if (file === 'src/lib/server/db/scope.ts') continue;
		const text = readFileSync(path, 'utf8');
		for (const match of text.matchAll(/\bacrossCompanies\(\s*([^,]*),/g)) {
			calls.push({ file, reason: match[1].trim() });
		}
	}
	return calls;
}

describe('the tenant wall opens only in narrow, registered functions', () => {
	const calls = openings();

	it('finds the openings', () => {
		expect(calls.length).toBeGreaterThan(10);
	});

	it('only in the allowed files', () => {
		const outside = calls.filter((c) => !ALLOWED_FILES.includes(c.file));
		expect(outside).toEqual([]);
	});

	it('only with a reason of the registry (or a parameter typed to it)', () => {
		const keys = Object.keys(CROSS_COMPANY);
		const bad = calls.filter((c) => {
			if (c.reason === 'reason') return false;
			const key = /^CROSS_COMPANY\.(\w+)$/.exec(c.reason)?.[1];
			return !key || !keys.includes(key);
		});
		expect(bad).toEqual([]);
	});

	it('every reason of the registry is used', () => {
		const all = sources(join(root, 'src'))
			.filter((p) => !p.endsWith('cross-company.ts'))
			.map((p) => readFileSync(p, 'utf8'))
			.join('\n');
		const unused = Object.keys(CROSS_COMPANY).filter(
			(key) => !all.includes(`CROSS_COMPANY.${key}`)
		);
		expect(unused).toEqual([]);
	});

	it('refuses a reason outside the registry at run time', () => {
		expect(isCrossCompanyReason(CROSS_COMPANY.passport)).toBe(true);
		expect(isCrossCompanyReason('adviser pages')).toBe(false);
		expect(() => acrossCompanies('adviser pages' as never, () => 1)).toThrow(/unknown reason/);
		expect(acrossCompanies(CROSS_COMPANY.passport, () => 1)).toBe(1);
	});

	it('no page opens the wall as a whole: the hooks open it only for the session and the sweep', () => {
		const hooks = calls.filter((c) => c.file === 'src/hooks.server.ts').map((c) => c.reason);
		expect(hooks.sort()).toEqual(['CROSS_COMPANY.session', 'CROSS_COMPANY.sweepUploads']);
	});
});
