import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MATRIX, PARAM_VALUES, PLACEHOLDER, type MatrixRow } from '../e2e/authz-matrix';

const KNOWN = new Set<string>(PARAM_VALUES);

/**
 * The authorization matrix (tests/e2e/authz-matrix.ts) must exercise every parameter a
 * route reads from the request, not only its path: a static check over src/routes, so a
 * new `?x=` or a new id in a form fails here (in the unit suite, in CI) until the matrix
 * has a row for it.
 *
 * What counts, per route (a folder under src/routes, (group) segments dropped):
 *   query parameters  every name read from the query string in the route's own files
 *                     (+page.server.ts, +server.ts, +page.ts, +page.svelte):
 *                     `searchParams.get('x')` / `.has('x')`, `.get('x')` on a variable
 *                     holding `url.searchParams`, and the names read by a helper in
 *                     src/lib that takes the URLSearchParams (`function f(p: URLSearchParams)`
 *                     → its `p.get('x')`), when the route calls it.
 *                     Also the keys of a $lib/schemas/search schema read with
 *                     `readSearch(url, someSearch)` (src/lib/server/search.ts).
 *                     → the matrix needs a row for the route whose `query` sets x.
 *   id form fields    every form field the route's actions read or its page posts whose
 *                     name says it holds an id: `id`, ending in `Id`, `Ids` or `_id`, a name
 *                     built from an id (`level_${wp.id}`, `reflection_{ind.id}`, counted
 *                     as `level_*`), or one of ID_FIELDS below. Sources: `.get('x')`,
 *                     `.getAll('x')` and `text(form, 'x')` in the server files, `name="x"`
 *                     in the page, and the keys of every zod schema from $lib/schemas the
 *                     server files import (NOT_READ lists the few the route does not read).
 *                     → the matrix needs a POST row for the route whose `form` has x (for
 *                     `level_*`: a key starting with `level_`).
 */

/** Form fields holding an id whose name does not say so (the election's trainer and company). */
const ID_FIELDS = new Set(['trainer', 'company']);

/** Found by the scan but not read by the route, with the reason. */
const NOT_READ: Record<string, string> = {
	// the template page's copy button posts to /hr/sjablonen?/copy (rows there)
	'/o/[company]/hr/sjablonen/[id] templateId': 'posted to /hr/sjablonen'
};

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROUTES_DIR = join(ROOT, 'src/routes');
const LIB_DIR = join(ROOT, 'src/lib');

const SERVER_FILE = /^\+(page\.server|server|page)\.(ts|js)$/;
const PAGE_FILE = /^\+page\.svelte$/;

function walk(dir: string, test: (name: string) => boolean): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) {
			if (entry.name !== 'paraglide') out.push(...walk(path, test));
		} else if (test(entry.name)) out.push(path);
	}
	return out;
}

function routeId(dir: string): string {
	const segments = relative(ROUTES_DIR, dir)
		.split(sep)
		.filter((s) => s && !/^\(.+\)$/.test(s));
	return '/' + segments.join('/');
}

function idLike(name: string): boolean {
	return name === 'id' || /(Ids?|_id)$/.test(name) || ID_FIELDS.has(name);
}

/** `level_${wp.id}` / `level_{wp.id}` → `level_*` when the interpolation is an id. */
function dynamicName(prefix: string, expression: string): string | null {
	return /\bid\b|Id\b/.test(expression) ? `${prefix}*` : null;
}

/** Helpers in src/lib that read a URLSearchParams: function name → the names they read. */
function queryHelpers(): Map<string, string[]> {
	const helpers = new Map<string, string[]>();
	for (const file of walk(LIB_DIR, (n) => /\.ts$/.test(n))) {
		const src = readFileSync(file, 'utf8');
		const re = /export function (\w+)\((\w+): URLSearchParams[^)]*\)[^{]*\{([\s\S]*?)\n\}/g;
		for (const [, name, param, body] of src.matchAll(re)) {
			const names = [...body.matchAll(new RegExp(`\\b${param}\\.(?:get|has)\\('([^']+)'\\)`, 'g'))];
			helpers.set(
				name,
				names.map((n) => n[1])
			);
		}
	}
	return helpers;
}

