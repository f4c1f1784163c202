import { expect, test, type Page } from '@playwright/test';
import { daysFromToday } from '../clock';
import { expectAccessible, extractLink, latestMail, login } from './helpers';

const COMPANY = 'zorggroep-de-linde';

async function openTrajectory(page: Page, listPath: string, learner: string) {
	await page.goto(listPath);
	await page
		.getByRole('link', { name: new RegExp(`^${learner}`) })
		.first()
		.click();
	await expect(page.getByRole('heading', { level: 1, name: learner })).toBeVisible();
}

function progressText(page: Page) {
	return page.getByRole('progressbar').first().getAttribute('aria-valuenow');
}

test('a trainer sees their learners and records several assessments in one go', async ({
	page
}, testInfo) => {
	// Five axe scans, an assessment, a certificate and the print page.
	test.setTimeout(90_000);
	await login(page, 'opleider@delinde.example');
	await page.goto(`/o/${COMPANY}/praktijkopleider`);
	await expect(page.getByRole('heading', { name: 'Mijn lerenden', level: 2 })).toBeVisible();
	await expect(page.getByRole('link', { name: /^Fatima Yilmaz/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /^Linda Smit/ })).toBeVisible();
	await expect(page.getByText('Stilgevallen').first()).toBeVisible();
	await expect(page.getByRole('link', { name: /^Peter Dekker/ })).toHaveCount(0);
	await expectAccessible(page);

	await openTrajectory(page, `/o/${COMPANY}/praktijkopleider`, 'Fatima Yilmaz');
	const before = Number(await progressText(page));
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Beoordelen' }).click();
	await expect(page.getByRole('heading', { name: 'Snel beoordelen' })).toBeVisible();
	await expectAccessible(page);

	// Nothing chosen: a clear message, nothing saved.
	await page.getByRole('button', { name: 'Beoordelingen opslaan' }).click();
	await expect(
		page.getByText('Kies bij minstens één werkproces een niveau.', { exact: true })
	).toBeVisible();

	// Two work processes of P2-K1 (not yet competent in the demo data) become competent.
	// A retry finds what the first attempt saved, so it counts what is competent already.
	let alreadyCompetent = 0;
	for (const code of ['P2-K1-W1', 'P2-K1-W2']) {
		const group = page.getByRole('group', { name: new RegExp(code) });
		if ((await group.getByText('Nu: Beheerst').count()) > 0) alreadyCompetent++;
		await group.getByRole('radio', { name: 'Beheerst' }).check();
	}
	if (testInfo.retry === 0) expect(alreadyCompetent).toBe(0);
	await page.locator('summary', { hasText: 'Toelichting bij P2-K1-W1' }).click();
	await page
		.getByLabel('Toelichting bij P2-K1-W1')
		.fill('Vandaag zelfstandig de ochtendzorg gedaan.');
	await page.getByRole('button', { name: 'Beoordelingen opslaan' }).click();
	await expect(page.getByText('2 beoordelingen opgeslagen.')).toBeVisible();
	expect(Number(await progressText(page))).toBe(before + 2 - alreadyCompetent);
	await expect(page.getByText('Vandaag zelfstandig de ochtendzorg gedaan.')).toBeVisible();

	// Both work processes of the demo certificate are now competent: ready, and recorded.
	const certificates = page.getByRole('region', { name: 'Certificaten' });
	await expect(certificates.getByText('Klaar voor certificaat')).toBeVisible();
	await certificates.getByLabel('Uitgegeven door (bijvoorbeeld de school)').fill('');
	await certificates.getByRole('button', { name: 'Vastleggen' }).click();
	await expect(certificates.getByText('Vul dit veld in.', { exact: true })).toBeVisible();
	await certificates
		.getByLabel('Uitgegeven door (bijvoorbeeld de school)')
		.fill('ROC Midden Nederland');
	await certificates.getByRole('button', { name: 'Vastleggen' }).click();
	await expect(
		page.getByText('Het certificaat is vastgelegd en telt mee voor het diploma.')
	).toBeVisible();
	await expect(certificates.getByText(/Behaald op .* bij ROC Midden Nederland/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Afstand tot het diploma' })).toBeVisible();
	await expectAccessible(page);

	// The printable praktijkverklaring lists what the learner masters.
	await page.getByRole('link', { name: 'Praktijkverklaring' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Praktijkverklaring' })).toBeVisible();
	await expect(page.getByText(/Zorggroep De Linde verklaart dat Fatima Yilmaz/)).toBeVisible();
	await expect(page.getByText(/P2-K1-W1/)).toBeVisible();
	await expectAccessible(page);
});

test('a learner keeps an LLO passport, printable and as a JSON download', async ({ page }) => {
	await login(page, 'lerende@delinde.example');
	await page.getByRole('link', { name: 'Mijn paspoort' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn LLO-paspoort' })).toBeVisible();
	await expect(
		page.getByRole('heading', { name: 'Helpende Zorg en Welzijn (25498)' })
	).toBeVisible();
	await expectAccessible(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download als JSON' }).click()
	]);
	const body = JSON.parse(
		await (await import('node:fs/promises')).readFile(await download.path(), 'utf8')
	) as { trajectories: { achievements: unknown[] }[] };
	expect(body).toMatchObject({ format: 'vakmaat-llo-paspoort', name: 'Fatima Yilmaz' });
	expect(body.trajectories[0].achievements.length).toBeGreaterThan(0);
});

test('HR changes the status of a trajectory', async ({ page }) => {
	await login(page, 'hr@delinde.example');
	await openTrajectory(page, `/o/${COMPANY}/hr/trajecten`, 'Karim Haddou');
	await page.getByLabel('Status wijzigen').selectOption('paused');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByText('De status is gewijzigd.')).toBeVisible();
	await page.goto(`/o/${COMPANY}/hr/trajecten?status=paused`);
	await expect(page.getByRole('link', { name: /^Karim Haddou/ })).toBeVisible();
});

test('a trainer can record a school assessor on a phone', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await login(page, 'sanne@ervaringswerk.example');
	await page.goto(`/o/${COMPANY}/praktijkopleider`);
	await openTrajectory(page, `/o/${COMPANY}/praktijkopleider`, 'Karim Haddou');
	await page.getByRole('link', { name: 'Beoordelen' }).click();
	await page.getByLabel('Een beoordelaar van school (ik leg het vast)').check();
	const group = page.getByRole('group', { name: /B1-K1-W1/ });
	await group.getByRole('radio', { name: 'Bijna zover' }).check();
	await page.getByRole('button', { name: 'Beoordelingen opslaan' }).click();
	await expect(
		page.getByText('Vul de naam van de schoolbeoordelaar in.', { exact: true })
	).toBeVisible();
	// The choice made is kept.
	await expect(
		page.getByRole('group', { name: /B1-K1-W1/ }).getByRole('radio', { name: 'Bijna zover' })
	).toBeChecked();
	await page.getByLabel('Naam van de schoolbeoordelaar').fill('M. de Boer (ROC)');
	await page.getByRole('button', { name: 'Beoordelingen opslaan' }).click();
	await expect(page.getByText('1 beoordeling opgeslagen.')).toBeVisible();
	await expect(page.getByText('M. de Boer (ROC)')).toBeVisible();
	const overflow = await page.evaluate(
		() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(1);
});

test('a learner sees progress per core task and assesses themselves; differences are flagged', async ({
	page
}) => {
	await login(page, 'lerende@delinde.example');
	await expect(page.getByRole('heading', { name: 'Mijn ontwikkeling' })).toBeVisible();
	// Progress per core task as a lazily loaded chart, with the figures in a table too.
	await expect(page.locator('figure[data-chart="ready"]').first()).toBeVisible();
	await page.getByText('Toon de cijfers als tabel').first().click();
	await expect(
		page.getByRole('row', { name: /B1-K1 Voert dienstverlenende werkzaamheden uit/ })
	).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Wat is er veranderd' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Mijzelf beoordelen' }).first().click();
	await expect(page.getByRole('heading', { name: 'Zelfbeoordeling' })).toBeVisible();
	await expect(page.getByText('Wie beoordeelt?')).toHaveCount(0);
	await page
		.getByRole('group', { name: /B1-K1-W2/ })
		.getByRole('radio', { name: 'Nog niet begonnen' })
		.check();
	await page.getByRole('button', { name: 'Beoordelingen opslaan' }).click();
	await expect(page.getByText('1 beoordeling opgeslagen.')).toBeVisible();
	const row = page.getByRole('row', { name: /B1-K1-W2/ });
	await expect(row.getByText('Verschilt van het oordeel van de praktijkopleider')).toBeVisible();
	await expectAccessible(page);
});

test('HR starts a trajectory for a new learner; bad input keeps what was typed', async ({
	page
}) => {
	test.setTimeout(90_000);
	const name = `Lerende ${Date.now().toString(36)}`;
	await login(page, 'hr@delinde.example');
	await page.goto(`/o/${COMPANY}/hr/trajecten`);
	await expect(page.getByRole('link', { name: /^Fatima Yilmaz/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /^Peter Dekker/ })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Nieuw leertraject' }).click();
	await expectAccessible(page);
	await page.getByLabel('Naam van de nieuwe lerende').fill(name);
	await page.getByLabel('Kwalificatie', { exact: true }).selectOption('25476');
	await page.getByRole('button', { name: 'Leertraject aanmaken' }).click();
	await expect(
		page.getByText('Kies minstens één praktijkopleider van dit bedrijf.', { exact: true })
	).toBeVisible();
	await expect(page.getByLabel('Naam van de nieuwe lerende')).toHaveValue(name);
	await page.getByLabel('Ingrid Visser').check();
	await page.getByLabel('Geplande einddatum (niet verplicht)').fill('2020-01-01');
	await page.getByRole('button', { name: 'Leertraject aanmaken' }).click();
	await expect(
		page.getByText('De geplande einddatum ligt na de startdatum.', { exact: true })
	).toBeVisible();
	await page.getByLabel('Geplande einddatum (niet verplicht)').fill('');
	// A start long ago is unusual: asked to confirm, next to the field, nothing lost.
	const email = `${name.replace(' ', '.').toLowerCase()}@example.nl`;
	await page.getByLabel('E-mailadres van de nieuwe lerende (niet verplicht)').fill(email);
	await page.getByLabel('Startdatum').fill(daysFromToday(-500));
	await page.getByRole('button', { name: 'Leertraject aanmaken' }).click();
	await expect(page.getByText(/ligt lang geleden\. Klopt dat\?/)).toBeVisible();
	await expect(page.getByLabel('Naam van de nieuwe lerende')).toHaveValue(name);
	await page.getByLabel('Startdatum').fill('2001-01-01');
	await page.getByRole('button', { name: 'Leertraject aanmaken' }).click();
	await expect(page.getByText(/^Deze datum ligt te ver terug\. Kies .* of later\.$/)).toBeVisible();
	await page.getByLabel('Startdatum').fill(daysFromToday(-500));
	await page.getByRole('button', { name: 'Leertraject aanmaken' }).click();
	const since = new Date();
	await page.getByLabel('Ja, deze datum klopt').check();
	await page.getByRole('button', { name: 'Leertraject aanmaken' }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	// A confirmation, the invitation it sent, and the way back.
	await expect(page.getByRole('status').first()).toContainText(
		`Het leertraject is aangemaakt. ${name} heeft een uitnodiging per e-mail gekregen`
	);
	const mail = await latestMail(email, { since, subject: /Uitnodiging voor Vakmaat/ });
	expect(extractLink(mail.text, '/uitnodiging/')).toMatch(/^\/uitnodiging\/[a-z0-9]+$/);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Naar alle leertrajecten' }).click();
	await expect(page).toHaveURL(`/o/${COMPANY}/hr/trajecten`);
	await page.goBack();
	await expect(
		page.getByText('Begeleider specifieke doelgroepen (25476)', { exact: true })
	).toBeVisible();
	await expect(page.getByText('0 van', { exact: false }).first()).toBeVisible();
	await page.goto(`/o/${COMPANY}/hr/trajecten?status=active`);
	await expect(page.getByRole('link', { name: new RegExp(`^${name}`) })).toBeVisible();
});
