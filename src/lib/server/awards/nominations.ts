import { sql } from 'kysely';
import type { DB } from '../db';
import type { NominationStatus } from '../db/schema';
import { DomainError, isUuid } from '../errors';
import { deliverNow, enqueueMail } from '../mail/outbox';
import { phaseAt } from './phase';
import {
	criteriaFromJson,
	criteriaJson,
	criteriaOf,
	currentRoundQuery,
	requireRound,
	type Criterion,
	type CriterionJson,
	type Round
} from './rounds';
import { chosenTrainer, eligibilityOf, searchTrainers } from './eligibility';
import { once, type FormToken } from '../once';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';

/**
 * A nominator's nomination: made, changed or withdrawn while nominations are open. The
 * nominee's answer is in ./received.ts, HR's endorsement in ./endorsements.ts.
 */

/** A motivation must say something: at least this many characters per criterion. */
export const MIN_MOTIVATION = 40;

export const MAX_MOTIVATION = 2000;

export interface NominationInput {
	motivations: Record<string, string>;
	evidence: string;
	nominatorNamed: boolean;
}

async function checkInput(db: DB, round: Round, input: NominationInput) {
	const criteria = await criteriaOf(db, round.id);
	for (const c of criteria) {
		const text = (input.motivations[c.id] ?? '').trim();
		if (text.length < MIN_MOTIVATION) {
			throw new DomainError('award_motivation_too_short', `motivation_${c.id}`);
		}
		if (text.length > MAX_MOTIVATION) {
			throw new DomainError('award_motivation_too_long', `motivation_${c.id}`);
		}
	}
	return criteria;
}

export function nominationsOpen(round: Round, now: Date) {
	if (phaseAt(round, now).phase !== 'nominations') {
		throw new DomainError('award_nominations_closed');
	}
}

/**
 * A nomination: only while nominations are open, of an eligible trainer (with the
 * reasons when not), one per nominator per round (the partial unique index is the
 * last word when two requests race). The nominee gets a mail and must accept.
 */
export async function nominate(
	db: DB,
	nominatorId: string,
	roundId: string,
	nominee: { userId: string; companyId: string },
	input: NominationInput,
	origin: string,
	now = new Date(),
	token?: FormToken
): Promise<string> {
	const round = await requireRound(db, roundId);
	nominationsOpen(round, now);
	if (!isUuid(nominee.userId) || !isUuid(nominee.companyId)) {
		throw new DomainError('award_nominee_required', 'nominee');
	}
	if (nominee.userId === nominatorId) throw new DomainError('award_self_nomination', 'nominee');
	const eligibility = await eligibilityOf(db, roundId, nominee.userId, nominee.companyId, now);
	if (!eligibility.eligible) throw new DomainError('award_not_eligible', 'nominee');
	const criteria = await checkInput(db, round, input);
	let mails: number[] = [];
	// The nominator's nomination in any company, and the new one in the nominee's: the wall
	// opens for the transaction.
	const id = await acrossCompanies(CROSS_COMPANY.electionNominations, () =>
		db.transaction().execute((trx) =>
			// A double submit answers with the first nomination (not 'already nominated').
			once(trx, nominatorId, `nomination:${roundId}`, token, async () => {
				const existing = await trx
					.selectFrom('nomination')
					.select('id')
					.where('round_id', '=', roundId)
					.where('nominator_id', '=', nominatorId)
					.where('status', '<>', 'withdrawn')
					.executeTakeFirst();
				if (existing) throw new DomainError('award_already_nominated');
				const row = await trx
					.insertInto('nomination')
					.values({
						round_id: roundId,
						nominator_id: nominatorId,
						nominee_id: nominee.userId,
						company_id: nominee.companyId,
						evidence: input.evidence.trim(),
						nominator_named: input.nominatorNamed
					})
					.onConflict((oc) =>
						oc.columns(['round_id', 'nominator_id']).where('status', '<>', 'withdrawn').doNothing()
					)
					.returning('id')
					.executeTakeFirst();
				if (!row) throw new DomainError('award_already_nominated');
				await trx
					.insertInto('nomination_motivation')
					.values(
						criteria.map((c) => ({
							nomination_id: row.id,
							criterion_id: c.id,
							text: input.motivations[c.id].trim()
						}))
					)
					.execute();
				const to = await trx
					.selectFrom('app_user')
					.select(['email', 'name'])
					.where('id', '=', nominee.userId)
					.executeTakeFirstOrThrow();
				mails = await enqueueMail(trx, 'nomination', [
					{
						to: to.email,
						subject: `Je bent genomineerd: ${round.title}`,
						text: [
							`Beste ${to.name},`,
							'',
							`Je bent genomineerd voor ${round.title}.`,
							'Je nominatie telt pas mee als je hem accepteert. Bekijk de motivatie en geef je antwoord op:',
							`${origin}/verkiezing/mijn-nominaties`,
							'',
							'Vakmaat'
						].join('\n')
					}
				]);
				return row.id;
			})
		)
	);
	await deliverNow(db, mails);
	return id;
}

export interface OwnNomination {
	id: string;
	nomineeName: string;
	companyName: string;
	status: NominationStatus;
	evidence: string;
	nominatorNamed: boolean;
	motivations: Record<string, string>;
}

export interface ElectionRound {
	/** The current round (see currentRound), null when there is none. */
	round: Round | null;
	/** Published rounds, newest first (see publishedYears). */
	years: number[];
	/** The current round's criteria; none without a round. */
	criteria: Criterion[];
	/** Whether the user has an own (not withdrawn) nomination in the current round. */
	hasNomination: boolean;
}

