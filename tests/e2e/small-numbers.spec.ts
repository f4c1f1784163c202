import { expect, test, type APIRequestContext } from '@playwright/test';
import { unflatten } from 'devalue';
import { sessionFile } from './helpers';

/**
 * Small numbers stay small in the data, not only on the screen (issue #19): the data the
 * adviser and admin pages send to the browser (SvelteKit's `<path>/__data.json`) and the
 * CSV export carry no figure of 1 or 2 about people, only the hidden marker. De Linde (the
 * adviser's region) has two bbl trajectories and one stalled one; the service-level test
 * (tests/integration/small-numbers.test.ts) adds companies of one and two learners.
 */

const PEOPLE_KEYS = new Set([
	'activeLearners',
	'activeTrajectories',
	'stalled',
	'overdueConversations',
	'overdueActions',
	'routes',
	'buckets',
	'byQuarter',
	'members'
]);

function smallFigures(value: unknown, path = '$', underPeople = false): string[] {
	if (typeof value === 'number') return underPeople && (value === 1 || value === 2) ? [path] : [];
	if (Array.isArray(value)) {
		return value.flatMap((v, i) => smallFigures(v, `${path}[${i}]`, underPeople));
	}
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) =>
			smallFigures(v, `${path}.${k}`, underPeople || PEOPLE_KEYS.has(k))
		);
	}
	return [];
}

/** The load data of a page as the browser gets it on client-side navigation. */
async function pageData(request: APIRequestContext, path: string): Promise<unknown[]> {
	const [pathname, query] = path.split('?');
	const url = `${pathname.replace(/\/$/, '')}/__data.json${query ? `?${query}` : ''}`;
	const res = await request.get(url);
	expect(res.status(), url).toBe(200);
	const body = (await res.json()) as { type: string; nodes: ({ data: unknown[] } | null)[] };
	expect(body.type).toBe('data');
	return body.nodes.filter((n) => n && 'data' in n).map((n) => unflatten(n!.data) as unknown);
}

async function lindeId(request: APIRequestContext): Promise<string> {
	const html = await (await request.get('/sbb?zoek=linde')).text();
	const id = html.match(/\/sbb\/bedrijven\/([0-9a-f-]{36})/)?.[1];
	expect(id).toBeTruthy();
	return id!;
}

test('adviser: the overview, a company page and the CSV carry no 1 or 2 about people', async ({
	playwright,
	baseURL
}) => {
	const request = await playwright.request.newContext({
		baseURL,
		storageState: sessionFile('adviseur@sbb.example')
	});
	const id = await lindeId(request);
	for (const path of ['/sbb', '/sbb?sorteer=stalled', `/sbb/bedrijven/${id}`]) {
		const nodes = await pageData(request, path);
		expect(smallFigures(nodes), path).toEqual([]);
		expect(JSON.stringify(nodes), path).toContain('"hidden":"small"');
	}
	const csv = await request.get('/sbb/export.csv?zoek=linde');
	const lines = (await csv.text()).replace('\uFEFF', '').trim().split('\r\n');
	expect(lines).toHaveLength(2);
	const cells = lines[1].split(';').map((c) => c.replace(/^"|"$/g, ''));
	const people = cells.slice(5, 10).join(' | ');
	expect(people).not.toMatch(/(^|[^0-9])[12]($|[^0-9%])/);
	expect(people).toContain('< 3');
	await request.dispose();
});

test('admin: the national view, a region, a company and the company list', async ({
	playwright,
	baseURL
}) => {
	const request = await playwright.request.newContext({
		baseURL,
		storageState: sessionFile('admin@vakmaat.example')
	});
	const national = await pageData(request, '/sbb/landelijk');
	expect(smallFigures(national)).toEqual([]);
	const adviser = await playwright.request.newContext({
		baseURL,
		storageState: sessionFile('adviseur@sbb.example')
	});
	const id = await lindeId(adviser);
	await adviser.dispose();
	const company = await pageData(request, `/sbb/bedrijven/${id}`);
	expect(smallFigures(company)).toEqual([]);
	expect(JSON.stringify(company)).toContain('"hidden":"small"');
	const companies = await pageData(request, '/beheer/bedrijven');
	expect(smallFigures(companies)).toEqual([]);
	await request.dispose();
});
