import { expect, test } from '@playwright/test';
import { expectAccessible, login } from './helpers';

/**
 * The llo trainer profile. The trainer part uses Bart Hendriks at Hotel De Zeeuwse Kust
 * (no other spec changes his profile); HR and the learner use De Linde's demo data:
 * Ahmed complete with three feedback responses, Ingrid incomplete with one.
 */
const HOTEL = 'hotel-de-zeeuwse-kust';
const LINDE = 'zorggroep-de-linde';

test('a trainer fills in the self-assessment: missing answers named, draft kept, chart then vs now', async ({
	page
}) => {
	// Two rounds of a long form, a chart and axe checks: more than the default 30 s under load.
	test.setTimeout(90_000);
	await login(page, 'opleider@zeeuwsekust.example');
	await page.goto(`/o/${HOTEL}/praktijkopleider`);
	// The header's button (the empty state links the same page).
	await page.getByRole('link', { name: 'Mijn profiel als praktijkopleider' }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Mijn profiel als praktijkopleider'
	);
	await expect(page.getByText('LLO-profiel niet compleet')).toBeVisible();
	await expect(page.getByText('Nog geen ingediende zelfbeoordeling.')).toBeVisible();
	await expectAccessible(page);

	// Profile: a bad number is named next to the field, the rest is kept.
	await page.getByLabel('Over mij').fill('Souschef, begeleidt koks in opleiding.');
	await page.getByLabel('Jaren ervaring als praktijkopleider').fill('99');
	await page.getByRole('button', { name: 'Profiel opslaan' }).click();
	await expect(
		page.getByText('Vul een heel aantal jaren in tussen 0 en 60.', { exact: true })
	).toBeVisible();
	await expect(page.getByLabel('Over mij')).toHaveValue('Souschef, begeleidt koks in opleiding.');
	await page.getByLabel('Jaren ervaring als praktijkopleider').fill('6');
	await page.getByLabel('Talen die ik spreek').fill('Nederlands, Engels');
	await page.getByRole('button', { name: 'Profiel opslaan' }).click();
	await expect(page.getByText('Je profiel is opgeslagen.')).toBeVisible();

	await page.getByRole('link', { name: 'Zelfbeoordeling', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zelfbeoordeling');
	await expectAccessible(page);

	// Only the first area: submitting names every missing indicator, the answers stay.
	const first = page.getByRole('region', { name: 'Aansturen' });
	for (const radio of await first.getByRole('radio', { name: 'Goed' }).all()) await radio.check();
	await first.getByLabel('Reflectie (niet verplicht)').first().fill('Ik spreek doelen af.');
	await page.getByRole('button', { name: 'Zelfbeoordeling indienen' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'zonder antwoord' });
	await expect(summary).toContainText('indicatoren zonder antwoord');
	await expect(
		summary.getByRole('link', {
			name: 'Inclusief begeleiden: Ik gebruik eenvoudige taal en controleer of mijn uitleg is begrepen.'
		})
	).toBeVisible();
	await expect(summary.getByRole('link', { name: /^Aansturen:/ })).toHaveCount(0);
	await expect(page.getByText('Kies een niveau.', { exact: true }).first()).toBeVisible();
	await expectAccessible(page);

	// The draft was kept: after a reload the answers are still there.
	await page.reload();
	await expect(page.getByText(/^Concept opgeslagen op/)).toBeVisible();
	await expect(first.getByRole('radio', { name: 'Goed' }).first()).toBeChecked();
	await expect(first.getByLabel('Reflectie (niet verplicht)').first()).toHaveValue(
		'Ik spreek doelen af.'
	);

	// Explicit draft, then everything answered: submitted.
	await page.getByRole('button', { name: 'Concept opslaan' }).click();
	await expect(page.getByText('Je concept is opgeslagen.')).toBeVisible();
	for (const radio of await page.getByRole('radio', { name: 'Redelijk' }).all()) {
		await radio.check();
	}
	await page.getByRole('button', { name: 'Zelfbeoordeling indienen' }).click();
	await expect(page.getByText('Je zelfbeoordeling is ingediend.')).toBeVisible();

	// Submitted again the same day, higher: one round per day, so today's round is
	// updated (then-vs-now never compares two rounds of one day). The confirmation of the
	// first round is still on the page: wait for the answer to this submission itself.
	for (const radio of await page.getByRole('radio', { name: 'Sterk, kan anderen helpen' }).all()) {
		await radio.check();
	}
	const submitted = page.waitForResponse(
		(r) => r.request().method() === 'POST' && r.url().includes('/zelfbeoordeling')
	);
	await page.getByRole('button', { name: 'Zelfbeoordeling indienen' }).click();
	expect((await submitted).ok()).toBe(true);
	await expect(page.getByText('Je zelfbeoordeling van vandaag is bijgewerkt')).toBeVisible();

	await page.goto(`/o/${HOTEL}/praktijkopleider/profiel`);
	const history = page.getByRole('region', { name: 'Ontwikkeling per gebied' });
	await expect(history.locator('figure[data-chart="ready"]')).toHaveCount(1);
	await history.getByText('Toon de cijfers als tabel').click();
	const row = history.getByRole('row', { name: /^Inclusief begeleiden/ });
	await expect(row.getByRole('cell')).toHaveText(['—', '4']);
	// Assessed, but no development activity yet: still not complete.
	await expect(page.getByText('LLO-profiel niet compleet')).toBeVisible();
	await expectAccessible(page);

	// The development log: bad hours named, other input kept; then the profile is complete.
	await page.getByRole('link', { name: 'Ontwikkeling', exact: true }).click();
	await expectAccessible(page);
	await page.getByLabel('Titel').fill('Workshop feedback geven');
	await page.getByLabel('Aantal uren').fill('0');
	await page.getByRole('button', { name: 'Activiteit toevoegen' }).click();
	await expect(
		page.getByText('Vul een aantal uren in groter dan 0, bijvoorbeeld 1,5.', { exact: true })
	).toBeVisible();
	await expect(page.getByLabel('Titel')).toHaveValue('Workshop feedback geven');
	await page.getByLabel('Aantal uren').fill('3,5');
	await page
		.getByLabel('Wat is er door deze activiteit veranderd in je begeleiding?')
		.fill('Ik geef vaker korte feedback direct na het werk.');
	await page.getByRole('button', { name: 'Activiteit toevoegen' }).click();
	await expect(page.getByText('De activiteit is toegevoegd.')).toBeVisible();
	await expect(page.getByRole('rowheader', { name: 'Workshop feedback geven' })).toBeVisible();
	await page.getByLabel('Wat wil je bereiken?').fill('Cursus begeleiden van volwassenen volgen.');
	await page.getByRole('button', { name: 'Doel toevoegen' }).click();
	await expect(page.getByText('Het doel is toegevoegd.')).toBeVisible();

	await page.goto(`/o/${HOTEL}/praktijkopleider/profiel`);
	await expect(page.getByText('LLO-profiel compleet', { exact: true })).toBeVisible();
});

test('HR sees the team: profile status, caseload vs capacity, feedback only from three responses', async ({
	page
}) => {
	await login(page, 'hr@delinde.example');
	await page.goto(`/o/${LINDE}/hr`);
	await page.getByRole('link', { name: 'Praktijkopleiders', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Praktijkopleiders');
	const ahmed = page.getByRole('row', { name: /^Ahmed El Amrani/ });
	await expect(ahmed.getByText('LLO-profiel compleet')).toBeVisible();
	await expect(ahmed.getByText(/van 4$/)).toBeVisible();
	await expect(ahmed.getByText('Gemiddelden uit 3 reacties')).toBeVisible();
	const ingrid = page.getByRole('row', { name: /^Ingrid Visser/ });
	await expect(ingrid.getByText('LLO-profiel niet compleet')).toBeVisible();
	await expect(ingrid.getByText('Te weinig reacties (minder dan 3)')).toBeVisible();
	const areas = page.getByRole('region', { name: 'Gebieden waarop het team zich laag inschat' });
	await expect(areas.getByRole('row')).not.toHaveCount(0);
	await expectAccessible(page);

	await ahmed.getByRole('link', { name: 'Ahmed El Amrani' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ahmed El Amrani');
	await expect(page.getByText('Arabisch', { exact: false })).toBeVisible();
	// HR can read the self-assessment, not change it: no form for it here.
	await expect(page.getByRole('radio')).toHaveCount(0);
	await expect(
		page.getByRole('region', { name: 'Ontwikkeling per gebied' }).locator('figure')
	).toHaveCount(1);
	await page.getByLabel('Capaciteit (maximaal aantal lerenden)').fill('');
	await page.getByRole('button', { name: 'Capaciteit opslaan' }).click();
	await expect(
		page.getByText('Vul een aantal lerenden in tussen 0 en 200.', { exact: true })
	).toBeVisible();
	await expectAccessible(page);

	// Not a trainer of this company: 404.
	const res = await page.request.get(
		`/o/${LINDE}/hr/praktijkopleiders/00000000-0000-4000-8000-000000000000`
	);
	expect(res.status()).toBe(404);
});

test('a learner sees the directory (no self-assessments) and gives feedback on her own trainer', async ({
	page
}) => {
	await login(page, 'lerende@delinde.example');
	await page.goto(`/o/${LINDE}/leren`);
	await page.getByRole('link', { name: 'Praktijkopleiders van dit bedrijf' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Praktijkopleiders');
	const ahmed = page.getByRole('listitem').filter({ hasText: 'Ahmed El Amrani' });
	await expect(ahmed).toContainText('zij-instromers');
	await expect(ahmed).toContainText('Arabisch');
	await expect(page.getByText('Zelfbeoordeling')).toHaveCount(0);
	await expect(page.getByText('Nog in ontwikkeling')).toHaveCount(0);
	// Only her own trainer has a feedback link.
	await expect(page.getByRole('link', { name: /^Feedback geven over/ })).toHaveCount(1);
	await expectAccessible(page);

	await ahmed.getByRole('link', { name: 'Feedback geven over Ahmed El Amrani' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feedback over Ahmed El Amrani');
	await expectAccessible(page);
	// The demo already has her earlier answers; a post without one of them is refused.
	const url = page.url();
	const res = await page.request.post(url, {
		form: { explains: '4', listens: '5', recognises: '4' },
		headers: { origin: new URL(url).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status()).toBe(400);

	const groups = [
		'Mijn praktijkopleider legt duidelijk uit.',
		'Mijn praktijkopleider luistert naar mij en neemt mijn vragen serieus.',
		'Mijn praktijkopleider houdt rekening met wat ik al kan en met mijn situatie.',
		'Mijn praktijkopleider maakt tijd voor mij.'
	];
	for (const name of groups) {
		await page
			.getByRole('group', { name })
			.getByRole('radio', { name: 'Eens', exact: true })
			.check();
	}
	await page.getByRole('button', { name: 'Feedback versturen' }).click();
	await expect(page.getByText('Bedankt! Je feedback is opgeslagen.')).toBeVisible();
	await expectAccessible(page);
});
