import { expect, test, type Page } from '@playwright/test';
import { daysFromToday } from '../clock';
import { expectAccessible, extractLink, latestMail, login } from './helpers';

const COMPANY = 'zorggroep-de-linde';
const BASE = `/o/${COMPANY}/gesprekken`;

const inDays = daysFromToday;

async function selectByText(page: Page, label: string, text: string) {
	const select = page.getByLabel(label, { exact: true });
	const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
	await select.selectOption(value);
}

/** The trainer plans a conversation with Fatima; returns its path. */
async function plan(page: Page, template: string, days: number) {
	await page.goto(`${BASE}/nieuw`);
	await page.waitForLoadState('networkidle');
	await selectByText(page, 'Lerende', 'Fatima Yilmaz');
	await selectByText(page, 'Soort gesprek', template);
	await page.getByLabel('Datum', { exact: true }).fill(inDays(days));
	await page.getByLabel('Tijd', { exact: true }).fill('10:30');
	await expect(page.getByLabel('Praktijkopleider')).toHaveValue(/[0-9a-f-]{36}/);
	await page.getByRole('button', { name: 'Plannen en uitnodiging versturen' }).click();
	await expect(page).toHaveURL(new RegExp(`${BASE}/[0-9a-f-]{36}$`));
	return new URL(page.url()).pathname;
}

