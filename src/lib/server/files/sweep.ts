import { opendir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DB } from '../db';
import { isUuid } from '../errors';
import { log } from '../log';
import { filesDir, TEMP_SUFFIX } from './storage';

/**
 * Removes what a crash or a failed clean-up left in FILES_DIR (see `stageFile`):
 *
 * - temp files (`<uuid>.tmp`) older than `olderThanMs`: an upload that never got to
 *   its rename;
 * - final files (`<uuid>`) older than `olderThanMs` that no row names: renamed inside a
 *   transaction that never committed, or left by a removal whose delete failed.
 *
 * The age (modification time, kept by the rename) keeps it off uploads in flight: a
 * file is renamed and its row committed within the same request. Ages are measured on
 * the file system's clock (the modification time of a file written just now), not the
 * process's: shared storage has its own clock, and a process clock moved for tests
 * (faketime) would make every file look old. Nothing else in the
 * directory is touched. Runs on server start (not awaited) and in the daily
 * housekeeping; a table that stores files gets a line in `referenced`.
 */

export const ORPHAN_AGE_MS = 3600_000;
const BATCH = 500;

export interface SweepResult {
	tempFiles: number;
	orphanFiles: number;
}

const TEMP_NAME = new RegExp(`^(.+)${TEMP_SUFFIX.replace('.', '\\.')}$`);

export async function sweepOrphanFiles(
	db: DB,
	opts: { olderThanMs?: number } = {}
): Promise<SweepResult> {
	const result: SweepResult = { tempFiles: 0, orphanFiles: 0 };
	const root = filesDir();
	let companies: string[];
	try {
		companies = (await readdir(root, { withFileTypes: true }))
			.filter((d) => d.isDirectory() && isUuid(d.name))
			.map((d) => d.name);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return result;
		throw e;
	}
	const cutoff = (await fileSystemNow(root)) - (opts.olderThanMs ?? ORPHAN_AGE_MS);
	for (const companyId of companies) {
		const dir = join(root, companyId);
		let candidates: string[] = [];
		const flush = async () => {
			if (!candidates.length) return;
			const keys = candidates.map((f) => `${companyId}/${f}`);
			candidates = [];
			const known = await referenced(db, companyId, keys);
			for (const key of keys) {
				if (known.has(key)) continue;
				await rm(join(root, key), { force: true });
				result.orphanFiles++;
			}
		};
		for await (const entry of await opendir(dir)) {
			if (!entry.isFile()) continue;
			const temp = TEMP_NAME.exec(entry.name);
			const isTemp = !!temp && isUuid(temp[1]);
			if (!isTemp && !isUuid(entry.name)) continue;
			const path = join(dir, entry.name);
			const modified = await stat(path).then(
				(s) => s.mtimeMs,
				() => null
			);
			if (modified === null || modified >= cutoff) continue;
			if (isTemp) {
				await rm(path, { force: true });
				result.tempFiles++;
			} else {
				candidates.push(entry.name);
				if (candidates.length >= BATCH) await flush();
			}
		}
		await flush();
	}
	if (result.tempFiles || result.orphanFiles) log.info(result, 'orphan files removed');
	return result;
}

/** "Now" on the clock of the file system under `dir`: the mtime of a file written now. */
export async function fileSystemNow(dir: string): Promise<number> {
	const probe = join(dir, `.clock-${crypto.randomUUID()}`);
	try {
		await writeFile(probe, '');
		return (await stat(probe)).mtimeMs;
	} finally {
		await rm(probe, { force: true });
	}
}

/** Which of these storage keys of this company a row still names. */
async function referenced(db: DB, companyId: string, keys: string[]): Promise<Set<string>> {
	const rows = await db
		.selectFrom('evidence')
		.select('storage_key')
		.where('company_id', '=', companyId)
		.where('storage_key', 'in', keys)
		.execute();
	return new Set(rows.map((r) => r.storage_key!));
}
