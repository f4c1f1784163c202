import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, login } from './helpers';

const COMPANY = 'zorggroep-de-linde';
const HOME = `/o/${COMPANY}/hr`;

/**
 * The HR dashboard on the demo data. Other specs add trajectories and assessments at
 * the same company while this one runs, so figures they can change are checked as
 * "at least"; the practice-statement route (only Linda Smit, stalled) is left alone by
 * every spec and is checked exactly.
 */

const stat = (page: Page, name: string) =>
	page.getByRole('region', { name, exact: true }).locator('.stat');

async function statValue(page: Page, name: string): Promise<number> {
	await expect(stat(page, name)).toHaveText(/^\d+$/);
	return Number(await stat(page, name).textContent());
}

/** The learners cell of a route × status in the composition table. */
function compositionCell(page: Page, route: string, column: number) {
	return page
		.getByRole('region', { name: 'Lerenden per route en status' })
		.getByRole('row', { name: new RegExp(`^${route}`) })
		.getByRole('cell')
		.nth(column);
}

test('HR sees the figures, filters by route, the chart renders and the list downloads as CSV', async ({
	page
}) => {
	await login(page, 'hr@delinde.example');
	await expect(page).toHaveURL(HOME);
	await expect(page.getByRole('heading', { level: 1, name: 'Leren in het bedrijf' })).toBeVisible();

	// The whole company.
	expect(await statValue(page, 'Actieve lerenden')).toBeGreaterThanOrEqual(4);
	expect(await statValue(page, 'Stilgevallen')).toBeGreaterThanOrEqual(1);
	await expect(compositionCell(page, 'Praktijkverklaring', 0)).toHaveText('1');
	const distribution = page.getByRole('region', { name: 'Voortgang van de actieve leertrajecten' });
	await expect(distribution.getByRole('listitem')).toHaveCount(5);
	await expect(distribution.getByText('Alles behaald')).toBeVisible();
	const stalled = page.getByRole('region', { name: 'Stilgevallen leertrajecten' });
	await expect(stalled.getByRole('link', { name: 'Linda Smit' })).toBeVisible();
	await expect(
		stalled.getByRole('row', { name: /Linda Smit/ }).getByText('Begeleider gehandicaptenzorg')
	).toBeVisible();
	const caseload = page.getByRole('region', { name: 'Caseload van de praktijkopleiders' });
	await expect(caseload.getByRole('row', { name: /^Ahmed El Amrani/ })).toBeVisible();
	await expect(caseload.getByRole('row', { name: /^Sanne de Vries/ })).toBeVisible();

	// The chart: chart.js loads after the page and draws on the canvas; the same figures are
	// in a table.
	const months = page.getByRole('region', { name: 'Beoordelingen per maand' });
	const chart = months.getByRole('img', { name: /^Lijngrafiek van het aantal beoordelingen/ });
	await expect(chart).toBeVisible();
	await expect(months.locator('figure[data-chart="ready"]')).toHaveCount(1);
	const drawn = await chart.evaluate((canvas: HTMLCanvasElement) => {
		const ctx = canvas.getContext('2d')!;
		const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
		return canvas.width > 0 && pixels.some((v, i) => i % 4 === 3 && v > 0);
	});
	expect(drawn).toBe(true);
	await months.getByText('Toon de cijfers als tabel').click();
	await expect(months.getByRole('table').getByRole('row')).toHaveCount(13);
	await expectAccessible(page);

	// Filter by route: every figure follows.
	await page.getByLabel('Route', { exact: true }).selectOption({ label: 'Praktijkverklaring' });
	await page.getByRole('button', { name: 'Filter toepassen' }).click();
	await expect(page).toHaveURL(/[?&]route=practice_statement/);
	await expect(stat(page, 'Actieve lerenden')).toHaveText('1');
	await expect(stat(page, 'Actieve leertrajecten')).toHaveText('1');
	await expect(stat(page, 'Stilgevallen')).toHaveText('1');
	await expect(compositionCell(page, 'Bbl-diploma', 0)).toHaveText('0');
	await expect(caseload.getByRole('row', { name: /^Ingrid Visser\s+0\s+0$/ })).toBeVisible();
	await expect(months.locator('figure[data-chart="ready"]')).toHaveCount(1);
	await expect(page.getByLabel('Route', { exact: true })).toHaveValue('practice_statement');

	// The download has the same filter.
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Leertrajecten downloaden (CSV voor Excel)' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^leertrajecten-zorggroep-de-linde-[\d-]+\.csv$/);
	const csv = readFileSync(await download.path(), 'utf8');
	expect(csv.charCodeAt(0)).toBe(0xfeff);
	const lines = csv.slice(1).trimEnd().split('\r\n');
	expect(lines[0]).toBe(
		'"Lerende";"Leertraject";"Route";"Status";"Praktijkopleiders";"School";"Startdatum";' +
			'"Geplande einddatum";"Werkprocessen behaald";"Werkprocessen totaal";"Voortgang (%)";' +
			'"Laatste beoordeling";"Stilgevallen"'
	);
	expect(lines).toHaveLength(2);
	expect(lines[1]).toMatch(
		/^"Linda Smit";"Begeleider gehandicaptenzorg \(25475\)";"Praktijkverklaring";"Actief";"Ahmed El Amrani, Sanne de Vries";"";"\d{4}-\d{2}-\d{2}";.*;"ja"$/
	);
	await expectAccessible(page);

	// Filter by trainer: only that trainer's caseload; clearing brings the company back.
	await page
		.getByLabel('Praktijkopleider', { exact: true })
		.selectOption({ label: 'Ingrid Visser' });
	await page.getByLabel('Route', { exact: true }).selectOption({ label: 'Alle routes' });
	await page.getByRole('button', { name: 'Filter toepassen' }).click();
	await expect(page).toHaveURL(/[?&]trainer=[0-9a-f-]{36}/);
	await expect(caseload.getByRole('row')).toHaveCount(2);
	await expect(caseload.getByRole('row', { name: /^Ingrid Visser/ })).toBeVisible();
	await expect(stalled.getByText('Er zijn geen stilgevallen leertrajecten.')).toBeVisible();
	await page.getByRole('link', { name: 'Filters wissen' }).click();
	await expect(page).toHaveURL(HOME);
	expect(await statValue(page, 'Actieve lerenden')).toBeGreaterThanOrEqual(4);
});

