import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
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

/**
 * A file written under a temporary name, waiting for its row. The writing protocol, so
 * that after a crash (`kill -9`) at any point there is a row with its file or neither:
 *
 * 1. `stageFile` writes `<uuid>.tmp` next to its final place (same directory, so the
 *    same file system), fsyncs it; on any failure the temp file is removed;
 * 2. the caller inserts the row in a transaction and calls `commit()` as the last step
 *    inside it: the rename to `<uuid>` (atomic) and an fsync of the directory;
 * 3. the transaction commits. When it fails, the caller calls `discard()` (temp or
 *    final file removed) — unless the row turns out to be there after all (the commit
 *    went through and only its answer was lost).
 *
 * A crash after 1 leaves a temp file, after 2 a final file without a row: both are
 * removed by `sweepOrphanFiles` once they are an hour old.
 */
export interface StagedFile {
	/** The storage key the row gets: `<company_id>/<uuid>`. */
	readonly key: string;
	/** Renames the temp file to its final name; inside the row's transaction, last. */
	commit(): Promise<void>;
	/** Removes the file (temp or final); for when the row is known not to exist. */
	discard(): Promise<void>;
}

export const TEMP_SUFFIX = '.tmp';

export async function stageFile(companyId: string, bytes: Uint8Array): Promise<StagedFile> {
	const key = `${companyId}/${crypto.randomUUID()}`;
	const path = pathOf(companyId, key);
	if (!path) throw new Error('invalid company id for file storage');
	const dir = join(filesDir(), companyId);
	await mkdir(dir, { recursive: true });
	const tmp = `${path}${TEMP_SUFFIX}`;
	try {
		const handle = await open(tmp, 'wx', 0o640);
		try {
			await handle.writeFile(bytes);
			await handle.sync();
		} finally {
			await handle.close();
		}
	} catch (e) {
		await rm(tmp, { force: true });
		throw e;
	}
	let renamed = false;
	return {
		key,
		async commit() {
			await rename(tmp, path);
			renamed = true;
			await syncDirectory(dir);
		},
		async discard() {
			await rm(renamed ? path : tmp, { force: true });
		}
	};
}

/** Makes a rename durable; where directories cannot be opened (Windows) it is skipped. */
async function syncDirectory(dir: string): Promise<void> {
	let handle: FileHandle;
	try {
		handle = await open(dir, 'r');
	} catch {
		return;
	}
	try {
		await handle.sync();
	} catch {
		// EINVAL/EPERM on file systems that cannot sync a directory.
	} finally {
		await handle.close();
	}
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

/** The path of a stored file of this company (for streaming it), or null when the key is not valid. */
export function storedFilePath(companyId: string, storageKey: string): string | null {
	return pathOf(companyId, storageKey);
}

export async function removeStoredFile(companyId: string, storageKey: string): Promise<void> {
	const path = pathOf(companyId, storageKey);
	if (path) await rm(path, { force: true });
}
