import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createSession,
	invalidateUserSessions,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { companyContext, listMemberships } from '../../src/lib/server/auth/context';
import {
	attemptLogin,
	changePassword,
	passwordResetStatus,
	requestPasswordReset,
	resetPassword
} from '../../src/lib/server/accounts/users';
import { DEMO_PASSWORD, seedDemo } from '../../src/lib/server/demo/seed';
import { DomainError } from '../../src/lib/server/errors';
import { createTestDatabase, type TestDatabase } from './db';
import { mailsTo, tokenFromLatestMail, userId } from './fixtures';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
});
afterAll(() => t.close());

describe('sessions', () => {
	it('stores only the SHA-256 of the token and resolves the user with platform roles', async () => {
		const id = await userId(t.db, 'admin@vakmaat.example');
		const { token, session } = await createSession(t.db, id);
		expect(session.id).toBe(hashToken(token));
		const stored = await t.db
			.selectFrom('user_session')
			.select('id')
			.where('user_id', '=', id)
			.execute();
		expect(stored.map((s) => s.id)).not.toContain(token);
		const result = await validateSessionToken(t.db, token);
		expect(result?.user.email).toBe('admin@vakmaat.example');
		expect(result?.user.platformRoles).toEqual(['admin']);
		expect(await validateSessionToken(t.db, token + 'x')).toBeNull();
	});

	it('brings the active memberships along, the same as listMemberships', async () => {
		const sanne = await userId(t.db, 'sanne@ervaringswerk.example');
		const { token } = await createSession(t.db, sanne);
		const result = await validateSessionToken(t.db, token);
		const expected = await listMemberships(t.db, sanne);
		expect(expected.length).toBe(2);
		expect(result?.memberships).toEqual(expected);
		// A deactivated membership is gone from the next request on.
		await t.db
			.updateTable('membership')
			.set({ deactivated_at: new Date() })
			.where('user_id', '=', sanne)
			.where('company_id', '=', expected[0].company.id)
			.execute();
		const after = await validateSessionToken(t.db, token);
		expect(after?.memberships.map((ms) => ms.company.slug)).toEqual([expected[1].company.slug]);
		expect(
			companyContext(after!.user, after!.memberships, expected[0].company.slug, 'r')
		).toBeNull();
		expect(
			companyContext(after!.user, after!.memberships, expected[1].company.slug, 'r')?.roles
		).toEqual(expected[1].roles);
		await t.db
			.updateTable('membership')
			.set({ deactivated_at: null })
			.where('user_id', '=', sanne)
			.execute();
	});

	it('expires after 30 days and slides when half of that has passed', async () => {
		const id = await userId(t.db, 'hr@delinde.example');
		const { token, session } = await createSession(t.db, id);
		const inTwentyDays = new Date(Date.now() + 10 * 24 * 3600 * 1000);
		await t.db
			.updateTable('user_session')
			.set({ expires_at: inTwentyDays })
			.where('id', '=', session.id)
			.execute();
		const slid = await validateSessionToken(t.db, token);
		expect(slid!.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
		await t.db
			.updateTable('user_session')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.where('id', '=', session.id)
			.execute();
		expect(await validateSessionToken(t.db, token)).toBeNull();
		const left = await t.db
			.selectFrom('user_session')
			.select('id')
			.where('id', '=', session.id)
			.execute();
		expect(left).toHaveLength(0);
	});

	it('ends every session of a user at once', async () => {
		const id = await userId(t.db, 'opleider@delinde.example');
		const a = await createSession(t.db, id);
		const b = await createSession(t.db, id);
		await invalidateUserSessions(t.db, id);
		expect(await validateSessionToken(t.db, a.token)).toBeNull();
		expect(await validateSessionToken(t.db, b.token)).toBeNull();
	});
});

describe('login', () => {
	it('accepts the right password, case-insensitive email', async () => {
		const result = await attemptLogin(t.db, 'HR@delinde.example', DEMO_PASSWORD, '10.0.0.1');
		expect(result.ok).toBe(true);
	});

	it('gives the same answer for an unknown email and a wrong password', async () => {
		const unknown = await attemptLogin(t.db, 'niemand@example.nl', 'whatever-123', '10.0.0.2');
		const wrong = await attemptLogin(t.db, 'hr@delinde.example', 'wrong-password', '10.0.0.2');
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
		expect(wrong).toEqual(unknown);
	});

	it('blocks an email after ten failures in fifteen minutes, even with the right password', async () => {
		const email = 'opleider2@delinde.example';
		for (let i = 0; i < 10; i++) {
			expect((await attemptLogin(t.db, email, `wrong-${i}`, `10.1.0.${i}`)).ok).toBe(false);
		}
		expect(await attemptLogin(t.db, email, DEMO_PASSWORD, '10.1.1.1')).toEqual({
			ok: false,
			reason: 'rate_limited'
		});
		// Older failures do not count.
		await t.db
			.updateTable('login_attempt')
			.set({ created_at: new Date(Date.now() - 16 * 60 * 1000) })
			.where('email', '=', email)
			.execute();
		expect((await attemptLogin(t.db, email, DEMO_PASSWORD, '10.1.1.1')).ok).toBe(true);
	});
});

describe('password reset', () => {
	const email = 'l.smit@delinde.example';

	it('mails a single-use link valid for one hour; using it changes the password and ends sessions', async () => {
		const id = await userId(t.db, email);
		const old = await createSession(t.db, id);
		await requestPasswordReset(t.db, email, 'http://localhost:5173');
		const token = tokenFromLatestMail(email, '/wachtwoord-herstellen');
		expect(mailsTo(email).at(-1)?.text).toContain('http://localhost:5173/wachtwoord-herstellen/');
		expect(await passwordResetStatus(t.db, token)).toBe('valid');

		await resetPassword(t.db, token, 'een nieuw wachtwoord');
		expect(await validateSessionToken(t.db, old.token)).toBeNull();
		expect((await attemptLogin(t.db, email, 'een nieuw wachtwoord', '10.2.0.1')).ok).toBe(true);
		expect((await attemptLogin(t.db, email, DEMO_PASSWORD, '10.2.0.1')).ok).toBe(false);

		expect(await passwordResetStatus(t.db, token)).toBe('used');
		await expect(resetPassword(t.db, token, 'nog een wachtwoord')).rejects.toMatchObject({
			code: 'token_used'
		});
	});

	it('refuses an expired link and sends nothing for an unknown address', async () => {
		await requestPasswordReset(t.db, email, 'http://localhost');
		const token = tokenFromLatestMail(email, '/wachtwoord-herstellen');
		await t.db
			.updateTable('password_reset')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.where('token_hash', '=', hashToken(token))
			.execute();
		expect(await passwordResetStatus(t.db, token)).toBe('expired');
		await expect(resetPassword(t.db, token, 'weer iets nieuws')).rejects.toBeInstanceOf(
			DomainError
		);

		await requestPasswordReset(t.db, 'onbekend@example.nl', 'http://localhost');
		expect(mailsTo('onbekend@example.nl')).toHaveLength(0);
	});

	it('a newer link replaces an older one', async () => {
		await requestPasswordReset(t.db, email, 'http://localhost');
		const first = tokenFromLatestMail(email, '/wachtwoord-herstellen');
		await requestPasswordReset(t.db, email, 'http://localhost');
		expect(await passwordResetStatus(t.db, first)).toBe('used');
	});
});

describe('change password', () => {
	it('checks the current password and ends all sessions', async () => {
		const email = 'd.vos@vandijkbouw.example';
		const id = await userId(t.db, email);
		const s = await createSession(t.db, id);
		await expect(changePassword(t.db, id, 'fout', 'nieuw-wachtwoord-1')).rejects.toMatchObject({
			code: 'wrong_password',
			field: 'currentPassword'
		});
		expect(await validateSessionToken(t.db, s.token)).not.toBeNull();
		await changePassword(t.db, id, DEMO_PASSWORD, 'nieuw-wachtwoord-1');
		expect(await validateSessionToken(t.db, s.token)).toBeNull();
		expect((await attemptLogin(t.db, email, 'nieuw-wachtwoord-1', '10.3.0.1')).ok).toBe(true);
		const audit = await t.db
			.selectFrom('audit_log')
			.select('action')
			.where('actor_user_id', '=', id)
			.execute();
		expect(audit.map((a) => a.action)).toContain('password.changed');
	});
});
