import type { DB } from '../db';
import type { SessionUser } from '../auth/session';
import { isUuid } from '../errors';
import { applyImportIn, hashContent, planImport, type ImportPlan } from './import';
import {
	MAX_IMPORT_BYTES,
	parseQualificationXml,
	QualificationImportError,
	type ParsedExport
} from './parse';
import { createOnce, type FormToken } from '../once';

export interface SourceFile {
	name: string;
	content: string;
}

/** Parses several export files into one; a dossier may appear in only one of them. */
export function parseFiles(files: SourceFile[]): ParsedExport {
	const parsedFiles = files.map((file) => {
		try {
			return { file, parsed: parseQualificationXml(file.content, file.name) };
		} catch (e) {
			if (e instanceof QualificationImportError) {
				e.details.path = e.details.path ? `${file.name}: ${e.details.path}` : file.name;
			}
			throw e;
		}
	});
	if (!parsedFiles.length)
		throw new QualificationImportError('missing_element', { element: 'sbb' });
	const competences = new Map<string, ParsedExport['competences'][number]>();
	const seen = new Map<string, string>();
	const dossiers: ParsedExport['dossiers'] = [];
	for (const { file, parsed } of parsedFiles) {
		for (const c of parsed.competences) competences.set(c.code, c);
		for (const d of parsed.dossiers) {
			if (seen.has(d.nr)) {
				throw new QualificationImportError('duplicate_code', {
					element: 'dossier',
					value: d.nr,
					path: `${seen.get(d.nr)} / ${file.name}`
				});
			}
			seen.set(d.nr, file.name);
			dossiers.push(d);
		}
	}
	return {
		...parsedFiles[0].parsed,
		competences: [...competences.values()].sort((a, b) => a.code.localeCompare(b.code)),
		sectorChambers: parsedFiles.flatMap((p) => p.parsed.sectorChambers),
		dossiers
	};
}

/**
 * Stores uploaded files (parsed once to fail early) until the admin confirms the
 * preview. Returns the upload id. Nothing reaches the structure yet.
 */
export async function stageUpload(
	db: DB,
	user: SessionUser,
	files: SourceFile[],
	token?: FormToken
): Promise<string> {
	const total = files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
	if (total > MAX_IMPORT_BYTES) {
		throw new QualificationImportError('too_large', { value: String(total) });
	}
	parseFiles(files);
	return createOnce(db, user.id, 'qualification_upload', token, async (trx) => {
		// Old unconfirmed uploads of this admin are dropped.
		await trx.deleteFrom('qualification_upload').where('uploaded_by', '=', user.id).execute();
		const row = await trx
			.insertInto('qualification_upload')
			.values({
				file_name: files.map((f) => f.name).join(', '),
				file_hash: hashContent(files.map((f) => f.content).join('\n')),
				content: JSON.stringify(files),
				uploaded_by: user.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	});
}

async function loadUpload(db: DB, user: SessionUser, id: string) {
	if (!isUuid(id)) return null;
	const row = await db
		.selectFrom('qualification_upload')
		.selectAll()
		.where('id', '=', id)
		.where('uploaded_by', '=', user.id)
		.executeTakeFirst();
	if (!row) return null;
	return { ...row, files: JSON.parse(row.content) as SourceFile[] };
}

export async function previewUpload(
	db: DB,
	user: SessionUser,
	id: string
): Promise<{ fileName: string; plan: ImportPlan } | null> {
	const upload = await loadUpload(db, user, id);
	if (!upload) return null;
	return { fileName: upload.file_name, plan: await planImport(db, parseFiles(upload.files)) };
}

/**
 * Applies a staged upload. The upload's id is its own form token: confirming it twice
 * (a double click, Back) answers with the first import's plan and imports nothing twice.
 */
export async function confirmUpload(
	db: DB,
	user: SessionUser,
	id: string,
	requestId: string
): Promise<ImportPlan | null> {
	if (!isUuid(id)) return null;
	return createOnce(db, user.id, 'qualification_import', id, async (trx) => {
		const upload = await loadUpload(trx, user, id);
		if (!upload) return null;
		const plan = await applyImportIn(trx, parseFiles(upload.files), {
			userId: user.id,
			fileName: upload.file_name,
			fileHash: upload.file_hash,
			requestId
		});
		await trx.deleteFrom('qualification_upload').where('id', '=', id).execute();
		return plan;
	});
}

/** Dossiers with all their versions, newest first, for the admin overview. */
export async function listDossiers(db: DB) {
	return db
		.selectFrom('qualification_dossier as d')
		.select((eb) => [
			'd.id',
			'd.nr',
			'd.title',
			'd.version_no',
			'd.imported_at',
			'd.superseded_at',
			'd.source_file',
			eb
				.selectFrom('qualification as q')
				.whereRef('q.dossier_id', '=', 'd.id')
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('qualifications'),
			eb
				.selectFrom('work_process as wp')
				.whereRef('wp.dossier_id', '=', 'd.id')
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('work_processes')
		])
		.orderBy('d.title')
		.orderBy('d.version_no', 'desc')
		.execute();
}
