import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, login } from './helpers';

const LOGIN_FAILED = 'Het e-mailadres of het wachtwoord klopt niet.';

test.describe('login form', () => {
	test('a wrong password gives one Dutch message and keeps the email address', async ({ page }) => {
		await page.goto('/login');
		await page.getByLabel('E-mailadres').fill('hr@delinde.example');
		await page.getByLabel('Wachtwoord', { exact: true }).fill('niet-het-wachtwoord');
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page.getByRole('alert')).toHaveText(LOGIN_FAILED);
		await expect(page).toHaveURL('/login');
		await expect(page.getByLabel('E-mailadres')).toHaveValue('hr@delinde.example');
		// The password is never sent back.
		await expect(page.getByLabel('Wachtwoord', { exact: true })).toHaveValue('');
		await expectAccessible(page);
	});

	test('an unknown address gives the same message as a wrong password', async ({ page }) => {
		await page.goto('/login');
		await page.getByLabel('E-mailadres').fill('niemand@delinde.example');
		await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page.getByRole('alert')).toHaveText(LOGIN_FAILED);
		await expect(page.getByLabel('E-mailadres')).toHaveValue('niemand@delinde.example');
	});

	test('an invalid address gets a Dutch error next to the field', async ({ page }) => {
		await page.goto('/login');
		const email = page.getByLabel('E-mailadres');
		await email.fill('geen-e-mailadres');
		await page.getByLabel('Wachtwoord', { exact: true }).fill('iets');
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(email).toHaveAttribute('aria-invalid', 'true');
		await expect(email).toHaveAccessibleDescription(
			'Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl.'
		);
		await expect(page.locator('#field-email-error')).toBeVisible();
		await expect(email).toHaveValue('geen-e-mailadres');
		// The password field was fine: no error there.
		await expect(page.getByLabel('Wachtwoord', { exact: true })).not.toHaveAttribute(
			'aria-invalid',
			'true'
		);
		await expectAccessible(page);
	});

	test('empty fields are required, in Dutch', async ({ page }) => {
		await page.goto('/login');
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page.getByLabel('E-mailadres')).toHaveAccessibleDescription('Vul dit veld in.');
		await expect(page.getByLabel('Wachtwoord', { exact: true })).toHaveAccessibleDescription(
			'Vul dit veld in.'
		);
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });

		test('the form still works: error with kept address, then login', async ({ page }) => {
			await page.goto('/login');
			await page.getByLabel('E-mailadres').fill('opleider@delinde.example');
			await page.getByLabel('Wachtwoord', { exact: true }).fill('verkeerd-wachtwoord');
			await page.getByRole('button', { name: 'Inloggen' }).click();
			await expect(page.getByRole('alert')).toHaveText(LOGIN_FAILED);
			await expect(page.getByLabel('E-mailadres')).toHaveValue('opleider@delinde.example');
			await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
			await page.getByRole('button', { name: 'Inloggen' }).click();
			await expect(page).toHaveURL('/o/zorggroep-de-linde/praktijkopleider');
		});
	});
});

test.describe('protected pages and logout', () => {
	test('an anonymous visitor is sent to the login page and back after login', async ({ page }) => {
		await page.goto('/o/zorggroep-de-linde/hr/medewerkers');
		await expect(page).toHaveURL(
			'/login?redirectTo=' + encodeURIComponent('/o/zorggroep-de-linde/hr/medewerkers')
		);
		await page.getByLabel('E-mailadres').fill('hr@delinde.example');
		await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page).toHaveURL('/o/zorggroep-de-linde/hr/medewerkers');
		await expect(page.getByRole('heading', { level: 1, name: 'Medewerkers' })).toBeVisible();
	});

	// '//evil.example', and the tester's bypass: a tab between the slashes, which a browser
	// drops (it then read /\t/evil.example as //evil.example)
	for (const target of ['//evil.example/phish', '/\t/evil.example', '/\\evil.example']) {
		test(`the login page does not follow a redirect to another site (${JSON.stringify(target)})`, async ({
			page
		}) => {
			await page.goto('/login?redirectTo=' + encodeURIComponent(target));
			await page.getByLabel('E-mailadres').fill('lerende@delinde.example');
			await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
			await page.getByRole('button', { name: 'Inloggen' }).click();
			await expect(page).toHaveURL('/o/zorggroep-de-linde/leren');
			expect(new URL(page.url()).hostname).toBe('localhost');
		});
	}

	test('logout returns to the login page; protected pages then redirect to login', async ({
		page
	}) => {
		await login(page, 'hr@delinde.example');
		await expect(page).toHaveURL('/o/zorggroep-de-linde/hr');
		const before = (await page.context().cookies()).find((c) => c.name === 'vakmaat_session');
		expect(before?.value).toBeTruthy();

		await page.getByRole('button', { name: 'Uitloggen' }).click();
		await expect(page).toHaveURL('/login?uitgelogd=1');
		await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Uitloggen' })).toHaveCount(0);

		await page.goto('/o/zorggroep-de-linde/hr');
		await expect(page).toHaveURL(/\/login\?redirectTo=/);
		await page.goto('/account');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);

		// The old session token is dead on the server, not only removed from the browser.
		const res = await page.request.get('/o/zorggroep-de-linde/hr', {
			headers: { cookie: `vakmaat_session=${before!.value}` },
			maxRedirects: 0
		});
		expect(res.status()).toBe(303);
		expect(res.headers()['location']).toMatch(/^\/login/);
	});
});
