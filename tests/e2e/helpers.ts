import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import { demoTotpCode } from '../../src/lib/server/demo/totp';

/** The password of every demo account (src/lib/server/demo/seed.ts). */
export const DEMO_PASSWORD = 'Vakmaat-demo-2026';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where scripts/e2e-server.ts lets the app write its mail (one JSON file per mail). */
export const MAIL_DIR = (() => {
	const dir = process.env.E2E_MAIL_DIR ?? '.data/e2e/mail';
	return isAbsolute(dir) ? dir : resolve(ROOT, dir);
})();

/** A fresh address for this run (the database is new per run, but be safe on reruns). */
export function uniqueEmail(prefix: string): string {
	const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	return `${prefix}-${tag}@e2e.example`;
}

/**
 * The demo accounts whose role requires two-step verification (the platform admin and the
 * SBB adviser; the demo key of src/lib/server/demo/totp.ts). A TOTP code is accepted once
 * per 30-second step per account, so the suite does not log them in again and again:
 * tests/e2e/sessions.setup.ts (project `sessions`, before everything else) logs each in
 * once and saves the session here; `login` and `roleContext` reuse it. Nothing in the
 * suite ends these sessions (no spec logs them out or changes their password).
 */
export const TOTP_ACCOUNTS = ['admin@vakmaat.example', 'adviseur@sbb.example'];

export const SESSION_DIR = resolve(ROOT, '.data/e2e/sessions');

/** The saved storage state (cookies) of a TOTP_ACCOUNTS account, or undefined for others. */
export function sessionFile(email: string): string | undefined {
	return TOTP_ACCOUNTS.includes(email) ? join(SESSION_DIR, `${email}.json`) : undefined;
}

/**
 * Logs in through the login form and waits until the browser left the login page. The
 * admin and the adviser (TOTP_ACCOUNTS) get their saved session instead.
 */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	const saved = password === DEMO_PASSWORD ? sessionFile(email) : undefined;
	if (saved) {
		const state = JSON.parse(readFileSync(saved, 'utf8')) as {
			cookies: Parameters<ReturnType<Page['context']>['addCookies']>[0];
		};
		await page.context().addCookies(state.cookies);
		await page.goto('/');
		await expect(page).not.toHaveURL(/\/login|\/account\/tweestaps/);
		return;
	}
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Logs an API request context in by posting the login form as a browser would (same
 * Origin, HTML accepted); the session cookie stays in the context. An account with the
 * demo TOTP key answers the code page too: this step's code, else the next one (a code is
 * accepted once, within a step either side), else it waits for the next step.
 */
export async function apiLogin(
	request: APIRequestContext,
	baseURL: string,
	email: string,
	password = DEMO_PASSWORD
): Promise<void> {
	const origin = new URL(baseURL).origin;
	const post = (path: string, form: Record<string, string>): Promise<APIResponse> =>
		request.post(path, {
			form,
			headers: { origin, accept: 'text/html' },
			maxRedirects: 0
		});
	const res = await post('/login', { email, password });
	if (res.status() !== 303) {
		throw new Error(`login as ${email} failed: HTTP ${res.status()}`);
	}
	if (!res.headers()['location']?.startsWith('/login/tweestaps')) return;
	const deadline = Date.now() + 70_000;
	while (Date.now() < deadline) {
		for (const steps of [0, 1]) {
			const code = await post('/login/tweestaps', { code: demoTotpCode(Date.now(), steps) });
			const location = code.headers()['location'] ?? '';
			if (code.status() === 303 && !location.startsWith('/login')) {
				// The cookie still carries the expiry of the waiting session (10 minutes); the
				// next request sets the session's own, as a browser's redirect would.
				await request.get(location, { maxRedirects: 0 });
				return;
			}
			if (code.status() !== 400) throw new Error(`code for ${email}: HTTP ${code.status()}`);
		}
		await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
	}
	throw new Error(`no code for ${email} was accepted`);
}

/**
 * A new API request context logged in as `email`: for TOTP_ACCOUNTS with the saved
 * session, for others through the login form.
 */
export async function roleContext(
	newContext: (storageState?: string) => Promise<APIRequestContext>,
	baseURL: string,
	email: string
): Promise<APIRequestContext> {
	const saved = sessionFile(email);
	if (saved) return newContext(saved);
	const ctx = await newContext();
	await apiLogin(ctx, baseURL, email);
	return ctx;
}

export interface MailRecord {
	from: string;
	to: string;
	subject: string;
	text: string;
	sentAt: string;
}

function readMails(): { file: string; mail: MailRecord }[] {
	if (!existsSync(MAIL_DIR)) return [];
	return readdirSync(MAIL_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			mail: JSON.parse(readFileSync(join(MAIL_DIR, file), 'utf8')) as MailRecord
		}));
}

/**
 * The newest mail to `to` (file names start with the send time), waiting until one
 * arrives that was sent at or after `since` (and whose subject matches, if given).
 */
export async function latestMail(
	to: string,
	opts: { since?: Date; subject?: RegExp; timeout?: number } = {}
): Promise<MailRecord> {
	const deadline = Date.now() + (opts.timeout ?? 10_000);
	const since = opts.since?.getTime() ?? 0;
	for (;;) {
		const found = readMails()
			.filter(({ mail }) => mail.to.toLowerCase() === to.toLowerCase())
			.filter(({ mail }) => new Date(mail.sentAt).getTime() >= since)
			.filter(({ mail }) => !opts.subject || opts.subject.test(mail.subject))
			.at(-1);
		if (found) return found.mail;
		if (Date.now() > deadline) {
			throw new Error(`no mail to ${to} in ${MAIL_DIR} within ${opts.timeout ?? 10_000} ms`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The number of mails to `to` so far. */
export function mailCount(to: string): number {
	return readMails().filter(({ mail }) => mail.to.toLowerCase() === to.toLowerCase()).length;
}

/** The path (+ search) of the first link in a mail text whose path starts with `pathPrefix`. */
export function extractLink(text: string, pathPrefix: string): string {
	for (const match of text.matchAll(/https?:\/\/[^\s<>"')]+/g)) {
		const url = new URL(match[0]);
		if (url.pathname.startsWith(pathPrefix)) return url.pathname + url.search;
	}
	throw new Error(`no link to ${pathPrefix}… in mail text:\n${text}`);
}

/** Fails on WCAG 2.1 A/AA violations of impact 'serious' or 'critical'. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const severe = results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5)
		}));
	expect(severe, `axe violations on ${page.url()}`).toEqual([]);
}
