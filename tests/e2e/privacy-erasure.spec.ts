import { expect, test } from '@playwright/test';
import { expectAccessible, extractLink, latestMail, login, uniqueEmail } from './helpers';

/**
 * Erasure on request (issue 18), end to end. A new learner at Van Dijk (invited here, so
 * no other spec's account changes) asks on her account page for her account to be
 * deleted: unticked is refused in Dutch, ticked is stored and can be taken back. The admin
 * sees the request with what it means per company, carries it out, and is told what it
 * did; the person's session ends, she can no longer log in, and HR no longer lists her.
 */
test('a learner asks for erasure and the admin carries it out', async ({ browser }) => {
	// Three browsers, an invitation with a password (argon2) and several axe runs.
	test.setTimeout(120_000);
	const email = uniqueEmail('wis-mij');
	const name = `Wies Wissel ${Date.now().toString(36)}`;
	const password = 'een lange zin om te wissen';
	const started = new Date();

	// HR invites her; she accepts.
	const hrContext = await browser.newContext();
	const hr = await hrContext.newPage();
	await login(hr, 'hr@vandijkbouw.example');
	await hr.goto('/o/bouwbedrijf-van-dijk/hr/medewerkers');
	const invite = hr.locator('form[action="?/invite"]');
	await invite.getByLabel('E-mailadres').fill(email);
	await invite.getByRole('button', { name: 'Uitnodiging versturen' }).click();
	await expect(hr.getByRole('status')).toHaveText(`Uitnodiging verstuurd naar ${email}.`);
	const link = extractLink((await latestMail(email, { since: started })).text, '/uitnodiging/');
	const learnerContext = await browser.newContext();
	const learner = await learnerContext.newPage();
	await learner.goto(link);
	await learner.getByLabel('Naam').fill(name);
	await learner.getByLabel('Wachtwoord', { exact: true }).fill(password);
	await learner.getByLabel('Herhaal het wachtwoord').fill(password);
	await learner.getByRole('button', { name: 'Uitnodiging accepteren' }).click();
	await expect(learner).toHaveURL('/o/bouwbedrijf-van-dijk/leren');

	// She asks, first without ticking the box.
	await learner.goto('/account');
	const erasure = learner.getByRole('region', { name: 'Account verwijderen' });
	await expect(erasure.getByText(/Wat verdwijnt: je account/)).toBeVisible();
	await expect(erasure.getByText(/Wat blijft, zonder je naam/)).toBeVisible();
	await erasure.getByRole('button', { name: 'Verwijdering aanvragen' }).click();
	await expect(
		erasure.getByText('Vink aan dat je je account wilt laten verwijderen.', { exact: true })
	).toBeVisible();
	await expectAccessible(learner);
	await erasure.getByLabel('Ja, verwijder mijn account en mijn gegevens').check();
	await erasure.getByRole('button', { name: 'Verwijdering aanvragen' }).click();
	await expect(erasure.getByText('Je verzoek is ontvangen.')).toBeVisible();
	await expect(erasure.getByText(/gevraagd je account te verwijderen/)).toBeVisible();

	// Taken back, and asked again.
	await erasure.getByRole('button', { name: 'Verzoek intrekken' }).click();
	await expect(
		erasure.getByText('Je verzoek is ingetrokken. Je account blijft bestaan.')
	).toBeVisible();
	await erasure.getByLabel('Ja, verwijder mijn account en mijn gegevens').check();
	await erasure.getByRole('button', { name: 'Verwijdering aanvragen' }).click();
	await expect(erasure.getByRole('button', { name: 'Verzoek intrekken' })).toBeVisible();

	// The admin finds it from the admin home.
	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await login(admin, 'admin@vakmaat.example');
	await admin.goto('/beheer');
	await admin.getByRole('link', { name: /^Verwijderverzoeken \(\d+\)$/ }).click();
	await expect(admin.getByRole('heading', { level: 1, name: 'Verwijderverzoeken' })).toBeVisible();
	const row = admin.getByRole('row', { name: new RegExp(email) });
	await expect(row).toContainText(name);
	await expectAccessible(admin);
	await row.getByRole('link', { name: /Bekijken/ }).click();
	await expect(
		admin.getByRole('heading', { level: 1, name: `Verwijderverzoek van ${name}` })
	).toBeVisible();
	const company = admin.getByRole('region', { name: 'Bouwbedrijf Van Dijk & Zonen' });
	await expect(company.getByText('Trajecten: 0')).toBeVisible();
	await expect(company.getByText(/naam en e-mailadres/)).toBeVisible();
	await expectAccessible(admin);

	// Not without the box; then carried out.
	await admin.getByRole('button', { name: 'Account verwijderen' }).click();
	await expect(
		admin.getByText('Vink aan dat je het account definitief wilt verwijderen.', { exact: true })
	).toBeVisible();
	await admin.getByLabel('Ja, verwijder dit account definitief').check();
	await admin.getByRole('button', { name: 'Account verwijderen' }).click();
	await expect(admin).toHaveURL(/\/beheer\/verwijderverzoeken\?/);
	await expect(
		admin.getByText('Het account is verwijderd. Bedrijven: 1, bestanden verwijderd: 0.')
	).toBeVisible();
	await expect(admin.getByRole('row', { name: new RegExp(email) })).toHaveCount(0);
	await adminContext.close();

	// Her session is gone, and so is her account.
	await learner.goto('/account');
	await expect(learner).toHaveURL(/\/login/);
	await learner.getByLabel('E-mailadres').fill(email);
	await learner.getByLabel('Wachtwoord', { exact: true }).fill(password);
	await learner.getByRole('button', { name: 'Inloggen' }).click();
	await expect(learner).toHaveURL(/\/login/);
	await learnerContext.close();

	// HR no longer lists her.
	await hr.reload();
	await expect(hr.getByText(name)).toHaveCount(0);
	await expect(hr.getByText(email)).toHaveCount(0);
	await hrContext.close();
});
