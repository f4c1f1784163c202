import { describe, expect, it } from 'vitest';
import { normalizePostcode, slugify } from '../../src/lib/server/accounts/companies';
import { companyHomePath, homePath } from '../../src/lib/server/auth/context';
import { hashToken, generateToken } from '../../src/lib/server/auth/tokens';
import { isUuid } from '../../src/lib/server/errors';
import { safeRedirect } from '../../src/lib/server/http';

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
	it('follows same-site paths only', () => {
		expect(safeRedirect('/o/x/hr')).toBe('/o/x/hr');
		expect(safeRedirect('https://evil.example')).toBe('/');
		expect(safeRedirect('//evil.example')).toBe('/');
		expect(safeRedirect('/\\evil.example')).toBe('/');
		expect(safeRedirect(null, '/login')).toBe('/login');
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
