import { sql } from 'kysely';
import type { DB } from '../db';
import { audit } from '../accounts/audit';
import { DomainError } from '../errors';
import { once, type FormToken } from '../once';

/**
 * Mbo-certificaten and keuzedelen. The 2016 export has none, so an admin defines a
 * certificate (a named set of work processes of one qualification, or a keuzedeel
 * that can be certified on its own) or imports them from JSON (docs/certificates.md).
 */

export interface CertificateInput {
	code: string;
	title: string;
	/** Crebo of the qualification (current version) whose work processes it covers. */
	crebo?: string | null;
	workProcessCodes?: string[];
	/** Or: the code of a keuzedeel. */
	electiveCode?: string | null;
}

export interface ElectiveInput {
	code: string;
	title: string;
	level?: number | null;
	studyLoadHours?: number | null;
}

async function currentQualification(db: DB, crebo: string) {
	return db
		.selectFrom('qualification as q')
		.innerJoin('qualification_dossier as d', 'd.id', 'q.dossier_id')
		.select(['q.id', 'q.dossier_id', 'q.title'])
		.where('q.crebo', '=', crebo)
		.where('d.superseded_at', 'is', null)
		.executeTakeFirst();
}

/** The work processes of a qualification (basisdeel and its own profile), by code. */
export async function qualificationWorkProcesses(db: DB, qualificationId: number) {
	return db
		.selectFrom('work_process as wp')
		.innerJoin('core_task as ct', 'ct.id', 'wp.core_task_id')
		.innerJoin('qualification as q', 'q.dossier_id', 'wp.dossier_id')
		.select([
			'wp.id',
			'wp.code',
			'wp.title',
			'ct.code as core_task_code',
			'ct.title as core_task_title'
		])
		.where('q.id', '=', qualificationId)
		.where((eb) =>
			eb.or([
				eb('ct.qualification_id', 'is', null),
				eb('ct.qualification_id', '=', qualificationId)
			])
		)
		.orderBy(sql`ct.qualification_id is not null`)
		.orderBy('ct.position')
		.orderBy('wp.position')
		.execute();
}

type Actor = { userId: string | null; requestId?: string | null };

/** Creates one certificate; throws DomainError with the field that is wrong. */
export async function createCertificate(
	db: DB,
	actor: Actor,
	input: CertificateInput,
	token?: FormToken
): Promise<number> {
	return db.transaction().execute((trx) =>
		// A double submit answers with the first certificate (not 'code taken').
		actor.userId
			? once(trx, actor.userId, 'certificate', token, () => insertCertificate(trx, actor, input))
			: insertCertificate(trx, actor, input)
	);
}

async function insertCertificate(trx: DB, actor: Actor, input: CertificateInput): Promise<number> {
	const taken = await trx
		.selectFrom('certificate')
		.select('id')
		.where(sql`lower(code)`, '=', input.code.toLowerCase())
		.executeTakeFirst();
	if (taken) throw new DomainError('certificate_code_taken', 'code');
	let qualificationId: number | null = null;
	let electiveId: number | null = null;
	let workProcessIds: number[] = [];
	if (input.electiveCode) {
		const elective = await trx
			.selectFrom('elective')
			.select('id')
			.where('code', '=', input.electiveCode)
			.executeTakeFirst();
		if (!elective) throw new DomainError('elective_unknown', 'electiveCode');
		electiveId = elective.id;
	} else {
		const q = input.crebo ? await currentQualification(trx, input.crebo) : undefined;
		if (!q) throw new DomainError('qualification_unknown', 'crebo');
		qualificationId = q.id;
		const codes = [...new Set(input.workProcessCodes ?? [])];
		if (!codes.length) throw new DomainError('work_processes_required', 'workProcessCodes');
		const available = new Map(
			(await qualificationWorkProcesses(trx, q.id)).map((wp) => [wp.code, wp.id])
		);
		const unknown = codes.filter((c) => !available.has(c));
		if (unknown.length) throw new DomainError('work_process_unknown', 'workProcessCodes');
		workProcessIds = codes.map((c) => available.get(c)!);
	}
	const cert = await trx
		.insertInto('certificate')
		.values({
			code: input.code,
			title: input.title,
			qualification_id: qualificationId,
			elective_id: electiveId,
			created_by: actor.userId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	if (workProcessIds.length) {
		await trx
			.insertInto('certificate_work_process')
			.values(workProcessIds.map((id) => ({ certificate_id: cert.id, work_process_id: id })))
			.execute();
	}
	await audit(trx, {
		actorUserId: actor.userId,
		action: 'certificate.created',
		entityType: 'certificate',
		entityId: String(cert.id),
		data: { code: input.code },
		requestId: actor.requestId
	});
	return cert.id;
}

export async function upsertElective(db: DB, input: ElectiveInput): Promise<void> {
	await db
		.insertInto('elective')
		.values({
			code: input.code,
			title: input.title,
			level: input.level ?? null,
			study_load_hours: input.studyLoadHours ?? null
		})
		.onConflict((oc) =>
			oc.column('code').doUpdateSet({
				title: input.title,
				level: input.level ?? null,
				study_load_hours: input.studyLoadHours ?? null
			})
		)
		.execute();
}

export async function listCertificates(db: DB) {
	return db
		.selectFrom('certificate as c')
		.leftJoin('qualification as q', 'q.id', 'c.qualification_id')
		.leftJoin('elective as e', 'e.id', 'c.elective_id')
		.select((eb) => [
			'c.id',
			'c.code',
			'c.title',
			'q.crebo',
			'q.title as qualification',
			'e.code as elective_code',
			'e.title as elective',
			eb
				.selectFrom('certificate_work_process as cw')
				.whereRef('cw.certificate_id', '=', 'c.id')
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('work_processes')
		])
		.orderBy('c.code')
		.execute();
}

export interface CatalogueImportResult {
	electives: number;
	certificatesAdded: number;
	certificatesSkipped: number;
}

export interface CatalogueInput {
	electives: ElectiveInput[];
	certificates: CertificateInput[];
}

/**
 * Imports keuzedelen and certificates in one transaction (docs/certificates.md).
 * Keuzedelen are upserted by code; certificates whose code exists are skipped, so
 * importing the same file twice changes nothing. An error names the entry.
 */
export async function importCatalogue(
	db: DB,
	actor: Actor,
	input: CatalogueInput,
	token?: FormToken
): Promise<CatalogueImportResult> {
	return db.transaction().execute((trx) =>
		once(
			trx,
			actor.userId ?? '',
			'certificate_catalogue',
			actor.userId ? token : null,
			async () => {
				for (const e of input.electives) await upsertElective(trx, e);
				let added = 0;
				let skipped = 0;
				for (const [i, c] of input.certificates.entries()) {
					const exists = await trx
						.selectFrom('certificate')
						.select('id')
						.where(sql`lower(code)`, '=', c.code.toLowerCase())
						.executeTakeFirst();
					if (exists) {
						skipped++;
						continue;
					}
					try {
						await insertCertificate(trx, actor, c);
					} catch (e) {
						if (e instanceof DomainError) throw new CatalogueEntryError(i, c.code, e);
						throw e;
					}
					added++;
				}
				return {
					electives: input.electives.length,
					certificatesAdded: added,
					certificatesSkipped: skipped
				};
			}
		)
	);
}

export class CatalogueEntryError extends Error {
	constructor(
		readonly index: number,
		readonly code: string,
		readonly cause: DomainError
	) {
		super(`certificate ${index + 1} (${code}): ${cause.code}`);
	}
}
