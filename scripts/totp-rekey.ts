/**
 * Re-seals every stored TOTP key with the current (first) key of TOTP_ENCRYPTION_KEYS:
 * the middle step of a key rotation (docs/architecture.md#auth). Safe to run again.
 * Usage: DATABASE_URL=… TOTP_ENCRYPTION_KEYS="new:…,old:…" npm run totp:rekey
 */
import { isCurrent, open, seal } from '../src/lib/server/auth/secret-box';
import { configFromEnv, openDatabase } from '../src/lib/server/db/index';

const { db } = await openDatabase(configFromEnv());
const rows = await db
	.selectFrom('app_user')
	.select(['id', 'totp_key', 'totp_pending_key'])
	.where((eb) => eb.or([eb('totp_key', 'is not', null), eb('totp_pending_key', 'is not', null)]))
	.execute();
let changed = 0;
for (const r of rows) {
	const reseal = (v: Buffer | Uint8Array | null) =>
		v === null || isCurrent(new Uint8Array(v)) ? v : seal(open(new Uint8Array(v)));
	const key = reseal(r.totp_key);
	const pending = reseal(r.totp_pending_key);
	if (key !== r.totp_key || pending !== r.totp_pending_key) {
		await db
			.updateTable('app_user')
			.set({ totp_key: key, totp_pending_key: pending })
			.where('id', '=', r.id)
			.execute();
		changed++;
	}
}
console.log(`TOTP keys re-sealed with the current key: ${changed} of ${rows.length} accounts`);
await db.destroy();
