import { sql } from 'kysely';
import { audit } from '../accounts/audit';
import type { DB } from '../db';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { DomainError } from '../errors';
import { createOnce, type FormToken } from '../once';
import { currentInstrumentId } from './instrument';

/**
 * The admin's editor of the learning-culture instrument (issue 15), like the trainer
 * competence framework's (profiles/framework.ts): a draft is a copy of the current
 * version; the admin edits the wording of the dimensions, their statements for employees
 * and for management (Dutch and English, one per line) and the open question; publishing
 * makes it the version new rounds use. A round keeps the version it was planned with, so
 * its answers and results keep their statements. Dimensions keep their codes (the
 * comparisons over companies and versions compare per code); adding or removing a
 * dimension is a migration.
 */

/** Statements per dimension: employees two to five, management one to three. */
export const EMPLOYEE_STATEMENTS = { min: 2, max: 5 } as const;
export const MANAGEMENT_STATEMENTS = { min: 1, max: 3 } as const;
/** The database's limit on a statement's text (migration 0025). */
export const STATEMENT_MAX = 300;

export async function draftInstrumentId(db: DB): Promise<number | null> {
	const row = await db
		.selectFrom('culture_instrument_version')
		.select('id')
		.where('status', '=', 'draft')
		.executeTakeFirst();
	return row?.id ?? null;
}

export interface InstrumentVersionRow {
	id: number;
	number: number;
	status: 'draft' | 'published';
	publishedAt: Date | null;
	/** Rounds planned with this version. */
	rounds: number;
}

export async function listInstrumentVersions(db: DB): Promise<InstrumentVersionRow[]> {
	return acrossCompanies(CROSS_COMPANY.cultureInstrument, () => versionRows(db));
}

function versionRows(db: DB) {
	return db
		.selectFrom('culture_instrument_version as v')
		.select([
			'v.id',
			'v.number',
			'v.status',
			'v.published_at as publishedAt',
			// The versions table counts rounds of every company: numbers only, nothing else.
			sql<number>`(select count(*) from culture_round r where r.version_id = v.id)::int`.as(
				'rounds'
			)
		])
		.orderBy('v.number', 'desc')
		.execute();
}

/** Opens a draft: a copy of the current version with new ids (rounds keep theirs). */
export async function createInstrumentDraft(
	db: DB,
	actorUserId: string,
	token?: FormToken
): Promise<number> {
	const existing = await draftInstrumentId(db);
	if (existing) return existing;
	return createOnce(db, actorUserId, 'culture_instrument_draft', token, async (trx) => {
		const current = await currentInstrumentId(trx);
		const draft = await sql<{ id: number }>`
			insert into culture_instrument_version (number, status, open_question_nl, open_question_en, created_by)
			select (select max(number) + 1 from culture_instrument_version), 'draft',
				open_question_nl, open_question_en, ${actorUserId}
			from culture_instrument_version where id = ${current}
			returning id`.execute(trx);
		const id = draft.rows[0].id;
		await sql`insert into culture_dimension (version_id, code, name_nl, name_en, description_nl, description_en, position)
			select ${id}, code, name_nl, name_en, description_nl, description_en, position
			from culture_dimension where version_id = ${current}`.execute(trx);
		await sql`insert into culture_statement (dimension_id, audience, text_nl, text_en, position)
			select nd.id, s.audience, s.text_nl, s.text_en, s.position
			from culture_statement s
			join culture_dimension od on od.id = s.dimension_id and od.version_id = ${current}
			join culture_dimension nd on nd.version_id = ${id} and nd.code = od.code`.execute(trx);
		await audit(trx, {
			actorUserId,
			action: 'culture_instrument.draft_created',
			entityType: 'culture_instrument_version',
			entityId: String(id),
			data: { from: current }
		});
		return id;
	});
}

export interface DraftDimensionInput {
	code: string;
	nameNl: string;
	nameEn: string;
	descriptionNl: string;
	descriptionEn: string;
	/** One statement per line; the Dutch and English lists pair up by line. */
	employeeNl: string[];
	employeeEn: string[];
	managementNl: string[];
	managementEn: string[];
}

export interface DraftInput {
	openQuestionNl: string;
	openQuestionEn: string;
	dimensions: DraftDimensionInput[];
}

const lines = (list: string[]) => list.map((t) => t.trim()).filter(Boolean);