test('the CSV answers as text/csv in UTF-8 with the filters of the query string', async ({
	page
}) => {
	await login(page, 'hr@delinde.example');
	const res = await page.request.get(`${HOME}/export.csv?route=practice_statement`);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
	expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="leertrajecten-/);
	const body = await res.body();
	expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	expect(body.toString('utf8').trimEnd().split('\r\n')).toHaveLength(2);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the figures and the chart data are there as tables', async ({ page }) => {
		await login(page, 'hr@delinde.example');
		await page.goto(`${HOME}?route=practice_statement`);
		await expect(stat(page, 'Actieve lerenden')).toHaveText('1');
		const months = page.getByRole('region', { name: 'Beoordelingen per maand' });
		await months.getByText('Toon de cijfers als tabel').click();
		await expect(months.getByRole('table').getByRole('row')).toHaveCount(13);
		await expect(months.locator('figure[data-chart="loading"]')).toHaveCount(1);
	});
});

test('HR lists only the stalled trajectories', async ({ page }) => {
	await login(page, 'hr@delinde.example');
	await page.goto(`${HOME}/trajecten`);
	await page
		.getByRole('navigation', { name: 'Status' })
		.getByRole('link', { name: 'Stilgevallen' })
		.click();
	await expect(page).toHaveURL(`${HOME}/trajecten?stilgevallen=1`);
	await expect(page.getByText('Alleen stilgevallen leertrajecten')).toBeVisible();
	await expect(page.getByRole('link', { name: /Linda Smit/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /Fatima Yilmaz/ })).toHaveCount(0);
	await expectAccessible(page);
});
