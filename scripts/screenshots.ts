/**
 * Screenshots of every role's main pages on a desktop and a 390 px phone, for looking at
 * the interface as its users do: `tsx scripts/screenshots.ts <baseURL> <outDir>` against a
 * running server with the demo data (e.g. the e2e server, scripts/e2e-server.ts).
 * Pages with an id are found by following the first matching link on a page before them.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { demoTotpCode } from '../src/lib/server/demo/totp';

const base = process.argv[2] ?? 'http://localhost:4173';
const out = process.argv[3] ?? '.data/screenshots';
const PASSWORD = 'Vakmaat-demo-2026';
const C = '/o/zorggroep-de-linde';

/** A path, or [page to look on, link pattern] for a record page. */
type Target = string | [string, RegExp];
const ROLES: Record<string, { email: string | null; pages: Target[] }> = {
	anonymous: { email: null, pages: ['/login', '/verkiezing'] },
	learner: {
		email: 'lerende@delinde.example',
		pages: [
			`${C}/leren`,
			[`${C}/leren`, /\/trajecten\/[0-9a-f-]{36}$/],
			`${C}/gesprekken`,
			'/paspoort',
			`${C}/opleiders`,
			'/account/inzage'
		]
	},
	trainer: {
		email: 'opleider@delinde.example',
		pages: [
			`${C}/praktijkopleider`,
			`${C}/praktijkopleider/profiel`,
			`${C}/praktijkopleider/profiel/ontwikkeling`,
			`${C}/praktijkopleider/profiel/zelfbeoordeling`,
			`${C}/gesprekken`,
			[`${C}/gesprekken`, /\/gesprekken\/[0-9a-f-]{36}$/],
			[`${C}/gesprekken?status=held`, /\/afdrukken$/],
			[`${C}/praktijkopleider`, /\/praktijkverklaring$/]
		]
	},
	hr: {
		email: 'hr@delinde.example',
		pages: [
			`${C}/hr`,
			`${C}/hr/trajecten`,
			`${C}/hr/trajecten/nieuw`,
			`${C}/hr/medewerkers`,
			`${C}/hr/praktijkopleiders`,
			[`${C}/hr/praktijkopleiders`, /\/hr\/praktijkopleiders\/[0-9a-f-]{36}$/],
			`${C}/hr/sjablonen`,
			`${C}/hr/nominaties`,
			`${C}/hr/bewaartermijn`
		]
	},
	adviser: {
		email: 'adviseur@sbb.example',
		pages: ['/sbb', ['/sbb', /\/sbb\/bedrijven\/[0-9a-f-]{36}$/], '/jury']
	},
	admin: {
		email: 'admin@vakmaat.example',
		pages: [
			'/beheer',
			'/beheer/bedrijven',
			'/beheer/kwalificaties',
			'/beheer/kwalificaties/certificaten',
			'/beheer/verkiezingen',
			'/sbb/landelijk'
		]
	}
};

async function resolve(page: Page, target: Target): Promise<string | null> {
	if (typeof target === 'string') return target;
	await page.goto(base + target[0]);
	const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
	return hrefs.find((h) => target[1].test(h.split('?')[0])) ?? null;
}

/** Logs in (with the demo's two-step code where the role asks for it); the session to reuse. */
async function login(context: BrowserContext, page: Page, email: string) {
	await page.goto(base + '/login');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await page.waitForURL((u) => u.pathname !== '/login');
	if (page.url().includes('/login/tweestaps')) {
		await page.getByLabel(/code/i).first().fill(demoTotpCode(Date.now()));
		await page
			.getByRole('button', { name: /bevestig|inloggen|verder/i })
			.first()
			.click();
		await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	}
	return context.storageState();
}

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu']
});
mkdirSync(out, { recursive: true });
for (const [role, { email, pages }] of Object.entries(ROLES)) {
	let state: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
	for (const [device, viewport] of [
		['desktop', { width: 1280, height: 900 }],
		['phone', { width: 390, height: 844 }]
	] as const) {
		// Logged in once per role (the admin's and the adviser's code is accepted once).
		const context = await browser.newContext({ viewport, locale: 'nl-NL', storageState: state });
		const page = await context.newPage();
		if (email && !state) state = await login(context, page, email);
		for (const target of pages) {
			const path = await resolve(page, target);
			if (!path) {
				console.log(`${role} ${device}: no link for ${String(target)}`);
				continue;
			}
			await page.goto(base + path);
			await page.waitForLoadState('networkidle');
			const name = `${role}-${device}-${path.replace(/[^a-z0-9]+/gi, '_').replace(/_[0-9a-f]{8}_[0-9a-f_]{27}/g, '_id')}`;
			const wide = await page.evaluate(
				() => document.documentElement.scrollWidth - window.innerWidth
			);
			const header = await page.evaluate(
				() => document.querySelector('.site-header')?.getBoundingClientRect().height ?? 0
			);
			console.log(`${name}: overflow ${wide}px, header ${Math.round(header)}px`);
			await page.screenshot({ path: `${out}/${name}.png`, fullPage: device === 'desktop' });
		}
		await context.close();
	}
}
await browser.close();
