import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ACCOUNTS } from './authz-matrix';
import { expectAccessible, login } from './helpers';

/**
 * The qualification structure: search and qualification pages (learner, trainer, on a
 * phone), the admin import of SBB's XML with its preview, and mbo-certificates.
 *
 * The tests run in file order (one worker per file, fullyParallel off). The browsing tests
 * come first on purpose: they assert the bundled demo set, and the import tests further
 * down replace dossier 2755 (Dienstverlening) by the real file and later versions of it.
 * Certificates are made on dossier 4156 (25475, 25476), which no import touches.
 */

/** SBB's real export of dossier 2755, a fixture in the repository. */
const DIENSTVERLENING = fileURLToPath(
	new URL('../fixtures/sbb-kwalificatiestructuur-2016/2755_Dienstverlening.xml', import.meta.url)
);

/** A date as the app writes it (formatDate, nl): "28 november 2026". */
const DATE = String.raw`\d{1,2} [a-z]+ \d{4}`;

/** A per-run suffix for codes, so a rerun against the same server does not collide. */
const TAG = Date.now().toString(36).toUpperCase();

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Zoeken' });
const resultTitles = (page: Page) => page.getByRole('main').getByRole('heading', { level: 2 });
const result = (page: Page, title: string) =>
	page
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
const matches = (item: Locator) =>
	item
		.getByRole('list', { name: 'Werkprocessen die passen bij je zoekopdracht' })
		.getByRole('listitem');

/**
 * Opens the search page and waits until its script runs: results-as-you-type need the
 * hydrated page (typing into the server-rendered box before that would search nothing).
 */
async function openSearch(page: Page): Promise<void> {
	await page.goto('/kwalificaties');
	await page.waitForLoadState('networkidle');
}

/** Clears the search box and types `text` key by key, without pressing Enter. */
async function typeQuery(page: Page, text: string): Promise<void> {
	const box = searchBox(page);
	await box.clear();
	await box.pressSequentially(text, { delay: 40 });
}

/** The region of one kerntaak on a qualification page, by its code. */
const coreTask = (page: Page, code: string) =>
	page.getByRole('region', { name: new RegExp(`^${code} `) });
const workProcess = (page: Page, code: string) =>
	page.locator('details').filter({ has: page.locator('summary', { hasText: `${code} ` }) });

