import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible, login } from './helpers';
import { daysFromToday } from '../clock';

/**
 * The SBB adviser (adviseur@sbb.example, region Midden-Utrecht where De Linde is) and the
 * admin's national view. Contacts logged here carry a unique text so reruns and other
 * specs do not disturb the checks.
 */

const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test('the adviser filters the overview, opens a company, logs a visit and exports', async ({
	page
}) => {
	await login(page, 'adviseur@sbb.example');
	await page.goto('/sbb');
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn regio' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Midden-Utrecht' })).toBeVisible();
	const table = page.getByRole('table').filter({ hasText: 'Leerbedrijf' });
	await expect(table.getByRole('link', { name: 'Zorggroep De Linde' })).toBeVisible();
	// Small numbers: two bbl learners at De Linde are shown as "< 3".
	await expect(table.getByRole('row', { name: /Zorggroep De Linde/ })).toContainText('< 3');
	await expect(page.getByRole('region', { name: 'Actieve trajecten per route' })).toBeVisible();
	await expectAccessible(page);

	// Filter: a red signal finds nothing in this region, amber finds De Linde.
	await page.getByLabel('Signaal').selectOption('red');
	await page.getByRole('button', { name: 'Toepassen' }).click();
	await expect(page).toHaveURL(/signaal=red/);
	await expect(page.getByText('Geen leerbedrijven gevonden met deze filters.')).toBeVisible();
	await page.getByLabel('Signaal').selectOption('amber');
	await page.getByLabel('Zoek op naam of KvK-nummer').fill('41234567');
	await page.getByRole('button', { name: 'Toepassen' }).click();
	await expect(page).toHaveURL(/signaal=amber/);
	await expect(page.getByText('1 leerbedrijf', { exact: true })).toBeVisible();
	const row = table.getByRole('row', { name: /Zorggroep De Linde/ });
	await expect(row).toContainText('Oranje');
	await expect(row).toContainText(/Trajecten langer dan 90 dagen stil/);

	// The export holds exactly the filtered list.
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download als CSV' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^leerbedrijven-[\d-]+\.csv$/);
	const csv = readFileSync(await download.path(), 'utf8');
	const lines = csv.slice(1).trimEnd().split('\r\n');
	expect(lines[0]).toContain('"Leerbedrijf";"KvK-nummer"');
	expect(lines).toHaveLength(2);
	expect(lines[1]).toContain('"Zorggroep De Linde";"41234567"');
	expect(lines[1]).toContain('"Oranje"');

	// The company page: aggregates and trainers, no learners.
	await row.getByRole('link', { name: 'Zorggroep De Linde' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Zorggroep De Linde' })).toBeVisible();
	const trainers = page.getByRole('region', { name: /Praktijkopleiders/ });
	await expect(trainers.getByText('Ahmed El Amrani')).toBeVisible();
	await expect(page.getByText('Fatima Yilmaz')).toHaveCount(0);
	await expectAccessible(page);

	// A follow-up before the contact: a message next to the field, the rest kept.
	const t = tag();
	const agreements = `Afspraak ${t}: opleidingsplan bespreken met het team.`;
	const notes = `Intern ${t}: let op de werkdruk.`;
	await page.getByLabel('Soort contact').selectOption('visit');
	await page.getByLabel('Afspraken (zichtbaar voor HR van het leerbedrijf)').fill(agreements);
	await page.getByLabel('Interne notities (niet zichtbaar voor het leerbedrijf)').fill(notes);
	// An older visit logged afterwards: the demo visit (four months ago, with a follow-up
	// that the next test expects) stays the company's latest contact.
	await page.getByLabel('Datum van het contact').fill(daysFromToday(-200));
	await page.getByLabel('Opvolgen op (optioneel)').fill(daysFromToday(-210));
	await page.getByRole('button', { name: 'Vastleggen' }).click();
	await expect(
		page.getByText('De opvolgdatum ligt op of na de datum van het contact.', { exact: true })
	).toBeVisible();
	await expect(page.getByLabel('Afspraken (zichtbaar voor HR van het leerbedrijf)')).toHaveValue(
		agreements
	);
	await page.getByLabel('Opvolgen op (optioneel)').fill('');
	await page.getByRole('button', { name: 'Vastleggen' }).click();
	await expect(page.getByText('Het contact is vastgelegd.')).toBeVisible();
	const log = page.getByRole('region', { name: 'Contactlog' });
	await expect(log.getByRole('row', { name: new RegExp(t) })).toContainText('Bezoek');
	await expect(log.getByText(notes)).toBeVisible();

	// The company's HR sees the agreement and the adviser, not the internal note.
	await page.context().clearCookies();
	await login(page, 'hr@delinde.example');
	await page.goto('/o/zorggroep-de-linde/hr/adviseur');
	await expect(page.getByRole('heading', { level: 1, name: 'Je SBB-adviseur' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'adviseur@sbb.example' })).toBeVisible();
	await expect(page.getByText(agreements)).toBeVisible();
	await expect(page.getByText(notes)).toHaveCount(0);
	await expectAccessible(page);
});

