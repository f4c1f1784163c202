import { expect, test, type Browser, type Page } from '@playwright/test';
import { toAmsterdamLocal } from '../../src/lib/time';
import { thisYear } from '../clock';
import { expectAccessible, latestMail, login } from './helpers';

/**
 * A whole election round (five years ahead, its own panels) as admin, two nominators, two nominees
 * and two jurors. The server enforces the phase clock, so the admin moves the round from
 * phase to phase by editing its dates. Nominators and nominees are demo accounts that
 * other specs only read (Hotel De Zeeuwse Kust's HR and learner; Ahmed; Sanne); the
 * jurors are the adviser and the admin. Publishing at the end makes the demo's rounds
 * current again for the other specs.
 */
const YEAR = String(thisYear() + 5);
const MIN = 60 * 1000;
const DAY = 24 * 60 * MIN;
const local = (offset: number) => toAmsterdamLocal(new Date(Date.now() + offset));
const MOTIVATION = 'Begeleidt volwassen collega’s geduldig en stemt het leren af op werk en gezin.';

async function as(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await login(page, email);
	return page;
}

async function setDates(
	admin: Pick<Page, 'getByLabel'>,
	offsets: [number, number, number, number]
) {
	const labels = [
		'Nominaties open vanaf',
		'Nominaties sluiten op',
		'Regionale jury tot',
		'Landelijke jury tot'
	];
	for (const [i, label] of labels.entries()) {
		await admin.getByLabel(label).fill(local(offsets[i]));
	}
}

async function moveTo(
	admin: Page,
	roundUrl: string,
	offsets: [number, number, number, number],
	phase: string
) {
	await admin.goto(roundUrl);
	const form = admin.locator('form[action="?/dates"]');
	await setDates(form, offsets);
	await form.getByRole('button', { name: 'Data opslaan' }).click();
	await expect(admin.getByText('Opgeslagen.')).toBeVisible();
	await admin.reload();
	await expect(admin.getByText(`Fase: ${phase}`)).toBeVisible();
}

async function score(page: Page, panel: string, nominee: string, value: string) {
	await page.goto('/jury');
	await page.getByRole('link', { name: panel }).click();
	// The panel lists its nominees; each has a page with the score form.
	const row = page.getByRole('row', { name: new RegExp(nominee) });
	await expect(row).toContainText('Nog te scoren');
	await row.getByRole('link', { name: nominee }).click();
	await expect(page.getByRole('heading', { level: 1, name: new RegExp(nominee) })).toBeVisible();
	// Typing into the server-rendered form before it is hydrated would be lost.
	await page.waitForLoadState('networkidle');
	const inputs = page.locator('input[name^="score_"]');
	for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).fill(value);
	await page.getByRole('button', { name: 'Scores insturen' }).click();
	await expect(page.getByText('Scores opgeslagen.')).toBeVisible();
}

async function nominate(page: Page, search: string, choose: string) {
	await page.goto('/verkiezing');
	await expect(page.getByText('Fase: nominaties open')).toBeVisible();
	await page.getByLabel('Zoek een praktijkopleider op naam of bedrijf').fill(search);
	await page.getByRole('button', { name: 'Zoeken' }).click();
	await page.getByRole('link', { name: `Kiezen: ${choose}` }).click();
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('heading', { name: 'Komt in aanmerking' })).toBeVisible();
}

