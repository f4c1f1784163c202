import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

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

/** Logs in through the login form and waits until the browser left the login page. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Logs an API request context in by posting the login form as a browser would (same
 * Origin, HTML accepted); the session cookie stays in the context.
 */
export async function apiLogin(
	request: APIRequestContext,
	baseURL: string,
	email: string,
	password = DEMO_PASSWORD
): Promise<void> {
	const res = await request.post('/login', {
		form: { email, password },
		headers: { origin: new URL(baseURL).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	if (res.status() !== 303) {
		throw new Error(`login as ${email} failed: HTTP ${res.status()}`);
	}
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
