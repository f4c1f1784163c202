import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { expect, test, type Page } from '@playwright/test';
import { demoTotpCode } from '../../src/lib/server/demo/totp';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed';
import { expectAccessible, login } from './helpers';

/**
 * Two-step verification, as Mila Peeters (a learner no other spec logs in as): set it up
 * on the account page with a code computed here as an authenticator app would, log in
 * again (the code page, a wrong code, the right one), and turn it off.
 */
const EMAIL = 'm.peeters@zeeuwsekust.example';

/** The code an app shows now for the key on the page, `steps` periods from now. */
function code(secret: string, steps = 0): string {
	const key = decodeBase32IgnorePadding(secret.replace(/\s/g, ''));
	return generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + steps), 6);
}

async function passwordStep(page: Page, email = EMAIL) {
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Inloggen' }).click();
}

test('a user turns on two-step verification and then needs the code to log in', async ({
	page
}) => {
	await login(page, EMAIL);
	await page.goto('/account');
	const section = page.getByRole('region', { name: 'Tweestapsverificatie' });
	await expect(section.getByText('Tweestapsverificatie staat uit.')).toBeVisible();
	await section.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click();
	await expect(section.getByRole('img', { name: /QR-code/ })).toBeVisible();
	const secret = (await section.getByTestId('totp-secret').textContent())!.trim();
	await page.waitForLoadState('networkidle');

	// A wrong code: a message next to the field; nothing is switched on.
	await section.getByLabel('Code uit je app').fill('000000');
	await section.getByRole('button', { name: 'Bevestigen en aanzetten' }).click();
	await expect(
		section.getByText('Deze code klopt niet of is al gebruikt.', { exact: false })
	).toBeVisible();
	await section.getByLabel('Code uit je app').fill(code(secret));
	await section.getByRole('button', { name: 'Bevestigen en aanzetten' }).click();
	await expect(section.getByText('Tweestapsverificatie staat aan.')).toBeVisible();
	await expect(
		section.getByRole('list', { name: 'Je herstelcodes' }).getByRole('listitem')
	).toHaveCount(8);
	await expectAccessible(page);

	// Log out and in again: after the password, the code page; every other page waits.
	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await passwordStep(page);
	await expect(page).toHaveURL(/\/login\/tweestaps/);
	await expect(page.getByRole('heading', { level: 1, name: 'Code uit je app' })).toBeVisible();
	await expectAccessible(page);
	await page.goto('/account');
	await expect(page).toHaveURL(/\/login\/tweestaps\?redirectTo=%2Faccount/);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Code uit je app').fill('123456');
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(
		page.getByText('Deze code klopt niet of is al gebruikt.', { exact: false })
	).toBeVisible();
	// The code of the next period (the one used to set up is not accepted twice).
	await page.getByLabel('Code uit je app').fill(code(secret, 1));
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page).toHaveURL(/\/account$/);

	// Turning it off takes the password.
	const on = page.getByRole('region', { name: 'Tweestapsverificatie' });
	await expect(on.getByText(/Tweestapsverificatie staat aan sinds/)).toBeVisible();
	await on.getByLabel('Je wachtwoord').fill('niet-mijn-wachtwoord');
	await on.getByRole('button', { name: 'Tweestapsverificatie uitzetten' }).click();
	await expect(on.getByLabel('Je wachtwoord')).toHaveAttribute('aria-invalid', 'true');
	await on.getByLabel('Je wachtwoord').fill(DEMO_PASSWORD);
	await on.getByRole('button', { name: 'Tweestapsverificatie uitzetten' }).click();
	await expect(on.getByText('Tweestapsverificatie staat uit.').first()).toBeVisible();
});

test('the admin turns two-step verification off for someone who lost phone and codes', async ({
	page,
	browser
}) => {
	// Jan de Groot (no other spec logs in as him) turns it on.
	const jan = 'j.groot@zeeuwsekust.example';
	await login(page, jan);
	await page.goto('/account');
	const section = page.getByRole('region', { name: 'Tweestapsverificatie' });
	await section.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click();
	const secret = (await section.getByTestId('totp-secret').textContent())!.trim();
	await page.waitForLoadState('networkidle');
	await section.getByLabel('Code uit je app').fill(code(secret));
	await section.getByRole('button', { name: 'Bevestigen en aanzetten' }).click();
	await expect(section.getByText('Tweestapsverificatie staat aan.')).toBeVisible();

	// The admin finds the account and turns it off.
	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await login(admin, 'admin@vakmaat.example');
	await admin.goto('/beheer');
	await admin.getByRole('link', { name: 'Accounts' }).click();
	await admin.getByLabel('E-mailadres').fill(jan.toUpperCase());
	await admin.getByRole('button', { name: 'Zoeken' }).click();
	const account = admin.getByRole('region', { name: 'Jan de Groot' });
	await expect(account.getByText(/Tweestapsverificatie staat aan sinds/)).toBeVisible();
	await expectAccessible(admin);
	await account.getByText('Tweestapsverificatie uitzetten…').click();
	await account.getByRole('button', { name: 'Ja, uitzetten' }).click();
	await expect(admin.getByText('Tweestapsverificatie is uitgezet', { exact: false })).toBeVisible();
	await expect(account.getByText('Tweestapsverificatie staat uit.')).toBeVisible();
	await adminContext.close();

	// Jan's session ended; he logs in with the password alone.
	await page.goto('/account');
	await expect(page).toHaveURL(/\/login/);
	await passwordStep(page, jan);
	await expect(page).not.toHaveURL(/\/login/);
});

