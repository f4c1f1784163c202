import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { DomainError, isUuid } from '../errors';
import { phaseAt, type PhaseAt, type RoundClock } from './phase';
import { once, type FormToken } from '../once';

/** Eligibility rules of a round (data on award_round.eligibility; absent = not checked). */
export interface EligibilityRules {
	llo_profile_complete?: boolean;
	min_years_experience?: number;
	coached_adult_months?: number;
	no_win_in_last_years?: number;
	/** The trainer's company opened a learning-culture scan in the last N months (migration 0035). */
	culture_scan_months?: number;
}

export const DEFAULT_RULES: EligibilityRules = {
	llo_profile_complete: true,
	min_years_experience: 1,
	coached_adult_months: 12,
	no_win_in_last_years: 3
};

/** Criteria a new round starts with: what makes someone good at coaching adults. */
export const DEFAULT_CRITERIA = [
	{
		name: 'Volwassenen begeleiden',
		description:
			'Stemt de begeleiding af op werk, gezin en eerdere leerervaringen van volwassen lerenden.',
		weight: 3
	},
	{
		name: 'Erkennen wat iemand al kan',
		description:
			'Brengt eerder verworven competenties in kaart en laat ze meetellen (evc, vrijstellingen).',
		weight: 2
	},
	{
		name: 'Resultaat voor de lerende',
		description:
			'Wat veranderde er voor de lerende: een diploma of certificaat, ander werk, meer zelfvertrouwen.',
		weight: 3
	},
	{
		name: 'Leercultuur in het bedrijf',
		description: 'Betrekt collega’s, deelt kennis en maakt leren op de werkplek gewoon.',
		weight: 1
	},
	{
		name: 'Eigen ontwikkeling',
		description: 'Blijft zich ontwikkelen als praktijkopleider en vraagt om feedback.',
		weight: 1
	}
];

export interface Round extends RoundClock {
	id: string;
	year: number;
	title: string;
	finalists_per_panel: number;
	eligibility: EligibilityRules;
	winner_user_id: string | null;
	winner_company_id: string | null;
}

export interface Criterion {
	id: string;
	name: string;
	description: string;
	weight: number;
	position: number;
}

export const ROUND_COLUMNS = [
	'id',
	'year',
	'title',
	'nominations_open_at',
	'nominations_close_at',
	'regional_jury_until',
	'national_jury_until',
	'results_published_at',
	'finalists_per_panel',
	'eligibility',
	'winner_user_id',
	'winner_company_id'
] as const;

export async function getRound(db: DB, id: string): Promise<Round | null> {
	if (!isUuid(id)) return null;
	const row = await db
		.selectFrom('award_round')
		.select(ROUND_COLUMNS)
		.where('id', '=', id)
		.executeTakeFirst();
	return (row as Round | undefined) ?? null;
}

/** The round people nominate in and juries work on: the latest unpublished one. */
export async function currentRound(db: DB): Promise<Round | null> {
	const row = await currentRoundQuery(db).executeTakeFirst();
	return (row as Round | undefined) ?? null;
}

/** The query of {@link currentRound}, for statements that read more beside it. */
export function currentRoundQuery(db: DB) {
	return db
		.selectFrom('award_round')
		.select(ROUND_COLUMNS)
		.where('results_published_at', 'is', null)
		.orderBy('year', 'desc')
		.limit(1);
}

/**
 * The criteria of the round whose id is `roundId` (a column or a value) as a JSON array
 * in position order, for statements that read them beside other data. JSON gives the
 * weight (numeric) as a number; see {@link criteriaFromJson}.
 */
export function criteriaJson(roundId: RawBuilder<unknown> | string) {
	return sql<CriterionJson[]>`coalesce((
		select json_agg(json_build_object('id', c.id, 'name', c.name,
			'description', c.description, 'weight', c.weight, 'position', c.position)
			order by c.position)
		from award_criterion c where c.round_id = ${roundId}), '[]')`;
}

/** A criterion as {@link criteriaJson} gives it: the weight may come as a string. */
export type CriterionJson = Omit<Criterion, 'weight'> & { weight: number | string };

export function criteriaFromJson(rows: CriterionJson[]): Criterion[] {
	return rows.map((c) => ({ ...c, weight: Number(c.weight) }));
}

export async function requireRound(db: DB, id: string): Promise<Round> {
	const round = await getRound(db, id);
	if (!round) throw new DomainError('award_round_not_found');
	return round;
}

export interface RoundListItem {
	id: string;
	year: number;
	title: string;
	state: PhaseAt;
	nominations: number;
}

export async function listRounds(db: DB, now = new Date()): Promise<RoundListItem[]> {
	// Nominations are counted over every company: the wall opens for this one query.
	const rows = await acrossCompanies(CROSS_COMPANY.awardRounds, () =>
		db
			.selectFrom('award_round as r')
			.select(ROUND_COLUMNS.map((c) => `r.${c}` as const))
			.select((eb) =>
				eb
					.selectFrom('nomination as n')
					.select(sql<number>`count(*)::int`.as('c'))
					.whereRef('n.round_id', '=', 'r.id')
					.where('n.status', '<>', 'withdrawn')
					.as('nominations')
			)
			.orderBy('r.year', 'desc')
			.execute()
	);
	return rows.map((r) => ({
		id: r.id,
		year: r.year,
		title: r.title,
		state: phaseAt(r as Round, now),
		nominations: Number(r.nominations ?? 0)
	}));
}