test('a whole round: nominate, accept, score in two regions and nationally, publish', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const admin = await as(browser, 'admin@vakmaat.example');

	// The admin creates the round; a bad date is named next to its field, the rest kept.
	await admin.goto('/beheer/verkiezingen');
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Verkiezingen');
	await admin.getByLabel('Jaar').fill(YEAR);
	await admin.getByLabel('Titel').fill(`Beste LLO-praktijkopleider ${YEAR}`);
	await setDates(admin, [-DAY, DAY, 2 * DAY, 3 * DAY]);
	await admin.getByLabel('Regionale jury tot').fill(local(-2 * DAY));
	await admin.getByLabel('Finalisten per regionale jury').fill('1');
	await admin.getByRole('button', { name: 'Verkiezing aanmaken' }).click();
	await expect(
		admin.getByText('Deze datum moet na die van de vorige fase liggen.', { exact: true })
	).toBeVisible();
	await expect(admin.getByLabel('Titel')).toHaveValue(`Beste LLO-praktijkopleider ${YEAR}`);
	await admin.getByLabel('Regionale jury tot').fill(local(2 * DAY));
	await admin.getByRole('button', { name: 'Verkiezing aanmaken' }).click();
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText(
		`Beste LLO-praktijkopleider ${YEAR}`
	);
	const roundUrl = new URL(admin.url()).pathname;
	await expect(admin.getByText('Fase: nominaties open')).toBeVisible();
	await expectAccessible(admin);

	// Rules are data: this round asks no LLO profile, experience or recent learners.
	await admin.getByLabel('Compleet LLO-profiel vereist').uncheck();
	await admin.getByLabel('Minimaal aantal jaren ervaring (0 = geen eis)').fill('0');
	await admin
		.getByLabel('Volwassen lerende begeleid in de afgelopen … maanden (0 = geen eis)')
		.fill('0');
	await admin.getByRole('button', { name: 'Voorwaarden opslaan' }).click();
	await expect(
		admin.locator('form[action="?/rules"]').locator('..').getByText('Opgeslagen.')
	).toBeVisible();

	// Two regional panels and a national one, with jurors.
	const addPanel = async (name: string, kind: string, regions: string[]) => {
		await admin.getByLabel('Naam van de jury').fill(name);
		await admin.getByLabel('Soort jury').selectOption({ label: kind });
		if (regions.length)
			await admin.getByLabel("Regio's").selectOption(regions.map((label) => ({ label })));
		await admin.getByRole('button', { name: 'Jury toevoegen' }).click();
		await expect(admin.getByRole('heading', { level: 3, name: `${name} (${kind})` })).toBeVisible();
	};
	await addPanel('Midden e2e', 'Regionale jury', ['Midden-Utrecht']);
	await addPanel('Zuidwest e2e', 'Regionale jury', ['Zeeland']);
	await addPanel('Landelijk e2e', 'Landelijke jury', []);
	const addJuror = async (panel: string, email: string) => {
		const box = admin.locator('.panel', {
			has: admin.getByRole('heading', { level: 3, name: new RegExp(panel) })
		});
		await box.getByLabel('E-mailadres van het jurylid (adviseur of beheerder)').fill(email);
		await box.getByRole('button', { name: 'Jurylid toevoegen' }).click();
		await expect(box.getByText(email)).toBeVisible();
	};
	// Only advisers and admins can be jurors.
	const midden = admin.locator('.panel', {
		has: admin.getByRole('heading', { level: 3, name: /Midden e2e/ })
	});
	await midden
		.getByLabel('E-mailadres van het jurylid (adviseur of beheerder)')
		.fill('lerende@delinde.example');
	await midden.getByRole('button', { name: 'Jurylid toevoegen' }).click();
	await expect(
		admin.getByText('Er is geen adviseur of beheerder met dit e-mailadres.', { exact: true })
	).toBeVisible();
	await addJuror('Midden e2e', 'adviseur@sbb.example');
	await addJuror('Zuidwest e2e', 'admin@vakmaat.example');
	await addJuror('Landelijk e2e', 'adviseur@sbb.example');
	await addJuror('Landelijk e2e', 'admin@vakmaat.example');
	await expectAccessible(admin);

	// Two nominators. A short motivation is refused next to its field, the rest kept.
	const hr = await as(browser, 'hr@zeeuwsekust.example');
	await nominate(hr, 'Ahmed', 'Ahmed El Amrani, Zorggroep De Linde');
	await expectAccessible(hr);
	const fields = hr.locator('textarea[name^="motivation_"]');
	for (let i = 0; i < (await fields.count()); i++) await fields.nth(i).fill(MOTIVATION);
	await fields.nth(1).fill('Goed.');
	const since = new Date();
	await hr.getByRole('button', { name: 'Nominatie insturen' }).click();
	await expect(
		hr.getByText('Schrijf minstens 40 tekens, zodat de jury weet waarom.')
	).toBeVisible();
	await expect(fields.nth(0)).toHaveValue(MOTIVATION);
	await fields.nth(1).fill(MOTIVATION);
	await hr.getByRole('button', { name: 'Nominatie insturen' }).click();
	await expect(hr.getByText('Je nominatie is verstuurd.', { exact: false })).toBeVisible();
	const mail = await latestMail('opleider@delinde.example', { since, subject: /genomineerd/ });
	expect(mail.text).toContain('/verkiezing/mijn-nominaties');
	// One nomination per nominator: the form is gone, the own nomination can be edited.
	await hr.goto('/verkiezing');
	await expect(hr.getByText('Je hebt in deze verkiezing al iemand genomineerd.')).toBeVisible();

	const learner = await as(browser, 'lerende@zeeuwsekust.example');
	await nominate(learner, 'Sanne', 'Sanne de Vries, Hotel De Zeeuwse Kust');
	const lf = learner.locator('textarea[name^="motivation_"]');
	for (let i = 0; i < (await lf.count()); i++) await lf.nth(i).fill(MOTIVATION);
	await learner.getByRole('button', { name: 'Nominatie insturen' }).click();
	await expect(learner.getByText('Je nominatie is verstuurd.', { exact: false })).toBeVisible();

	// The nominees accept (Ahmed agrees to publish the motivation).
	for (const email of ['opleider@delinde.example', 'sanne@ervaringswerk.example']) {
		const nominee = await as(browser, email);
		await nominee.goto('/verkiezing/mijn-nominaties');
		await nominee.waitForLoadState('networkidle');
		const section = nominee.locator('section', { hasText: `${YEAR}` });
		await expect(section).toBeVisible();
		if (email.startsWith('opleider')) {
			await section.getByLabel('Mijn motivatie mag bij de uitslag openbaar worden').check();
		}
		await section.getByRole('button', { name: 'Accepteren' }).click();
		await expect(nominee.getByText('Je antwoord is opgeslagen.')).toBeVisible();
		await expect(section.getByText('geaccepteerd')).toBeVisible();
		await expectAccessible(nominee);
		await nominee.context().close();
	}

	// Regional jury phase: after the close, nominating is refused by the server.
	await moveTo(admin, roundUrl, [-3 * DAY, -2 * MIN, DAY, 2 * DAY], "regionale jury's");
	await learner.goto('/verkiezing/nominatie');
	await expect(learner.getByText('De nominatietermijn is voorbij', { exact: false })).toBeVisible();

	const adviser = await as(browser, 'adviseur@sbb.example');
	await adviser.goto('/jury');
	await adviser.getByRole('link', { name: 'Midden e2e' }).click();
	await expect(
		adviser.getByText('Je ziet de scores van andere juryleden nadat je zelf hebt gescoord.')
	).toBeVisible();
	await expectAccessible(adviser);
	await score(adviser, 'Midden e2e', 'Ahmed El Amrani', '8');
	// "Leercultuur in het bedrijf": De Linde shares its scan, so the jury sees its means.
	await expect(adviser.getByRole('heading', { name: 'Leercultuur in het bedrijf' })).toBeVisible();
	await expect(
		adviser.getByRole('table', { name: /Leercultuurscan van Zorggroep De Linde/ }).getByRole('row')
	).toHaveCount(7);
	// The nominee page, after scoring: the next to score (none left here), and accessible.
	await expect(adviser.getByText('Je hebt iedereen gescoord die je mag scoren.')).toBeVisible();
	await expectAccessible(adviser);
	await score(admin, 'Zuidwest e2e', 'Sanne de Vries', '7');

	// National jury phase: both regional winners, scored by both jurors.
	await moveTo(admin, roundUrl, [-4 * DAY, -3 * DAY, -2 * MIN, DAY], 'landelijke jury');
	await score(adviser, 'Landelijk e2e', 'Ahmed El Amrani', '9');
	await score(adviser, 'Landelijk e2e', 'Sanne de Vries', '7');
	await score(admin, 'Landelijk e2e', 'Ahmed El Amrani', '9');
	await score(admin, 'Landelijk e2e', 'Sanne de Vries', '8');
	// Having scored, the admin sees the adviser's scores.
	await expect(admin.getByText('Wendy Adviseur', { exact: false }).first()).toBeVisible();

	// Counting: results side by side, then publish.
	await moveTo(
		admin,
		roundUrl,
		[-5 * DAY, -4 * DAY, -3 * DAY, -2 * MIN],
		'uitslag wordt vastgesteld'
	);
	const results = admin.locator('section', {
		has: admin.getByRole('heading', { name: 'Uitslag per jury' })
	});
	await expect(
		results.getByRole('columnheader', { name: 'Gewogen gemiddelde' }).first()
	).toBeVisible();
	await expect(
		results.getByRole('columnheader', { name: 'Genormaliseerd (z)' }).first()
	).toBeVisible();
	await expectAccessible(admin);
	await admin.getByRole('button', { name: 'Uitslag publiceren' }).click();
	await expect(admin.getByText('De uitslag is gepubliceerd.')).toBeVisible();

	// The public page, without logging in.
	const anonymous = await (await browser.newContext()).newPage();
	await anonymous.goto(`/uitslag/${YEAR}`);
	await expect(anonymous.getByRole('heading', { level: 1 })).toHaveText(
		`Beste LLO-praktijkopleider ${YEAR}`
	);
	const winner = anonymous.locator('section', {
		has: anonymous.getByRole('heading', { name: 'Winnaar' })
	});
	await expect(winner.getByRole('heading', { name: 'Ahmed El Amrani' })).toBeVisible();
	await expect(winner.getByText(MOTIVATION).first()).toBeVisible();
	await expect(anonymous.getByRole('heading', { name: 'Zuidwest e2e' })).toBeVisible();
	await expect(anonymous.getByRole('heading', { name: 'Sanne de Vries' })).toBeVisible();
	// Ahmed's five motivations under the winner and under his region; Sanne did not agree to publish.
	await expect(anonymous.getByText(MOTIVATION)).toHaveCount(10);
	await expectAccessible(anonymous);

	for (const p of [admin, hr, learner, adviser, anonymous]) await p.context().close();
});