/** The statements of one audience, checked: their number, Dutch and English in pairs, their length. */
function statementsOf(
	nl: string[],
	en: string[],
	limits: { min: number; max: number },
	/** The form fields the errors name: `<audience>_nl_<code>` and `<audience>_en_<code>`. */
	audience: 'employee' | 'management',
	code: string
): { nl: string; en: string }[] {
	const field = (lang: 'nl' | 'en') => `${audience}_${lang}_${code}`;
	const a = lines(nl);
	const b = lines(en);
	if (a.length < limits.min || a.length > limits.max) {
		throw new DomainError('culture_statement_count', field('nl'));
	}
	if (b.length !== a.length) throw new DomainError('culture_statement_pairs', field('en'));
	const long = a.findIndex((t) => t.length > STATEMENT_MAX);
	if (long >= 0) throw new DomainError('culture_statement_too_long', field('nl'));
	if (b.some((t) => t.length > STATEMENT_MAX)) {
		throw new DomainError('culture_statement_too_long', field('en'));
	}
	return a.map((t, i) => ({ nl: t, en: b[i] }));
}

/**
 * Saves the draft: every dimension's wording and statements, and the open question, in
 * one transaction; nothing is saved when one of them is wrong (the error names its field).
 */
export async function saveInstrumentDraft(
	db: DB,
	actorUserId: string,
	input: DraftInput
): Promise<void> {
	const draftId = await draftInstrumentId(db);
	if (!draftId) throw new DomainError('culture_no_draft');
	const checked = input.dimensions.map((d) => ({
		...d,
		employee: statementsOf(d.employeeNl, d.employeeEn, EMPLOYEE_STATEMENTS, 'employee', d.code),
		management: statementsOf(
			d.managementNl,
			d.managementEn,
			MANAGEMENT_STATEMENTS,
			'management',
			d.code
		)
	}));
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('culture_instrument_version')
			.set({
				open_question_nl: input.openQuestionNl.trim(),
				open_question_en: input.openQuestionEn.trim()
			})
			.where('id', '=', draftId)
			.where('status', '=', 'draft')
			.execute();
		for (const d of checked) {
			const dimension = await trx
				.updateTable('culture_dimension')
				.set({
					name_nl: d.nameNl.trim(),
					name_en: d.nameEn.trim(),
					description_nl: d.descriptionNl.trim(),
					description_en: d.descriptionEn.trim()
				})
				.where('version_id', '=', draftId)
				.where('code', '=', d.code)
				.returning('id')
				.executeTakeFirst();
			if (!dimension) throw new DomainError('culture_no_draft');
			await trx.deleteFrom('culture_statement').where('dimension_id', '=', dimension.id).execute();
			await trx
				.insertInto('culture_statement')
				.values([
					...d.employee.map((s, i) => ({
						dimension_id: dimension.id,
						audience: 'employee' as const,
						text_nl: s.nl,
						text_en: s.en,
						position: i + 1
					})),
					...d.management.map((s, i) => ({
						dimension_id: dimension.id,
						audience: 'management' as const,
						text_nl: s.nl,
						text_en: s.en,
						position: i + 1
					}))
				])
				.execute();
		}
		await audit(trx, {
			actorUserId,
			action: 'culture_instrument.draft_saved',
			entityType: 'culture_instrument_version',
			entityId: String(draftId)
		});
	});
}

/** Publishes the draft: rounds planned from now on use it; earlier rounds keep theirs. */
export async function publishInstrumentDraft(db: DB, actorUserId: string): Promise<number> {
	const draftId = await draftInstrumentId(db);
	if (!draftId) throw new DomainError('culture_no_draft');
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('culture_instrument_version')
			.set({ status: 'published', published_at: new Date() })
			.where('id', '=', draftId)
			.execute();
		await audit(trx, {
			actorUserId,
			action: 'culture_instrument.published',
			entityType: 'culture_instrument_version',
			entityId: String(draftId)
		});
	});
	return draftId;
}

/** Throws the draft away (no round refers to a draft). */
export async function discardInstrumentDraft(db: DB, actorUserId: string): Promise<void> {
	const draftId = await draftInstrumentId(db);
	if (!draftId) return;
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('culture_dimension').where('version_id', '=', draftId).execute();
		await trx.deleteFrom('culture_instrument_version').where('id', '=', draftId).execute();
		await audit(trx, {
			actorUserId,
			action: 'culture_instrument.draft_discarded',
			entityType: 'culture_instrument_version',
			entityId: String(draftId)
		});
	});
}
