import { randomBytes } from 'node:crypto';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as sealLegacyKeys } from '../../migrations/0019_totp_keys_sealed';
import {
	isCurrent,
	open,
	resetKeyring,
	seal,
	sealedWith
} from '../../src/lib/server/auth/secret-box';
import { startTotpSetup, totpStatus } from '../../src/lib/server/auth/totp';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { createTestDatabase, type TestDatabase } from './db';
import { userId } from './fixtures';

/**
 * TOTP keys are stored sealed (AES-256-GCM) under a key from the environment, so a
 * database dump alone cannot generate codes; keys can be rotated.
 */
const K1 = `k1:${randomBytes(32).toString('base64')}`;
const K2 = `k2:${randomBytes(32).toString('base64')}`;
const useKeys = (value: string) => {
	process.env.TOTP_ENCRYPTION_KEYS = value;
	resetKeyring();
};

let t: TestDatabase;
let uid: string;
beforeAll(async () => {
	useKeys(K1);
	t = await createTestDatabase();
	await seedDemo(t.db);
	uid = await userId(t.db, 'hr@vandijkbouw.example');
});
afterAll(async () => {
	delete process.env.TOTP_ENCRYPTION_KEYS;
	resetKeyring();
	await t.close();
});

const stored = async () =>
	new Uint8Array(
		(
			await t.db
				.selectFrom('app_user')
				.select('totp_pending_key')
				.where('id', '=', uid)
				.executeTakeFirstOrThrow()
		).totp_pending_key!
	);

describe('TOTP keys at rest', () => {
	it('are not in the database in plain: the column holds a sealed value naming its key', async () => {
		await startTotpSetup(t.db, uid);
		const secret = (await totpStatus(t.db, uid)).pending!.secret;
		const key = decodeBase32IgnorePadding(secret.replace(/\s/g, ''));
		const raw = await stored();
		expect(sealedWith(raw)).toBe('k1');
		expect(Buffer.from(raw).includes(Buffer.from(key))).toBe(false);
		expect(open(raw)).toEqual(key);
	});

	it('cannot be opened with another key, and tampering is detected', async () => {
		const raw = await stored();
		useKeys(K2);
		expect(() => open(raw)).toThrow(/k1/);
		useKeys(K1);
		const tampered = new Uint8Array(raw);
		tampered[tampered.length - 20] ^= 1;
		expect(() => open(tampered)).toThrow();
	});

	it('rotate: a new first key seals, the old one still opens until re-sealed', async () => {
		const before = (await totpStatus(t.db, uid)).pending!.secret;
		useKeys(`${K2},${K1}`);
		const raw = await stored();
		expect(isCurrent(raw)).toBe(false);
		expect((await totpStatus(t.db, uid)).pending!.secret).toBe(before);
		const resealed = seal(open(raw));
		await t.db
			.updateTable('app_user')
			.set({ totp_pending_key: resealed })
			.where('id', '=', uid)
			.execute();
		expect(isCurrent(await stored())).toBe(true);
		useKeys(K2);
		expect((await totpStatus(t.db, uid)).pending!.secret).toBe(before);
	});

	it('keys stored in plain before sealing existed are sealed by the migration', async () => {
		useKeys(K2);
		const plain = new Uint8Array(randomBytes(20));
		await t.db
			.updateTable('app_user')
			.set({ totp_pending_key: plain })
			.where('id', '=', uid)
			.execute();
		await sealLegacyKeys(t.db);
		const raw = await stored();
		expect(sealedWith(raw)).toBe('k2');
		expect(open(raw)).toEqual(plain);
		// Running it again changes nothing.
		await sealLegacyKeys(t.db);
		expect(await stored()).toEqual(raw);
	});
});