test('the full cycle: plan, both prepare, hold, sign, next conversation shows the open action', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	// The trainer plans; the learner gets an invitation with a link.
	await login(page, 'opleider@delinde.example');
	const since = new Date();
	const path = await plan(page, 'Ontwikkelgesprek', 2);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Ontwikkelgesprek – Fatima Yilmaz'
	);
	const mail = await latestMail('lerende@delinde.example', {
		since,
		subject: /Uitnodiging: Ontwikkelgesprek/
	});
	expect(extractLink(mail.text, BASE)).toBe(path);
	await expectAccessible(page);

	// The learner sees a task on her home page and prepares privately, then shares.
	const learnerContext = await browser.newContext();
	const learner = await learnerContext.newPage();
	await login(learner, 'lerende@delinde.example');
	await learner.goto(`/o/${COMPANY}/leren`);
	await learner.getByRole('link', { name: 'Ontwikkelgesprek voorbereiden' }).first().click();
	await expect(learner).toHaveURL(new RegExp(`${path}$`));
	await learner.waitForLoadState('networkidle');
	const prep = learner.locator('form[action="?/prepare"]');
	await prep
		.getByLabel('Waar ben je de afgelopen periode trots op in je werk?')
		.fill('Dat ik de overdracht nu zelf doe.');
	// a draft is saved automatically: it survives a closed tab
	await expect(prep.getByText(/Automatisch als concept opgeslagen/)).toBeVisible({
		timeout: 10_000
	});
	await learner.reload();
	await learner.waitForLoadState('networkidle');
	await expect(
		prep.getByLabel('Waar ben je de afgelopen periode trots op in je werk?')
	).toHaveValue('Dat ik de overdracht nu zelf doe.');
	await prep.getByRole('button', { name: 'Delen met de ander' }).click();
	// required questions first
	await expect(prep.getByRole('alert')).toContainText('Nog niet alles is goed ingevuld');
	await expect(
		prep.getByLabel('Waar ben je de afgelopen periode trots op in je werk?')
	).toHaveValue('Dat ik de overdracht nu zelf doe.');
	await prep
		.getByRole('group', { name: /Hoeveel plezier/ })
		.getByLabel('4 – Goed')
		.check();
	await prep
		.getByLabel('Welke doelen spreken we af voor de komende periode?')
		.fill('Zelfstandig rapporteren');
	await prep.getByRole('button', { name: 'Delen met de ander' }).click();
	await expect(prep.getByRole('status')).toHaveText('Je voorbereiding is gedeeld.');
	await expectAccessible(learner);

	// The trainer sees the shared preparation next to his own, and the progress.
	await page.reload();
	await page.waitForLoadState('networkidle');
	await expect(
		page.getByRole('heading', { name: 'Voorbereiding van Fatima Yilmaz' })
	).toBeVisible();
	await expect(page.getByText('Dat ik de overdracht nu zelf doe.')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Voortgang per kerntaak' })).toBeVisible();

	// Two tabs of the same record: the second, stale save is refused, its text kept.
	const second = await page.context().newPage();
	await second.goto(path);
	await second.waitForLoadState('networkidle');
	const agreed = page.locator('form[action="?/agreed"]');
	await agreed
		.getByLabel('Waar ben je de afgelopen periode trots op in je werk?')
		.fill('Zelfstandige overdracht aan de avonddienst.');
	await agreed.getByRole('button', { name: 'Concept opslaan' }).click();
	await expect(agreed.getByRole('status')).toHaveText('Opgeslagen.');
	const stale = second.locator('form[action="?/agreed"]');
	await stale
		.getByLabel('Waar ben je de afgelopen periode trots op in je werk?')
		.fill('Tekst uit het tweede tabblad');
	await stale.getByRole('button', { name: 'Concept opslaan' }).click();
	await expect(stale.getByRole('alert')).toContainText(
		'Iemand anders heeft dit intussen opgeslagen'
	);
	await expect(
		stale.getByLabel('Waar ben je de afgelopen periode trots op in je werk?')
	).toHaveValue('Tekst uit het tweede tabblad');
	await expect(stale.getByText('Zelfstandige overdracht aan de avonddienst.')).toBeVisible();
	await second.close();

	// The trainer records an action and the agreed answers, and records it as held.
	await page
		.getByLabel('Actiepunt', { exact: true })
		.fill('Oefenen met rapporteren in het dossier');
	await page.getByLabel('Klaar op').fill(inDays(14));
	await page.getByRole('button', { name: 'Actiepunt toevoegen' }).click();
	await expect(page.getByText('Het actiepunt is toegevoegd.')).toBeVisible();
	await agreed
		.getByRole('group', { name: /Hoeveel plezier/ })
		.getByLabel('4 – Goed')
		.check();
	await agreed
		.getByLabel('Welke doelen spreken we af voor de komende periode?')
		.fill('Zelfstandig rapporteren\nMeelopen met de wondzorg');
	await agreed.getByRole('button', { name: 'Vastleggen als gehouden' }).click();
	await expect(page.getByText('Het gesprek is vastgelegd als gehouden.')).toBeVisible();
	await expect(page.getByText('Gehouden', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Ondertekenen' }).click();
	await expect(page.getByText('Je hebt het gesprek ondertekend.')).toBeVisible();
	await expectAccessible(page);

	// The learner signs: the record is signed and read-only, and can be printed.
	await learner.reload();
	await learner.getByRole('button', { name: 'Ondertekenen' }).click();
	await expect(learner.getByText('Ondertekend', { exact: true })).toBeVisible();
	await expect(learner.locator('form[action="?/agreed"]')).toHaveCount(0);
	await learner.getByRole('link', { name: 'Afdrukken of PDF' }).click();
	await expect(learner).toHaveURL(new RegExp(`${path}/afdrukken$`));
	await expect(
		learner.getByRole('heading', { level: 1, name: 'Ontwikkelgesprek', exact: true })
	).toBeVisible();
	await expect(
		learner.getByRole('cell', { name: 'Oefenen met rapporteren in het dossier' })
	).toBeVisible();
	await expectAccessible(learner);
	await learnerContext.close();

	// The next conversation shows the open action from this one.
	await plan(page, 'Reflectiegesprek', 40);
	const carried = page.getByRole('region', {
		name: 'Openstaande actiepunten uit eerdere gesprekken'
	});
	await expect(
		carried.getByText('Oefenen met rapporteren in het dossier', { exact: true })
	).toBeVisible();
	await carried
		.getByRole('button', { name: 'Afvinken: Oefenen met rapporteren in het dossier' })
		.click();
	await expect(
		carried.getByText('Oefenen met rapporteren in het dossier', { exact: true })
	).toHaveCount(0);

	// The lists: the trainer's own overview.
	await page.goto(BASE);
	await expect(page.getByRole('heading', { level: 1, name: 'Gesprekken' })).toBeVisible();
	await expectAccessible(page);
});

test('HR copies a default template, adds a question, publishes and previews it', async ({
	page
}) => {
	await login(page, 'hr@delinde.example');
	await page.goto(`/o/${COMPANY}/hr/sjablonen`);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Kopiëren en aanpassen: Reflectiegesprek' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Sjabloon bewerken: Reflectiegesprek'
	);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Naam', { exact: true }).fill('Reflectie na de inwerkperiode');
	await page.getByRole('button', { name: 'Vraag toevoegen aan Wat neem je mee?' }).click();
	const label = page.getByLabel('Vraag 4', { exact: true });
	await label.fill('Wie kan je hierbij helpen?');
	await page.getByLabel('Soort vraag').last().selectOption('choice');
	// a choice without options cannot be published: a clear message, nothing lost
	await page.getByRole('button', { name: 'Publiceren' }).click();
	await expect(
		page.getByText('Geef minstens twee antwoordmogelijkheden.', { exact: true }).first()
	).toBeVisible();
	await expect(label).toHaveValue('Wie kan je hierbij helpen?');
	await page
		.getByLabel('Antwoordmogelijkheden')
		.fill('Mijn praktijkopleider\nEen collega\nIemand van school');
	// keyboard: move the new question up with the keyboard
	await page.getByRole('button', { name: 'Vraag 4 omhoog' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByLabel('Vraag 3', { exact: true }).last()).toHaveValue(
		'Wie kan je hierbij helpen?'
	);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Publiceren' }).click();
	await expect(page.getByRole('status')).toContainText('Versie 1 is gepubliceerd');

	await page.getByRole('link', { name: 'Voorbeeld', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Voorbeeld: Reflectie na de inwerkperiode'
	);
	await expect(page.getByRole('group', { name: 'Wie kan je hierbij helpen?' })).toBeVisible();
	await expect(page.getByLabel('Een collega')).toBeVisible();
	await expectAccessible(page);

	// the published template can be planned with
	await page.goto(`/o/${COMPANY}/gesprekken/nieuw`);
	await expect(
		page.getByLabel('Soort gesprek').locator('option', { hasText: 'Reflectie na de inwerkperiode' })
	).toHaveCount(1);
});

test('dates that cannot be right are refused, unusual ones are confirmed first', async ({
	page
}) => {
	await login(page, 'opleider@delinde.example');
	await page.goto(`${BASE}/nieuw`);
	await page.waitForLoadState('networkidle');
	await selectByText(page, 'Lerende', 'Fatima Yilmaz');
	await selectByText(page, 'Soort gesprek', 'Reflectiegesprek');
	await page.getByLabel('Tijd', { exact: true }).fill('10:30');
	const submit = page.getByRole('button', { name: 'Plannen en uitnodiging versturen' });
	await page.getByLabel('Datum', { exact: true }).fill(inDays(-3));
	await submit.click();
	await expect(
		page.getByText('Deze datum ligt in het verleden. Kies vandaag of een latere datum.', {
			exact: true
		})
	).toBeVisible();
	await page.getByLabel('Datum', { exact: true }).fill('2099-06-01');
	await submit.click();
	await expect(
		page.getByText(/^Deze datum ligt te ver vooruit\. Kies .* of eerder\.$/)
	).toBeVisible();
	await page.getByLabel('Datum', { exact: true }).fill(inDays(400));
	await submit.click();
	await expect(page.getByText(/ligt ver vooruit\. Klopt dat\?/)).toBeVisible();
	await expect(page).toHaveURL(`${BASE}/nieuw`);
	await expect(page.getByLabel('Tijd', { exact: true })).toHaveValue('10:30');
	await expectAccessible(page);
	await page.getByLabel('Ja, deze datum klopt').check();
	await submit.click();
	await expect(page).toHaveURL(new RegExp(`${BASE}/[0-9a-f-]{36}$`));

	// An action due yesterday cannot be right.
	await page.getByLabel('Actiepunt', { exact: true }).fill('Iets dat al voorbij is');
	await page.getByLabel('Klaar op', { exact: true }).fill(inDays(-1));
	await page.getByRole('button', { name: 'Actiepunt toevoegen' }).click();
	// (The text is also in the summary above the form, which lists the fields to correct.)
	await expect(page.getByLabel('Klaar op', { exact: true })).toHaveAccessibleDescription(
		/Deze datum ligt in het verleden\. Kies vandaag of een latere datum\./
	);
	await expect(page.getByLabel('Actiepunt', { exact: true })).toHaveValue('Iets dat al voorbij is');
});

test('cancelling asks first, tells both invited who cancelled, and lists it as cancelled', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	await login(page, 'opleider@delinde.example');
	const first = await plan(page, 'Reflectiegesprek', 5);
	const second = await plan(page, 'Reflectiegesprek', 6);

	const hrContext = await browser.newContext();
	const hr = await hrContext.newPage();
	await login(hr, 'hr@delinde.example');
	await hr.goto(first);
	await hr.waitForLoadState('networkidle');
	await hr.getByText('Gesprek annuleren', { exact: true }).click();
	await expect(
		hr.getByText(
			'Weet je zeker dat je dit gesprek wilt annuleren? Fatima Yilmaz en Ahmed El Amrani krijgen een e-mail dat het niet doorgaat.',
			{ exact: false }
		)
	).toBeVisible();
	await expectAccessible(hr);
	// "No" leaves it planned.
	await hr.getByRole('link', { name: 'Nee, gesprek laten staan' }).click();
	await expect(hr.locator('.facts .badge')).toHaveText('Gepland');

	const since = new Date();
	await hr.getByText('Gesprek annuleren', { exact: true }).click();
	await hr.getByRole('button', { name: 'Ja, gesprek annuleren' }).click();
	await expect(hr.getByText('Het gesprek is geannuleerd.')).toBeVisible();
	await expect(hr.locator('.facts .badge')).toHaveText('Geannuleerd');
	await expect(hr.getByText('Dit gesprek is geannuleerd en gaat niet door.')).toBeVisible();
	const toLearner = await latestMail('lerende@delinde.example', {
		since,
		subject: /^Geannuleerd: Reflectiegesprek$/
	});
	expect(toLearner.text).toContain(
		'Marieke Jansen heeft het gesprek Reflectiegesprek met Ahmed El Amrani op'
	);
	expect(extractLink(toLearner.text, BASE)).toBe(first);
	const toTrainer = await latestMail('opleider@delinde.example', {
		since,
		subject: /^Geannuleerd: Reflectiegesprek$/
	});
	expect(toTrainer.text).toContain(
		'Marieke Jansen heeft het gesprek Reflectiegesprek met Fatima Yilmaz op'
	);

	// Listed as cancelled, never as held: for HR, the trainer and the learner.
	for (const viewer of [hr, page]) {
		await viewer.goto(BASE);
		const cancelled = viewer.getByRole('region', { name: /^Geannuleerde gesprekken/ });
		await expect(cancelled.locator(`a[href="${first}"]`)).toHaveCount(1);
		await expect(
			viewer.getByRole('region', { name: 'Gehouden gesprekken' }).locator(`a[href="${first}"]`)
		).toHaveCount(0);
	}
	await expectAccessible(hr);

	// Without JavaScript the confirmation works the same (details and a real form).
	const plain = await browser.newContext({ javaScriptEnabled: false });
	const noJs = await plain.newPage();
	await login(noJs, 'hr@delinde.example');
	await noJs.goto(second);
	await noJs.getByText('Gesprek annuleren', { exact: true }).click();
	await noJs.getByRole('button', { name: 'Ja, gesprek annuleren' }).click();
	await expect(noJs.getByText('Het gesprek is geannuleerd.')).toBeVisible();
	await expect(noJs.locator('.facts .badge')).toHaveText('Geannuleerd');
	await plain.close();
	await hrContext.close();
});

test('the template editor warns before leaving with unsaved changes, and says it needs JavaScript', async ({
	page,
	browser
}) => {
	await login(page, 'hr@delinde.example');
	await page.goto(`/o/${COMPANY}/hr/sjablonen`);
	await page.getByRole('button', { name: 'Kopiëren en aanpassen: Ontwikkelgesprek' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Sjabloon bewerken: Ontwikkelgesprek'
	);
	await page.waitForLoadState('networkidle');
	const editor = page.url();
	// Unchanged: leaving asks nothing.
	let asked = 0;
	page.on('dialog', (dialog) => {
		asked++;
		expect(dialog.message()).toContain('nog niet zijn opgeslagen');
		void (asked === 1 ? dialog.dismiss() : dialog.accept());
	});
	await page.getByLabel('Naam', { exact: true }).fill('Ontwikkelgesprek nieuw');
	await expect(page.getByText('Er zijn wijzigingen die nog niet zijn opgeslagen.')).toBeVisible();
	await page.getByRole('link', { name: '← Gesprekssjablonen' }).click();
	// Dismissed: still here, the change kept.
	await expect.poll(() => asked).toBe(1);
	expect(page.url()).toBe(editor);
	await expect(page.getByLabel('Naam', { exact: true })).toHaveValue('Ontwikkelgesprek nieuw');
	// Saved: no question any more.
	await page.getByRole('button', { name: 'Concept opslaan' }).click();
	await expect(page.getByRole('status')).toContainText('opgeslagen');
	await expect(page.getByText('Er zijn wijzigingen die nog niet zijn opgeslagen.')).toHaveCount(0);
	await page.getByLabel('Naam', { exact: true }).fill('Ontwikkelgesprek nog eens');
	await page.getByRole('link', { name: '← Gesprekssjablonen' }).click();
	await expect.poll(() => asked).toBe(2);
	await expect(page).toHaveURL(`/o/${COMPANY}/hr/sjablonen`);

	// Without JavaScript the editor says so and cannot lose typed changes.
	const plain = await browser.newContext({ javaScriptEnabled: false });
	const noJs = await plain.newPage();
	await login(noJs, 'hr@delinde.example');
	await noJs.goto(editor);
	await expect(noJs.getByText(/De sjablooneditor heeft JavaScript nodig/)).toBeVisible();
	await expect(noJs.getByLabel('Naam', { exact: true })).toBeDisabled();
	await plain.close();
});

test('a conversation about the learning-culture scan shows what the scan found and the open plan', async ({
	page
}) => {
	await login(page, 'opleider@delinde.example');
	const path = await plan(page, 'Leercultuur in het team', 5);
	const briefing = page.getByRole('region', { name: 'Uit de leercultuurscan' });
	await expect(briefing).toContainText(/De laatste scan, gesloten op .*, met \d+ antwoorden/);
	await expect(briefing.getByRole('listitem').first()).toBeVisible();
	await expect(
		briefing.getByRole('heading', { name: 'Open acties uit het verbeterplan' })
	).toBeVisible();
	await expectAccessible(page);
	// Another kind of conversation has no such section.
	await plan(page, 'Ontwikkelgesprek', 6);
	await expect(page.getByRole('region', { name: 'Uit de leercultuurscan' })).toHaveCount(0);
	void path;
});
