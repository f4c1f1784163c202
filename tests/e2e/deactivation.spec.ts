import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, login } from './helpers';

/** Peter Dekker is used by this file only: he is deactivated here. */
const LEARNER = 'p.dekker@delinde.example';

test('a deactivated member is logged out at once and loses access', async ({ browser }) => {
	const a = await browser.newContext();
	const learner = await a.newPage();
	await login(learner, LEARNER);
	await expect(learner).toHaveURL('/o/zorggroep-de-linde/leren');

	const b = await browser.newContext();
	const hr = await b.newPage();
	await login(hr, 'hr@delinde.example');
	await hr.goto('/o/zorggroep-de-linde/hr/medewerkers');
	await hr.getByRole('link', { name: 'Peter Dekker' }).click();
	await expect(hr).toHaveURL(/\/o\/zorggroep-de-linde\/hr\/medewerkers\/[0-9a-f-]{36}$/);
	await expect(hr.getByRole('heading', { level: 1, name: 'Peter Dekker' })).toBeVisible();
	await hr.getByRole('button', { name: 'Deactiveren' }).click();
	await expect(hr.getByRole('status')).toHaveText('De medewerker is gedeactiveerd en uitgelogd.');
	await expect(hr.getByText(/^Gedeactiveerd op /)).toBeVisible();
	await expect(hr.getByRole('button', { name: 'Weer activeren' })).toBeVisible();
	await expectAccessible(hr);

	// The learner's next navigation (client-side, via the header) ends on the login page.
	await learner.getByRole('link', { name: 'Peter Dekker' }).click();
	await expect(learner).toHaveURL(/\/login/);
	await expect(learner.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
	// A full page load of the old page too.
	await learner.goto('/o/zorggroep-de-linde/leren');
	await expect(learner).toHaveURL(/\/login\?redirectTo=/);

	// Logging in again works, but the company is gone.
	await learner.getByLabel('E-mailadres').fill(LEARNER);
	await learner.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
	await learner.getByRole('button', { name: 'Inloggen' }).click();
	// Back to the page asked for, which no longer exists for him.
	await expect(learner).toHaveURL('/o/zorggroep-de-linde/leren');
	await expect(
		learner.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })
	).toBeVisible();
	const notFound = await learner.request.get('/o/zorggroep-de-linde/leren', { maxRedirects: 0 });
	expect(notFound.status()).toBe(404);
	await learner.goto('/');
	await expect(learner).toHaveURL('/geen-toegang');
	await expect(learner.getByRole('heading', { level: 1, name: 'Nog geen toegang' })).toBeVisible();

	// HR's list shows the status.
	await hr.goto('/o/zorggroep-de-linde/hr/medewerkers');
	await expect(hr.getByRole('row', { name: /Peter Dekker/ })).toContainText('Gedeactiveerd');

	await a.close();
	await b.close();
});
