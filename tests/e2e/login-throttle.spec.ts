import { expect, test } from '@playwright/test';

const LOGIN_FAILED = 'Het e-mailadres of het wachtwoord klopt niet.';

/** Uses an address of its own: the throttling counts per address and IP. */
test('after five wrong passwords the login form asks to wait, longer each time', async ({
	page
}) => {
	const email = 'doelwit-e2e@delinde.example';
	await page.goto('/login');
	const attempt = async () => {
		await page.getByLabel('E-mailadres').fill(email);
		await page.getByLabel('Wachtwoord', { exact: true }).fill('niet-het-wachtwoord');
		await page.getByRole('button', { name: 'Inloggen' }).click();
	};
	for (let i = 0; i < 5; i++) {
		await attempt();
		await expect(page.getByRole('alert')).toHaveText(LOGIN_FAILED);
		// The message is re-rendered each time; wait for this attempt's answer.
		await expect(page.getByRole('button', { name: 'Inloggen' })).toBeEnabled();
	}
	await attempt();
	await expect(page.getByRole('alert')).toHaveText(
		/^Te veel pogingen, probeer het over [12] seconden? opnieuw\.$/
	);
	await page.waitForTimeout(2_100);
	await attempt();
	await expect(page.getByRole('alert')).toHaveText(LOGIN_FAILED);
	await attempt();
	// Throttled again, for longer (up to 4 s; on a loaded machine part of it may have
	// passed before the answer is rendered).
	await expect(page.getByRole('alert')).toHaveText(
		/^Te veel pogingen, probeer het over [1-4] seconden? opnieuw\.$/
	);
});
