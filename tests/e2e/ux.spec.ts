import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, OWN_COMPANY } from './authz-matrix';
import { login } from './helpers';

/**
 * The finish of the interface: printable documents carry a letterhead, empty lists say
 * what to do next, error summaries name the fields, pages speak from the reader's point
 * of view and explain counts that seem to disagree, limited fields count characters.
 */
const COMPANY = `/o/${OWN_COMPANY}`;
const VAN_DIJK = '/o/bouwbedrijf-van-dijk';

/** The first conversation (not "plan a conversation") linked from the conversation list. */
async function firstConversation(page: Page): Promise<string> {
	await page.goto(`${COMPANY}/gesprekken`);
	const hrefs = await page.$$eval('a[href*="/gesprekken/"]', (as) =>
		as.map((a) => a.getAttribute('href') ?? '')
	);
	const href = hrefs.find((h) => /\/gesprekken\/[0-9a-f-]{36}$/.test(h));
	expect(href, 'a conversation in the demo data').toBeTruthy();
	return href!;
}

test('the praktijkverklaring has a letterhead and prints on clean paper', async ({ page }) => {
	await login(page, ACCOUNTS.learner);
	await page.goto(`${COMPANY}/leren`);
	await page.locator('h2 a[href*="/trajecten/"]').first().click();
	await page.getByRole('link', { name: 'Praktijkverklaring' }).click();
	const letterhead = page.locator('.letterhead');
	await expect(letterhead).toContainText('Zorggroep De Linde');
	await expect(letterhead).toContainText('Praktijkverklaring');
	await expect(letterhead).toContainText(/Afgedrukt op \d{1,2} \w+ \d{4}/);
	await page.emulateMedia({ media: 'print' });
	// On paper: no site header, no buttons; the letterhead stays.
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Afdrukken' })).toBeHidden();
	await expect(letterhead).toBeVisible();
	await page.screenshot({ path: test.info().outputPath('praktijkverklaring-print.png') });
	const pdf = await page.pdf({ format: 'A4', printBackground: true });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

test('the conversation record prints with a letterhead', async ({ page }) => {
	await login(page, ACCOUNTS.trainer);
	// Only a held conversation links its print view; any conversation has one.
	await page.goto(`${await firstConversation(page)}/afdrukken`);
	const letterhead = page.locator('.letterhead');
	await expect(letterhead).toContainText('Zorggroep De Linde');
	await expect(letterhead).toContainText('Gespreksverslag');
	await expect(letterhead).toContainText('Afgedrukt op');
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(letterhead).toBeVisible();
	await page.screenshot({ path: test.info().outputPath('gesprek-print.png'), fullPage: true });
});

test('empty lists say what to do next, with a link where the role may act', async ({ browser }) => {
	// Van Dijk's demo has no trajectories: HR, trainer and learner each see their next step.
	const cases = [
		{
			email: 'hr@vandijkbouw.example',
			path: `${VAN_DIJK}/hr/trajecten`,
			link: 'Nieuw leertraject',
			to: /\/hr\/trajecten\/nieuw$/
		},
		{
			email: 'opleider@vandijkbouw.example',
			path: `${VAN_DIJK}/praktijkopleider`,
			link: 'Mijn profiel als praktijkopleider',
			to: /\/praktijkopleider\/profiel$/
		},
		{
			email: 'lerende@vandijkbouw.example',
			path: `${VAN_DIJK}/leren`,
			link: 'Praktijkopleiders van dit bedrijf',
			to: /\/opleiders$/
		}
	];
	for (const c of cases) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await login(page, c.email);
		await page.goto(c.path);
		const empty = page.locator('[data-empty]').first();
		await expect(empty).toBeVisible();
		await empty.getByRole('link', { name: c.link }).click();
		await expect(page).toHaveURL(c.to);
		await context.close();
	}
});

test('an error summary names the fields to correct, linked to them', async ({ page }) => {
	await login(page, ACCOUNTS.trainer);
	await page.goto(await firstConversation(page));
	const form = page.locator('form.add-action');
	await form.getByRole('button', { name: 'Actiepunt toevoegen' }).click();
	// The message is the alert; the summary under it links the fields.
	const alert = form.locator('.notice.error');
	await expect(alert).toContainText('Verbeter deze velden:');
	const link = alert.getByRole('link', { name: 'Actiepunt' });
	await expect(link).toHaveAttribute('href', '#action-description');
});

test('HR reads a trainer’s profile in the third person and counts with an explanation', async ({
	page
}) => {
	await login(page, ACCOUNTS.hr);
	await expect(page.getByText(/ook wie \(nog\) geen account heeft/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Lerenden met een account' })).toBeVisible();
	await page.goto(`${COMPANY}/hr/praktijkopleiders`);
	await page.locator('a[href*="/hr/praktijkopleiders/"]').first().click();
	await expect(page.getByRole('heading', { name: 'Profiel als praktijkopleider' })).toBeVisible();
	// Headings and labels speak about the trainer (learners' feedback questions quote them).
	await expect(page.locator('h1, h2, h3, dt').filter({ hasText: /^Mijn |die ik / })).toHaveCount(0);
	await expect(page.getByText(/^Je begeleidt/)).toHaveCount(0);
});

test('a field with a length limit counts the characters as one types', async ({ page }) => {
	await login(page, ACCOUNTS.trainer);
	await page.goto(`${COMPANY}/praktijkopleider/profiel`);
	const bio = page.locator('#field-bio');
	const counter = page.locator('#field-bio-count');
	await bio.fill('Twaalf tekens');
	await expect(counter).toHaveText('13 van 2000 tekens');
	await bio.fill('');
	await expect(counter).toHaveText('0 van 2000 tekens');
});