test('the adviser sees the follow-ups due and lists only those companies', async ({ page }) => {
	await login(page, 'adviseur@sbb.example');
	await page.goto('/sbb');
	// The demo visit at De Linde asks for a follow-up in ten days (within the horizon).
	const followUps = page.getByRole('region', { name: 'Opvolging die eraan komt' });
	await expect(followUps.getByRole('link', { name: 'Zorggroep De Linde' })).toBeVisible();
	await page.getByLabel('Alleen met opvolging binnen twee weken of over datum').check();
	await page.getByLabel('Sorteren op').selectOption('followup');
	await page.getByRole('button', { name: 'Toepassen' }).click();
	await expect(page).toHaveURL(/opvolging=1/);
	await expect(page.getByText('1 leerbedrijf', { exact: true })).toBeVisible();
	const table = page.getByRole('table').filter({ hasText: 'Leerbedrijf' });
	await expect(table.getByRole('row', { name: /Zorggroep De Linde/ })).toContainText('Opvolgen op');
	await expect(
		page.getByLabel('Alleen met opvolging binnen twee weken of over datum')
	).toBeChecked();
	await expectAccessible(page);
});

test('an adviser gets a 404 for a company outside their regions', async ({ page }) => {
	await login(page, 'admin@vakmaat.example');
	await page.goto('/beheer/bedrijven?q=Bouwbedrijf');
	const href = await page
		.getByRole('link', { name: /Bouwbedrijf Van Dijk/ })
		.first()
		.getAttribute('href');
	const id = href!.split('/').pop()!;
	await page.context().clearCookies();
	await login(page, 'adviseur@sbb.example');
	const res = await page.goto(`/sbb/bedrijven/${id}`);
	expect(res?.status()).toBe(404);
});

test('the admin sees all regions on the tile map and opens a region', async ({ page }) => {
	await login(page, 'admin@vakmaat.example');
	await page.goto('/sbb/landelijk');
	await expect(page.getByRole('heading', { level: 1, name: 'Landelijk overzicht' })).toBeVisible();
	const map = page.getByRole('navigation', { name: /Tegelkaart van de 35 arbeidsmarktregio's/ });
	await expect(map.getByRole('link')).toHaveCount(35);
	await expectAccessible(page);

	await page.getByLabel('Kleur de kaart naar').selectOption('learners');
	await page.getByRole('button', { name: 'Toon' }).click();
	await expect(page).toHaveURL(/maat=learners/);
	await expect(
		page.getByRole('navigation', { name: /gekleurd naar: Actieve lerenden/ })
	).toBeVisible();

	await map.getByRole('link', { name: /^Midden-Utrecht/ }).click();
	await expect(page).toHaveURL(/\/sbb\?regio=\d+$/);
	await expect(page.getByRole('heading', { level: 2, name: 'Midden-Utrecht' })).toBeVisible();
	await expect(
		page.getByRole('rowheader').getByRole('link', { name: 'Zorggroep De Linde' })
	).toBeVisible();
	await expectAccessible(page);

	// Adviser accounts and their regions.
	await page.goto('/beheer/adviseurs');
	await expect(page.getByRole('heading', { level: 1, name: "Adviseurs en regio's" })).toBeVisible();
	await expect(page.getByRole('group', { name: /Wendy Adviseur/ })).toBeVisible();
	await expectAccessible(page);
});
