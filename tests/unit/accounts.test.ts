import { describe, expect, it } from 'vitest';
import { normalizePostcode, slugify } from '../../src/lib/server/accounts/companies';
import { companyHomePath, homePath } from '../../src/lib/server/auth/context';
import { hashToken, generateToken } from '../../src/lib/server/auth/tokens';
import { isUuid } from '../../src/lib/server/errors';
import { safeRedirect } from '../../src/lib/server/http/redirect';

describe('slugify', () => {
	it('makes readable URL parts', () => {
		expect(slugify('Zorggroep De Linde')).toBe('zorggroep-de-linde');
		expect(slugify('Bouwbedrijf Van Dijk & Zonen')).toBe('bouwbedrijf-van-dijk-en-zonen');
		expect(slugify("Café 't Hoekje")).toBe('cafe-t-hoekje');
		expect(slugify('!!!')).toBe('bedrijf');
		expect(slugify('a'.repeat(80)).length).toBeLessThanOrEqual(60);
	});
});

describe('normalizePostcode', () => {
	it('writes postcodes as 1234 AB', () => {
		expect(normalizePostcode('1234ab')).toBe('1234 AB');
		expect(normalizePostcode(' 1234  AB ')).toBe('1234 AB');
	});
});

describe('safeRedirect', () => {
	it('follows same-site paths, with their query', () => {
		expect(safeRedirect('/o/x/hr')).toBe('/o/x/hr');
		expect(safeRedirect('/')).toBe('/');
		expect(safeRedirect('/o/x/gesprekken?lerende=abc&pagina=2')).toBe(
			'/o/x/gesprekken?lerende=abc&pagina=2'
		);
		// what the login redirect sends (pathname + search of a URL: already percent-encoded)
		const here = new URL('http://localhost/kwalificaties?q=caf%C3%A9 100%');
		const target = here.pathname + here.search;
		expect(safeRedirect(target)).toBe(target);
		expect(safeRedirect(null, '/login')).toBe('/login');
		expect(safeRedirect(undefined)).toBe('/');
		expect(safeRedirect('', '/x')).toBe('/x');
	});

	// Each of these took (or could take) a browser to another site, or broke the header.
	const bypasses: [string, string][] = [
		['absolute URL', 'https://evil.example'],
		['absolute http URL', 'http://evil.example/o/x'],
		['scheme-relative', '//evil.example'],
		['three slashes', '///evil.example'],
		['slash backslash', '/\\evil.example'],
		['backslash slash', '\\/evil.example'],
		['backslashes', '\\\\evil.example'],
		['backslash later in the path', '/o/\\evil.example'],
		["tab between the slashes (the tester's %2F%09%2F)", '/\t/evil.example'],
		['newline between the slashes', '/\n/evil.example'],
		['carriage return between the slashes', '/\r/evil.example'],
		['CR LF header injection', '/x\r\nSet-Cookie: a=b'],
		['leading space', ' //evil.example'],
		['leading tab', '\t/x'],
		['NUL', '/x\u0000y'],
		['encoded slashes', '/%2F%2Fevil.example'],
		['encoded slash after the slash', '/%2Fevil.example'],
		['encoded backslash', '/%5Cevil.example'],
		['encoded backslash, lower case', '/%5cevil.example'],
		['encoded tab', '/%09/evil.example'],
		['double-encoded slash', '/%252Fevil.example'],
		['encoded, without the leading slash', '%2F%2Fevil.example'],
		['dot segment that normalises to //', '/.//evil.example'],
		['dot-dot segment that normalises to //', '/x/..//evil.example'],
		['javascript: URL', 'javascript:alert(1)'],
		['javascript: with a leading space', ' javascript:alert(1)'],
		['data: URL', 'data:text/html,<script>alert(1)</script>'],
		['relative path', 'evil.example'],
		['userinfo', '//user@evil.example'],
		['non-Latin-1 characters', '/o/x/\u2603'],
		['Latin-1 but not ASCII', '/caf\u00e9'],
		['fullwidth solidus', '/\uff0fevil.example'],
		['too long', '/' + 'a'.repeat(3000)]
	];
	it.each(bypasses)('refuses %s', (_, target) => {
		expect(safeRedirect(target)).toBe('/');
		expect(safeRedirect(target, '/home')).toBe('/home');
	});

	it('never returns anything a Location header cannot carry', () => {
		for (const [, target] of bypasses) {
			expect(safeRedirect(target)).toMatch(/^\/[\x21-\x7e]*$/);
		}
	});
});

describe('home paths', () => {
	const user = { id: 'u', email: 'e', name: 'n', locale: 'nl', platformRoles: [] };
	const company = (slug: string) => ({ id: slug, slug, name: slug });
	it('sends each role to its own home', () => {
		expect(companyHomePath('a', ['learner'])).toBe('/o/a/leren');
		expect(companyHomePath('a', ['trainer', 'learner'])).toBe('/o/a/praktijkopleider');
		expect(companyHomePath('a', ['learner', 'hr'])).toBe('/o/a/hr');
		expect(homePath({ ...user, platformRoles: ['admin'] }, [])).toBe('/beheer');
		expect(homePath({ ...user, platformRoles: ['adviser'] }, [])).toBe('/sbb');
		expect(homePath(user, [])).toBe('/geen-toegang');
	});
	it('prefers the last used company', () => {
		const memberships = [
			{ company: company('a'), roles: ['learner' as const] },
			{ company: company('b'), roles: ['trainer' as const] }
		];
		expect(homePath(user, memberships)).toBe('/o/a/leren');
		expect(homePath(user, memberships, 'b')).toBe('/o/b/praktijkopleider');
		expect(homePath(user, memberships, 'gone')).toBe('/o/a/leren');
	});
});

describe('tokens', () => {
	it('are random, URL-safe and hashed with SHA-256', () => {
		const a = generateToken();
		expect(a).toMatch(/^[a-z2-7]{32}$/);
		expect(generateToken()).not.toBe(a);
		expect(hashToken('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});
	it('uuid check keeps bad ids away from SQL', () => {
		expect(isUuid('0b4f6c1e-2a3b-4c5d-8e9f-0a1b2c3d4e5f')).toBe(true);
		expect(isUuid("1' or 1=1")).toBe(false);
	});
});