/**
 * What the election page shows before any search, in one statement (issue 20): the
 * current round, the published years, the round's criteria and whether the user already
 * nominated someone in it. The nomination may lie in any company, so the wall opens for
 * this statement; everything else in it is platform data (rounds and criteria).
 */
export async function electionRound(
	db: DB,
	userId: string,
	now = new Date()
): Promise<ElectionRound> {
	const { rows } = await acrossCompanies(CROSS_COMPANY.electionNominations, () =>
		sql<
			{ [K in keyof Round]: Round[K] | null } & {
				years: number[];
				criteria: CriterionJson[];
				has_nomination: boolean;
			}
		>`
		with cur as ${currentRoundQuery(db)}
		select cur.*,
			array(select y.year from award_round y where y.results_published_at <= ${now}
				order by y.year desc) as years,
			${criteriaJson(sql.ref('cur.id'))} as criteria,
			exists (select 1 from nomination n where n.round_id = cur.id
				and n.nominator_id = ${userId} and n.status <> 'withdrawn') as has_nomination
		from (values (1)) as one (x)
		left join cur on true`.execute(db)
	);
	const { years, criteria, has_nomination, ...round } = rows[0];
	return {
		round: round.id === null ? null : (round as Round),
		years: years.map(Number),
		criteria: criteriaFromJson(criteria),
		hasNomination: has_nomination === true
	};
}

/**
 * The election page's data (without its form), in at most three statements (issue 20):
 * the round with the published years, its criteria and whether the user nominated
 * (electionRound); the trainer search (`q`, see searchTrainers); a chosen trainer at a
 * company with their eligibility (chosenTrainer). Without a current round only the years.
 */
export async function electionPage(
	db: DB,
	userId: string,
	search: { q: string; trainer: string; company: string },
	now = new Date()
) {
	const { round, years, criteria, hasNomination } = await electionRound(db, userId, now);
	if (!round) return { round: null, years };
	const [hits, { chosen, eligibility }] = await Promise.all([
		searchTrainers(db, search.q),
		chosenTrainer(db, round.id, search.trainer, search.company, now)
	]);
	return {
		round: { id: round.id, year: round.year, title: round.title },
		state: phaseAt(round, now),
		criteria,
		hasNomination,
		q: search.q,
		hits,
		chosen,
		eligibility,
		years
	};
}

/** The nominator's own (not withdrawn) nomination in a round. */
export async function ownNomination(
	db: DB,
	userId: string,
	roundId: string
): Promise<OwnNomination | null> {
	// The nominee may work in any company: the wall opens for this one query.
	const n = await acrossCompanies(CROSS_COMPANY.electionNominations, () =>
		db
			.selectFrom('nomination as n')
			.innerJoin('app_user as u', 'u.id', 'n.nominee_id')
			.innerJoin('company as c', 'c.id', 'n.company_id')
			.select([
				'n.id',
				'u.name',
				'c.name as company_name',
				'n.status',
				'n.evidence',
				'n.nominator_named'
			])
			.where('n.round_id', '=', roundId)
			.where('n.nominator_id', '=', userId)
			.where('n.status', '<>', 'withdrawn')
			.executeTakeFirst()
	);
	if (!n) return null;
	const motivations = await db
		.selectFrom('nomination_motivation')
		.select(['criterion_id', 'text'])
		.where('nomination_id', '=', n.id)
		.execute();
	return {
		id: n.id,
		nomineeName: n.name,
		companyName: n.company_name,
		status: n.status,
		evidence: n.evidence,
		nominatorNamed: n.nominator_named,
		motivations: Object.fromEntries(motivations.map((m) => [m.criterion_id, m.text]))
	};
}

export async function updateNomination(
	db: DB,
	userId: string,
	roundId: string,
	input: NominationInput,
	now = new Date()
): Promise<void> {
	const round = await requireRound(db, roundId);
	nominationsOpen(round, now);
	const own = await ownNomination(db, userId, roundId);
	if (!own) throw new DomainError('award_nomination_not_found');
	const criteria = await checkInput(db, round, input);
	// The nomination lies in the nominee's company: the wall opens for the transaction.
	await acrossCompanies(CROSS_COMPANY.electionNominations, () =>
		db.transaction().execute(async (trx) => {
			await trx
				.updateTable('nomination')
				.set({
					evidence: input.evidence.trim(),
					nominator_named: input.nominatorNamed,
					updated_at: now
				})
				.where('id', '=', own.id)
				.execute();
			for (const c of criteria) {
				await trx
					.insertInto('nomination_motivation')
					.values({
						nomination_id: own.id,
						criterion_id: c.id,
						text: input.motivations[c.id].trim()
					})
					.onConflict((oc) =>
						oc
							.columns(['nomination_id', 'criterion_id'])
							.doUpdateSet({ text: input.motivations[c.id].trim() })
					)
					.execute();
			}
		})
	);
}

export async function withdrawNomination(
	db: DB,
	userId: string,
	roundId: string,
	now = new Date()
) {
	const round = await requireRound(db, roundId);
	nominationsOpen(round, now);
	// The nomination lies in the nominee's company: the wall opens for this one update.
	const result = await acrossCompanies(CROSS_COMPANY.electionNominations, () =>
		db
			.updateTable('nomination')
			.set({ status: 'withdrawn', updated_at: now })
			.where('round_id', '=', roundId)
			.where('nominator_id', '=', userId)
			.where('status', '<>', 'withdrawn')
			.executeTakeFirst()
	);
	if (!result.numUpdatedRows) throw new DomainError('award_nomination_not_found');
}
