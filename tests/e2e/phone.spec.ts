import { expect, test } from '@playwright/test';
import { ACCOUNTS, HOME, OWN_COMPANY, type LoggedInRole } from './authz-matrix';
import { crawl, shape } from './crawl';
import { login, roleContext } from './helpers';

/**
 * On a 390 px phone no page scrolls sideways and the header leaves the screen to the
 * page: every page each role reaches from its home (the navigation crawl) is opened at
 * 390 × 844, after a comment with a long unbroken link was saved (a pasted URL once made
 * the learner's home 18,000 px wide).
 */
test.use({ viewport: { width: 390, height: 844 } });

/** The header (brand, company, menu button) folded: at most this tall on a phone. */
const HEADER_MAX = 80;
const LONG_URL = `https://voorbeeld.example/${'a1b2c3d4e5'.repeat(28)}?x=1`;
const COMPANY = `/o/${OWN_COMPANY}`;

test.beforeAll(async ({ browser }) => {
	// The trainer comments on a work process of Fatima's (the demo learner) with a long link.
	const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
	await login(page, ACCOUNTS.trainer);
	await page.goto(`${COMPANY}/praktijkopleider`);
	await page
		.getByRole('link', { name: /^Fatima Yilmaz/ })
		.first()
		.click();
	await page.waitForURL(/\/trajecten\/[0-9a-f-]{36}$/);
	await page.goto(page.url() + '/beoordelen');
	const last = page.locator('fieldset.wp').last();
	await last.locator('input[type=radio][value="1"]').check();
	await last.locator('summary').click();
	await last.locator('textarea').fill(LONG_URL);
	await page.getByRole('button', { name: 'Beoordelingen opslaan' }).click();
	await expect(page).toHaveURL(/\?beoordeeld=1/);
	await page.close();
});

async function measure(page: import('@playwright/test').Page) {
	return page.evaluate(() => ({
		overflow: document.documentElement.scrollWidth - window.innerWidth,
		header: document.querySelector('.site-header')?.getBoundingClientRect().height ?? 0
	}));
}

test('the learner home shows the long link without widening the page', async ({ page }) => {
	await login(page, ACCOUNTS.learner);
	await page.goto(`${COMPANY}/leren`);
	await expect(page.getByText(LONG_URL)).toBeVisible();
	const { overflow, header } = await measure(page);
	expect(overflow).toBeLessThanOrEqual(0);
	expect(header).toBeLessThanOrEqual(HEADER_MAX);
});

test('the menu button opens and closes the navigation, by mouse and keyboard', async ({ page }) => {
	await login(page, ACCOUNTS.hr);
	const menu = page.getByRole('button', { name: 'Menu' });
	const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await expect(nav).toBeHidden();
	await menu.click();
	await expect(menu).toHaveAttribute('aria-expanded', 'true');
	await expect(nav.getByRole('link', { name: 'Gesprekken' })).toBeVisible();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Escape');
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await expect(menu).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(menu).toHaveAttribute('aria-expanded', 'true');
	await nav.getByRole('link', { name: 'Gesprekken' }).click();
	await expect(page).toHaveURL(/\/gesprekken$/);
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await expect(nav).toBeHidden();
});

test('without JavaScript the navigation is simply shown', async ({ browser, baseURL }) => {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 390, height: 844 },
		baseURL
	});
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(ACCOUNTS.hr);
	await page.getByLabel('Wachtwoord', { exact: true }).fill('Vakmaat-demo-2026');
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page).not.toHaveURL(/\/login/);
	await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
	await expect(
		page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gesprekken' })
	).toBeVisible();
	expect((await measure(page)).overflow).toBeLessThanOrEqual(0);
	await context.close();
});

test('public pages fit a phone', async ({ page }) => {
	const wide: string[] = [];
	for (const path of ['/login', '/wachtwoord-vergeten', '/verkiezing', '/uitslag/2025']) {
		await page.goto(path);
		const { overflow } = await measure(page);
		if (overflow > 0) wide.push(`${path}: ${overflow}px`);
	}
	expect(wide).toEqual([]);
});

for (const role of Object.keys(ACCOUNTS) as LoggedInRole[]) {
	test(`no page ${role} reaches scrolls sideways on a phone`, async ({
		page,
		playwright,
		baseURL
	}) => {
		test.setTimeout(240_000);
		const request = await roleContext(
			(storageState) => playwright.request.newContext({ baseURL, storageState }),
			baseURL!,
			ACCOUNTS[role]
		);
		const { pages } = await crawl(request, baseURL!, HOME[role]);
		await request.dispose();
		// Two of each kind of page (records of one kind share a layout).
		const perShape = new Map<string, number>();
		const visit = pages.filter((p) => {
			const key = shape(p.split('?')[0]) + (p.includes('?') ? '?' : '');
			const n = perShape.get(key) ?? 0;
			perShape.set(key, n + 1);
			return n < 2;
		});
		expect(visit.length).toBeGreaterThan(3);
		await login(page, ACCOUNTS[role]);
		const wide: string[] = [];
		for (const path of visit) {
			const response = await page.goto(path);
			if (!response?.ok()) continue;
			// Charts are drawn after hydration: wait for the page to settle.
			await page.waitForLoadState('networkidle');
			const { overflow, header } = await measure(page);
			if (overflow > 0) wide.push(`${path}: ${overflow}px wider than the screen`);
			if (header > HEADER_MAX) wide.push(`${path}: header ${Math.round(header)}px high`);
		}
		expect(wide).toEqual([]);
	});
}
