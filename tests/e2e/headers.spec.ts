import { chromium, expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { checkSecurityHeaders } from './security-headers';
import { login } from './helpers';

/**
 * Browser hardening (issue 19) and privacy on shared computers (issue 16). Every route of
 * the authorization matrix is checked for the headers in tests/e2e/authz.spec.ts (the
 * same requests); this spec covers the public pages, the Back button after logout and
 * the main pages of every role running under the Content-Security-Policy.
 */
const COMPANY = 'zorggroep-de-linde';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

test('public pages have the security headers and may be cached', async ({ request }) => {
	for (const path of ['/login', '/wachtwoord-vergeten', '/uitslag/2025']) {
		const res = await request.get(path, { maxRedirects: 0 });
		expect(res.status(), path).toBe(200);
		expect(checkSecurityHeaders(res.headers(), { noStore: false }), path).toEqual([]);
		// No HSTS over plain http (the e2e server's ORIGIN is http://localhost).
		expect(res.headers()['strict-transport-security'], path).toBeUndefined();
	}
});

test('the public results page carries no account ids', async ({ request }) => {
	for (const path of ['/uitslag/2025', '/uitslag/2025/__data.json']) {
		const res = await request.get(path);
		expect(res.status(), path).toBe(200);
		const body = await res.text();
		expect(body, path).toContain('Bart Hendriks');
		expect(body.match(UUID)?.[0], `an id in ${path}`).toBeUndefined();
	}
});

/**
 * Playwright starts Chromium with the back-forward cache switched off; a shared computer's
 * browser has it on, so this test starts one of its own with the cache on.
 */
async function browserWithBackForwardCache(testInfo: TestInfo): Promise<Browser> {
	return chromium.launch({
		...testInfo.project.use.launchOptions,
		ignoreDefaultArgs: ['--disable-back-forward-cache']
	});
}

test("after logout, Back does not show HR's staff list", async () => {
	const testInfo = test.info();
	const browser = await browserWithBackForwardCache(testInfo);
	try {
		const context = await browser.newContext({
			baseURL: testInfo.project.use.baseURL,
			locale: 'nl-NL',
			timezoneId: 'Europe/Amsterdam'
		});
		const page = await context.newPage();
		await login(page, 'hr@delinde.example');
		await page.goto(`/o/${COMPANY}/hr/medewerkers`);
		await expect(page.getByRole('link', { name: 'Fatima Yilmaz' })).toBeVisible();
		await page.waitForLoadState('networkidle');
		await page.getByRole('button', { name: 'Uitloggen' }).click();
		await expect(page).toHaveURL(/\/login\?uitgelogd=1$/);

		// 'commit': a page restored from the back-forward cache fires no load event.
		await page.goBack({ waitUntil: 'commit' });
		await expect(page).toHaveURL(/\/login\?redirectTo=/);
		await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
		await expect(page.getByText('Fatima Yilmaz')).toHaveCount(0);
		await expect(page.getByText('hr@delinde.example')).toHaveCount(0);
	} finally {
		await browser.close();
	}
});

/**
 * Collects what the browser refused under the Content-Security-Policy (console messages and
 * `securitypolicyviolation` events) and uncaught errors, page by page.
 */
function watch(page: Page) {
	const problems: string[] = [];
	page.on('console', (msg) => {
		if (/Content.Security.Policy|Refused to/i.test(msg.text())) {
			problems.push(`${page.url()}: console: ${msg.text()}`);
		}
	});
	page.on('pageerror', (err) => problems.push(`${page.url()}: error: ${err.message}`));
	return {
		problems,
		async init() {
			await page.addInitScript(() => {
				document.addEventListener('securitypolicyviolation', (e) => {
					const w = window as unknown as { __csp?: string[] };
					(w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`);
				});
			});
		},
		/** Opens a page, waits for it to settle and checks that SvelteKit started on it. */
		async visit(path: string) {
			const res = await page.goto(path);
			expect(res?.status(), path).toBe(200);
			await page.waitForLoadState('networkidle');
			await this.check();
		},
		async check() {
			const state = await page.evaluate(() => ({
				csp: (window as unknown as { __csp?: string[] }).__csp ?? [],
				// SvelteKit's inline bootstrap script (allowed by its nonce) defines this.
				started: Object.keys(window).some((k) => k.startsWith('__sveltekit_'))
			}));
			for (const v of state.csp) problems.push(`${page.url()}: violation: ${v}`);
			expect(state.started, `SvelteKit started on ${page.url()}`).toBe(true);
		}
	};
}

/** The first link on the current page whose path matches `re`. */
async function firstLink(page: Page, re: RegExp): Promise<string> {
	const hrefs = await page
		.locator('a[href]')
		.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	const href = hrefs.find((h) => re.test(h));
	expect(href, `a link matching ${re} on ${page.url()}`).toBeTruthy();
	return href!;
}

test.describe('the main pages work under the Content-Security-Policy', () => {
	test('learner', async ({ page }) => {
		const w = watch(page);
		await w.init();
		await login(page, 'lerende@delinde.example');
		await w.visit(`/o/${COMPANY}/leren`);
		await expect(page.locator('figure[data-chart="ready"]').first()).toBeVisible();
		await w.visit(await firstLink(page, new RegExp(`^/o/${COMPANY}/trajecten/[0-9a-f-]{36}$`)));
		await w.visit('/paspoort');
		await w.visit('/kwalificaties');
		await w.visit(`/o/${COMPANY}/opleiders`);
		await w.visit('/verkiezing');
		expect(w.problems).toEqual([]);
	});

	test('practice trainer, with a conversation', async ({ page }) => {
		const w = watch(page);
		await w.init();
		await login(page, 'opleider@delinde.example');
		await w.visit(`/o/${COMPANY}/praktijkopleider`);
		await w.visit(`/o/${COMPANY}/praktijkopleider/profiel`);
		await expect(page.locator('figure[data-chart="ready"]').first()).toBeVisible();
		await w.visit(`/o/${COMPANY}/praktijkopleider/profiel/zelfbeoordeling`);
		await w.visit(`/o/${COMPANY}/gesprekken`);
		await w.visit(await firstLink(page, new RegExp(`^/o/${COMPANY}/gesprekken/[0-9a-f-]{36}$`)));
		await w.visit(`/o/${COMPANY}/gesprekken/nieuw`);
		expect(w.problems).toEqual([]);
	});

	test('HR, with the dashboard charts and the template editor', async ({ page }) => {
		const w = watch(page);
		await w.init();
		await login(page, 'hr@delinde.example');
		await w.visit(`/o/${COMPANY}/hr`);
		await expect(page.locator('figure[data-chart="ready"]')).not.toHaveCount(0);
		await w.visit(`/o/${COMPANY}/hr/medewerkers`);
		await w.visit(`/o/${COMPANY}/hr/trajecten`);
		await w.visit(`/o/${COMPANY}/hr/praktijkopleiders`);
		await w.visit(`/o/${COMPANY}/hr/sjablonen`);
		const preview = await firstLink(
			page,
			new RegExp(`^/o/${COMPANY}/hr/sjablonen/[0-9a-f-]{36}/voorbeeld$`)
		);
		await w.visit(preview.replace(/\/voorbeeld$/, ''));
		await w.visit(preview);
		expect(w.problems).toEqual([]);
	});

	test('HR of another company edits a copied template', async ({ page }) => {
		const w = watch(page);
		await w.init();
		await login(page, 'hr@vandijkbouw.example');
		await w.visit('/o/bouwbedrijf-van-dijk/hr/sjablonen');
		await page.getByRole('button', { name: 'Kopiëren en aanpassen: Ontwikkelgesprek' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Sjabloon bewerken: Ontwikkelgesprek'
		);
		await page.waitForLoadState('networkidle');
		await w.check();
		// The editor is interactive (it needs JavaScript): add a question to the first section.
		const questions = page.getByLabel(/^Vraag \d+$/);
		const before = await questions.count();
		await page
			.getByRole('button', { name: /^Vraag toevoegen aan / })
			.first()
			.click();
		await expect(questions).toHaveCount(before + 1);
		expect(w.problems).toEqual([]);
	});

	test('SBB adviser, with the region charts', async ({ page }) => {
		const w = watch(page);
		await w.init();
		await login(page, 'adviseur@sbb.example');
		await w.visit('/sbb');
		await expect(page.locator('figure[data-chart="ready"]')).not.toHaveCount(0);
		await w.visit(await firstLink(page, /^\/sbb\/bedrijven\/[0-9a-f-]{36}$/));
		await w.visit('/jury');
		expect(w.problems).toEqual([]);
	});

	test('platform admin', async ({ page }) => {
		const w = watch(page);
		await w.init();
		await login(page, 'admin@vakmaat.example');
		for (const path of [
			'/beheer',
			'/sbb/landelijk',
			'/beheer/bedrijven',
			'/beheer/verkiezingen',
			'/beheer/competenties',
			'/beheer/kwalificaties',
			'/beheer/gebruikers'
		]) {
			await w.visit(path);
		}
		expect(w.problems).toEqual([]);
	});

	test('account page with the QR code for two-step verification', async ({ page }) => {
		const w = watch(page);
		await w.init();
		// Daan Vos: no other spec logs in as him; setting up only leaves a pending key.
		await login(page, 'd.vos@vandijkbouw.example');
		await w.visit('/account');
		const section = page.getByRole('region', { name: 'Tweestapsverificatie' });
		await section.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click();
		await expect(section.getByRole('img', { name: /QR-code/ })).toBeVisible();
		const box = await section.getByRole('img', { name: /QR-code/ }).boundingBox();
		expect(box?.width ?? 0).toBeGreaterThan(100);
		await page.waitForLoadState('networkidle');
		await w.check();
		expect(w.problems).toEqual([]);
	});

	test('public pages', async ({ page }) => {
		const w = watch(page);
		await w.init();
		for (const path of ['/login', '/wachtwoord-vergeten', '/uitslag/2025']) await w.visit(path);
		expect(w.problems).toEqual([]);
	});
});
