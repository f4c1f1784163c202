import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createSession,
	PENDING_MINUTES,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import {
	accountByEmail,
	confirmTotp,
	disableTotp,
	hasTotp,
	LOCK_MINUTES,
	MAX_FAILURES,
	resetTotpByAdmin,
	startTotpSetup,
	TOTP_PERIOD,
	totpStatus,
	verifySecondFactor
} from '../../src/lib/server/auth/totp';
import { DEMO_PASSWORD, seedDemo } from '../../src/lib/server/demo/seed';
import { demoTotpCode } from '../../src/lib/server/demo/totp';
import { makeAdviser } from '../../src/lib/server/adviser/admin';
import {
	roleRequiresTwoFactor,
	SETUP_PATH,
	twoFactorGate
} from '../../src/lib/server/auth/two-factor-policy';
import { DomainError } from '../../src/lib/server/errors';
import { createTestDatabase, type TestDatabase } from './db';
import { sessionUser, userId } from './fixtures';

/** TOTP as a second factor (migration 0016, src/lib/server/auth/totp.ts). */

let t: TestDatabase;
let uid: string;
beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	uid = await userId(t.db, 'hr@zeeuwsekust.example');
});
afterAll(() => t.close());

/** The code an authenticator app shows at `at` (ms) for the key shown on the page. */
function codeAt(secret: string, at: number, steps = 0): string {
	const key = decodeBase32IgnorePadding(secret.replace(/\s/g, ''));
	return generateHOTP(key, BigInt(Math.floor(at / 1000 / TOTP_PERIOD) + steps), 6);
}

async function expectError(p: Promise<unknown>, code: string) {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	expect(e).toBeInstanceOf(DomainError);
	expect((e as DomainError).code).toBe(code);
}

const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);
let secret = '';
let recovery: string[] = [];

describe('setting up TOTP', () => {
	it('shows a pending key with a QR code until a code from the app confirms it', async () => {
		expect((await totpStatus(t.db, uid)).enabled).toBe(false);
		await startTotpSetup(t.db, uid);
		const status = await totpStatus(t.db, uid);
		expect(status.enabled).toBe(false);
		expect(status.pending?.uri).toMatch(/^otpauth:\/\/totp\/Vakmaat:/);
		expect(status.pending?.qrSvg).toMatch(/^<svg/);
		secret = status.pending!.secret;
		expect(secret.replace(/\s/g, '')).toMatch(/^[A-Z2-7]{32}$/);
		// The same key is shown again on a reload.
		expect((await totpStatus(t.db, uid)).pending?.secret).toBe(secret);

		await expectError(confirmTotp(t.db, uid, '000000', null, null, T0), 'totp_code_wrong');
		// A code from three steps ago is too old.
		await expectError(
			confirmTotp(t.db, uid, codeAt(secret, T0, -3), null, null, T0),
			'totp_code_wrong'
		);
		expect(await hasTotp(t.db, uid)).toBe(false);

		// Turning it on ends every other session of the account (it may have leaked).
		const kept = await createSession(t.db, uid);
		const other = await createSession(t.db, uid);
		recovery = await confirmTotp(t.db, uid, codeAt(secret, T0), null, kept.session.id, T0);
		expect(await validateSessionToken(t.db, kept.token)).not.toBeNull();
		expect(await validateSessionToken(t.db, other.token)).toBeNull();
		expect(recovery).toHaveLength(8);
		expect(new Set(recovery).size).toBe(8);
		const on = await totpStatus(t.db, uid);
		expect(on).toMatchObject({ enabled: true, pending: null, recoveryCodesLeft: 8 });
		// Only hashes are stored.
		const stored = await t.db
			.selectFrom('totp_recovery_code')
			.select('code_hash')
			.where('user_id', '=', uid)
			.execute();
		expect(stored.map((r) => r.code_hash)).not.toContain(recovery[0]);
	});
});

