import { expect, test } from '@playwright/test';
import { expectAccessible, login } from './helpers';

/**
 * The admin edits the learning-culture questionnaire (issue 15): a new version from the
 * current one, a refused save (Dutch message next to the field, input kept), a good save,
 * publishing. Rerunnable: each run makes a new version from the current one.
 */
test('the admin makes a new version of the questionnaire and publishes it', async ({ page }) => {
	await login(page, 'admin@vakmaat.example');
	await page.goto('/beheer');
	await page.getByRole('link', { name: 'Leercultuurscan: vragenlijst' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Leercultuurscan: vragenlijst' })
	).toBeVisible();
	await expectAccessible(page);
	const discard = page.getByRole('button', { name: 'Concept weggooien' });
	if (await discard.isVisible()) await discard.click();
	await page.getByRole('button', { name: 'Nieuwe versie maken' }).click();
	await expect(page.getByRole('heading', { name: /Concept voor versie/ })).toBeVisible();

	// One Dutch statement more than English ones: refused, next to the English field.
	const work = page.getByRole('group', { name: 'Het werk zelf' });
	const nl = work.getByLabel('Stellingen voor medewerkers (Nederlands)');
	const original = await nl.inputValue();
	await nl.fill(`${original}\nIk leer elke week iets nieuws in mijn werk.`);
	await page.getByRole('button', { name: 'Concept opslaan' }).click();
	await expect(
		work.getByText('Geef evenveel Engelse als Nederlandse stellingen, in dezelfde volgorde.')
	).toBeVisible();
	await expect(nl).toHaveValue(`${original}\nIk leer elke week iets nieuws in mijn werk.`);
	await expectAccessible(page);

	// With its English line it is saved, then published.
	const en = work.getByLabel('Stellingen voor medewerkers (Engels)');
	await en.fill(`${await en.inputValue()}\nI learn something new in my work every week.`);
	await page.getByRole('button', { name: 'Concept opslaan' }).click();
	await expect(page.getByText('Het concept is opgeslagen.')).toBeVisible();
	await page.getByRole('button', { name: 'Publiceren' }).click();
	await expect(page.getByText('De nieuwe versie is gepubliceerd.', { exact: false })).toBeVisible();
	await expect(page.getByText('Ik leer elke week iets nieuws in mijn werk.')).toBeVisible();
});