export async function criteriaOf(db: DB, roundId: string): Promise<Criterion[]> {
	const rows = await db
		.selectFrom('award_criterion')
		.select(['id', 'name', 'description', 'weight', 'position'])
		.where('round_id', '=', roundId)
		.orderBy('position')
		.execute();
	return rows.map((r) => ({ ...r, weight: Number(r.weight) }));
}

export interface RoundInput {
	year: number;
	title: string;
	nominationsOpenAt: Date;
	nominationsCloseAt: Date;
	regionalJuryUntil: Date;
	nationalJuryUntil: Date;
	finalistsPerPanel: number;
}

/**
 * The phases follow each other. (Title, year, number of finalists and well-formed dates are
 * the form's to check: roundCreateSchema / roundDatesSchema in src/lib/schemas/award-admin.ts.)
 */
function checkRoundInput(input: Omit<RoundInput, 'year'>): void {
	const order: [keyof RoundInput, Date][] = [
		['nominationsOpenAt', input.nominationsOpenAt],
		['nominationsCloseAt', input.nominationsCloseAt],
		['regionalJuryUntil', input.regionalJuryUntil],
		['nationalJuryUntil', input.nationalJuryUntil]
	];
	for (let i = 1; i < order.length; i++) {
		if (order[i][1].getTime() <= order[i - 1][1].getTime()) {
			throw new DomainError('award_dates_order', order[i][0]);
		}
	}
}

/** A new round with the default criteria and rules, in one transaction. */
export async function createRound(
	db: DB,
	actorId: string,
	input: RoundInput,
	token?: FormToken
): Promise<string> {
	checkRoundInput(input);
	return db.transaction().execute((trx) =>
		// A double submit answers with the round the first one created (not 'year taken').
		once(trx, actorId, 'award_round', token, async () => {
			const taken = await trx
				.selectFrom('award_round')
				.select('id')
				.where('year', '=', input.year)
				.executeTakeFirst();
			if (taken) throw new DomainError('award_year_taken', 'year');
			const round = await trx
				.insertInto('award_round')
				.values({
					year: input.year,
					title: input.title.trim(),
					nominations_open_at: input.nominationsOpenAt,
					nominations_close_at: input.nominationsCloseAt,
					regional_jury_until: input.regionalJuryUntil,
					national_jury_until: input.nationalJuryUntil,
					finalists_per_panel: input.finalistsPerPanel,
					eligibility: JSON.stringify(DEFAULT_RULES),
					created_by: actorId
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('award_criterion')
				.values(DEFAULT_CRITERIA.map((c, i) => ({ round_id: round.id, ...c, position: i + 1 })))
				.execute();
			return round.id;
		})
	);
}

/** Title, dates and number of finalists; moving a phase is editing its date. */
export async function updateRound(
	db: DB,
	roundId: string,
	input: Omit<RoundInput, 'year'>,
	now = new Date()
): Promise<void> {
	const round = await requireRound(db, roundId);
	if (phaseAt(round, now).phase === 'published') throw new DomainError('award_published');
	checkRoundInput(input);
	await db
		.updateTable('award_round')
		.set({
			title: input.title.trim(),
			nominations_open_at: input.nominationsOpenAt,
			nominations_close_at: input.nominationsCloseAt,
			regional_jury_until: input.regionalJuryUntil,
			national_jury_until: input.nationalJuryUntil,
			finalists_per_panel: input.finalistsPerPanel
		})
		.where('id', '=', roundId)
		.execute();
}

const RULE_KEYS = [
	'min_years_experience',
	'coached_adult_months',
	'no_win_in_last_years',
	'culture_scan_months'
] as const;

/**
 * The eligibility rules (data); 0 or false switches a rule off. Until nominations close.
 * The numbers are whole and within RULE_LIMITS (rulesSchema in src/lib/schemas/award-admin.ts).
 */
export async function updateRules(
	db: DB,
	roundId: string,
	rules: EligibilityRules,
	now = new Date()
): Promise<void> {
	const round = await requireRound(db, roundId);
	const phase = phaseAt(round, now).phase;
	if (phase !== 'upcoming' && phase !== 'nominations') throw new DomainError('award_rules_locked');
	const clean: EligibilityRules = {};
	if (rules.llo_profile_complete) clean.llo_profile_complete = true;
	for (const key of RULE_KEYS) {
		const v = rules[key];
		if (v) clean[key] = v;
	}
	await db
		.updateTable('award_round')
		.set({ eligibility: JSON.stringify(clean) })
		.where('id', '=', roundId)
		.execute();
}

export interface CriterionInput {
	id: string;
	name: string;
	description: string;
	weight: number;
}

/**
 * Names, descriptions and weights of the criteria, until the juries start. (Their lengths
 * and the weight's range are the form's to check: criteriaSchema.)
 */
export async function updateCriteria(
	db: DB,
	roundId: string,
	input: CriterionInput[],
	now = new Date()
): Promise<void> {
	const round = await requireRound(db, roundId);
	const phase = phaseAt(round, now).phase;
	if (phase !== 'upcoming' && phase !== 'nominations') {
		throw new DomainError('award_criteria_locked');
	}
	const existing = new Set((await criteriaOf(db, roundId)).map((c) => c.id));
	for (const c of input) {
		if (!existing.has(c.id)) throw new DomainError('award_round_not_found');
	}
	await db.transaction().execute(async (trx) => {
		for (const c of input) {
			await trx
				.updateTable('award_criterion')
				.set({ name: c.name.trim(), description: c.description.trim(), weight: c.weight })
				.where('id', '=', c.id)
				.where('round_id', '=', roundId)
				.execute();
		}
	});
}