function queryParams(src: string, helpers: Map<string, string[]>): string[] {
	const names = new Set<string>();
	for (const [, n] of src.matchAll(/searchParams\.(?:get|has)\('([^']+)'\)/g)) names.add(n);
	for (const [, v] of src.matchAll(/(?:const|let) (\w+) = (?:[\w.]*\.)?url\.searchParams;/g)) {
		for (const [, n] of src.matchAll(new RegExp(`\\b${v}\\.(?:get|has)\\('([^']+)'\\)`, 'g'))) {
			names.add(n);
		}
	}
	for (const [helper, read] of helpers) {
		if (new RegExp(`\\b${helper}\\(`).test(src)) read.forEach((n) => names.add(n));
	}
	return [...names];
}

function serverFormFields(src: string): string[] {
	const names = new Set<string>();
	const queryVars = [...src.matchAll(/(?:const|let) (\w+) = (?:[\w.]*\.)?url\.searchParams;/g)].map(
		(m) => m[1]
	);
	for (const [, object, n] of src.matchAll(/\b(\w+)\.(?:get|getAll)\('([^']+)'\)/g)) {
		if (object !== 'searchParams' && !queryVars.includes(object)) names.add(n);
	}
	for (const [, n] of src.matchAll(/\btext\(\w+, '([^']+)'\)/g)) names.add(n);
	for (const [, prefix, expr] of src.matchAll(/\.get\(`(\w+_)\$\{([^}]+)\}`\)/g)) {
		const name = dynamicName(prefix, expr);
		if (name) names.add(name);
	}
	for (const [, prefix, expr] of src.matchAll(/\btext\(\w+, `(\w+_)\$\{([^}]+)\}`\)/g)) {
		const name = dynamicName(prefix, expr);
		if (name) names.add(name);
	}
	return [...names];
}

function pageFormFields(src: string): string[] {
	const names = new Set<string>();
	for (const [, n] of src.matchAll(/\bname="(\w+)"/g)) names.add(n);
	for (const [, prefix, expr] of src.matchAll(/\bname="(\w+_)\{([^}]+)\}"/g)) {
		const name = dynamicName(prefix, expr);
		if (name) names.add(name);
	}
	return [...names];
}

/** The keys of an object schema, through refinements, pipes and defaults. */
function schemaKeys(schema: unknown): string[] {
	let s = schema as { shape?: Record<string, unknown>; def?: Record<string, unknown> } | undefined;
	for (let i = 0; i < 10 && s; i++) {
		if (s.shape && typeof s.shape === 'object') return Object.keys(s.shape);
		const def = s.def as { in?: unknown; innerType?: unknown; schema?: unknown } | undefined;
		s = (def?.in ?? def?.innerType ?? def?.schema) as typeof s;
	}
	return [];
}

async function schemaFields(src: string): Promise<string[]> {
	const names = new Set<string>();
	const imports = src.matchAll(/import \{([^}]+)\} from '\$lib\/schemas\/([\w-]+)'/g);
	for (const [, list, module] of imports) {
		const mod = (await import(`../../src/lib/schemas/${module}.ts`)) as Record<string, unknown>;
		for (const name of list.split(',').map((s) => s.trim())) {
			if (!/Schema$/.test(name)) continue;
			const value = mod[name];
			// a schema factory (e.g. templateNameSchema()) validates one value, not a form
			if (typeof value === 'function') continue;
			schemaKeys(value).forEach((k) => names.add(k));
		}
	}
	return [...names];
}

/** `readSearch(url, someSearch)` with a schema from $lib/schemas/search: the keys it reads. */
async function searchSchemaParams(src: string): Promise<string[]> {
	const names = new Set<string>();
	const mod = (await import('../../src/lib/schemas/search')) as Record<string, unknown>;
	for (const [, name] of src.matchAll(/\breadSearch\([^,]+,\s*(\w+)\)/g)) {
		schemaKeys(mod[name]).forEach((k) => names.add(k));
	}
	return [...names];
}

interface RouteParams {
	query: Set<string>;
	idFields: Set<string>;
}

async function scan(): Promise<Map<string, RouteParams>> {
	const helpers = queryHelpers();
	const routes = new Map<string, RouteParams>();
	const pageFields = new Set<string>();
	const files = walk(ROUTES_DIR, (n) => SERVER_FILE.test(n) || PAGE_FILE.test(n));
	for (const file of files) {
		const route = routeId(join(file, '..'));
		const entry = routes.get(route) ?? { query: new Set(), idFields: new Set() };
		routes.set(route, entry);
		const src = readFileSync(file, 'utf8');
		queryParams(src, helpers).forEach((n) => entry.query.add(n));
		(await searchSchemaParams(src)).forEach((n) => entry.query.add(n));
		const page = PAGE_FILE.test(file.split(sep).at(-1)!);
		const fields = page
			? pageFormFields(src)
			: [...serverFormFields(src), ...(await schemaFields(src))];
		for (const n of fields.filter((n) => idLike(n) || n.endsWith('*'))) {
			(page ? pageFields : entry.idFields).add(`${route} ${n}`);
		}
	}
	// Names in the page that the server reads from the query string are a GET form's
	// (filters); the others are posted.
	for (const key of pageFields) {
		const [route, n] = key.split(' ');
		const entry = routes.get(route)!;
		if (!entry.query.has(n)) entry.idFields.add(n);
	}
	for (const entry of routes.values()) {
		entry.idFields = new Set([...entry.idFields].map((k) => k.split(' ').at(-1)!));
	}
	return routes;
}

function rowQuery(row: MatrixRow): string[] {
	return row.query ? [...new URLSearchParams(row.query).keys()] : [];
}

function coversField(row: MatrixRow, field: string): boolean {
	if (row.method !== 'POST') return false;
	const keys = Object.keys(row.form ?? {});
	return field.endsWith('*')
		? keys.some((k) => k.startsWith(field.slice(0, -1)))
		: keys.includes(field);
}

describe('the authorization matrix exercises every parameter of every route', async () => {
	const routes = await scan();

	it('finds the parameters it is meant to find (the scanner itself works)', () => {
		expect(routes.get('/o/[company]/gesprekken')?.query.has('lerende')).toBe(true);
		expect(routes.get('/o/[company]/hr')?.query.has('trainer')).toBe(true);
		expect(routes.get('/o/[company]/gesprekken/nieuw')?.query.has('lerende')).toBe(true);
		expect(routes.get('/o/[company]/gesprekken/[id]')?.idFields.has('actionId')).toBe(true);
		expect(routes.get('/o/[company]/gesprekken/[id]')?.idFields.has('trainerId')).toBe(true);
		expect(routes.get('/o/[company]/gesprekken/nieuw')?.idFields.has('learnerId')).toBe(true);
		expect(routes.get('/o/[company]/trajecten/[id]/beoordelen')?.idFields.has('level_*')).toBe(
			true
		);
		expect(routes.get('/verkiezing')?.idFields.has('trainer')).toBe(true);
		expect(routes.get('/verkiezing')?.query.has('company')).toBe(true);
	});

	it('every query parameter has a row that sets it', () => {
		const missing: string[] = [];
		for (const [route, { query }] of routes) {
			for (const name of query) {
				const rows = MATRIX.filter((r) => r.route === route);
				if (!rows.some((r) => rowQuery(r).includes(name))) missing.push(`${route}?${name}=`);
			}
		}
		expect(missing, 'query parameters without a row in tests/e2e/authz-matrix.ts').toEqual([]);
	});

	it('every id in a form has a POST row that sends it', () => {
		const missing: string[] = [];
		for (const [route, { idFields }] of routes) {
			for (const name of idFields) {
				if (NOT_READ[`${route} ${name}`]) continue;
				const rows = MATRIX.filter((r) => r.route === route);
				if (!rows.some((r) => coversField(r, name))) missing.push(`${route} {${name}}`);
			}
		}
		expect(missing, 'id form fields without a POST row in tests/e2e/authz-matrix.ts').toEqual([]);
	});

	it('placeholders in query strings and forms name known values', () => {
		const unknown: string[] = [];
		for (const row of MATRIX) {
			const text = [row.query ?? '', ...Object.values(row.form ?? {})].join(' ');
			for (const [, name] of text.matchAll(PLACEHOLDER)) {
				if (!KNOWN.has(name)) unknown.push(`${row.route}: {${name}}`);
			}
		}
		expect(unknown).toEqual([]);
	});
});
