import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../src/lib/server/db/index';
import { resolveCompanyContext, type RequestContext } from '../../src/lib/server/auth/context';
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { MailRecord } from '../../src/lib/server/mail/index';
import { DomainError } from '../../src/lib/server/errors';

export async function sessionUser(db: DB, email: string): Promise<SessionUser> {
	const u = await db
		.selectFrom('app_user')
		.select(['id', 'email', 'name', 'locale'])
		.where(sql`lower(email)`, '=', email.toLowerCase())
		.executeTakeFirstOrThrow();
	const roles = await db
		.selectFrom('platform_role')
		.select('role')
		.where('user_id', '=', u.id)
		.execute();
	return { ...u, platformRoles: roles.map((r) => r.role) };
}

export async function contextFor(db: DB, email: string, slug: string): Promise<RequestContext> {
	const ctx = await resolveCompanyContext(db, await sessionUser(db, email), slug, 'test-request');
	if (!ctx) throw new Error(`${email} is not a member of ${slug}`);
	return ctx;
}

export async function userId(db: DB, email: string): Promise<string> {
	return (await sessionUser(db, email)).id;
}

/** The account ids of `emails` (name → address), by the same names. */
export async function userIds<K extends string>(
	db: DB,
	emails: Record<K, string>
): Promise<Record<K, string>> {
	const ids = {} as Record<K, string>;
	for (const [k, e] of Object.entries(emails) as [K, string][]) ids[k] = await userId(db, e);
	return ids;
}

/** Every company's id by its slug. */
export async function companyIdsBySlug(db: DB): Promise<Record<string, string>> {
	const rows = await db.selectFrom('company').select(['slug', 'id']).execute();
	return Object.fromEntries(rows.map((c) => [c.slug, c.id]));
}

/** Mails written to MAIL_DIR for a recipient, newest last. */
export function mailsTo(to: string): MailRecord[] {
	const dir = process.env.MAIL_DIR!;
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as MailRecord)
		.filter((mail) => mail.to.toLowerCase() === to.toLowerCase());
}

/** The token at the end of the first Vakmaat link in the newest mail to `to`. */
export function tokenFromLatestMail(to: string, path: string): string {
	const mails = mailsTo(to);
	const text = mails.at(-1)?.text ?? '';
	const match = text.match(new RegExp(`${path}/([a-z0-9]+)`));
	if (!match) throw new Error(`no ${path} link in mail to ${to}`);
	return match[1];
}

/** `p` is refused with the DomainError `code` (naming `field`, when given). */
export async function expectDomainError(p: Promise<unknown>, code: string, field?: string) {
	const err = await p.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(DomainError);
	expect((err as DomainError).code).toBe(code);
	if (field) expect((err as DomainError).field).toBe(field);
}