for (const role of ['learner', 'trainer'] as const) {
	test.describe(`as ${role}`, () => {
		test.beforeEach(async ({ page }) => {
			await login(page, ACCOUNTS[role]);
		});

		test('searches qualifications as you type: title, crebo, work process, level', async ({
			page
		}) => {
			await openSearch(page);
			await expect(
				page.getByRole('heading', { level: 1, name: 'Kwalificatiestructuur' })
			).toBeVisible();
			await expect(page.locator('#result-count')).toHaveText('4 kwalificaties gevonden');
			await expectAccessible(page);

			// A title word: results and URL follow the typing, no Enter, focus stays in the box.
			await typeQuery(page, 'helpende');
			await expect(page).toHaveURL(/\/kwalificaties\?q=helpende$/);
			await expect(page.locator('#result-count')).toHaveText('1 kwalificatie gevonden');
			await expect(resultTitles(page)).toHaveText(['Helpende Zorg en Welzijn']);
			await expect(result(page, 'Helpende Zorg en Welzijn')).toContainText(
				'Crebo 25498 · niveau 2 · Dienstverlening · zorg, welzijn en sport'
			);
			await expect(searchBox(page)).toBeFocused();
			await expect(searchBox(page)).toHaveValue('helpende');

			// A crebo.
			await typeQuery(page, '25475');
			await expect(page).toHaveURL(/\?q=25475$/);
			await expect(resultTitles(page)).toHaveText(['Begeleider gehandicaptenzorg']);
			await expect(result(page, 'Begeleider gehandicaptenzorg')).toContainText(
				'Crebo 25475 · niveau 3 · Maatschappelijke Zorg'
			);

			// A word from the werkprocessen (prefix + Dutch stemming: huishouden, huishoudelijke),
			// the matching werkprocessen listed under each qualification; a basisdeel hit counts
			// for every profile of the dossier.
			await typeQuery(page, 'huishoud');
			await expect(page).toHaveURL(/\?q=huishoud$/);
			await expect(page.locator('#result-count')).toHaveText('4 kwalificaties gevonden');
			await expect(matches(result(page, 'Helpende Zorg en Welzijn'))).toHaveText([
				'P2-K1-W1 Ondersteunt bij wonen en huishouden'
			]);
			await expect(matches(result(page, 'Pedagogisch medewerker kinderopvang'))).toHaveText([
				'P1-K1-W6 Draagt zorg voor huishoudelijke werkzaamheden'
			]);
			for (const title of ['Begeleider gehandicaptenzorg', 'Begeleider specifieke doelgroepen']) {
				await expect(matches(result(page, title))).toHaveText([
					'B1-K1-W3 Ondersteunt de cliënt bij wonen en huishouden'
				]);
			}
			await expectAccessible(page);

			// The level filter narrows the same search, and works without a search text too.
			const level = page.getByRole('combobox', { name: 'Niveau' });
			await level.selectOption({ label: 'niveau 3' });
			await expect(page).toHaveURL(/\?q=huishoud&niveau=3$/);
			await expect(page.locator('#result-count')).toHaveText('3 kwalificaties gevonden');
			await expect(result(page, 'Helpende Zorg en Welzijn')).toHaveCount(0);
			await expect(result(page, 'Pedagogisch medewerker kinderopvang')).toBeVisible();

			await searchBox(page).clear();
			await level.selectOption({ label: 'niveau 2' });
			await expect(page).toHaveURL(/\/kwalificaties\?niveau=2$/);
			await expect(resultTitles(page)).toHaveText(['Helpende Zorg en Welzijn']);

			await level.selectOption({ label: 'niveau 4' });
			await expect(page.locator('#result-count')).toHaveText('0 kwalificaties gevonden');
			await expect(resultTitles(page)).toHaveCount(0);

			// The filter state survives a reload (it lives in the URL).
			await page.reload();
			await expect(level).toHaveValue('4');
		});

		test('a result that comes in while the user types on does not undo the typing', async ({
			page
		}) => {
			await openSearch(page);
			// A slow connection: the result for "help" is held back until the user typed on.
			const isQuery = (url: string, q: string) =>
				url.includes('/kwalificaties/__data.json') && new URL(url).searchParams.get('q') === q;
			let release!: () => void;
			const held = new Promise<void>((resolve) => (release = resolve));
			await page.route('**/kwalificaties/__data.json*', async (route) => {
				if (isQuery(route.request().url(), 'help')) await held;
				await route.continue();
			});
			const box = searchBox(page);
			const helpRequested = page.waitForRequest((r) => isQuery(r.url(), 'help'));
			await box.pressSequentially('help', { delay: 20 });
			await helpRequested; // the box searches 250 ms after the last key
			await box.pressSequentially('ende', { delay: 20 });
			release(); // "help"'s result arrives before the box searches for "helpende"
			await expect(page).toHaveURL(/\?q=helpende$/);
			await expect(box).toHaveValue('helpende');
			await expect(resultTitles(page)).toHaveText(['Helpende Zorg en Welzijn']);
		});

		test('opens a qualification: kerntaken, werkproces details, certificate, related', async ({
			page
		}) => {
			await page.goto('/kwalificaties?q=helpende');
			await page.getByRole('link', { name: 'Helpende Zorg en Welzijn' }).click();
			await expect(page).toHaveURL('/kwalificaties/25498');
			await expect(
				page.getByRole('heading', { level: 1, name: 'Helpende Zorg en Welzijn' })
			).toBeVisible();
			await expect(page.getByRole('main')).toContainText(
				'Crebo 25498 · niveau 2 · Dossier: Dienstverlening · zorg, welzijn en sport'
			);

			// Basisdeel and profieldeel kerntaken with their codes and werkprocessen.
			const basis = coreTask(page, 'B1-K1');
			await expect(basis.getByRole('heading', { level: 3 })).toHaveText(
				'B1-K1 Voert dienstverlenende werkzaamheden uit basisdeel'
			);
			await expect(basis.locator('summary')).toHaveCount(9);
			await expect(basis.locator('summary').first()).toHaveText(
				'B1-K1-W1 Bereidt werkzaamheden voor en stemt af'
			);
			const profile = coreTask(page, 'P2-K1');
			await expect(profile.getByRole('heading', { level: 3 })).toHaveText(
				'P2-K1 Ondersteunt bij dagelijkse activiteiten in zorg en welzijn profieldeel'
			);
			await expect(profile.locator('summary')).toHaveText([
				'P2-K1-W1 Ondersteunt bij wonen en huishouden',
				'P2-K1-W2 Ondersteunt bij persoonlijke zorg en ADL',
				'P2-K1-W3 Assisteert bij de uitvoering van sociale en recreatieve activiteiten'
			]);

			// A werkproces' texts open on click …
			const wonen = workProcess(page, 'P2-K1-W1');
			const description = wonen.getByRole('heading', { level: 4, name: 'Omschrijving' });
			await expect(description).toBeHidden();
			await wonen.locator('summary').click();
			await expect(wonen).toHaveAttribute('open', '');
			await expect(description).toBeVisible();
			await expect(wonen).toContainText(
				"De helpende zorg en welzijn ondersteunt de cliënt, naastbetrokkenen of collega's vraaggericht bij huishouden."
			);
			await expect(wonen.getByRole('heading', { level: 4, name: 'Resultaat' })).toBeVisible();
			await expect(wonen).toContainText(
				'De cliënt is volgens gemaakte afspraken vraaggericht ondersteund bij wonen en huishouden.'
			);
			await expect(wonen.getByRole('heading', { level: 4, name: 'Gedrag' })).toBeVisible();
			await expect(wonen).toContainText(
				'luistert aandachtig naar de wensen, behoeften en mogelijkheden van de zorgvrager'
			);
			await expect(wonen.getByRole('heading', { level: 4, name: 'Competenties' })).toBeVisible();
			await expect(wonen.getByRole('listitem')).toHaveText([
				'L. Materialen en middelen inzetten',
				'R. Op de behoeften en verwachtingen van de "klant" richten',
				'T. Instructies en procedures opvolgen'
			]);

			// … and with the keyboard (Enter opens, Space closes).
			const adl = workProcess(page, 'P2-K1-W2');
			await adl.locator('summary').focus();
			await page.keyboard.press('Enter');
			await expect(adl).toHaveAttribute('open', '');
			await expect(adl.getByRole('heading', { level: 4, name: 'Resultaat' })).toBeVisible();
			await expect(adl).toContainText(
				'De cliënt is volgens gemaakte afspraken vraaggericht ondersteund bij persoonlijke zorg en ADL.'
			);
			await page.keyboard.press('Space');
			await expect(adl).not.toHaveAttribute('open');
			await expect(adl.getByRole('heading', { level: 4, name: 'Resultaat' })).toBeHidden();

			// The demo certificate on this qualification.
			await expect(page.getByRole('region', { name: 'Mbo-certificaten' })).toContainText(
				'Ondersteunen bij wonen en persoonlijke zorg (DEMO-HZW-WONEN) — P2-K1-W1, P2-K1-W2'
			);

			// Related qualifications: a table, with the shared werkprocessen.
			const related = page.getByRole('region', { name: 'Verwante kwalificaties' });
			await expect(related.getByRole('columnheader')).toHaveText([
				'Kwalificatie',
				'Niveau',
				'Dossier',
				'Gedeelde werkprocessen'
			]);
			await expect(related.getByRole('row').nth(1).getByRole('cell')).toHaveText([
				'Pedagogisch medewerker kinderopvang (25486)',
				'3',
				'Pedagogisch Werk',
				'1 van 16'
			]);
			// One version only: no version list.
			await expect(page.getByRole('region', { name: 'Versies' })).toHaveCount(0);
			await expectAccessible(page);

			await related.getByRole('link', { name: 'Pedagogisch medewerker kinderopvang' }).click();
			await expect(page).toHaveURL('/kwalificaties/25486');
			await expect(
				page.getByRole('heading', { level: 1, name: 'Pedagogisch medewerker kinderopvang' })
			).toBeVisible();
			await expect(coreTask(page, 'B1-K2')).toBeVisible();
			await expect(coreTask(page, 'P1-K1').locator('summary')).toHaveCount(6);
			// The shared werkproces goes both ways.
			await expect(
				page
					.getByRole('region', { name: 'Verwante kwalificaties' })
					.getByRole('row', { name: /Helpende Zorg en Welzijn \(25498\)/ })
			).toBeVisible();
			await expectAccessible(page);

			// Back to the search: the query is still there.
			await page.goBack();
			await page.goBack();
			await expect(page).toHaveURL('/kwalificaties?q=helpende');
			await expect(searchBox(page)).toHaveValue('helpende');
			await expect(resultTitles(page)).toHaveText(['Helpende Zorg en Welzijn']);
		});
	});
}

