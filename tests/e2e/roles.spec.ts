import { expect, test } from '@playwright/test';
import { expectAccessible, login } from './helpers';

/** Every demo role logs in and lands on its own home page (Dutch UI, axe-checked). */
const HOMES: { email: string; path: string; heading: string; company?: string }[] = [
	{ email: 'admin@vakmaat.example', path: '/beheer', heading: 'Functioneel beheer' },
	{ email: 'adviseur@sbb.example', path: '/sbb', heading: 'Mijn regio' },
	{
		email: 'hr@delinde.example',
		path: '/o/zorggroep-de-linde/hr',
		heading: 'Leren in het bedrijf',
		company: 'Zorggroep De Linde'
	},
	{
		email: 'opleider@delinde.example',
		path: '/o/zorggroep-de-linde/praktijkopleider',
		heading: 'Mijn lerenden',
		company: 'Zorggroep De Linde'
	},
	{
		email: 'lerende@delinde.example',
		path: '/o/zorggroep-de-linde/leren',
		heading: 'Mijn ontwikkeling',
		company: 'Zorggroep De Linde'
	},
	{
		email: 'hr@vandijkbouw.example',
		path: '/o/bouwbedrijf-van-dijk/hr',
		heading: 'Leren in het bedrijf',
		company: 'Bouwbedrijf Van Dijk & Zonen'
	},
	{
		email: 'opleider@vandijkbouw.example',
		path: '/o/bouwbedrijf-van-dijk/praktijkopleider',
		heading: 'Mijn lerenden',
		company: 'Bouwbedrijf Van Dijk & Zonen'
	},
	{
		email: 'lerende@vandijkbouw.example',
		path: '/o/bouwbedrijf-van-dijk/leren',
		heading: 'Mijn ontwikkeling',
		company: 'Bouwbedrijf Van Dijk & Zonen'
	},
	{
		email: 'hr@zeeuwsekust.example',
		path: '/o/hotel-de-zeeuwse-kust/hr',
		heading: 'Leren in het bedrijf',
		company: 'Hotel De Zeeuwse Kust'
	},
	{
		email: 'opleider@zeeuwsekust.example',
		path: '/o/hotel-de-zeeuwse-kust/praktijkopleider',
		heading: 'Mijn lerenden',
		company: 'Hotel De Zeeuwse Kust'
	},
	{
		email: 'lerende@zeeuwsekust.example',
		path: '/o/hotel-de-zeeuwse-kust/leren',
		heading: 'Mijn ontwikkeling',
		company: 'Hotel De Zeeuwse Kust'
	}
];

test('the login page is accessible', async ({ page }) => {
	await page.goto('/login');
	await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await expectAccessible(page);
});

for (const home of HOMES) {
	test(`${home.email} lands on ${home.path}`, async ({ page }) => {
		await login(page, home.email);
		await expect(page).toHaveURL(home.path);
		await expect(page.getByRole('heading', { level: 1, name: home.heading })).toBeVisible();
		if (home.company) await expect(page.getByText(`Je werkt nu in ${home.company}.`)).toBeVisible();
		await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
		await expectAccessible(page);
	});
}

test('a trainer in two companies lands in one and switches to the other', async ({ page }) => {
	await login(page, 'sanne@ervaringswerk.example');
	// No company remembered yet: the first company by name.
	await expect(page).toHaveURL('/o/hotel-de-zeeuwse-kust/praktijkopleider');
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn lerenden' })).toBeVisible();
	await expect(page.getByText('Je werkt nu in Hotel De Zeeuwse Kust.')).toBeVisible();
	await expectAccessible(page);

	await page.locator('summary', { hasText: 'Wissel van bedrijf' }).click();
	const switcher = page.getByRole('list', { name: 'Wissel van bedrijf' });
	await expect(switcher.getByRole('link')).toHaveText([
		'Hotel De Zeeuwse Kust',
		'Zorggroep De Linde'
	]);
	await switcher.getByRole('link', { name: 'Zorggroep De Linde' }).click();
	await expect(page).toHaveURL('/o/zorggroep-de-linde/praktijkopleider');
	await expect(page.getByText('Je werkt nu in Zorggroep De Linde.')).toBeVisible();

	// The last company is remembered for the next visit to the start page.
	await page.goto('/');
	await expect(page).toHaveURL('/o/zorggroep-de-linde/praktijkopleider');
});

test('HR reaches the member list and a member page', async ({ page }) => {
	await login(page, 'hr@delinde.example');
	await page.getByRole('link', { name: 'Medewerkers beheren' }).click();
	await expect(page).toHaveURL('/o/zorggroep-de-linde/hr/medewerkers');
	await expect(page.getByRole('heading', { level: 1, name: 'Medewerkers' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Fatima Yilmaz' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Fatima Yilmaz' }).click();
	await expect(page).toHaveURL(/\/o\/zorggroep-de-linde\/hr\/medewerkers\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Fatima Yilmaz' })).toBeVisible();
	await expect(page.getByRole('checkbox', { name: 'Lerende' })).toBeChecked();
	await expectAccessible(page);
});

test('the admin reaches the company list and a company page', async ({ page }) => {
	await login(page, 'admin@vakmaat.example');
	await page.getByRole('link', { name: 'Leerbedrijven' }).first().click();
	await expect(page).toHaveURL('/beheer/bedrijven');
	await expect(page.getByRole('heading', { level: 1, name: 'Leerbedrijven' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Zorggroep De Linde' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Zorggroep De Linde' })).toBeVisible();
	await expect(page.getByText('Marieke Jansen (hr@delinde.example)')).toBeVisible();
	await expectAccessible(page);
});
