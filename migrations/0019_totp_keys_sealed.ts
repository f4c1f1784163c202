import { sql, type Kysely } from 'kysely';
import { seal, sealedWith } from '../src/lib/server/auth/secret-box';

/**
 * TOTP keys at rest are sealed (AES-256-GCM, src/lib/server/auth/secret-box.ts) from now
 * on; keys stored in plain by migration 0016's code are sealed here, once, with the
 * current key of TOTP_ENCRYPTION_KEYS (or the local key file in development).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	const rows = await sql<{
		id: string;
		totp_key: Uint8Array | null;
		totp_pending_key: Uint8Array | null;
	}>`
		select id, totp_key, totp_pending_key from app_user
		where totp_key is not null or totp_pending_key is not null`.execute(db);
	const sealed = (v: Uint8Array | null) =>
		v === null ? null : sealedWith(new Uint8Array(v)) === null ? seal(new Uint8Array(v)) : v;
	for (const r of rows.rows) {
		await sql`update app_user set totp_key = ${sealed(r.totp_key)},
			totp_pending_key = ${sealed(r.totp_pending_key)} where id = ${r.id}`.execute(db);
	}
}