test.describe('on a phone', () => {
	test.use({ viewport: { width: 375, height: 740 } });

	test('qualification pages fit the screen without sideways scrolling', async ({ page }) => {
		await login(page, ACCOUNTS.trainer);
		const noHorizontalScroll = async () => {
			const { scrollWidth, clientWidth } = await page.evaluate(() => {
				const el = document.scrollingElement!;
				return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
			});
			expect(scrollWidth, `body scrolls sideways on ${page.url()}`).toBeLessThanOrEqual(
				clientWidth
			);
		};

		await page.goto('/kwalificaties?q=huishoud');
		await expect(page.locator('#result-count')).toHaveText('4 kwalificaties gevonden');
		await noHorizontalScroll();

		// Long werkproces titles and texts, opened, and the related-qualifications table.
		await page.goto('/kwalificaties/25475');
		await expect(
			page.getByRole('heading', { level: 1, name: 'Begeleider gehandicaptenzorg' })
		).toBeVisible();
		await workProcess(page, 'P1-K1-W2').locator('summary').click();
		await workProcess(page, 'B1-K1-W3').locator('summary').click();
		await expect(
			workProcess(page, 'B1-K1-W3').getByRole('heading', { level: 4, name: 'Gedrag' })
		).toBeVisible();
		await expect(
			page
				.getByRole('region', { name: 'Verwante kwalificaties' })
				.getByRole('row', { name: /Begeleider specifieke doelgroepen \(25476\)/ })
		).toBeVisible();
		await noHorizontalScroll();
		await expectAccessible(page);

		await page.goto('/kwalificaties/25498');
		await workProcess(page, 'P2-K1-W1').locator('summary').click();
		await expect(page.getByRole('region', { name: 'Mbo-certificaten' })).toBeVisible();
		await noHorizontalScroll();
	});
});

