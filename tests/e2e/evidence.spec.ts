import { expect, test, type Page } from '@playwright/test';
import { pdf } from '../files';
import { apiLogin, expectAccessible, login } from './helpers';

const COMPANY = 'zorggroep-de-linde';

/** A small real PDF (cross-reference table with exact offsets), made here. */
const PDF = pdf({ text: 'Werkverslag week 12' });
/** The start of a Windows executable, named like a PDF. */
const EXE = Buffer.concat([
	Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'),
	Buffer.alloc(512)
]);

async function chooseWorkProcess(page: Page, code: string) {
	const select = page.getByLabel('Werkproces');
	const value = await select.locator('option', { hasText: code }).getAttribute('value');
	await select.selectOption(value);
}

function progress(page: Page) {
	return page.getByRole('progressbar').first().getAttribute('aria-valuenow');
}

test('a learner adds a PDF and a link; her trainer downloads the file; another learner cannot', async ({
	page,
	browser,
	playwright
}, testInfo) => {
	// Uploads, an 11 MB refusal, three roles and axe checks: more than the default 30 s.
	test.setTimeout(90_000);
	const baseURL = testInfo.project.use.baseURL!;
	await login(page, 'lerende@delinde.example');
	await page.getByRole('heading', { level: 2 }).getByRole('link').first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Fatima Yilmaz' })).toBeVisible();
	await page.getByRole('link', { name: 'Bewijs', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bewijs' })).toBeVisible();
	const evidencePath = new URL(page.url()).pathname;
	// The demo evidence is listed.
	await expect(page.getByRole('link', { name: 'Verslag van de werkweek' })).toBeVisible();
	await expectAccessible(page);

	// An .exe renamed to .pdf is refused with a clear message; what was typed is kept.
	await chooseWorkProcess(page, 'B1-K1-W2');
	await page.getByRole('radio', { name: 'Bestand' }).check();
	await page.getByLabel('Titel (niet verplicht)').fill('Werkverslag week 12');
	await page.locator('input[type="file"]').setInputFiles({
		name: 'werkverslag.pdf',
		mimeType: 'application/pdf',
		buffer: EXE
	});
	await page.getByRole('button', { name: 'Bewijs toevoegen' }).click();
	await expect(page.getByText(/^Dit bestand is niet toegestaan\./)).toBeVisible();
	await expect(page.getByLabel('Titel (niet verplicht)')).toHaveValue('Werkverslag week 12');
	await expect(page.getByLabel('Werkproces')).toHaveValue(
		(await page
			.getByLabel('Werkproces')
			.locator('option', { hasText: 'B1-K1-W2' })
			.getAttribute('value'))!
	);
	await expect(page.getByRole('link', { name: 'Werkverslag week 12' })).toHaveCount(0);
	await expectAccessible(page);

	// The real PDF.
	await page.locator('input[type="file"]').setInputFiles({
		name: 'Werkverslag week 12.pdf',
		mimeType: 'application/octet-stream',
		buffer: PDF
	});
	await page.getByRole('button', { name: 'Bewijs toevoegen' }).click();
	await expect(page.getByText('Het bewijs is toegevoegd.')).toBeVisible();
	const fileLink = page.getByRole('link', { name: 'Werkverslag week 12' });
	await expect(fileLink).toBeVisible();
	const href = (await fileLink.getAttribute('href'))!;
	expect(href).toMatch(new RegExp(`^${evidencePath}/[0-9a-f-]{36}$`));

	// A link: only http(s).
	await page.getByRole('radio', { name: 'Link' }).check();
	await page.getByLabel('Titel (niet verplicht)').fill('Protocol tillen');
	await page.getByLabel('Webadres').fill('javascript:alert(1)');
	await page.getByRole('button', { name: 'Bewijs toevoegen' }).click();
	await expect(
		page.getByText('Vul een webadres in dat begint met http:// of https://.', { exact: true })
	).toBeVisible();
	await page.getByLabel('Webadres').fill('https://www.example.nl/protocol-tillen');
	await page.getByRole('button', { name: 'Bewijs toevoegen' }).click();
	await expect(page.getByText('Het bewijs is toegevoegd.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Protocol tillen' })).toHaveAttribute(
		'href',
		'https://www.example.nl/protocol-tillen'
	);

	// Over 10 MB: refused by the server with the Dutch message (the body limit lets it through).
	const big = Buffer.alloc(11 * 1024 * 1024);
	PDF.copy(big);
	const tooLarge = await page.request.post(`${evidencePath}?/add`, {
		multipart: {
			workProcessId: (await page
				.getByLabel('Werkproces')
				.locator('option', { hasText: 'B1-K1-W2' })
				.getAttribute('value'))!,
			kind: 'file',
			title: 'Te groot',
			file: { name: 'groot.pdf', mimeType: 'application/pdf', buffer: big }
		},
		headers: { origin: new URL(baseURL).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(tooLarge.status()).toBe(400);
	expect(await tooLarge.text()).toContain('Het bestand is groter dan 10 MB.');
	// In the browser the form says so before sending.
	await page.getByRole('radio', { name: 'Bestand' }).check();
	await page.locator('input[type="file"]').setInputFiles({
		name: 'groot.pdf',
		mimeType: 'application/pdf',
		buffer: big
	});
	await page.getByRole('button', { name: 'Bewijs toevoegen' }).click();
	await expect(
		page.getByText('Het bestand is groter dan 10 MB. Kies een kleiner bestand.', { exact: true })
	).toBeVisible();

	// Her trainer sees both and downloads the file.
	const trainer = await browser.newContext({ baseURL });
	const trainerPage = await trainer.newPage();
	await login(trainerPage, 'opleider@delinde.example');
	await trainerPage.goto(evidencePath);
	await expect(trainerPage.getByRole('link', { name: 'Protocol tillen' })).toBeVisible();
	await expect(trainerPage.getByText('Te groot')).toHaveCount(0);
	await expect(trainerPage.getByText('Fatima Yilmaz,').first()).toBeVisible();
	const res = await trainerPage.request.get(href);
	expect(res.status()).toBe(200);
	const headers = res.headers();
	expect(headers['content-type']).toBe('application/pdf');
	expect(headers['content-disposition']).toMatch(
		/^attachment; filename="Werkverslag week 12\.pdf"/
	);
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(Buffer.compare(await res.body(), PDF)).toBe(0);
	await trainer.close();

	// A learner of the same company who is not this trajectory's learner: 404.
	const peter = await playwright.request.newContext({ baseURL });
	await apiLogin(peter, baseURL, 'p.dekker@delinde.example');
	expect((await peter.get(href, { maxRedirects: 0 })).status()).toBe(404);
	expect((await peter.get(evidencePath, { maxRedirects: 0 })).status()).toBe(404);
	await peter.dispose();
	// Nor anyone of another company.
	const otherHr = await playwright.request.newContext({ baseURL });
	await apiLogin(otherHr, baseURL, 'hr@vandijkbouw.example');
	expect(
		(await otherHr.get(href.replace(COMPANY, 'bouwbedrijf-van-dijk'), { maxRedirects: 0 })).status()
	).toBe(404);
	await otherHr.dispose();

	// She removes the file she uploaded by mistake; the download is gone with it.
	const item = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('link', { name: 'Werkverslag week 12' }) });
	await item.getByText('Verwijderen…').click();
	await expect(
		item.getByText('„Werkverslag week 12” echt verwijderen?', { exact: false })
	).toBeVisible();
	await item.getByRole('button', { name: 'Ja, verwijderen' }).click();
	await expect(page.getByText('Het bewijs is verwijderd.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Werkverslag week 12' })).toHaveCount(0);
	expect((await page.request.get(href, { maxRedirects: 0 })).status()).toBe(404);
	await expectAccessible(page);
});

test('a trainer records an exemption; it shows on the trajectory and counts as covered', async ({
	page
}) => {
	await login(page, 'opleider@delinde.example');
	await page.goto(`/o/${COMPANY}/praktijkopleider`);
	await page
		.getByRole('link', { name: /^Linda Smit/ })
		.first()
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Linda Smit' })).toBeVisible();
	const before = Number(await progress(page));
	// A work process that is not yet covered.
	const open = page
		.getByRole('row')
		.filter({ has: page.locator('th[scope="row"]') })
		.filter({ hasNotText: 'Beheerst' })
		.filter({ hasNotText: 'Vrijstelling' })
		.last();
	const code = (await open.locator('code').textContent())!.trim();

	await page.getByRole('link', { name: 'Vrijstellingen', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Vrijstellingen' })).toBeVisible();
	await expectAccessible(page);
	// Nothing chosen: a Dutch message, the input kept.
	await page.getByLabel('Grond').selectOption({ label: 'Eerder diploma' });
	await page.getByLabel('Kenmerk (niet verplicht)').fill('Diploma MZ 2019-0042');
	await page.getByRole('button', { name: 'Vrijstelling vastleggen' }).click();
	await expect(page.getByText('Kies minstens één werkproces.', { exact: true })).toBeVisible();
	await expect(page.getByLabel('Kenmerk (niet verplicht)')).toHaveValue('Diploma MZ 2019-0042');
	await page.getByRole('checkbox', { name: new RegExp(code) }).check();
	await page.getByRole('button', { name: 'Vrijstelling vastleggen' }).click();
	await expect(page.getByText('1 vrijstelling vastgelegd.')).toBeVisible();
	const row = page.getByRole('row', { name: new RegExp(code) });
	await expect(row).toContainText('Eerder diploma');
	await expect(row).toContainText('Diploma MZ 2019-0042');
	await expect(row).toContainText('Ahmed El Amrani');
	await expect(page.getByRole('checkbox', { name: new RegExp(code) })).toHaveCount(0);
	await expectAccessible(page);

	await page.getByRole('link', { name: '← Linda Smit' }).click();
	await expect(page.getByRole('row', { name: new RegExp(code) })).toContainText('Vrijstelling');
	expect(Number(await progress(page))).toBe(before + 1);

	// Recorded by mistake: removed again.
	await page.getByRole('link', { name: 'Vrijstellingen', exact: true }).click();
	await page.getByRole('button', { name: `Vrijstelling voor ${code} verwijderen` }).click();
	await expect(page.getByText('De vrijstelling is verwijderd.')).toBeVisible();
	await expect(page.getByRole('row', { name: new RegExp(code) })).toHaveCount(0);
	await page.getByRole('link', { name: '← Linda Smit' }).click();
	expect(Number(await progress(page))).toBe(before);
});