test('HR sees its company’s nominations per round, the nominator hidden unless named', async ({
	page
}) => {
	await login(page, 'hr@delinde.example');
	await page.goto('/o/zorggroep-de-linde/hr');
	await page.getByRole('link', { name: 'Nominaties van onze praktijkopleiders' }).click();
	// This year's demo round, being judged: Ahmed's nomination with HR's endorsement.
	const judged = page.getByRole('region', { name: `Beste LLO-praktijkopleider ${thisYear()}` });
	await expect(judged.getByText("Fase: regionale jury's")).toBeVisible();
	const ahmed = judged.getByRole('region', { name: 'Ahmed El Amrani' });
	await expect(ahmed.getByText('Genomineerd door Fatima Yilmaz')).toBeVisible();
	await expect(ahmed.getByLabel('Aanbeveling van HR')).toHaveValue(/zij-instromers/);
	await expect(page.getByText('Kees Mulder')).toHaveCount(0);
	// The round of the whole-round test above (published) is listed too, without a form.
	const published = page.getByRole('region', { name: `Beste LLO-praktijkopleider ${YEAR}` });
	await expect(published.getByText('Fase: uitslag gepubliceerd')).toBeVisible();
	await expect(published.getByRole('button', { name: 'Aanbeveling opslaan' })).toHaveCount(0);
	await expectAccessible(page);
});

test('the demo has a round open for nominations whatever the date', async ({ page }) => {
	await login(page, 'lerende@zeeuwsekust.example');
	await page.goto('/verkiezing');
	await expect(
		page.getByRole('heading', { level: 2, name: `Beste LLO-praktijkopleider ${thisYear() + 1}` })
	).toBeVisible();
	await expect(page.getByText('Fase: nominaties open')).toBeVisible();
	await expect(page.getByLabel('Zoek een praktijkopleider op naam of bedrijf')).toBeVisible();
});