// ── admin: import SBB's XML ──────────────────────────────────────────────────────────────

test.describe('admin imports the qualification structure', () => {
	// One sequence of imports on one database: each step builds on the one before, so a
	// retry of a single step would start from the wrong state.
	test.describe.configure({ mode: 'serial', retries: 0 });

	const realXml = () => readFileSync(DIENSTVERLENING, 'utf8');
	const OLD_TITLE = 'Voert logistieke werkzaamheden uit';
	const NEW_TITLE = 'Voert logistieke en magazijnwerkzaamheden uit';

	test.beforeEach(async ({ page }) => {
		await login(page, ACCOUNTS.admin);
	});

	const preview = (page: Page) => page.getByRole('region', { name: 'Voorbeeld van de import' });
	const planOf = (page: Page, nr: string) =>
		preview(page)
			.getByRole('listitem')
			.filter({ hasText: `(${nr}):` });
	const dossierRows = (page: Page, nr: string) =>
		page
			.getByRole('region', { name: 'Dossiers en versies' })
			.getByRole('row')
			.filter({ hasText: `(${nr})` });
	/** The items of one list in the preview ("Toegevoegd: 10"), opened. */
	async function openChanges(plan: Locator, label: string): Promise<Locator> {
		const details = plan
			.locator('details')
			.filter({ has: plan.page().locator('summary', { hasText: new RegExp(`^${label}: \\d+$`) }) });
		await details.locator('summary').click();
		return details.getByRole('listitem');
	}

	async function upload(page: Page, file: string): Promise<void> {
		await page.goto('/beheer/kwalificaties');
		await expect(
			page.getByRole('heading', { level: 1, name: 'Kwalificatiestructuur importeren' })
		).toBeVisible();
		await page.getByLabel('XML-bestanden van SBB').setInputFiles(file);
		await page.getByRole('button', { name: 'Bekijk wat er verandert' }).click();
	}

	async function confirm(page: Page, done: string): Promise<void> {
		await preview(page).getByRole('button', { name: 'Import bevestigen' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Import voltooid' })).toHaveText(done);
		await expect(preview(page)).toHaveCount(0);
	}

	/** A copy of the real file with one change, in this test's output folder. */
	function variant(name: string, change: (xml: string) => string): string {
		const original = realXml();
		const changed = change(original);
		expect(changed, `${name} differs from the real file`).not.toBe(original);
		const file = test.info().outputPath(name);
		writeFileSync(file, changed);
		return file;
	}

	test('the real Dienstverlening file: preview shows a new version of the demo dossier', async ({
		page
	}) => {
		await upload(page, DIENSTVERLENING);
		await expect(page).toHaveURL(/\/beheer\/kwalificaties\?voorbeeld=[0-9a-f-]{36}$/);
		await expect(preview(page)).toContainText('Bestanden: 2755_Dienstverlening.xml');

		// The demo seed has a shortened 2755 with one profiel: this is version 2 of it.
		const plan = planOf(page, '2755');
		await expect(plan).toContainText('Dienstverlening (2755):');
		await expect(plan.locator('.badge')).toHaveText('nieuwe versie 2; versie 1 wordt vervangen');
		await expect(plan).toContainText('3 kwalificaties, 4 kerntaken, 18 werkprocessen');
		// The qualifications it changes, by crebo and title (issue 16).
		await expect(plan).toContainText('Kwalificaties die een nieuwe versie krijgen:');
		await expect(plan.locator('.quals li')).toHaveText([
			'25498 Helpende Zorg en Welzijn (niveau 2)',
			'25499 Medewerker facilitaire dienstverlening (niveau 2)',
			'25500 Medewerker sport en recreatie (niveau 2)'
		]);
		await expect(preview(page).getByRole('button', { name: 'Import bevestigen' })).toBeVisible();
		// Profielen 1 and 3 are new (the demo set only has 2, Helpende Zorg en Welzijn) …
		const added = await openChanges(plan, 'Toegevoegd');
		await expect(added).toHaveText([
			'P1 Medewerker facilitaire dienstverlening (25499)',
			'P1-K1 Voert facilitaire werkzaamheden uit',
			'P1-K1-W1 Assisteert bij beheer van gebouwen',
			`P1-K1-W2 ${OLD_TITLE}`,
			'P1-K1-W3 Voert cateringwerkzaamheden uit',
			'P3 Medewerker sport en recreatie (25500)',
			'P3-K1 Assisteert bij activiteiten en evenementen',
			'P3-K1-W1 Assisteert bij de uitvoering van activiteiten',
			'P3-K1-W2 Begeleidt gasten/deelnemers',
			'P3-K1-W3 Houdt toezicht'
		]);
		// … and every werkproces of the demo version is changed: the demo set has the same
		// codes and titles, but shortened texts. Kerntaken and profiel 2 are the same.
		const changed = await openChanges(plan, 'Gewijzigd');
		await expect(changed).toHaveText([
			'B1-K1-W1 Bereidt werkzaamheden voor en stemt af',
			'B1-K1-W2 Maakt ruimtes gebruiksklaar',
			'B1-K1-W3 Treedt op als aanspreekpunt',
			'B1-K1-W4 Voert eenvoudige administratieve werkzaamheden uit',
			'B1-K1-W5 Assisteert bij voorraadbeheer',
			'B1-K1-W6 Draagt bij aan een veilige situatie',
			'B1-K1-W7 Voert eenvoudige onderhouds- en herstelwerkzaamheden uit',
			'B1-K1-W8 Voert werkzaamheden uit gericht op voeding',
			'B1-K1-W9 Evalueert de werkzaamheden',
			'P2-K1-W1 Ondersteunt bij wonen en huishouden',
			'P2-K1-W2 Ondersteunt bij persoonlijke zorg en ADL',
			'P2-K1-W3 Assisteert bij de uitvoering van sociale en recreatieve activiteiten'
		]);
		// Nothing disappears.
		await expect(plan.locator('summary')).toHaveText(['Toegevoegd: 10', 'Gewijzigd: 12']);
		await expect(preview(page)).toContainText('Competenties: 0 nieuw, 0 gewijzigd');
		await expect(preview(page)).not.toContainText('Er verandert niets');
		await expectAccessible(page);

		// Nothing is stored before the admin confirms.
		await expect(dossierRows(page, '2755')).toHaveCount(1);

		await confirm(page, 'Import voltooid: 0 nieuw, 1 nieuwe versie(s), 0 ongewijzigd.');
		await expect(dossierRows(page, '2755')).toHaveCount(2);
		await expect(dossierRows(page, '2755').nth(0).getByRole('cell')).toHaveText([
			'Dienstverlening (2755)',
			'2',
			'3 kwalificaties, 18 werkprocessen',
			new RegExp(`^${DATE}$`),
			'huidig'
		]);
		await expect(dossierRows(page, '2755').nth(1).getByRole('cell')).toHaveText([
			'Dienstverlening (2755)',
			'1',
			'1 kwalificatie, 12 werkprocessen',
			new RegExp(`^${DATE}$`),
			new RegExp(`^vervangen op ${DATE}$`)
		]);
		await expectAccessible(page);

		// The qualification that only the real file has is now found.
		await openSearch(page);
		await typeQuery(page, 'facilitaire');
		await expect(page).toHaveURL(/\?q=facilitaire$/);
		await expect(resultTitles(page)).toHaveText(['Medewerker facilitaire dienstverlening']);
		await typeQuery(page, '25499');
		await expect(resultTitles(page)).toHaveText(['Medewerker facilitaire dienstverlening']);
		await page.getByRole('link', { name: 'Medewerker facilitaire dienstverlening' }).click();
		await expect(page).toHaveURL('/kwalificaties/25499');
		await expect(coreTask(page, 'P1-K1').locator('summary')).toHaveText([
			'P1-K1-W1 Assisteert bij beheer van gebouwen',
			`P1-K1-W2 ${OLD_TITLE}`,
			'P1-K1-W3 Voert cateringwerkzaamheden uit'
		]);
		await expect(coreTask(page, 'B1-K1').locator('summary')).toHaveCount(9);

		// History is kept: the demo version of Helpende Zorg en Welzijn, with the demo
		// certificate that was defined on it, is still there, marked superseded.
		await page.goto('/kwalificaties/25498?versie=1');
		await expect(page.getByRole('status')).toHaveText(
			new RegExp(
				`^Dit is versie 1; deze is op ${DATE} vervangen door een nieuwere versie\\.\\s*Naar de huidige versie$`
			)
		);
		await expect(page.getByRole('region', { name: 'Mbo-certificaten' })).toContainText(
			'DEMO-HZW-WONEN'
		);
		await expectAccessible(page);
	});

	test('the same file again changes nothing', async ({ page }) => {
		await upload(page, DIENSTVERLENING);
		const plan = planOf(page, '2755');
		await expect(plan.locator('.badge')).toHaveText('ongewijzigd');
		await expect(plan).toContainText('3 kwalificaties, 4 kerntaken, 18 werkprocessen');
		await expect(plan.locator('details')).toHaveCount(0);
		await expect(plan.locator('.quals li')).toHaveCount(0);
		// Nothing to confirm: no button that would do nothing, and it says so.
		await expect(preview(page)).toContainText(
			'Er verandert niets: alle dossiers in dit bestand zijn al up-to-date. Er valt niets te bevestigen.'
		);
		await expect(page.getByRole('button', { name: 'Import bevestigen' })).toHaveCount(0);
		await page.getByRole('link', { name: 'Een ander bestand kiezen' }).click();
		await expect(page).toHaveURL('/beheer/kwalificaties');
		await expect(dossierRows(page, '2755')).toHaveCount(2);
		await expect(dossierRows(page, '2755').nth(0).getByRole('cell').nth(1)).toHaveText('2');
	});

	test('a changed werkproces title becomes version 3; version 2 stays readable', async ({
		page
	}) => {
		const file = variant('2755_Dienstverlening.xml', (xml) =>
			xml.replace(`titel="${OLD_TITLE}"`, `titel="${NEW_TITLE}"`)
		);
		await upload(page, file);
		const plan = planOf(page, '2755');
		await expect(plan.locator('.badge')).toHaveText('nieuwe versie 3; versie 2 wordt vervangen');
		await expect(plan).toContainText('3 kwalificaties, 4 kerntaken, 18 werkprocessen');
		await expect(await openChanges(plan, 'Gewijzigd')).toHaveText([`P1-K1-W2 ${NEW_TITLE}`]);
		await expect(plan.locator('summary')).toHaveText(['Gewijzigd: 1']);
		await expectAccessible(page);
		await confirm(page, 'Import voltooid: 0 nieuw, 1 nieuwe versie(s), 0 ongewijzigd.');
		await expect(dossierRows(page, '2755')).toHaveCount(3);
		await expect(dossierRows(page, '2755').nth(0).getByRole('cell').nth(1)).toHaveText('3');
		await expect(dossierRows(page, '2755').nth(1).getByRole('cell').nth(4)).toHaveText(
			new RegExp(`^vervangen op ${DATE}$`)
		);

		await page.goto('/kwalificaties/25499');
		await expect(page.getByRole('status')).toHaveCount(0);
		await expect(workProcess(page, 'P1-K1-W2').locator('summary')).toHaveText(
			`P1-K1-W2 ${NEW_TITLE}`
		);
		// 25499 first came with version 2 (the demo version 1 did not have it).
		const versions = page.getByRole('region', { name: 'Versies' }).getByRole('listitem');
		await expect(versions).toHaveText([
			new RegExp(`^Versie 3 — ${DATE}\\s*$`),
			new RegExp(`^Versie 2 — ${DATE}\\s*\\(vervangen op ${DATE}\\)$`)
		]);
		await expectAccessible(page);

		await versions.getByRole('link', { name: 'Versie 2' }).click();
		await expect(page).toHaveURL('/kwalificaties/25499?versie=2');
		await expect(page.getByRole('status')).toContainText('Dit is versie 2; deze is op ');
		await expect(workProcess(page, 'P1-K1-W2').locator('summary')).toHaveText(
			`P1-K1-W2 ${OLD_TITLE}`
		);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Naar de huidige versie' }).click();
		await expect(page).toHaveURL('/kwalificaties/25499');
		await expect(workProcess(page, 'P1-K1-W2').locator('summary')).toHaveText(
			`P1-K1-W2 ${NEW_TITLE}`
		);

		// The search finds the current title only.
		await openSearch(page);
		await typeQuery(page, 'magazijnwerkzaamheden');
		await expect(resultTitles(page)).toHaveText(['Medewerker facilitaire dienstverlening']);
		await expect(matches(result(page, 'Medewerker facilitaire dienstverlening'))).toHaveText([
			`P1-K1-W2 ${NEW_TITLE}`
		]);
	});

	test('broken files get a precise Dutch error and import nothing', async ({ page }) => {
		const uploadError = page.getByRole('alert');

		// Not XML at all.
		const notXml = test.info().outputPath('kapot.xml');
		writeFileSync(notXml, 'Dit is geen XML, maar een tekstbestand.\n');
		await upload(page, notXml);
		await expect(page).toHaveURL('/beheer/kwalificaties');
		await expect(uploadError).toHaveText(
			/^Dit bestand is geen geldige XML\. \(in kapot\.xml, regel \d\)$/
		);
		await expect(page.getByLabel('XML-bestanden van SBB')).toHaveAttribute('aria-invalid', 'true');
		await expect(preview(page)).toHaveCount(0);
		await expectAccessible(page);

		// A wrong closing tag deep in the file: the error names its line.
		const lines = realXml().split('\n');
		const line = lines.findIndex((l) => l.includes(`titel="${OLD_TITLE}" hoofdstuk="2"`)) + 1;
		expect(line, 'the werkproces line in the real file').toBeGreaterThan(1);
		const closeLine = lines.findIndex((l, i) => i >= line && l.includes('</werkproces>')) + 1;
		const malformed = variant('2755_kapot.xml', () =>
			lines
				.map((l, i) => (i + 1 === closeLine ? l.replace('</werkproces>', '</werkprocess>') : l))
				.join('\n')
		);
		await upload(page, malformed);
		await expect(uploadError).toHaveText(
			`Dit bestand is geen geldige XML. (in 2755_kapot.xml, regel ${closeLine})`
		);

		// A werkproces without its hoofdstuk (which its code is derived from).
		const noChapter = variant('2755_zonder_hoofdstuk.xml', (xml) =>
			xml.replace(`titel="${OLD_TITLE}" hoofdstuk="2"`, `titel="${OLD_TITLE}"`)
		);
		await upload(page, noChapter);
		await expect(uploadError).toHaveText(
			"Het element <werkproces> mist het verplichte attribuut 'hoofdstuk'. (in " +
				'2755_zonder_hoofdstuk.xml: dossier[nr=2755]/profielen/profiel[nr=986408]/' +
				'profielkerntaken/kerntaak[nr=987748]/profielwerkprocessen/werkproces[nr=987749], ' +
				`regel ${line})`
		);
		await expect(preview(page)).toHaveCount(0);

		// Nothing changed: still three versions, the third current.
		await expect(dossierRows(page, '2755')).toHaveCount(3);
		await expect(dossierRows(page, '2755').nth(0).getByRole('cell').nth(1)).toHaveText('3');
		await expect(dossierRows(page, '2755').nth(0).getByRole('cell').nth(4)).toHaveText('huidig');
	});
});

// ── admin: mbo-certificaten ─────────────────────────────────────────────────────────────

test.describe('admin defines mbo-certificates', () => {
	test.beforeEach(async ({ page }) => {
		await login(page, ACCOUNTS.admin);
	});

	const certRow = (page: Page, code: string) =>
		page.getByRole('row').filter({ has: page.getByRole('cell', { name: code, exact: true }) });

	test('creates one for chosen werkprocessen of a qualification', async ({ page }) => {
		const code = `E2E-BGZ-${TAG}`;
		const title = 'Ondersteunen bij wonen en activiteiten (e2e)';
		await page.goto('/beheer/kwalificaties/certificaten');
		await page.getByRole('link', { name: 'Nieuw certificaat' }).click();
		await expect(page).toHaveURL('/beheer/kwalificaties/certificaten/nieuw');
		await expectAccessible(page);

		// An unknown crebo first.
		await page.getByLabel('Crebonummer van de kwalificatie').fill('99999');
		await page.getByRole('button', { name: 'Werkprocessen tonen' }).click();
		await expect(page).toHaveURL('/beheer/kwalificaties/certificaten/nieuw?crebo=99999');
		await expect(
			page.getByText('Er is geen (huidige) kwalificatie met dit crebonummer.', { exact: true })
		).toBeVisible();

		await page.getByLabel('Crebonummer van de kwalificatie').fill('25475');
		await page.getByRole('button', { name: 'Werkprocessen tonen' }).click();
		await expect(page).toHaveURL('/beheer/kwalificaties/certificaten/nieuw?crebo=25475');
		await expect(
			page.getByRole('heading', { level: 2, name: 'Begeleider gehandicaptenzorg (25475)' })
		).toBeVisible();
		const wps = page.getByRole('group', { name: 'Werkprocessen die het certificaat dekt' });
		// Basisdeel B1-K1 (7) and B1-K2 (2), profiel P1-K1 (4).
		await expect(wps.getByRole('checkbox')).toHaveCount(13);
		await expectAccessible(page);

		// Submitting without a werkproces: the error sits with the werkprocessen, input stays.
		await page.getByLabel('Code van het certificaat').fill(code);
		await page.getByLabel('Titel van het certificaat').fill(title);
		await page.getByRole('button', { name: 'Certificaat opslaan' }).click();
		await expect(wps.locator('.field-error')).toHaveText('Kies minstens één werkproces.');
		await expect(wps).toHaveAccessibleDescription('Kies minstens één werkproces.');
		await expect(page).toHaveURL(/\/certificaten\/nieuw\?crebo=25475/);
		await expect(page.getByLabel('Code van het certificaat')).toHaveValue(code);
		await expect(page.getByLabel('Titel van het certificaat')).toHaveValue(title);
		await expectAccessible(page);

		// A code that exists already: the error moves to the code, the choice stays.
		await wps
			.getByRole('checkbox', { name: 'B1-K1-W3 Ondersteunt de cliënt bij wonen en huishouden' })
			.check();
		await wps
			.getByRole('checkbox', { name: /^P1-K1-W1 Ondersteunt en motiveert een groep cliënten/ })
			.check();
		await page.getByLabel('Code van het certificaat').fill('DEMO-HZW-WONEN');
		await page.getByRole('button', { name: 'Certificaat opslaan' }).click();
		await expect(page.getByLabel('Code van het certificaat')).toHaveAccessibleDescription(
			'Er is al een certificaat met deze code.'
		);
		await expect(wps.locator('.field-error')).toHaveCount(0);
		await expect(wps.getByRole('checkbox', { checked: true })).toHaveCount(2);

		await page.getByLabel('Code van het certificaat').fill(code);
		await page.getByRole('button', { name: 'Certificaat opslaan' }).click();
		await expect(page).toHaveURL('/beheer/kwalificaties/certificaten?nieuw=1');
		await expect(page.getByRole('status')).toHaveText('Het certificaat is opgeslagen.');
		await expect(certRow(page, code).getByRole('cell')).toHaveText([
			code,
			title,
			'2 werkprocessen van Begeleider gehandicaptenzorg (25475)'
		]);
		await expectAccessible(page);

		// The qualification page lists it with its werkprocessen.
		await page.goto('/kwalificaties/25475');
		await expect(page.getByRole('region', { name: 'Mbo-certificaten' })).toContainText(
			`${title} (${code}) — B1-K1-W3, P1-K1-W1`
		);
	});

	test('imports keuzedelen and certificates from JSON; again skips them; bad files refused', async ({
		page
	}) => {
		const elective = `K-E2E-${TAG}`;
		const wpCert = `C-E2E-${TAG}-WP`;
		const electiveCert = `C-E2E-${TAG}-KD`;
		const catalogue = {
			keuzedelen: [{ code: elective, titel: 'Mantelzorg (e2e)', niveau: 3, sbu: 240 }],
			certificaten: [
				{
					code: wpCert,
					titel: 'Begeleiden van specifieke doelgroepen (e2e)',
					crebo: '25476',
					werkprocessen: ['B1-K1-W1', 'P2-K1-W1']
				},
				{ code: electiveCert, titel: 'Certificaat keuzedeel Mantelzorg (e2e)', keuzedeel: elective }
			]
		};
		const file = test.info().outputPath('catalogus.json');
		writeFileSync(file, JSON.stringify(catalogue, null, '\t'));

		await page.goto('/beheer/kwalificaties/certificaten');
		await expect(
			page.getByRole('heading', { level: 1, name: 'Mbo-certificaten en keuzedelen' })
		).toBeVisible();
		await expectAccessible(page);
		const importForm = page.getByRole('region', { name: 'Importeren uit JSON' });
		const importFile = async (f: string) => {
			await importForm.getByLabel('JSON-bestand').setInputFiles(f);
			await importForm.getByRole('button', { name: 'Importeren' }).click();
		};

		await importFile(file);
		await expect(importForm.getByRole('status')).toHaveText(
			'1 keuzedelen bijgewerkt, 2 certificaten toegevoegd, 0 overgeslagen.'
		);
		await expect(certRow(page, wpCert).getByRole('cell')).toHaveText([
			wpCert,
			'Begeleiden van specifieke doelgroepen (e2e)',
			'2 werkprocessen van Begeleider specifieke doelgroepen (25476)'
		]);
		await expect(certRow(page, electiveCert).getByRole('cell')).toHaveText([
			electiveCert,
			'Certificaat keuzedeel Mantelzorg (e2e)',
			`keuzedeel ${elective} Mantelzorg (e2e)`
		]);
		await expectAccessible(page);

		// The same file again: certificates that exist are skipped.
		await importFile(file);
		await expect(importForm.getByRole('status')).toHaveText(
			'1 keuzedelen bijgewerkt, 0 certificaten toegevoegd, 2 overgeslagen.'
		);
		await expect(certRow(page, wpCert)).toHaveCount(1);

		// Not JSON.
		const broken = test.info().outputPath('kapot.json');
		writeFileSync(broken, '{ "certificaten": [ { "code": "X", ');
		await importFile(broken);
		await expect(importForm.getByRole('alert')).toHaveText('Dit bestand is geen geldige JSON.');

		// Valid JSON, but a werkproces that is not part of the qualification: the entry is
		// named and nothing of the file is saved.
		const wrongCode = `C-E2E-${TAG}-FOUT`;
		const wrong = test.info().outputPath('fout.json');
		writeFileSync(
			wrong,
			JSON.stringify({
				certificaten: [
					{ code: wrongCode, titel: 'Fout', crebo: '25476', werkprocessen: ['P1-K1-W1'] }
				]
			})
		);
		await importFile(wrong);
		await expect(importForm.getByRole('alert')).toHaveText(
			`Certificaat 1 (${wrongCode}): Een of meer werkprocessen horen niet bij deze kwalificatie.`
		);
		await expect(certRow(page, wrongCode)).toHaveCount(0);
		await expectAccessible(page);
	});
});