describe('logging in with TOTP', () => {
	it('a password session waits for the code; a right code verifies it, once', async () => {
		const { token, session } = await createSession(t.db, uid, true);
		expect((await validateSessionToken(t.db, token))?.session.twoFactorPending).toBe(true);
		// The code used to confirm the setup (same step) is not accepted again.
		expect(await verifySecondFactor(t.db, session.id, uid, codeAt(secret, T0), null, T0)).toBe(
			'wrong'
		);
		const later = T0 + 5 * TOTP_PERIOD * 1000;
		expect(
			await verifySecondFactor(t.db, session.id, uid, codeAt(secret, later), null, later)
		).toBe('ok');
		expect((await validateSessionToken(t.db, token))?.session.twoFactorPending).toBe(false);

		// The same code in another session is refused: each code is accepted once.
		const other = await createSession(t.db, uid, true);
		expect(
			await verifySecondFactor(t.db, other.session.id, uid, codeAt(secret, later), null, later)
		).toBe('wrong');
	});

	it('a recovery code works once, in any spelling', async () => {
		const { session } = await createSession(t.db, uid, true);
		const code = recovery[0];
		expect(
			await verifySecondFactor(t.db, session.id, uid, ` ${code.toUpperCase()} `, null, T0)
		).toBe('ok');
		const again = await createSession(t.db, uid, true);
		expect(await verifySecondFactor(t.db, again.session.id, uid, code, null, T0)).toBe('wrong');
		expect((await totpStatus(t.db, uid)).recoveryCodesLeft).toBe(7);
		const entry = await t.db
			.selectFrom('audit_log')
			.select('action')
			.where('actor_user_id', '=', uid)
			.where('action', '=', 'totp.recovery_code_used')
			.executeTakeFirst();
		expect(entry).toBeDefined();
	});

	it(`closes the code page after ${MAX_FAILURES} wrong codes in a row, across sessions`, async () => {
		// Earlier tests left a wrong attempt; start counting from zero.
		await t.db.updateTable('app_user').set({ totp_failures: 0 }).where('id', '=', uid).execute();
		const first = await createSession(t.db, uid, true);
		for (let i = 0; i < MAX_FAILURES - 2; i++) {
			expect(await verifySecondFactor(t.db, first.session.id, uid, '123456', null, T0)).toBe(
				'wrong'
			);
		}
		// Logging in again does not buy new guesses.
		const second = await createSession(t.db, uid, true);
		expect(await verifySecondFactor(t.db, second.session.id, uid, '123456', null, T0)).toBe(
			'wrong'
		);
		expect(await verifySecondFactor(t.db, second.session.id, uid, '123456', null, T0)).toBe(
			'locked'
		);
		expect(await validateSessionToken(t.db, first.token)).toBeNull();
		expect(await validateSessionToken(t.db, second.token)).toBeNull();
		// While closed even the right code is refused; after LOCK_MINUTES it works again.
		const at = T0 + 10 * TOTP_PERIOD * 1000;
		const third = await createSession(t.db, uid, true);
		expect(
			await verifySecondFactor(t.db, third.session.id, uid, codeAt(secret, at), null, at)
		).toBe('locked');
		const later = T0 + (LOCK_MINUTES + 1) * 60 * 1000;
		const fourth = await createSession(t.db, uid, true);
		expect(
			await verifySecondFactor(t.db, fourth.session.id, uid, codeAt(secret, later), null, later)
		).toBe('ok');
	});

	it(`a session waiting for its code lasts ${PENDING_MINUTES} minutes`, async () => {
		const { token, session } = await createSession(t.db, uid, true);
		expect(await validateSessionToken(t.db, token)).not.toBeNull();
		await t.db
			.updateTable('user_session')
			.set({ created_at: new Date(Date.now() - (PENDING_MINUTES + 1) * 60 * 1000) })
			.where('id', '=', session.id)
			.execute();
		expect(await validateSessionToken(t.db, token)).toBeNull();
	});

	it('a session of an account without TOTP is never pending', async () => {
		const other = await userId(t.db, 'admin@vakmaat.example');
		const { token } = await createSession(t.db, other, false);
		expect((await validateSessionToken(t.db, token))?.session.twoFactorPending).toBe(false);
	});
});

