import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isUuid } from '../errors';

/**
 * Uploaded files on disk, tenant-scoped: FILES_DIR/<company_id>/<random uuid>. No part
 * of the path comes from the user; the key is checked again before every read.
 * Several app servers need FILES_DIR on shared storage.
 */
export function filesDir(): string {
	return resolve(process.env.FILES_DIR || '.data/files');
}

/** The absolute path of a storage key `<company_id>/<uuid>` of this company, or null. */
function pathOf(companyId: string, storageKey: string): string | null {
	const [company, file, ...rest] = storageKey.split('/');
	if (rest.length || company !== companyId || !isUuid(company) || !isUuid(file ?? '')) return null;
	return join(filesDir(), company, file);
}

/** Writes the bytes under a new key (via a temporary file, so a reader never sees half). */
export async function storeFile(companyId: string, bytes: Uint8Array): Promise<string> {
	const key = `${companyId}/${crypto.randomUUID()}`;
	const path = pathOf(companyId, key);
	if (!path) throw new Error('invalid company id for file storage');
	await mkdir(join(filesDir(), companyId), { recursive: true });
	const tmp = `${path}.tmp`;
	try {
		await writeFile(tmp, bytes, { flag: 'wx', mode: 0o640 });
		await rename(tmp, path);
	} catch (e) {
		await rm(tmp, { force: true });
		throw e;
	}
	return key;
}

/** The bytes of a stored file of this company; null when the key is not valid or the file is gone. */
export async function readStoredFile(
	companyId: string,
	storageKey: string
): Promise<Buffer | null> {
	const path = pathOf(companyId, storageKey);
	if (!path) return null;
	try {
		return await readFile(path);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw e;
	}
}

export async function removeStoredFile(companyId: string, storageKey: string): Promise<void> {
	const path = pathOf(companyId, storageKey);
	if (path) await rm(path, { force: true });
}
