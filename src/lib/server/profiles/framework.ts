import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db';
import { audit } from '../accounts/audit';
import { DomainError } from '../errors';
import { createOnce, type FormToken } from '../once';

/** The four steps of the self-assessment scale (labels in messages: scale_1 … scale_4). */
export const SCALE = [1, 2, 3, 4] as const;

export interface FrameworkIndicator {
	id: number;
	text: string;
	position: number;
}
export interface FrameworkArea {
	id: number;
	code: string;
	name: string;
	description: string;
	source: 'sbb' | 'llo';
	indicators: FrameworkIndicator[];
}
export interface Framework {
	id: number;
	number: number;
	status: 'draft' | 'published';
	publishedAt: Date | null;
	areas: FrameworkArea[];
}

/** The id of the current (latest published) framework version. */
export async function currentVersionId(db: DB): Promise<number> {
	const row = await db
		.selectFrom('competence_framework_version')
		.select((eb) => eb.fn.max('id').as('id'))
		.where('status', '=', 'published')
		.executeTakeFirst();
	if (!row?.id) throw new Error('no published competence framework');
	return Number(row.id);
}

/**
 * A version with its areas and indicators in one statement (the areas and their
 * indicators as JSON arrays, each in its position's order); `version`: its id, or the
 * current one.
 */
async function frameworkWhere(db: DB, version: number | 'current'): Promise<Framework | null> {
	const row = await db
		.selectFrom('competence_framework_version as v')
		.select((eb) => [
			'v.id',
			'v.number',
			'v.status',
			'v.published_at',
			jsonArrayFrom(
				eb
					.selectFrom('competence_area as a')
					.select((eb) => [
						'a.id',
						'a.code',
						'a.name',
						'a.description',
						'a.source',
						jsonArrayFrom(
							eb
								.selectFrom('competence_indicator as i')
								.select(['i.id', 'i.text', 'i.position'])
								.whereRef('i.area_id', '=', 'a.id')
								.orderBy('i.position')
						).as('indicators')
					])
					.whereRef('a.version_id', '=', 'v.id')
					.orderBy('a.position')
			).as('areas')
		])
		.where(
			'v.id',
			'=',
			version === 'current'
				? (eb) =>
						eb
							.selectFrom('competence_framework_version')
							.select((eb) => eb.fn.max('id').as('id'))
							.where('status', '=', 'published')
				: version
		)
		.executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		number: row.number,
		status: row.status,
		publishedAt: row.published_at,
		areas: row.areas
	};
}

/** A version with its areas and indicators (one statement). */
export async function frameworkOf(db: DB, versionId: number): Promise<Framework | null> {
	return frameworkWhere(db, versionId);
}

/** The current (latest published) version with its areas and indicators (one statement). */
export async function currentFramework(db: DB): Promise<Framework> {
	const framework = await frameworkWhere(db, 'current');
	if (!framework) throw new Error('no published competence framework');
	return framework;
}

/** The open draft version, if any. */
export async function draftVersionId(db: DB): Promise<number | null> {
	const row = await db
		.selectFrom('competence_framework_version')
		.select('id')
		.where('status', '=', 'draft')
		.executeTakeFirst();
	return row?.id ?? null;
}

export async function listVersions(db: DB) {
	return db
		.selectFrom('competence_framework_version as v')
		.select([
			'v.id',
			'v.number',
			'v.status',
			'v.published_at as publishedAt',
			sql<number>`(select count(*) from self_assessment s where s.version_id = v.id and s.status = 'submitted')::int`.as(
				'assessments'
			)
		])
		.orderBy('v.number', 'desc')
		.execute();
}

/**
 * Opens a draft: a copy of the current version (areas and indicators get new ids, so
 * answers to the current version keep pointing at the indicators they answered).
 */