test('an account made SBB adviser must set up two-step verification before anything else', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	// Rob Meijer, a learner at Van Dijk (no other spec logs in as him), is logged in.
	const rob = 'r.meijer@vandijkbouw.example';
	await login(page, rob);
	await expect(page).toHaveURL(/\/o\/bouwbedrijf-van-dijk\/leren$/);

	// The admin makes him an SBB adviser.
	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await login(admin, 'admin@vakmaat.example');
	await admin.goto('/beheer/adviseurs');
	await admin.getByLabel('E-mailadres van een bestaande gebruiker').fill(rob);
	await admin.getByRole('button', { name: 'Maak adviseur' }).click();
	await expect(admin.getByText('Rob Meijer is nu adviseur.')).toBeVisible();
	await adminContext.close();

	// His next request: the setup page, which says why; the header offers nothing else.
	await page.goto('/sbb');
	await expect(page).toHaveURL(/\/account\/tweestaps\?redirectTo=%2Fsbb$/);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Stel eerst tweestapsverificatie in' })
	).toBeVisible();
	await expect(page.getByText(/Als platformbeheerder of SBB-adviseur zie je/)).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
	await expectAccessible(page);

	// Everything else is closed: direct URLs, page data, downloads, form posts.
	const setup = '/account/tweestaps';
	for (const path of [
		'/',
		'/o/bouwbedrijf-van-dijk/leren',
		'/account',
		'/sbb/bedrijven/00000000-0000-4000-8000-000000000000',
		'/sbb/export.csv',
		'/paspoort/download',
		'/login'
	]) {
		const res = await page.request.get(path, { maxRedirects: 0 });
		expect(res.status(), path).toBe(303);
		expect(res.headers()['location'], path).toMatch(new RegExp(`^${setup}(\\?|$)`));
	}
	const data = await page.request.get('/sbb/__data.json', { maxRedirects: 0 });
	expect(await data.json()).toEqual({
		type: 'redirect',
		location: `${setup}?redirectTo=%2Fsbb`
	});
	const origin = new URL(baseURL!).origin;
	const post = await page.request.post('/account?/profile', {
		form: { name: 'Niet opgeslagen', locale: 'nl' },
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(post.status()).toBe(303);
	expect(post.headers()['location']).toBe(setup);
	// The same for a new login: the setup page comes first.
	const fresh = await browser.newContext();
	const second = await fresh.newPage();
	await passwordStep(second, rob);
	await expect(second).toHaveURL(/\/account\/tweestaps\?redirectTo=/);
	await fresh.close();

	// He sets it up; the recovery codes are shown, then he goes where he was going.
	await page.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click();
	await expect(page.getByRole('img', { name: /QR-code/ })).toBeVisible();
	const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Code uit je app').fill('000000');
	await page.getByRole('button', { name: 'Bevestigen en aanzetten' }).click();
	await expect(
		page.getByText('Deze code klopt niet of is al gebruikt.', { exact: false })
	).toBeVisible();
	await page.getByLabel('Code uit je app').fill(code(secret));
	await page.getByRole('button', { name: 'Bevestigen en aanzetten' }).click();
	await expect(
		page.getByRole('list', { name: 'Je herstelcodes' }).getByRole('listitem')
	).toHaveCount(8);
	await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
	await page.getByRole('link', { name: 'Verder naar Vakmaat' }).click();
	await expect(page).toHaveURL(/\/sbb$/);
	await expect(page.getByText("Er zijn nog geen regio's aan je toegewezen.")).toBeVisible();

	// Nothing of the refused post was saved; turning it off is not offered, nor accepted.
	await page.goto('/account');
	await expect(page.getByLabel('Naam', { exact: true })).toHaveValue('Rob Meijer');
	const section = page.getByRole('region', { name: 'Tweestapsverificatie' });
	await expect(section.getByText(/Je rol \(platformbeheerder of SBB-adviseur\)/)).toBeVisible();
	await expect(section.getByRole('button', { name: 'Tweestapsverificatie uitzetten' })).toHaveCount(
		0
	);
	const off = await page.request.post('/account?/totpDisable', {
		form: { password: DEMO_PASSWORD },
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(off.status()).toBe(400);
	await page.reload();
	await expect(section.getByText(/Tweestapsverificatie staat aan sinds/)).toBeVisible();
});

test('the demo admin logs in with password and the demo code', async ({ page }) => {
	test.setTimeout(60_000);
	await passwordStep(page, 'admin@vakmaat.example');
	await expect(page).toHaveURL(/\/login\/tweestaps/);
	await page.waitForLoadState('networkidle');
	// The sessions project used this step's code (or the next one) a moment ago, perhaps:
	// the code page accepts each code once, within a step either side.
	for (const steps of [0, 1, 2]) {
		if (steps === 2) await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 200);
		await page.getByLabel('Code uit je app').fill(demoTotpCode(Date.now(), Math.min(steps, 1)));
		await page.getByRole('button', { name: 'Inloggen' }).click();
		if (
			await page.waitForURL(/\/beheer$/, { timeout: 3_000 }).then(
				() => true,
				() => false
			)
		)
			break;
	}
	await expect(page).toHaveURL(/\/beheer$/);
});
