import type { DB } from '../db';
import type { CultureAudience } from '../db/schema';

/** The five-point agreement scale (labels in messages: culture_scale_1 … culture_scale_5). */
export const CULTURE_SCALE = [1, 2, 3, 4, 5] as const;

/**
 * Results (per dimension) appear from this many answers of a group, open answers only
 * after the round closed and from this many respondents (issue 15): fewer people could
 * be recognised by their colleagues.
 */
export const CULTURE_MIN_RESPONSES = 5;

/** The platform conversation template about the scan (migration 0033 seeds it by this name). */
export const CULTURE_TEAM_TEMPLATE_NAME = 'Leercultuur in het team';

/** A mean at or above this is named a strength; below ATTENTION_BELOW a point of attention. */
export const STRENGTH_FROM = 3.75;
export const ATTENTION_BELOW = 3.0;

export interface CultureStatement {
	id: number;
	nl: string;
	en: string;
}
export interface CultureDimension {
	id: number;
	code: string;
	nl: string;
	en: string;
	descriptionNl: string;
	descriptionEn: string;
	employee: CultureStatement[];
	management: CultureStatement[];
}
export interface CultureInstrument {
	id: number;
	number: number;
	openQuestionNl: string;
	openQuestionEn: string;
	dimensions: CultureDimension[];
}

/** The id of the latest published version of the instrument. */
export async function currentInstrumentId(db: DB): Promise<number> {
	const row = await db
		.selectFrom('culture_instrument_version')
		.select((eb) => eb.fn.max('id').as('id'))
		.where('status', '=', 'published')
		.executeTakeFirst();
	if (!row?.id) throw new Error('no published learning-culture instrument');
	return Number(row.id);
}

/**
 * Published and retired versions never change (the editor changes drafts only, and
 * publishing turns a draft into a new version), so each process keeps them once read, per
 * database (keyed by the handle's adapter, which its plugin-wrapped and transaction handles
 * share): a results page or a questionnaire then reads no instrument at all.
 */
const keptVersions = new WeakMap<object, Map<number, CultureInstrument>>();

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const v of Object.values(value)) deepFreeze(v);
	}
	return value;
}

/** A version with its dimensions and statements (two queries; none for a kept version). */
export async function instrumentOf(db: DB, versionId: number): Promise<CultureInstrument | null> {
	const key = db.getExecutor().adapter;
	const kept = keptVersions.get(key)?.get(versionId);
	if (kept) return kept;
	const version = await db
		.selectFrom('culture_instrument_version')
		.select(['id', 'number', 'status', 'open_question_nl', 'open_question_en'])
		.where('id', '=', versionId)
		.executeTakeFirst();
	if (!version) return null;
	const instrument = await versionContent(db, version);
	if (version.status !== 'draft') {
		let byId = keptVersions.get(key);
		if (!byId) keptVersions.set(key, (byId = new Map<number, CultureInstrument>()));
		byId.set(versionId, deepFreeze(instrument));
	}
	return instrument;
}

async function versionContent(
	db: DB,
	version: { id: number; number: number; open_question_nl: string; open_question_en: string }
): Promise<CultureInstrument> {
	const versionId = version.id;
	const rows = await db
		.selectFrom('culture_dimension as d')
		.leftJoin('culture_statement as s', 's.dimension_id', 'd.id')
		.select([
			'd.id as dimensionId',
			'd.code',
			'd.name_nl',
			'd.name_en',
			'd.description_nl',
			'd.description_en',
			's.id as statementId',
			's.audience',
			's.text_nl',
			's.text_en'
		])
		.where('d.version_id', '=', versionId)
		.orderBy('d.position')
		.orderBy('s.audience')
		.orderBy('s.position')
		.execute();
	const dimensions = new Map<number, CultureDimension>();
	for (const r of rows) {
		let d = dimensions.get(r.dimensionId);
		if (!d) {
			d = {
				id: r.dimensionId,
				code: r.code,
				nl: r.name_nl,
				en: r.name_en,
				descriptionNl: r.description_nl,
				descriptionEn: r.description_en,
				employee: [],
				management: []
			};
			dimensions.set(r.dimensionId, d);
		}
		if (r.statementId !== null && r.audience) {
			d[r.audience].push({ id: r.statementId, nl: r.text_nl!, en: r.text_en! });
		}
	}
	return {
		id: version.id,
		number: version.number,
		openQuestionNl: version.open_question_nl,
		openQuestionEn: version.open_question_en,
		dimensions: [...dimensions.values()]
	};
}

/** The statement ids one audience answers, in order. */
export function statementIds(instrument: CultureInstrument, audience: CultureAudience): number[] {
	return instrument.dimensions.flatMap((d) => d[audience].map((s) => s.id));
}