export async function createDraft(db: DB, actorUserId: string, token?: FormToken): Promise<number> {
	const existing = await draftVersionId(db);
	if (existing) return existing;
	return createOnce(db, actorUserId, 'competence_framework_draft', token, async (trx) => {
		const current = await currentVersionId(trx);
		const next = await trx
			.selectFrom('competence_framework_version')
			.select((eb) => eb.fn.max('number').as('n'))
			.executeTakeFirstOrThrow();
		const draft = await trx
			.insertInto('competence_framework_version')
			.values({ number: Number(next.n) + 1, status: 'draft', created_by: actorUserId })
			.returning('id')
			.executeTakeFirstOrThrow();
		await copyAreas(trx, current, draft.id);
		await audit(trx, {
			actorUserId,
			action: 'competence_framework.draft_created',
			entityType: 'competence_framework_version',
			entityId: String(draft.id),
			data: { from: current }
		});
		return draft.id;
	});
}

async function copyAreas(db: DB, from: number, to: number): Promise<void> {
	await sql`insert into competence_area (version_id, code, name, description, position, source)
		select ${to}, code, name, description, position, source from competence_area where version_id = ${from}`.execute(
		db
	);
	await sql`insert into competence_indicator (area_id, text, position)
		select na.id, i.text, i.position
		from competence_indicator i
		join competence_area oa on oa.id = i.area_id and oa.version_id = ${from}
		join competence_area na on na.version_id = ${to} and na.code = oa.code`.execute(db);
}

export interface DraftAreaInput {
	code: string;
	name: string;
	description: string;
	/** One indicator per line. */
	indicators: string[];
}

/**
 * Saves the draft's areas (name, description, indicators). Each area needs a name and
 * two to four indicators; nothing is saved when one of them is wrong.
 */
export async function saveDraft(
	db: DB,
	actorUserId: string,
	areas: DraftAreaInput[]
): Promise<void> {
	const draftId = await draftVersionId(db);
	if (!draftId) throw new DomainError('framework_no_draft');
	for (const a of areas) {
		if (!a.name.trim()) throw new DomainError('framework_name_required', `name_${a.code}`);
		const n = a.indicators.filter((t) => t.trim()).length;
		if (n < 2 || n > 4) throw new DomainError('framework_indicator_count', `indicators_${a.code}`);
		if (a.indicators.some((t) => t.trim().length > 300)) {
			throw new DomainError('framework_indicator_too_long', `indicators_${a.code}`);
		}
	}
	await db.transaction().execute(async (trx) => {
		for (const a of areas) {
			const area = await trx
				.updateTable('competence_area')
				.set({ name: a.name.trim(), description: a.description.trim().slice(0, 500) })
				.where('version_id', '=', draftId)
				.where('code', '=', a.code)
				.returning('id')
				.executeTakeFirst();
			if (!area) throw new DomainError('framework_no_draft');
			await trx.deleteFrom('competence_indicator').where('area_id', '=', area.id).execute();
			await trx
				.insertInto('competence_indicator')
				.values(
					a.indicators
						.map((t) => t.trim())
						.filter(Boolean)
						.map((text, i) => ({ area_id: area.id, text, position: i + 1 }))
				)
				.execute();
		}
		await audit(trx, {
			actorUserId,
			action: 'competence_framework.draft_saved',
			entityType: 'competence_framework_version',
			entityId: String(draftId)
		});
	});
}

/** Publishes the draft: it becomes the current version. Earlier answers keep their version. */
export async function publishDraft(db: DB, actorUserId: string): Promise<number> {
	const draftId = await draftVersionId(db);
	if (!draftId) throw new DomainError('framework_no_draft');
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('competence_framework_version')
			.set({ status: 'published', published_at: new Date() })
			.where('id', '=', draftId)
			.execute();
		await audit(trx, {
			actorUserId,
			action: 'competence_framework.published',
			entityType: 'competence_framework_version',
			entityId: String(draftId)
		});
	});
	return draftId;
}

/** Throws the draft away (nothing refers to a draft). */
export async function discardDraft(db: DB, actorUserId: string): Promise<void> {
	const draftId = await draftVersionId(db);
	if (!draftId) return;
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('competence_area').where('version_id', '=', draftId).execute();
		await trx.deleteFrom('competence_framework_version').where('id', '=', draftId).execute();
		await audit(trx, {
			actorUserId,
			action: 'competence_framework.draft_discarded',
			entityType: 'competence_framework_version',
			entityId: String(draftId)
		});
	});
}
