import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, extractLink, latestMail, login } from './helpers';

/** Linda Smit is used by this file only: her password changes here. */
const EMAIL = 'l.smit@delinde.example';
const NEW_PASSWORD = 'nieuw wachtwoord voor Linda';

test('password reset through the mail: new password works, old one and the link do not', async ({
	page,
	browser
}) => {
	await page.goto('/login');
	await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
	await expect(page).toHaveURL('/wachtwoord-vergeten');
	await expect(page.getByRole('heading', { level: 1, name: 'Wachtwoord vergeten' })).toBeVisible();
	await expectAccessible(page);

	// A first request, then a second one: only the newest link works.
	const first = new Date();
	await page.getByLabel('E-mailadres').fill(EMAIL);
	await page.getByRole('button', { name: 'Stuur de link' }).click();
	const sent =
		'Als dit e-mailadres bij ons bekend is, is er nu een e-mail met een herstellink onderweg.';
	await expect(page.getByRole('status')).toHaveText(sent);
	const firstMail = await latestMail(EMAIL, { since: first });
	const firstLink = extractLink(firstMail.text, '/wachtwoord-herstellen/');

	await page.getByRole('button', { name: 'Stuur de link' }).click();
	const mail = await latestMail(EMAIL, { since: new Date(Date.parse(firstMail.sentAt) + 1) });
	expect(mail.subject).toBe('Je wachtwoord herstellen');
	expect(mail.text).toContain('Hallo Linda Smit');
	const link = extractLink(mail.text, '/wachtwoord-herstellen/');
	expect(link).not.toBe(firstLink);

	// The reset happens in another browser, as when the mail is opened on a phone.
	const other = await browser.newContext();
	const p2 = await other.newPage();
	await p2.goto(firstLink);
	await expect(p2.getByText('Deze herstellink is al gebruikt.', { exact: true })).toBeVisible();

	await p2.goto(link);
	await expect(
		p2.getByRole('heading', { level: 1, name: 'Nieuw wachtwoord kiezen' })
	).toBeVisible();
	await expectAccessible(p2);
	await p2.getByLabel('Nieuw wachtwoord').fill(NEW_PASSWORD);
	await p2.getByLabel('Herhaal het wachtwoord').fill(NEW_PASSWORD + ' anders');
	await p2.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
	await expect(p2.getByLabel('Herhaal het wachtwoord')).toHaveAccessibleDescription(
		'De wachtwoorden zijn niet gelijk.'
	);
	await p2.getByLabel('Nieuw wachtwoord').fill(NEW_PASSWORD);
	await p2.getByLabel('Herhaal het wachtwoord').fill(NEW_PASSWORD);
	await p2.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
	await expect(p2).toHaveURL('/o/zorggroep-de-linde/leren');
	await expect(p2.getByRole('heading', { level: 1, name: 'Mijn ontwikkeling' })).toBeVisible();

	// The link is spent.
	await p2.goto(link);
	await expect(p2.getByText('Deze herstellink is al gebruikt.', { exact: true })).toBeVisible();
	await expect(p2.getByRole('button', { name: 'Wachtwoord opslaan' })).toHaveCount(0);
	await other.close();

	// The old password no longer works, the new one does.
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(EMAIL);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Het e-mailadres of het wachtwoord klopt niet.');
	await login(page, EMAIL, NEW_PASSWORD);
	await expect(page).toHaveURL('/o/zorggroep-de-linde/leren');
});

test('an unknown address gets the same answer and no mail', async ({ page }) => {
	const email = 'onbekend-adres@delinde.example';
	await page.goto('/wachtwoord-vergeten');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByRole('button', { name: 'Stuur de link' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Als dit e-mailadres bij ons bekend is, is er nu een e-mail met een herstellink onderweg.'
	);
	await expect(latestMail(email, { timeout: 1_000 })).rejects.toThrow(/no mail/);
});

test('a made-up reset link is refused', async ({ page }) => {
	await page.goto('/wachtwoord-herstellen/verzonnen-token-123');
	await expect(page.getByText('Deze herstellink is niet geldig.', { exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Vraag een nieuwe link aan' })).toBeVisible();
});
