import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sql } from 'kysely';
import type { DB } from '../db';
import { audit } from '../accounts/audit';
import type { ParsedCoreTask, ParsedDossier, ParsedExport } from './parse';
import { competencesOfWorkProcess } from './browse';

/**
 * Importing SBB's export into the versioned structure. A dossier whose content hash
 * equals the current version's is left alone; a changed dossier becomes a new
 * version and the current one is marked superseded (its rows stay, because
 * learners' progress points at them). One transaction per import: all or nothing.
 */

export type DossierAction = 'add' | 'unchanged' | 'new_version';

export interface ItemChange {
	code: string;
	title: string;
}

export interface DossierPlan {
	nr: string;
	title: string;
	action: DossierAction;
	currentVersion: number | null;
	newVersion: number | null;
	qualifications: number;
	coreTasks: number;
	workProcesses: number;
	/**
	 * The qualifications (crebo, title) the import adds (a new dossier) or changes (each
	 * qualification of a new version is stored anew); empty for an unchanged dossier.
	 */
	qualificationList: { crebo: string; title: string; level: number }[];
	/** Only for new versions: what differs from the current version. */
	added: ItemChange[];
	removed: ItemChange[];
	changed: ItemChange[];
}

export interface ImportPlan {
	dossiers: DossierPlan[];
	competencesAdded: number;
	competencesChanged: number;
}

export function hashContent(content: string | Uint8Array): string {
	const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
	return encodeHexLowerCase(sha256(bytes));
}

interface FlatItem {
	code: string;
	title: string;
	fingerprint: string;
}

/** Qualifications, core tasks and work processes of a parsed dossier, flat. */
function flattenParsed(d: ParsedDossier): FlatItem[] {
	const items: FlatItem[] = [];
	const tasks = (list: ParsedCoreTask[]) => {
		for (const ct of list) {
			items.push({ code: ct.code, title: ct.title, fingerprint: ct.title });
			for (const wp of ct.workProcesses) {
				items.push({
					code: wp.code,
					title: wp.title,
					fingerprint: JSON.stringify([
						wp.title,
						wp.description,
						wp.result,
						wp.behaviour,
						wp.competenceCodes,
						wp.profileSupplements.map((sp) => [
							sp.profileCode,
							sp.description,
							sp.result,
							sp.behaviour,
							sp.competenceCodes
						])
					])
				});
			}
		}
	};
	tasks(d.coreTasks);
	for (const p of d.profiles) {
		items.push({
			code: p.code,
			title: `${p.title} (${p.crebo})`,
			fingerprint: JSON.stringify([p.title, p.crebo, p.level])
		});
		tasks(p.coreTasks);
	}
	return items;
}

async function flattenStored(db: DB, dossierId: number): Promise<FlatItem[]> {
	const [quals, tasks, wps] = await Promise.all([
		db
			.selectFrom('qualification')
			.select(['code', 'title', 'crebo', 'level'])
			.where('dossier_id', '=', dossierId)
			.execute(),
		db
			.selectFrom('core_task')
			.select(['code', 'title'])
			.where('dossier_id', '=', dossierId)
			.execute(),
		db
			.selectFrom('work_process as wp')
			.select((eb) => [
				'wp.code',
				'wp.title',
				'wp.description',
				'wp.result',
				'wp.behaviour',
				competencesOfWorkProcess.as('competences'),
				eb.fn
					.coalesce(
						eb
							.selectFrom('work_process_supplement as s')
							.innerJoin('qualification as q', 'q.id', 's.qualification_id')
							.whereRef('s.work_process_id', '=', 'wp.id')
							.select(
								sql<
									[string, string, string, string, string[]][]
								>`json_agg(json_build_array(q.code, s.description, s.result, s.behaviour, s.competence_codes) order by q.code)`.as(
									'a'
								)
							),
						sql<[string, string, string, string, string[]][]>`'[]'::json`
					)
					.as('supplements')
			])
			.where('wp.dossier_id', '=', dossierId)
			.execute()
	]);
	return [
		...quals.map((q) => ({
			code: q.code,
			title: `${q.title} (${q.crebo})`,
			fingerprint: JSON.stringify([q.title, q.crebo, q.level])
		})),
		...tasks.map((t) => ({ code: t.code, title: t.title, fingerprint: t.title })),
		...wps.map((w) => ({
			code: w.code,
			title: w.title,
			fingerprint: JSON.stringify([
				w.title,
				w.description,
				w.result,
				w.behaviour,
				w.competences,
				w.supplements
			])
		}))
	];
}

function diff(current: FlatItem[], next: FlatItem[]) {
	const before = new Map(current.map((i) => [i.code, i]));
	const after = new Map(next.map((i) => [i.code, i]));
	const added: ItemChange[] = [];
	const removed: ItemChange[] = [];
	const changed: ItemChange[] = [];
	for (const [code, item] of after) {
		const old = before.get(code);
		if (!old) added.push({ code, title: item.title });
		else if (old.fingerprint !== item.fingerprint) changed.push({ code, title: item.title });
	}
	for (const [code, item] of before)
		if (!after.has(code)) removed.push({ code, title: item.title });
	const byCode = (a: ItemChange, b: ItemChange) =>
		a.code.localeCompare(b.code, 'nl', { numeric: true });
	return {
		added: added.sort(byCode),
		removed: removed.sort(byCode),
		changed: changed.sort(byCode)
	};
}