describe('turning TOTP off', () => {
	it('takes the password; ends sessions that wait for a code; the codes are gone', async () => {
		// Someone with the password but not the code, waiting on the code page.
		const waiting = await createSession(t.db, uid, true);
		await expectError(disableTotp(t.db, uid, 'fout-wachtwoord', null), 'wrong_password');
		expect(await hasTotp(t.db, uid)).toBe(true);
		await disableTotp(t.db, uid, DEMO_PASSWORD, null);
		expect(await totpStatus(t.db, uid)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
		// Turning it off does not let the waiting session in: it is ended.
		expect(await validateSessionToken(t.db, waiting.token)).toBeNull();
		expect(await hasTotp(t.db, uid)).toBe(false);
	});
});

describe('the admin turns it off for someone who lost phone and codes', () => {
	it('finds the account by email, resets it, ends its sessions, audited', async () => {
		const admin = await userId(t.db, 'admin@vakmaat.example');
		await startTotpSetup(t.db, uid);
		const key = (await totpStatus(t.db, uid)).pending!.secret;
		const at = T0 + 60 * 60 * 1000;
		await confirmTotp(t.db, uid, codeAt(key, at), null, null, at);
		const session = await createSession(t.db, uid);
		const found = await accountByEmail(t.db, '  HR@ZeeuwseKust.example ');
		expect(found).toMatchObject({ id: uid, recoveryCodesLeft: 8 });
		expect(found!.totpEnabledAt).not.toBeNull();
		expect(found!.companies).toEqual(['Hotel De Zeeuwse Kust']);
		expect(await accountByEmail(t.db, 'niemand@example.org')).toBeNull();

		expect(await resetTotpByAdmin(t.db, admin, uid, 'req-reset')).toBe(true);
		expect(await hasTotp(t.db, uid)).toBe(false);
		expect(await validateSessionToken(t.db, session.token)).toBeNull();
		expect((await totpStatus(t.db, uid)).recoveryCodesLeft).toBe(0);
		// Not on (any more), or no such account: nothing to do.
		expect(await resetTotpByAdmin(t.db, admin, uid, null)).toBe(false);
		const entry = await t.db
			.selectFrom('audit_log')
			.select(['actor_user_id', 'entity_id'])
			.where('request_id', '=', 'req-reset')
			.executeTakeFirstOrThrow();
		expect(entry).toEqual({ actor_user_id: admin, entity_id: uid });
	});
});

describe('required for platform admins and SBB advisers', () => {
	/** What hooks.server.ts decides for a request of the session `token`. */
	async function gate(token: string, method: string, path: string, routeId: string | null) {
		const result = await validateSessionToken(t.db, token);
		expect(result).not.toBeNull();
		const setupRequired = !result!.totpEnabled && roleRequiresTwoFactor(result!.user.platformRoles);
		return twoFactorGate({
			setupRequired,
			routeId,
			method,
			url: new URL(path, 'http://localhost')
		});
	}
	const EMAIL = 'opleider@zeeuwsekust.example';

	it('the demo admin and adviser have it on, with the demo key the README documents', async () => {
		for (const email of ['admin@vakmaat.example', 'adviseur@sbb.example']) {
			const id = await userId(t.db, email);
			expect(await hasTotp(t.db, id)).toBe(true);
			const { token, session } = await createSession(t.db, id, true);
			expect(await verifySecondFactor(t.db, session.id, id, demoTotpCode(), null)).toBe('ok');
			expect(await gate(token, 'GET', '/beheer', '/(app)/beheer')).toEqual({ pass: true });
		}
	});

	it('an account granted the adviser role is sent to the setup page from its next request', async () => {
		const id = await userId(t.db, EMAIL);
		const { token } = await createSession(t.db, id);
		const home = '/(app)/o/[company]/praktijkopleider';
		expect(await gate(token, 'GET', '/o/hotel-de-zeeuwse-kust/praktijkopleider', home)).toEqual({
			pass: true
		});

		const admin = await sessionUser(t.db, 'admin@vakmaat.example');
		expect(await makeAdviser(t.db, admin, EMAIL, null)).not.toBeNull();

		// Pages (and their __data.json: SvelteKit gives the page's own url), endpoints and
		// downloads: to the setup page, and back afterwards.
		expect(await gate(token, 'GET', '/sbb?zoek=Linde', '/(app)/sbb')).toEqual({
			pass: false,
			location: `${SETUP_PATH}?redirectTo=%2Fsbb%3Fzoek%3DLinde`
		});
		expect(await gate(token, 'GET', '/sbb/export.csv', '/(app)/sbb/export.csv')).toEqual({
			pass: false,
			location: `${SETUP_PATH}?redirectTo=%2Fsbb%2Fexport.csv`
		});
		expect(await gate(token, 'GET', '/o/hotel-de-zeeuwse-kust/praktijkopleider', home)).toEqual({
			pass: false,
			location: `${SETUP_PATH}?redirectTo=%2Fo%2Fhotel-de-zeeuwse-kust%2Fpraktijkopleider`
		});
		expect(await gate(token, 'GET', '/', '/')).toEqual({ pass: false, location: SETUP_PATH });
		// Public pages as well (nothing else before the second factor).
		expect((await gate(token, 'GET', '/uitslag/2025', '/uitslag/[year]')).pass).toBe(false);
		// A form action or any other write is not carried out.
		for (const [path, route] of [
			['/account?/profile', '/(app)/account'],
			['/sbb/bedrijven/x?/contact', '/(app)/sbb/bedrijven/[id]'],
			['/account/tweestaps?/totpStart', '/(app)/o/[company]/hr/medewerkers']
		]) {
			expect(await gate(token, 'POST', path, route)).toEqual({
				pass: false,
				location: SETUP_PATH
			});
		}
		// What stays reachable: the setup page (and its actions), logout, the language
		// switch, health checks, requests that match no route.
		for (const [method, path, route] of [
			['GET', '/account/tweestaps?redirectTo=%2Fsbb', '/(app)/account/tweestaps'],
			['POST', '/account/tweestaps?/totpConfirm', '/(app)/account/tweestaps'],
			['POST', '/logout', '/(auth)/logout'],
			['POST', '/taal', '/taal'],
			['GET', '/healthz', '/healthz'],
			['GET', '/readyz', '/readyz'],
			['GET', '/favicon.png', null]
		] as const) {
			expect(await gate(token, method, path, route), `${method} ${path}`).toEqual({ pass: true });
		}
	});

	it('once it is on, everything is open again; it cannot be turned off while the role holds', async () => {
		const id = await userId(t.db, EMAIL);
		const { token, session } = await createSession(t.db, id);
		await startTotpSetup(t.db, id);
		const key = (await totpStatus(t.db, id)).pending!.secret;
		await confirmTotp(t.db, id, codeAt(key, Date.now()), null, session.id);
		expect(await gate(token, 'GET', '/sbb', '/(app)/sbb')).toEqual({ pass: true });
		expect(await gate(token, 'POST', '/account?/profile', '/(app)/account')).toEqual({
			pass: true
		});

		await expectError(disableTotp(t.db, id, DEMO_PASSWORD, null), 'totp_required_by_role');
		expect(await hasTotp(t.db, id)).toBe(true);
		// The wrong password is still the first answer (no hint about the role).
		await expectError(disableTotp(t.db, id, 'fout-wachtwoord', null), 'wrong_password');

		// Without the role, it is optional again.
		await t.db.deleteFrom('platform_role').where('user_id', '=', id).execute();
		await disableTotp(t.db, id, DEMO_PASSWORD, null);
		expect(await hasTotp(t.db, id)).toBe(false);
		expect(await gate(token, 'GET', '/sbb', '/(app)/sbb')).toEqual({ pass: true });
	});

	it('the admin reset for a lost phone still works: the adviser sets it up again next time', async () => {
		const adviser = await userId(t.db, 'adviseur@sbb.example');
		const admin = await userId(t.db, 'admin@vakmaat.example');
		expect(await resetTotpByAdmin(t.db, admin, adviser, null)).toBe(true);
		const { token } = await createSession(t.db, adviser);
		expect(await gate(token, 'GET', '/sbb', '/(app)/sbb')).toEqual({
			pass: false,
			location: `${SETUP_PATH}?redirectTo=%2Fsbb`
		});
	});
});
