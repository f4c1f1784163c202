import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { log } from '../log';

/**
 * Secrets at rest (TOTP keys): AES-256-GCM with a key from the environment, so a
 * database dump alone cannot generate anyone's codes.
 *
 * `TOTP_ENCRYPTION_KEYS` is a comma-separated list of `id:base64key` (32-byte keys,
 * `openssl rand -base64 32`); the first encrypts, every listed one decrypts. A stored
 * value is `[1: format 0x01][1: key id length][key id][12: IV][ciphertext][16: tag]`, so
 * it names the key that sealed it. Rotation (docs/architecture.md#auth): put a new key
 * first, keep the old one listed, run `npm run totp:rekey` (re-seals every stored key
 * with the first), then remove the old one.
 *
 * Without the variable (development, the embedded demo) a key is generated once into
 * `TOTP_KEY_FILE` (default `.data/totp-encryption.key`), outside the database; a
 * production server logs a warning, because a key beside the app is weaker than one
 * from a secret store.
 */
const FORMAT = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface Keyring {
	current: { id: string; key: Buffer };
	byId: Map<string, Buffer>;
}

let keyring: Keyring | null = null;

function parseKeys(value: string): Keyring {
	const entries = value
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((entry) => {
			const at = entry.indexOf(':');
			const id = at > 0 ? entry.slice(0, at) : '';
			const key = Buffer.from(entry.slice(at + 1), 'base64');
			if (!/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.length !== 32) {
				throw new Error(
					'TOTP_ENCRYPTION_KEYS: expected "id:base64key" entries with 32-byte keys (openssl rand -base64 32)'
				);
			}
			return { id, key };
		});
	if (!entries.length) throw new Error('TOTP_ENCRYPTION_KEYS is empty');
	return { current: entries[0], byId: new Map(entries.map((e) => [e.id, e.key])) };
}

function localKeys(): Keyring {
	const file = process.env.TOTP_KEY_FILE || '.data/totp-encryption.key';
	let value: string;
	try {
		value = readFileSync(file, 'utf8').trim();
	} catch {
		mkdirSync(dirname(file), { recursive: true });
		const fresh = `local:${randomBytes(32).toString('base64')}`;
		try {
			// 'wx': two processes starting at once keep the first one's key.
			writeFileSync(file, fresh + '\n', { flag: 'wx', mode: 0o600 });
		} catch {
			/* written by another process meanwhile */
		}
		value = readFileSync(file, 'utf8').trim();
	}
	if (process.env.NODE_ENV === 'production' && process.env.DATABASE_URL) {
		log.warn(
			{ file },
			'TOTP_ENCRYPTION_KEYS is not set: TOTP keys are encrypted with a key file beside the app'
		);
	}
	return parseKeys(value);
}

function keys(): Keyring {
	keyring ??= process.env.TOTP_ENCRYPTION_KEYS
		? parseKeys(process.env.TOTP_ENCRYPTION_KEYS)
		: localKeys();
	return keyring;
}

/** Forgets the loaded keys (tests that change the environment). */
export function resetKeyring(): void {
	keyring = null;
}

export function seal(plain: Uint8Array): Uint8Array {
	const { id, key } = keys().current;
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const body = Buffer.concat([cipher.update(plain), cipher.final()]);
	const idBytes = Buffer.from(id, 'utf8');
	return new Uint8Array(
		Buffer.concat([Buffer.from([FORMAT, idBytes.length]), idBytes, iv, body, cipher.getAuthTag()])
	);
}

/** The key id a sealed value names (null: not a sealed value). */
export function sealedWith(value: Uint8Array): string | null {
	const b = Buffer.from(value);
	if (b.length < 2 || b[0] !== FORMAT || b.length < 2 + b[1] + IV_BYTES + TAG_BYTES) return null;
	return b.subarray(2, 2 + b[1]).toString('utf8');
}

export function open(value: Uint8Array): Uint8Array {
	const b = Buffer.from(value);
	const id = sealedWith(value);
	if (id === null) throw new Error('not a sealed value');
	const key = keys().byId.get(id);
	if (!key) throw new Error(`sealed with key "${id}", which TOTP_ENCRYPTION_KEYS does not list`);
	const start = 2 + b[1];
	const iv = b.subarray(start, start + IV_BYTES);
	const tag = b.subarray(b.length - TAG_BYTES);
	const decipher = createDecipheriv('aes-256-gcm', key, iv);
	decipher.setAuthTag(tag);
	return new Uint8Array(
		Buffer.concat([
			decipher.update(b.subarray(start + IV_BYTES, b.length - TAG_BYTES)),
			decipher.final()
		])
	);
}

/** Whether a stored value is sealed with the current (first) key. */
export function isCurrent(value: Uint8Array): boolean {
	return sealedWith(value) === keys().current.id;
}
