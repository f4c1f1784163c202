import { expect, test } from '@playwright/test';
import { expectAccessible, login } from './helpers';

/**
 * The admin edits the trainer competence framework as a draft: a refused save (Dutch
 * message next to the field, the other input kept), a good save that is there again after
 * a reload, and discarding the draft. Nothing is published, so the self-assessments that
 * other specs fill in keep the current version. Rerunnable: a draft left by an earlier run
 * is discarded first.
 */
test('the admin saves a draft of the competence framework and discards it', async ({ page }) => {
	await login(page, 'admin@vakmaat.example');
	await page.goto('/beheer');
	await page.getByRole('link', { name: 'Competentiekader praktijkopleiders' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Competentiekader praktijkopleiders' })
	).toBeVisible();
	const discard = page.getByRole('button', { name: 'Concept weggooien' });
	if (await discard.isVisible()) await discard.click();
	await page.getByRole('button', { name: 'Nieuwe versie voorbereiden' }).click();
	await expect(page.getByRole('heading', { name: /Concept voor versie/ })).toBeVisible();

	// The first area without a name: refused next to that field, the new description kept.
	const area = page.getByRole('group').first();
	const name = area.getByLabel('Naam van het gebied');
	const description = area.getByLabel('Omschrijving');
	const originalName = await name.inputValue();
	const newDescription = `Beschrijving uit de e2e-test ${Date.now()}`;
	await name.fill('');
	await description.fill(newDescription);
	await page.getByRole('button', { name: 'Concept opslaan' }).click();
	await expect(area.getByText('Vul dit veld in.')).toBeVisible();
	await expect(name).toHaveAttribute('aria-invalid', 'true');
	await expect(description).toHaveValue(newDescription);
	await expectAccessible(page);

	// With its name back it is saved, and still there after a reload.
	await name.fill(originalName);
	await page.getByRole('button', { name: 'Concept opslaan' }).click();
	await expect(page.getByText('Het concept is opgeslagen.')).toBeVisible();
	await page.reload();
	await expect(page.getByRole('group').first().getByLabel('Omschrijving')).toHaveValue(
		newDescription
	);

	// Discarded: the current version is shown again, without the draft's text.
	await page.getByRole('button', { name: 'Concept weggooien' }).click();
	await expect(page.getByRole('heading', { name: /Huidige versie/ })).toBeVisible();
	await expect(page.getByText(newDescription)).toHaveCount(0);
	await expectAccessible(page);
});