function counts(d: ParsedDossier) {
	const allTasks = [...d.coreTasks, ...d.profiles.flatMap((p) => p.coreTasks)];
	return {
		qualifications: d.profiles.length,
		coreTasks: allTasks.length,
		workProcesses: allTasks.reduce((n, ct) => n + ct.workProcesses.length, 0)
	};
}

/** Whether an import plan changes anything at all (else there is nothing to confirm). */
export function planChangesAnything(plan: ImportPlan): boolean {
	return (
		plan.dossiers.some((d) => d.action !== 'unchanged') ||
		plan.competencesAdded > 0 ||
		plan.competencesChanged > 0
	);
}

/** What an import would do, without changing anything. */
export async function planImport(db: DB, parsed: ParsedExport): Promise<ImportPlan> {
	const nrs = parsed.dossiers.map((d) => d.nr);
	const current = nrs.length
		? await db
				.selectFrom('qualification_dossier')
				.select(['id', 'nr', 'version_no', 'content_hash'])
				.where('nr', 'in', nrs)
				.where('superseded_at', 'is', null)
				.execute()
		: [];
	const byNr = new Map(current.map((c) => [c.nr, c]));
	const dossiers: DossierPlan[] = [];
	for (const d of parsed.dossiers) {
		const cur = byNr.get(d.nr);
		const base = { nr: d.nr, title: d.title, ...counts(d), added: [], removed: [], changed: [] };
		const qualificationList = d.profiles
			.map((p) => ({ crebo: p.crebo, title: p.title, level: p.level }))
			.sort((a, b) => a.crebo.localeCompare(b.crebo, 'nl', { numeric: true }));
		if (!cur) {
			dossiers.push({
				...base,
				action: 'add',
				currentVersion: null,
				newVersion: 1,
				qualificationList
			});
		} else if (cur.content_hash === d.contentHash) {
			dossiers.push({
				...base,
				action: 'unchanged',
				currentVersion: cur.version_no,
				newVersion: null,
				qualificationList: []
			});
		} else {
			dossiers.push({
				...base,
				action: 'new_version',
				currentVersion: cur.version_no,
				newVersion: cur.version_no + 1,
				qualificationList,
				...diff(await flattenStored(db, cur.id), flattenParsed(d))
			});
		}
	}
	const knownCompetences = new Map(
		(await db.selectFrom('competence').select(['code', 'title']).execute()).map((c) => [
			c.code,
			c.title
		])
	);
	return {
		dossiers,
		competencesAdded: parsed.competences.filter((c) => !knownCompetences.has(c.code)).length,
		competencesChanged: parsed.competences.filter(
			(c) => knownCompetences.has(c.code) && knownCompetences.get(c.code) !== c.title
		).length
	};
}

async function sectorChamberIds(db: DB): Promise<Map<string, number>> {
	const rows = await db.selectFrom('sector_chamber').select(['id', 'name']).execute();
	return new Map(rows.map((r) => [r.name.toLowerCase(), r.id]));
}

/** 'Sectorkamer zorg, welzijn en sport' → our sector_chamber id. */
function chamberId(chambers: Map<string, number>, title: string | undefined): number | null {
	if (!title) return null;
	const name = title
		.replace(/^sectorkamer\s+/i, '')
		.trim()
		.toLowerCase();
	return chambers.get(name) ?? null;
}

