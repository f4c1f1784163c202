import { stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import yazl from 'yazl';
import { m } from '$lib/paraglide/messages';
import { audit } from '../accounts/audit';
import { generateToken, hashToken } from '../auth/tokens';
import type { DB } from '../db';
import { storedFilePath } from '../files/storage';
import { personalDataExport } from './export';

/** How long a download link works (it works once). */
export const EXPORT_LINK_MINUTES = 10;

/**
 * A fresh single-use link for the user's own export (the token goes into the URL, its
 * SHA-256 into the table). The user's earlier links are removed: one pending at a time.
 */
export async function createExportLink(db: DB, userId: string): Promise<string> {
	const token = generateToken();
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('personal_data_export').where('user_id', '=', userId).execute();
		await trx
			.insertInto('personal_data_export')
			.values({
				user_id: userId,
				token_hash: hashToken(token),
				expires_at: sql<Date>`now() + make_interval(mins => ${EXPORT_LINK_MINUTES})`
			})
			.execute();
	});
	return token;
}

export type ClaimResult = 'ok' | 'not_found' | 'gone';

/**
 * Uses the link: marks it used in one statement (a second request finds it used). A link
 * of another user, or none at all, is `not_found` (the same answer); a used or expired
 * one of this user is `gone`.
 */
export async function claimExportLink(db: DB, userId: string, token: string): Promise<ClaimResult> {
	if (!token || token.length > 200) return 'not_found';
	const hash = hashToken(token);
	const claimed = await db
		.updateTable('personal_data_export')
		.set({ used_at: sql`now()` })
		.where('token_hash', '=', hash)
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.where('expires_at', '>', sql<Date>`now()`)
		.returning('id')
		.executeTakeFirst();
	if (claimed) return 'ok';
	const known = await db
		.selectFrom('personal_data_export')
		.select('id')
		.where('token_hash', '=', hash)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return known ? 'gone' : 'not_found';
}

/**
 * The zip of everything about the user: README.txt (Dutch), gegevens.json and the
 * evidence files under bewijs/. Streams: the JSON is one buffer (one person's records),
 * every file is opened only when the zip reaches it and piped through, so memory stays
 * flat however many files there are. A file missing from storage is named in the README
 * rather than failing the download. The download is audited (who, when, how many files).
 */
export async function exportZip(
	db: DB,
	userId: string,
	requestId: string | null,
	now = new Date()
): Promise<{ stream: ReadableStream<Uint8Array>; fileName: string }> {
	const { document, files } = await personalDataExport(db, userId, now);
	const present: typeof files = [];
	const missing: typeof files = [];
	for (const f of files) {
		const path = storedFilePath(f.companyId, f.storageKey);
		const ok = path
			? await stat(path).then(
					(s) => s.isFile(),
					() => false
				)
			: false;
		(ok ? present : missing).push(f);
	}
	const missingPaths = new Set(missing.map((f) => f.path));
	const date = document.generatedAt.slice(0, 10);

	await audit(db, {
		actorUserId: userId,
		action: 'privacy.export_downloaded',
		entityType: 'app_user',
		entityId: userId,
		data: { files: present.length, missingFiles: missing.length },
		requestId
	});

	const zip = new yazl.ZipFile();
	const readme = [
		m.privacy_readme_intro({ name: document.account.name, date }, { locale: 'nl' }),
		'',
		m.privacy_readme_json({}, { locale: 'nl' }),
		m.privacy_readme_files({ n: present.length }, { locale: 'nl' }),
		...(missing.length
			? [m.privacy_readme_missing({ files: [...missingPaths].join(', ') }, { locale: 'nl' })]
			: []),
		m.privacy_readme_docs({}, { locale: 'nl' }),
		'',
		m.privacy_readme_questions({}, { locale: 'nl' })
	].join('\r\n');
	zip.addBuffer(Buffer.from(readme + '\r\n', 'utf8'), 'README.txt', { mtime: now });
	zip.addBuffer(Buffer.from(JSON.stringify(document, null, 2), 'utf8'), 'gegevens.json', {
		mtime: now
	});
	for (const f of present) {
		const path = storedFilePath(f.companyId, f.storageKey)!;
		zip.addReadStreamLazy(f.path, { mtime: now, compress: true }, (cb) =>
			cb(null, createReadStream(path))
		);
	}
	zip.end();
	return {
		stream: Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>,
		fileName: `vakmaat-mijn-gegevens-${date}.zip`
	};
}
