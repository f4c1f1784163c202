import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers';

test('the English switch on the login page is remembered and can be undone', async ({ page }) => {
	await page.goto('/login');
	await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
	await page.getByRole('button', { name: 'English' }).click();

	await expect(page).toHaveURL('/login');
	await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByLabel('Email address')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Nederlands' })).toBeVisible();

	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
	await page.goto('/wachtwoord-vergeten');
	await expect(page.getByRole('heading', { level: 1, name: 'Forgot password' })).toBeVisible();
	// Server-side validation messages follow the language too.
	await page.getByRole('button', { name: 'Send the link' }).click();
	await expect(page.getByLabel('Email address')).toHaveAccessibleDescription(
		'Please fill in this field.'
	);

	await page.getByRole('button', { name: 'Nederlands' }).click();
	await expect(page).toHaveURL('/wachtwoord-vergeten');
	await expect(page.getByRole('heading', { level: 1, name: 'Wachtwoord vergeten' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await page.goto('/login');
	await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
});

/** Ingrid Visser is used by this file only: her account language changes here. */
test('a logged-in user switching to English keeps it on the account', async ({ page, browser }) => {
	await login(page, 'opleider2@delinde.example');
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn lerenden' })).toBeVisible();
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page).toHaveURL('/o/zorggroep-de-linde/praktijkopleider');
	await expect(page.getByRole('heading', { level: 1, name: 'My learners' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();

	// Another browser without the cookie: Dutch login, English after login.
	const other = await browser.newContext();
	const p2 = await other.newPage();
	await login(p2, 'opleider2@delinde.example');
	await expect(p2.getByRole('heading', { level: 1, name: 'My learners' })).toBeVisible();
	await p2.getByRole('button', { name: 'Nederlands' }).click();
	await expect(p2.getByRole('heading', { level: 1, name: 'Mijn lerenden' })).toBeVisible();
	await other.close();

	// The first browser still has its English cookie until it logs in again ...
	await page.getByRole('button', { name: 'Log out' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
	await page.getByLabel('Email address').fill('opleider2@delinde.example');
	await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Log in' }).click();
	// ... and then follows the account, which is Dutch again.
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn lerenden' })).toBeVisible();
});

/** Sevda Kaya is used by this file only: her account language changes here. */
test('a language chosen before logging in is stored on the account', async ({ page, browser }) => {
	await page.goto('/login');
	await page.getByRole('button', { name: 'English' }).click();
	await page.getByLabel('Email address').fill('opleider2@vandijkbouw.example');
	await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).toHaveURL('/o/bouwbedrijf-van-dijk/praktijkopleider');
	await expect(page.getByRole('heading', { level: 1, name: 'My learners' })).toBeVisible();

	// A browser that never chose: the account's language applies after login.
	const other = await browser.newContext();
	const p2 = await other.newPage();
	await login(p2, 'opleider2@vandijkbouw.example');
	await expect(p2.getByRole('heading', { level: 1, name: 'My learners' })).toBeVisible();
	await expect(p2.locator('html')).toHaveAttribute('lang', 'en');
	await other.close();
});
