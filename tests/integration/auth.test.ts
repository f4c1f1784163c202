import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	createSession,
	invalidateUserSessions,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { FORGET_MS, IP_FREE, PAIR_FREE } from '../../src/lib/server/auth/throttle';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { companyContext, listMemberships } from '../../src/lib/server/auth/context';
import {
	attemptLogin,
	changePassword,
	RESET_MAILS_PER_ADDRESS,
	RESET_REQUESTS_PER_IP,
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

	it('takes 200 parallel wrong passwords for one account: only the free ones are checked', async () => {
		const email = 'opleider2@delinde.example';
		const ip = '10.1.0.1';
		const results = await Promise.all(
			Array.from({ length: 200 }, (_, i) => attemptLogin(t.db, email, `wrong-${i}`, ip))
		);
		const checked = await checkedAttempts(email);
		// Counted before the check, so the burst cannot overtake the count; a delay of a
		// second or two may pass while it runs, each letting one more through.
		expect(checked).toBeGreaterThanOrEqual(PAIR_FREE);
		expect(checked).toBeLessThanOrEqual(PAIR_FREE + 2);
		expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(checked);
		const refused = results.filter((r) => !r.ok && r.reason === 'rate_limited');
		expect(refused).toHaveLength(200 - checked);
		for (const r of refused) {
			expect(r.ok ? null : r.retryAfter).toBeTypeOf('number');
		}
		// The real user on another connection is not locked out.
		expect((await attemptLogin(t.db, email, DEMO_PASSWORD, '10.1.9.9')).ok).toBe(true);
	});

	it('lets the right password in from another IP after ten failures by someone else', async () => {
		const email = 'p.dekker@delinde.example';
		for (let i = 0; i < 10; i++) {
			expect(await attemptLogin(t.db, email, `wrong-${i}`, `10.4.0.${i % 2}`)).toMatchObject({
				ok: false
			});
		}
		expect((await attemptLogin(t.db, email, DEMO_PASSWORD, '10.4.1.1')).ok).toBe(true);
		// Under attack, an IP that already failed for this account waits from now on …
		expect(await attemptLogin(t.db, email, DEMO_PASSWORD, '10.4.0.0')).toMatchObject({
			ok: false,
			reason: 'rate_limited'
		});
		// … and a new IP gets its first attempt, but a failure there makes it wait too.
		expect(await attemptLogin(t.db, email, 'wrong', '10.4.2.2')).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await attemptLogin(t.db, email, 'wrong', '10.4.2.2')).toMatchObject({
			reason: 'rate_limited'
		});
	});

	it('makes an account+IP wait 1, 2, 4, 8 seconds after five failures, without checking', async () => {
		const email = 'hr@vandijkbouw.example';
		const ip = '10.5.0.1';
		for (let i = 0; i < PAIR_FREE; i++) {
			expect(await attemptLogin(t.db, email, 'wrong', ip)).toEqual({
				ok: false,
				reason: 'invalid'
			});
		}
		const waits: number[] = [];
		for (let k = 0; k < 4; k++) {
			const before = await checkedAttempts(email);
			// Even the right password is refused while waiting, and not checked.
			const refused = await attemptLogin(t.db, email, DEMO_PASSWORD, ip);
			expect(refused).toMatchObject({ ok: false, reason: 'rate_limited' });
			if (!refused.ok && refused.reason === 'rate_limited') waits.push(refused.retryAfter);
			expect(await checkedAttempts(email)).toBe(before);
			await passTime(`login:pair:${email}|${ip}`);
			expect(await attemptLogin(t.db, email, 'wrong', ip)).toEqual({
				ok: false,
				reason: 'invalid'
			});
		}
		expect(waits).toEqual([1, 2, 4, 8]);
		// After the wait the right password works and clears the account+IP count.
		await passTime(`login:pair:${email}|${ip}`);
		expect((await attemptLogin(t.db, email, DEMO_PASSWORD, ip)).ok).toBe(true);
		expect((await attemptLogin(t.db, email, 'wrong', ip)).ok).toBe(false);
		expect(await attemptLogin(t.db, email, 'wrong', ip)).toMatchObject({ reason: 'invalid' });
	});

	it('slows down one IP that tries many accounts', async () => {
		const ip = '10.6.0.1';
		for (let i = 0; i < IP_FREE; i++) {
			expect(await attemptLogin(t.db, `spray-${i}@example.nl`, 'wrong', ip)).toMatchObject({
				reason: 'invalid'
			});
		}
		expect(await attemptLogin(t.db, 'spray-x@example.nl', 'wrong', ip)).toMatchObject({
			reason: 'rate_limited',
			retryAfter: 1
		});
		// Forgotten an hour after the last counted attempt.
		await t.db
			.updateTable('auth_throttle')
			.set({ last_hit_at: new Date(Date.now() - FORGET_MS - 1000) })
			.where('key', '=', `login:ip:${ip}`)
			.execute();
		expect(await attemptLogin(t.db, 'spray-x@example.nl', 'wrong', ip)).toMatchObject({
			reason: 'invalid'
		});
	});
});

