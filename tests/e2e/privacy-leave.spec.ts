import { expect, test } from '@playwright/test';
import { daysFromToday } from '../clock';
import { expectAccessible, login } from './helpers';

/**
 * Leaving a company (issue 18). Daan Vos (learner at Van Dijk; another spec only logs in
 * as him) gets a planned end from HR: a date in the past is refused in Dutch with the
 * input kept, the confirmation is required, then the learner sees on his account page what
 * the company keeps and until when. HR takes the end back at the end, so nothing changes
 * for other specs. The retention period refuses a value outside 6–84 months.
 */
const COMPANY = 'bouwbedrijf-van-dijk';

test('HR plans the end of a membership; the learner is told what is kept', async ({ browser }) => {
	// Two browsers and several axe runs.
	test.slow();
	const a = await browser.newContext();
	const hr = await a.newPage();
	await login(hr, 'hr@vandijkbouw.example');
	await hr.goto(`/o/${COMPANY}/hr/medewerkers`);
	await hr.getByRole('link', { name: 'Daan Vos' }).click();
	await expect(hr.getByRole('heading', { level: 1, name: 'Daan Vos' })).toBeVisible();
	const leave = hr.getByRole('region', { name: 'Vertrek uit het bedrijf' });
	await expect(leave.getByText('Wat er gebeurt')).toBeVisible();
	await expect(
		leave.getByText(/bewaart de trajecten, beoordelingen en gesprekken daarna nog 24 maanden/)
	).toBeVisible();

	// A date in the past: a Dutch error next to the field, the date kept.
	const yesterday = daysFromToday(-1);
	await leave.getByLabel('Einddatum lidmaatschap').fill(yesterday);
	await leave.getByLabel('Ja, beëindig het lidmaatschap op deze datum').check();
	await leave.getByRole('button', { name: 'Lidmaatschap beëindigen' }).click();
	await expect(
		leave.getByText('Deze datum ligt in het verleden. Kies vandaag of een latere datum.', {
			exact: true
		})
	).toBeVisible();
	await expect(leave.getByLabel('Einddatum lidmaatschap')).toHaveValue(yesterday);
	await expectAccessible(hr);

	// Without the confirmation: asked for, the date kept.
	const endsOn = daysFromToday(30);
	await leave.getByLabel('Einddatum lidmaatschap').fill(endsOn);
	await leave.getByLabel('Ja, beëindig het lidmaatschap op deze datum').uncheck();
	await leave.getByRole('button', { name: 'Lidmaatschap beëindigen' }).click();
	await expect(
		leave.getByText('Vink aan dat je het lidmaatschap wilt beëindigen.', { exact: true })
	).toBeVisible();
	await expect(leave.getByLabel('Einddatum lidmaatschap')).toHaveValue(endsOn);

	await leave.getByLabel('Ja, beëindig het lidmaatschap op deze datum').check();
	await leave.getByRole('button', { name: 'Lidmaatschap beëindigen' }).click();
	await expect(hr.getByText(/^Het lidmaatschap eindigt op /)).toBeVisible();
	await expect(leave.getByRole('button', { name: 'Einde terugdraaien' })).toBeVisible();
	await expectAccessible(hr);

	// The learner still works as before, and is told.
	const b = await browser.newContext();
	const learner = await b.newPage();
	await login(learner, 'd.vos@vandijkbouw.example');
	await learner.goto('/account');
	const notice = learner.getByRole('region', { name: 'Bedrijven die je verlaat of hebt verlaten' });
	await expect(notice).toContainText('Je lidmaatschap bij Bouwbedrijf Van Dijk & Zonen eindigt op');
	await expect(notice).toContainText('Bouwbedrijf Van Dijk & Zonen bewaart je trajecten tot');
	await expect(notice).toContainText(
		'daarna worden je naam, notities en bestanden verwijderd. Je LLO-paspoort blijft van jou.'
	);
	await expectAccessible(learner);

	// HR takes it back.
	await leave.getByRole('button', { name: 'Einde terugdraaien' }).click();
	await expect(hr.getByText('Het geplande einde is teruggedraaid.')).toBeVisible();
	await expect(leave.getByLabel('Einddatum lidmaatschap')).toBeVisible();
	await learner.reload();
	await expect(learner.getByText('Bedrijven die je verlaat of hebt verlaten')).toHaveCount(0);

	await a.close();
	await b.close();
});

test('HR sets the retention period within its bounds', async ({ page }) => {
	await login(page, 'hr@vandijkbouw.example');
	await page.goto(`/o/${COMPANY}/hr/bewaartermijn`);
	await expect(page.getByRole('heading', { level: 1, name: 'Bewaartermijn' })).toBeVisible();
	const months = page.getByLabel('Bewaartermijn in maanden');
	await expect(months).toHaveValue('24');
	await months.fill('3');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(
		page.getByText('Kies een bewaartermijn van 6 tot en met 84 maanden.', { exact: true })
	).toBeVisible();
	await expect(months).toHaveValue('3');
	await expectAccessible(page);
	await months.fill('24');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De bewaartermijn is opgeslagen.');
});
