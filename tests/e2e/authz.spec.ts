import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext } from '@playwright/test';
import {
	HOME,
	MATRIX,
	OWN_COMPANY,
	ROLES,
	type Expect,
	type MatrixRow,
	type ParamValue,
	type Role
} from './authz-matrix';
import { resolveParamValues, roleContexts, rowUrl, fillPlaceholders } from './authz-params';
import { mailCount } from './helpers';
import { checkSecurityHeaders } from './security-headers';

const ROUTES_DIR = fileURLToPath(new URL('../../src/routes', import.meta.url));

/** Route ids of every page and endpoint under src/routes, (group) segments dropped. */
function scanRoutes(dir = ROUTES_DIR): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) found.push(...scanRoutes(path));
		else if (/^\+(page\.svelte|page\.(ts|js)|server\.(ts|js))$/.test(entry.name)) {
			const segments = relative(ROUTES_DIR, dir)
				.split(sep)
				.filter((s) => s && !/^\(.+\)$/.test(s));
			found.push('/' + segments.join('/'));
		}
	}
	return [...new Set(found)].sort();
}

function describeRow(row: MatrixRow): string {
	const params = Object.entries(row.params)
		.map(([k, v]) => `${k}=${v}`)
		.join(',');
	const action = row.action === undefined ? '' : row.action ? ` ?/${row.action}` : ' (default)';
	const form = Object.entries(row.form ?? {})
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
	const query = row.query ? `?${row.query}` : '';
	return `${row.method} ${row.route}${query}${action}${params ? ` [${params}]` : ''}${form ? ` {${form}}` : ''}`;
}

test.describe('authorization matrix', () => {
	const contexts = new Map<Role, APIRequestContext>();
	let values: Record<ParamValue, string>;
	let origin: string;

	test.beforeAll(async ({ playwright }, testInfo) => {
		const baseURL = testInfo.project.use.baseURL!;
		origin = new URL(baseURL).origin;
		const newContext = (storageState?: string) =>
			playwright.request.newContext({
				baseURL,
				storageState,
				extraHTTPHeaders: { accept: 'text/html' }
			});
		for (const [role, ctx] of await roleContexts(newContext, baseURL)) contexts.set(role, ctx);
		values = await resolveParamValues(contexts, newContext, baseURL);
	});

	test.afterAll(async () => {
		for (const ctx of contexts.values()) await ctx.dispose();
	});

	test('every route under src/routes has rows in the matrix', () => {
		const routes = scanRoutes();
		expect(routes.length).toBeGreaterThan(10);
		const inMatrix = new Set(MATRIX.map((r) => r.route));
		const missing = routes.filter((r) => !inMatrix.has(r));
		expect(missing, 'routes without a row in tests/e2e/authz-matrix.ts').toEqual([]);
		const stale = [...inMatrix].filter((r) => !routes.includes(r));
		expect(stale, 'matrix rows for routes that do not exist').toEqual([]);
	});

	test('tenant routes are tested for another company, id routes for an unknown id', () => {
		const problems: string[] = [];
		for (const route of new Set(MATRIX.map((r) => r.route))) {
			const rows = MATRIX.filter((r) => r.route === route);
			const gets = rows.filter((r) => r.method === 'GET');
			for (const [, name] of route.matchAll(/\[(\w+)\]/g)) {
				if (rows.some((r) => !r.params[name])) problems.push(`${route}: a row without ${name}`);
				const tried = new Set(gets.map((r) => r.params[name]));
				const needed: ParamValue[] = name === 'company' ? ['own', 'other'] : [];
				for (const value of needed) {
					if (!tried.has(value)) problems.push(`${route}: no GET row with ${name}=${value}`);
				}
				if (name !== 'company' && ![...tried].some((v) => v?.startsWith('unknown'))) {
					problems.push(`${route}: no GET row with an unknown ${name}`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	for (const row of MATRIX) {
		test(describeRow(row), async () => {
			const url = rowUrl(row, values, describeRow(row));
			const form = Object.fromEntries(
				Object.entries(row.form ?? {}).map(([k, v]) => [k, fillPlaceholders(v, values, false)])
			);
			const mismatches: string[] = [];
			for (const role of ROLES) {
				const ctx = contexts.get(role)!;
				const res =
					row.method === 'GET'
						? await ctx.get(url, { maxRedirects: 0 })
						: await ctx.post(url, {
								form,
								headers: { origin },
								maxRedirects: 0
							});
				const status = res.status();
				const location = res.headers()['location'] ?? '';
				const expected: Expect = row.expect[role];
				const ok =
					typeof expected === 'number'
						? status === expected
						: expected === 'login'
							? status === 303 && /^\/login(\?|$)/.test(location)
							: expected === 'home'
								? status === 303 && role !== 'anonymous' && location === HOME[role]
								: status === 303 && location === expected.slice(1);
				if (!ok) {
					mismatches.push(
						`${role}: expected ${expected}, got ${status}${location ? ` → ${location}` : ''}`
					);
				}
				if (row.absent?.length) {
					const body = await res.text();
					for (const text of row.absent) {
						if (body.includes(text)) mismatches.push(`${role}: the response contains "${text}"`);
					}
				}
				// Every answer carries the security headers; a logged-in user's is never cached.
				// (Not the anonymous visitor's redirect to the login page: hooks.server.ts throws
				// it in a handle, so SvelteKit answers outside the handles; it has no body.)
				if (role !== 'anonymous' || status < 300 || status >= 400) {
					const headers = checkSecurityHeaders(res.headers(), { noStore: role !== 'anonymous' });
					if (headers.length) mismatches.push(`${role}: ${headers.join('; ')}`);
				}
			}
			expect(mismatches, `${row.method} ${url}`).toEqual([]);
		});
	}

	test('a form post from another site is refused', async () => {
		const hr = contexts.get('hr')!;
		const email = 'cross-site@e2e.example';
		const res = await hr.post(`/o/${OWN_COMPANY}/hr/medewerkers?/invite`, {
			form: { email, roles: 'learner' },
			headers: { origin: 'http://evil.example' },
			maxRedirects: 0
		});
		expect(res.status()).toBe(403);
		expect(mailCount(email)).toBe(0);
	});
});