/** How many attempts for this address had their password checked (login_attempt rows). */
async function checkedAttempts(email: string): Promise<number> {
	const row = await t.db
		.selectFrom('login_attempt')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('email', '=', email)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** As if the wait on this key has passed. */
async function passTime(key: string) {
	await t.db
		.updateTable('auth_throttle')
		.set({ blocked_until: new Date(Date.now() - 1) })
		.where('key', '=', key)
		.execute();
}

describe('password reset', () => {
	const email = 'l.smit@delinde.example';
	/** A request from the form, waiting for the mail that is sent after the answer. */
	async function requestReset(address: string, origin = 'http://localhost', ip = '10.7.0.1') {
		const request = await requestPasswordReset(t.db, address, ip, origin);
		if (request.status === 'accepted') await request.delivery;
		return request;
	}
	beforeEach(async () => {
		await t.db.deleteFrom('auth_throttle').where('key', 'like', 'reset:%').execute();
	});

	it('mails a single-use link valid for one hour; using it changes the password and ends sessions', async () => {
		const id = await userId(t.db, email);
		const old = await createSession(t.db, id);
		await requestReset(email, 'http://localhost:5173');
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
		await requestReset(email);
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

		await requestReset('onbekend@example.nl');
		expect(mailsTo('onbekend@example.nl')).toHaveLength(0);
	});

	it('a newer link replaces an older one', async () => {
		await requestReset(email);
		const first = tokenFromLatestMail(email, '/wachtwoord-herstellen');
		await requestReset(email);
		expect(await passwordResetStatus(t.db, first)).toBe('used');
	});

	it('mails one address at most three times an hour, the same answer for known and unknown', async () => {
		const before = mailsTo(email).length;
		for (const address of [email, 'niet-bekend@example.nl']) {
			for (let i = 0; i < RESET_MAILS_PER_ADDRESS + 2; i++) {
				expect((await requestReset(address, undefined, `10.8.0.${i}`)).status).toBe('accepted');
			}
		}
		expect(mailsTo(email).length - before).toBe(RESET_MAILS_PER_ADDRESS);
		expect(mailsTo('niet-bekend@example.nl')).toHaveLength(0);
	});

	it('refuses more than ten requests an hour from one IP, known address or not', async () => {
		const ip = '10.9.0.1';
		for (let i = 0; i < RESET_REQUESTS_PER_IP; i++) {
			const r = await requestReset(`iemand-${i}@example.nl`, undefined, ip);
			expect(r.status).toBe('accepted');
		}
		const refused = await requestReset(email, undefined, ip);
		expect(refused).toMatchObject({ status: 'rate_limited' });
		if (refused.status === 'rate_limited') {
			expect(refused.retryAfter).toBeGreaterThan(3500);
			expect(refused.retryAfter).toBeLessThanOrEqual(3600);
		}
		expect((await requestReset(email, undefined, '10.9.0.2')).status).toBe('accepted');
	});

	it('answers a known and an unknown address in the same time (the mail goes after)', async () => {
		const timings = { known: [] as number[], unknown: [] as number[] };
		for (let run = 0; run < 7; run++) {
			for (const [kind, address] of [
				['known', email],
				['unknown', `onbekend-${run}@example.nl`]
			] as const) {
				await t.db.deleteFrom('auth_throttle').where('key', 'like', 'reset:%').execute();
				const started = performance.now();
				const request = await requestPasswordReset(t.db, address, '10.10.0.1', 'http://x');
				timings[kind].push(performance.now() - started);
				if (request.status === 'accepted') await request.delivery;
			}
		}
		const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
		expect(Math.abs(median(timings.known) - median(timings.unknown))).toBeLessThan(50);
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