async function insertCoreTasks(
	trx: DB,
	dossierId: number,
	qualificationId: number | null,
	tasks: ParsedCoreTask[]
): Promise<void> {
	for (const [i, ct] of tasks.entries()) {
		const task = await trx
			.insertInto('core_task')
			.values({
				dossier_id: dossierId,
				qualification_id: qualificationId,
				nr: ct.nr,
				code: ct.code,
				title: ct.title,
				complexity: ct.complexity,
				responsibility: ct.responsibility,
				position: i + 1
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		if (!ct.workProcesses.length) continue;
		const wps = await trx
			.insertInto('work_process')
			.values(
				ct.workProcesses.map((wp, j) => ({
					dossier_id: dossierId,
					core_task_id: task.id,
					nr: wp.nr,
					code: wp.code,
					title: wp.title,
					description: wp.description,
					result: wp.result,
					behaviour: wp.behaviour,
					position: j + 1
				}))
			)
			.returning(['id', 'code'])
			.execute();
		const idByCode = new Map(wps.map((w) => [w.code, w.id]));
		const links = ct.workProcesses.flatMap((wp) =>
			wp.competenceCodes.map((code) => ({
				work_process_id: idByCode.get(wp.code)!,
				competence_code: code
			}))
		);
		if (links.length) await trx.insertInto('work_process_competence').values(links).execute();
	}
}

async function insertDossier(
	trx: DB,
	d: ParsedDossier,
	versionNo: number,
	chambers: Map<string, number>,
	meta: { userId: string | null; fileName: string | null }
): Promise<number> {
	const dossier = await trx
		.insertInto('qualification_dossier')
		.values({
			nr: d.nr,
			version_no: versionNo,
			title: d.title,
			sbb_version: d.version,
			status: d.status,
			crebo: d.crebo,
			valid_from: d.validFrom,
			end_intake: d.endIntake,
			end_training: d.endTraining,
			price_factor: d.priceFactor,
			adopted_on: d.adoptedOn,
			sector_chamber_id: chamberId(chambers, d.sectorChamber?.title),
			domain: d.domain?.title ?? null,
			content_hash: d.contentHash,
			source_file: meta.fileName,
			imported_by: meta.userId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await insertCoreTasks(trx, dossier.id, null, d.coreTasks);
	const qualificationIds = new Map<string, number>();
	for (const p of d.profiles) {
		const q = await trx
			.insertInto('qualification')
			.values({
				dossier_id: dossier.id,
				nr: p.nr,
				code: p.code,
				crebo: p.crebo,
				title: p.title,
				level: p.level,
				occupational_group: p.occupationalGroup,
				valid_from: p.validFrom,
				end_intake: p.endIntake,
				end_training: p.endTraining,
				study_load_hours: p.studyLoadHours
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		qualificationIds.set(p.code, q.id);
		await insertCoreTasks(trx, dossier.id, q.id, p.coreTasks);
	}
	const supplements = d.coreTasks.flatMap((ct) =>
		ct.workProcesses.flatMap((wp) => wp.profileSupplements.map((sp) => ({ wp, sp })))
	);
	if (supplements.length) {
		const wpIds = new Map(
			(
				await trx
					.selectFrom('work_process')
					.select(['id', 'code'])
					.where('dossier_id', '=', dossier.id)
					.execute()
			).map((w) => [w.code, w.id])
		);
		await trx
			.insertInto('work_process_supplement')
			.values(
				supplements.map(({ wp, sp }) => ({
					work_process_id: wpIds.get(wp.code)!,
					qualification_id: qualificationIds.get(sp.profileCode)!,
					description: sp.description,
					result: sp.result,
					behaviour: sp.behaviour,
					competence_codes: sp.competenceCodes
				}))
			)
			.execute();
	}
	return dossier.id;
}

export interface ImportMeta {
	userId: string | null;
	fileName: string | null;
	fileHash: string;
	requestId?: string | null;
}

/** Applies an import in one transaction and returns what it did. */
export async function applyImport(
	db: DB,
	parsed: ParsedExport,
	meta: ImportMeta
): Promise<ImportPlan> {
	return db.transaction().execute((trx) => applyImportIn(trx, parsed, meta));
}

/** Applies an import inside the caller's transaction. */
export async function applyImportIn(
	trx: DB,
	parsed: ParsedExport,
	meta: ImportMeta
): Promise<ImportPlan> {
	{
		// Serialise imports: two admins confirming at once must not both add version n+1.
		await sql`select pg_advisory_xact_lock(hashtext('vakmaat.qualification_import'))`.execute(trx);
		const plan = await planImport(trx, parsed);
		if (parsed.competences.length) {
			await trx
				.insertInto('competence')
				.values(parsed.competences.map((c) => ({ code: c.code, sbb_nr: c.nr, title: c.title })))
				.onConflict((oc) =>
					oc.column('code').doUpdateSet((eb) => ({
						title: eb.ref('excluded.title'),
						sbb_nr: eb.ref('excluded.sbb_nr')
					}))
				)
				.execute();
		}
		const chambers = await sectorChamberIds(trx);
		for (const [i, d] of parsed.dossiers.entries()) {
			const p = plan.dossiers[i];
			if (p.action === 'unchanged') continue;
			if (p.action === 'new_version') {
				const old = await trx
					.updateTable('qualification_dossier')
					.set({ superseded_at: new Date() })
					.where('nr', '=', d.nr)
					.where('superseded_at', 'is', null)
					.returning('id')
					.executeTakeFirstOrThrow();
				const id = await insertDossier(trx, d, p.newVersion!, chambers, meta);
				await trx
					.updateTable('qualification_dossier')
					.set({ superseded_by: id })
					.where('id', '=', old.id)
					.execute();
			} else {
				await insertDossier(trx, d, 1, chambers, meta);
			}
		}
		const summary = {
			added: plan.dossiers.filter((p) => p.action === 'add').map((p) => p.nr),
			newVersions: plan.dossiers.filter((p) => p.action === 'new_version').map((p) => p.nr),
			unchanged: plan.dossiers.filter((p) => p.action === 'unchanged').map((p) => p.nr)
		};
		await trx
			.insertInto('qualification_import')
			.values({
				file_name: meta.fileName,
				file_hash: meta.fileHash,
				imported_by: meta.userId,
				summary: JSON.stringify(summary)
			})
			.execute();
		await audit(trx, {
			actorUserId: meta.userId,
			action: 'qualifications.imported',
			entityType: 'qualification_import',
			entityId: meta.fileHash,
			data: { file: meta.fileName, ...summary },
			requestId: meta.requestId
		});
		return plan;
	}
}
