/**
 * Bad input, deterministic (issue 19): every POST row of the authorization matrix, for
 * every role that may use it (200, 303, 400 or 409 there), is sent with fuzzed fields:
 * the row's own fields and those of the page's form for that action, filled with NUL and
 * other control characters, over-long text, invalid UTF-8 and lone surrogates, mixed
 * scripts and hostile markup. Seeded, so every run sends the same bytes. It holds when
 * no answer is a 5xx, the server still answers /healthz, and the server log has no
 * error entry for these requests (each carries an x-request-id `fuzz-…`). New forms are
 * covered as soon as they have a row in the matrix.
 *
 * Runs after the other specs (its own project): what it manages to save cannot disturb them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import {
	MATRIX,
	ROLES,
	type Expect,
	type MatrixRow,
	type ParamValue,
	type Role
} from './authz-matrix';
import { resolveParamValues, roleContexts, rowUrl } from './authz-params';

/** Written by scripts/e2e-server.ts. */
const SERVER_LOG = '.data/e2e/server.log';
const VARIANTS = 6;
const MAX_BODY = 1024 * 1024;

/** mulberry32: a small seeded PRNG. */
function prng(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
function hash(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}

/** Percent-encoded values (raw bytes allowed, so invalid UTF-8 can be sent). */
const enc = (s: string) => encodeURIComponent(s);
const FUZZ: ((r: () => number) => string)[] = [
	// NUL and other control characters inside ordinary text
	() => enc('Goed gesprek') + '%00' + enc('gehad'),
	() => '%00%01%02%1B%7F' + enc('tekst') + '%C2%85%C2%9F',
	() => enc('regel 1\r\nregel 2\n\tingesprongen') + '%00',
	// over-long (below and above the 64 KB body limit)
	(r) => enc('x'.repeat(1000 + Math.floor(r() * 9000))),
	() => enc('ë'.repeat(40_000)),
	// invalid UTF-8: an encoded surrogate, an overlong slash, Latin-1 bytes, a cut sequence
	() => '%ED%A0%80' + enc('half') + '%ED%B0%80',
	() => '%C0%AF' + enc('..') + '%C0%AF' + enc('etc') + '%FF%FE',
	() => enc('caf') + '%E9' + enc(' cr') + '%E8me' + '%E2%82',
	// mixed scripts, direction overrides, zero-width, emoji, non-characters
	() => enc('Zoë 中文 العربية \u202Egnp.exe\u200B 😀 \uFEFF\uFFFF'),
	// hostile markup and injections
	() => enc('<script>alert(1)</script>"><img src=x onerror=alert(1)>'),
	() => enc('\'; drop table app_user; -- {{7*7}} ${7*7} =HYPERLINK("http://evil.example")'),
	() => enc('/\r\nSet-Cookie: x=1\r\n\r\n<h1>ingevoegd</h1>'),
	() => enc('../../etc/passwd') + '%00' + enc('.pdf'),
	() => enc('-1e309'),
	() => enc('00000000-0000-4000-8000-000000000000') + '%00'
];

/** Field names of the page's form for the row's action (empty when there is no such page). */
async function formFields(ctx: APIRequestContext, url: string, action: string) {
	const page = url.replace(/\?\/.*$/, '');
	const res = await ctx.get(page, { maxRedirects: 0 });
	if (res.status() !== 200 || !res.headers()['content-type']?.includes('text/html')) return [];
	const html = await res.text();
	const names = new Set<string>();
	for (const [, attrs, inner] of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
		const target = attrs.match(/action="([^"]*)"/)?.[1] ?? '';
		const same = action ? target === `?/${action}` : target === '' || !target.includes('?/');
		if (!same) continue;
		for (const [, name] of inner.matchAll(/<(?:input|textarea|select)[^>]*\bname="([^"]+)"/g)) {
			names.add(name.replace(/&amp;/g, '&'));
		}
	}
	return [...names];
}

function allowed(expect: Expect): boolean {
	return expect === 200 || expect === 400 || expect === 409 || typeof expect === 'string';
}
const permitted = (row: MatrixRow) =>
	ROLES.filter((role) => allowed(row.expect[role]) && row.expect[role] !== 'login');

test.describe('fuzzed input on every form of the matrix', () => {
	const contexts = new Map<Role, APIRequestContext>();
	let values: Record<ParamValue, string>;
	let origin: string;
	let sent = 0;

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

	const rows = MATRIX.filter((row) => row.method === 'POST' && permitted(row).length);

	test('there are forms to fuzz', () => {
		expect(rows.length).toBeGreaterThan(20);
	});

	for (const [index, row] of rows.entries()) {
		const name = `${row.route}${row.action ? ` ?/${row.action}` : ''} #${index}`;
		test(name, async () => {
			test.setTimeout(120_000);
			const url = rowUrl(row, values, name);
			const problems: string[] = [];
			for (const role of permitted(row)) {
				// Never end the session the other rows need.
				if (row.route === '/logout') continue;
				const ctx = contexts.get(role)!;
				const fields = [
					...new Set([
						...Object.keys(row.form ?? {}),
						...(await formFields(ctx, url, row.action ?? ''))
					])
				];
				if (!fields.length) fields.push('tekst');
				const random = prng(hash(`${name}:${role}`));
				for (let v = 0; v < VARIANTS; v++) {
					// Some variants fuzz every field, the others one field with the row's values elsewhere.
					const only = v % 2 ? fields[Math.floor(random() * fields.length)] : null;
					const parts: string[] = [];
					for (const field of fields) {
						const value =
							only === null || field === only
								? FUZZ[Math.floor(random() * FUZZ.length)](random)
								: enc(row.form?.[field] ?? '');
						parts.push(`${enc(field)}=${value}`);
					}
					// Far over the limit the server cuts the connection (tests/unit/input.test.ts);
					// here the body stays within a megabyte of it, answered with a 413.
					let body = parts.join('&');
					if (body.length > MAX_BODY) {
						body = parts.map((p) => p.slice(0, 8000).replace(/%[0-9A-F]?$/i, '')).join('&');
					}
					const requestId = `fuzz-${index}-${role}-${v}`;
					sent++;
					const res = await ctx.post(url, {
						data: Buffer.from(body, 'latin1'),
						headers: {
							origin,
							'content-type': 'application/x-www-form-urlencoded',
							'x-request-id': requestId
						},
						maxRedirects: 0
					});
					if (res.status() >= 500) problems.push(`${role} ${requestId}: HTTP ${res.status()}`);
				}
			}
			const health = await contexts.get('anonymous')!.get('/healthz');
			expect(health.status(), 'the server still answers /healthz').toBe(200);
			expect(problems, `POST ${url}`).toEqual([]);
		});
	}

	test('the server logged no error for any fuzzed request', () => {
		test.skip(!existsSync(SERVER_LOG), `no server log at ${SERVER_LOG}`);
		expect(sent).toBeGreaterThan(0);
		const errors = readFileSync(SERVER_LOG, 'utf8')
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.map((line) => JSON.parse(line) as { level: number; reqId?: string; msg?: string })
			.filter((entry) => entry.level >= 50 && entry.reqId?.startsWith('fuzz-'));
		expect(errors.map((e) => `${e.reqId}: ${e.msg}`)).toEqual([]);
	});
});
