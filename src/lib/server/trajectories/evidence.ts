import type { DB } from '../db';
import type { EvidenceKind } from '../db/schema';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import { DomainError, isUuid } from '../errors';
import { checkUpload } from '../files/check';
import { readStoredFile, removeStoredFile, stageFile } from '../files/storage';
import { log } from '../log';
import { trajectoryAccess, visibleTrajectories } from './access';
import { once, type FormToken } from '../once';

export const EVIDENCE_KINDS: EvidenceKind[] = ['note', 'link', 'file'];

export interface NewEvidenceInput {
	workProcessId: number;
	kind: EvidenceKind;
	title?: string | null;
	body?: string | null;
	url?: string | null;
	file?: { name: string; bytes: Uint8Array } | null;
}

export interface EvidenceItem {
	id: string;
	workProcessId: number;
	kind: EvidenceKind;
	title: string;
	body: string | null;
	url: string | null;
	fileName: string | null;
	contentType: string | null;
	sizeBytes: number | null;
	createdAt: Date;
	createdBy: string | null;
	/** The member may remove it: they added it, or they are a trainer of the trajectory. */
	canRemove: boolean;
}

/** An http(s) URL without credentials, normalised; null when it is not one. */
export function safeLinkUrl(raw: string): string | null {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return null;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
	if (url.username || url.password || !url.hostname) return null;
	return url.href.length <= 2000 ? url.href : null;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * Adds a note, link or file to a work process of a trajectory: the learner themselves
 * or one of the trajectory's trainers. A file is checked (size, extension and content),
 * written under a temporary name, and renamed to its storage key as the last step of
 * the transaction that inserts its row (see `stageFile`): when writing fails nothing is
 * inserted, when the insert fails the file is removed again, and a crash in between
 * leaves an orphan that the sweep removes — never a row without its file.
 */
export async function addEvidence(
	db: DB,
	ctx: RequestContext,
	trajectoryId: string,
	input: NewEvidenceInput,
	token?: FormToken
): Promise<string> {
	const access = await trajectoryAccess(db, ctx, trajectoryId);
	if (!access) throw new DomainError('trajectory_not_found');
	if (!access.can.assess && !access.can.selfAssess) throw new DomainError('not_allowed');
	if (!access.target.has(input.workProcessId)) {
		throw new DomainError('work_process_not_in_target', 'workProcessId');
	}

	const body = input.body?.trim() || null;
	let title = input.title?.trim() || '';
	let url: string | null = null;
	let file: { fileName: string; contentType: string; bytes: Uint8Array } | null = null;
	switch (input.kind) {
		case 'note':
			if (!body) throw new DomainError('evidence_body_required', 'body');
			title ||= clip(body.split('\n')[0], 80);
			break;
		case 'link':
			url = safeLinkUrl(input.url ?? '');
			if (!url) throw new DomainError('url_invalid', 'url');
			title ||= clip(url.replace(/^https?:\/\//, ''), 120);
			break;
		case 'file': {
			if (!input.file || !input.file.bytes.length) throw new DomainError('file_required', 'file');
			const checked = await checkUpload(input.file.name, input.file.bytes);
			if (!checked.ok) {
				if (checked.detail) {
					log.info({ reqId: ctx.requestId, detail: checked.detail }, 'upload refused');
				}
				throw new DomainError(
					checked.reason === 'too_large' ? 'file_too_large' : 'file_type_not_allowed',
					'file'
				);
			}
			file = {
				fileName: checked.fileName,
				contentType: checked.contentType,
				bytes: input.file.bytes
			};
			title ||= checked.fileName;
			break;
		}
		default:
			throw new DomainError('not_allowed');
	}
	if (body && body.length > 5000) throw new DomainError('evidence_too_long', 'body');
	title = clip(title, 200);

	const staged = file ? await stageFile(ctx.company.id, file.bytes) : null;
	let created = false;
	try {
		const id = await db.transaction().execute((trx) =>
			once(trx, ctx.user.id, `evidence:${trajectoryId}`, token, async () => {
				created = true;
				const row = await trx
					.insertInto('evidence')
					.values({
						company_id: ctx.company.id,
						trajectory_id: trajectoryId,
						work_process_id: input.workProcessId,
						kind: input.kind,
						title,
						body,
						url,
						file_name: file?.fileName ?? null,
						content_type: file?.contentType ?? null,
						size_bytes: file?.bytes.length ?? null,
						storage_key: staged?.key ?? null,
						created_by: ctx.user.id
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				await auditAs(trx, ctx, {
					action: 'evidence.added',
					entityType: 'evidence',
					entityId: row.id,
					data: {
						trajectoryId,
						workProcessId: input.workProcessId,
						kind: input.kind,
						...(file ? { fileName: file.fileName, sizeBytes: file.bytes.length } : {})
					}
				});
				// Last, so the file has its final name exactly when the row commits.
				await staged?.commit();
				return row.id;
			})
		);
		// A double submit: the first one's file is the one kept; this one's temp file goes.
		if (!created && staged) {
			await staged
				.discard()
				.catch((err) =>
					log.error({ err, storageKey: staged.key }, 'could not remove a duplicate upload')
				);
		}
		return id;
	} catch (e) {
		if (!staged) throw e;
		// The commit may have gone through with only its answer lost: then the row and its
		// file are there, and that is the truth to report.
		const saved = await savedAfterAll(db, ctx.company.id, staged.key);
		if (saved) return saved;
		if (saved === null) {
			await staged
				.discard()
				.catch((err) =>
					log.error({ err, storageKey: staged.key }, 'could not remove the file of a failed insert')
				);
		} else {
			log.warn({ storageKey: staged.key }, 'file of an uncertain insert left for the sweep');
		}
		throw e;
	}
}

/**
 * After a failed insert: the id of the row that holds `key` (the commit did succeed),
 * null when there is none, undefined when the database cannot tell (the file stays;
 * the sweep removes it if it has no row).
 */
async function savedAfterAll(
	db: DB,
	companyId: string,
	key: string
): Promise<string | null | undefined> {
	try {
		const row = await db
			.selectFrom('evidence')
			.select('id')
			.where('company_id', '=', companyId)
			.where('storage_key', '=', key)
			.executeTakeFirst();
		return row?.id ?? null;
	} catch {
		return undefined;
	}
}

/** The evidence of a trajectory the member may see (newest first), or null (→ 404). */
export async function listEvidence(
	db: DB,
	ctx: RequestContext,
	trajectoryId: string
): Promise<EvidenceItem[] | null> {
	const access = await trajectoryAccess(db, ctx, trajectoryId);
	if (!access) return null;
	const rows = await db
		.selectFrom('evidence as e')
		.leftJoin('app_user as u', 'u.id', 'e.created_by')
		.select([
			'e.id',
			'e.work_process_id',
			'e.kind',
			'e.title',
			'e.body',
			'e.url',
			'e.file_name',
			'e.content_type',
			'e.size_bytes',
			'e.created_at',
			'e.created_by',
			'u.name as created_by_name'
		])
		.where('e.company_id', '=', ctx.company.id)
		.where('e.trajectory_id', '=', trajectoryId)
		.orderBy('e.created_at', 'desc')
		.orderBy('e.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		workProcessId: r.work_process_id,
		kind: r.kind,
		title: r.title,
		body: r.body,
		url: r.url,
		fileName: r.file_name,
		contentType: r.content_type,
		sizeBytes: r.size_bytes,
		createdAt: r.created_at,
		createdBy: r.created_by_name,
		canRemove: mayRemove(access.can.assess, r.created_by, ctx)
	}));
}

/** Who may remove evidence: whoever added it, and the trajectory's trainers. */
function mayRemove(isTrainer: boolean, createdBy: string | null, ctx: RequestContext): boolean {
	return isTrainer || createdBy === ctx.user.id;
}

/**
 * Removes one piece of evidence (a wrong file, an outdated note): the member who added it
 * or a trainer of the trajectory. The row goes in a transaction with its audit entry;
 * a stored file is deleted after the commit (a failure there is logged, the row is gone).
 */
export async function removeEvidence(
	db: DB,
	ctx: RequestContext,
	trajectoryId: string,
	evidenceId: string
): Promise<void> {
	const access = await trajectoryAccess(db, ctx, trajectoryId);
	// The route's schema checks the id too; a service called with anything else still
	// answers "not found" rather than a database error.
	if (!access || !isUuid(evidenceId)) throw new DomainError('evidence_not_found');
	const storageKey = await db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('evidence')
			.select(['created_by', 'storage_key', 'kind', 'title', 'work_process_id'])
			.where('company_id', '=', ctx.company.id)
			.where('trajectory_id', '=', trajectoryId)
			.where('id', '=', evidenceId)
			.forUpdate()
			.executeTakeFirst();
		if (!row) throw new DomainError('evidence_not_found');
		if (!mayRemove(access.can.assess, row.created_by, ctx)) throw new DomainError('not_allowed');
		await trx
			.deleteFrom('evidence')
			.where('company_id', '=', ctx.company.id)
			.where('id', '=', evidenceId)
			.execute();
		await auditAs(trx, ctx, {
			action: 'evidence.removed',
			entityType: 'evidence',
			entityId: evidenceId,
			data: {
				trajectoryId,
				workProcessId: row.work_process_id,
				kind: row.kind,
				title: row.title
			}
		});
		return row.storage_key;
	});
	if (storageKey) {
		await removeStoredFile(ctx.company.id, storageKey).catch((err) =>
			log.error({ err, storageKey }, 'could not remove the file of removed evidence')
		);
	}
}

/**
 * A stored evidence file, only for a member who may see its trajectory; null for
 * anything else (another company's file, another trajectory, not a file, gone).
 */
export async function evidenceFile(
	db: DB,
	ctx: RequestContext,
	trajectoryId: string,
	evidenceId: string
): Promise<{ fileName: string; contentType: string; bytes: Buffer } | null> {
	if (!isUuid(trajectoryId) || !isUuid(evidenceId)) return null;
	const row = await db
		.selectFrom('evidence as e')
		.innerJoin('trajectory as t', (j) =>
			j.onRef('t.company_id', '=', 'e.company_id').onRef('t.id', '=', 'e.trajectory_id')
		)
		.select(['e.file_name', 'e.content_type', 'e.storage_key'])
		.where(visibleTrajectories(ctx))
		.where('e.company_id', '=', ctx.company.id)
		.where('e.trajectory_id', '=', trajectoryId)
		.where('e.id', '=', evidenceId)
		.where('e.kind', '=', 'file')
		.executeTakeFirst();
	if (!row?.storage_key || !row.file_name || !row.content_type) return null;
	const bytes = await readStoredFile(ctx.company.id, row.storage_key);
	if (!bytes) {
		log.warn({ evidenceId, storageKey: row.storage_key }, 'evidence file missing on disk');
		return null;
	}
	return { fileName: row.file_name, contentType: row.content_type, bytes };
}
