import { sql } from 'kysely';
import type { DB } from '../db';
import type { NominationStatus } from '../db/schema';
import type { RequestContext } from '../auth/context';
import { DomainError, isUuid } from '../errors';
import { deliverNow, enqueueMail } from '../mail/outbox';
import { phaseAt, ROUND_CLOCK_COLUMNS, type Phase } from './phase';
import { criteriaOf, requireRound, type Round } from './rounds';
import { once, type FormToken } from '../once';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies, inCompany } from '../db/scope';

/** A motivation must say something: at least this many characters per criterion. */
export const MIN_MOTIVATION = 40;
export const MAX_MOTIVATION = 2000;

export type RuleCode =
	| 'trainer_at_company'
	| 'llo_profile_complete'
	| 'min_years_experience'
	| 'coached_adult_months'
	| 'no_win_in_last_years';

export interface RuleVerdict {
	rule: RuleCode;
	ok: boolean;
	value: number | null;
}

export interface Eligibility {
	eligible: boolean;
	rules: RuleVerdict[];
}

/**
 * The round's rules for a trainer at a company, from the SQL function
 * award_eligibility (migration 0011): one verdict per rule, with its threshold.
 */
export async function eligibilityOf(
	db: DB,
	roundId: string,
	userId: string,
	companyId: string,
	now = new Date()
): Promise<Eligibility> {
	// The trainer's record at this one company: the wall shows it alone.
	const rows = await inCompany(companyId, () =>
		sql<RuleVerdict>`
			select rule, ok, value from award_eligibility(${roundId}::uuid, ${userId}::uuid, ${companyId}::uuid, ${now}::timestamptz)`.execute(
			db
		)
	);
	const rules = rows.rows.map((r) => ({ rule: r.rule, ok: r.ok === true, value: r.value }));
	return { eligible: rules.length > 0 && rules.every((r) => r.ok), rules };
}

export interface TrainerHit {
	userId: string;
	name: string;
	companyId: string;
	companyName: string;
	city: string;
}

/** Trainers in the system by name or company (at least two characters), at most 20. */
export async function searchTrainers(db: DB, q: string): Promise<TrainerHit[]> {
	const term = q.trim();
	if (term.length < 2) return [];
	const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	// Trainers of every company may be nominated: the wall opens for this one query.
	const rows = await acrossCompanies(CROSS_COMPANY.electionNominations, () =>
		trainerRows(db, like)
	);
	return rows.map((r) => ({
		userId: r.user_id,
		name: r.name,
		companyId: r.company_id,
		companyName: r.company_name,
		city: r.city
	}));
}

function trainerRows(db: DB, like: string) {
	return db
		.selectFrom('membership as m')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.innerJoin('company as c', 'c.id', 'm.company_id')
		.select(['u.id as user_id', 'u.name', 'c.id as company_id', 'c.name as company_name', 'c.city'])
		.where('m.deactivated_at', 'is', null)
		.where(sql<boolean>`'trainer' = any(m.roles)`)
		.where((eb) => eb.or([eb('u.name', 'ilike', like), eb('c.name', 'ilike', like)]))
		.orderBy('u.name')
		.orderBy('c.name')
		.limit(20)
		.execute();
}

export async function trainerAt(
	db: DB,
	userId: string,
	companyId: string
): Promise<TrainerHit | null> {
	if (!isUuid(userId) || !isUuid(companyId)) return null;
	// One membership in one company: the wall shows that company alone.
	const r = await inCompany(companyId, () =>
		db
			.selectFrom('membership as m')
			.innerJoin('app_user as u', 'u.id', 'm.user_id')
			.innerJoin('company as c', 'c.id', 'm.company_id')
			.select([
				'u.id as user_id',
				'u.name',
				'c.id as company_id',
				'c.name as company_name',
				'c.city'
			])
			.where('m.user_id', '=', userId)
			.where('m.company_id', '=', companyId)
			.where('m.deactivated_at', 'is', null)
			.where(sql<boolean>`'trainer' = any(m.roles)`)
			.executeTakeFirst()
	);
	return r
		? {
				userId: r.user_id,
				name: r.name,
				companyId: r.company_id,
				companyName: r.company_name,
				city: r.city
			}
		: null;
}

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
	if (input.evidence.length > 2000) throw new DomainError('award_evidence_too_long', 'evidence');
	return criteria;
}

function nominationsOpen(round: Round, now: Date) {
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

export interface ReceivedNomination {
	id: string;
	roundId: string;
	year: number;
	title: string;
	companyName: string;
	status: NominationStatus;
	publishConsent: boolean;
	nominatorName: string | null;
	canRespond: boolean;
	motivations: { criterion: string; text: string }[];
}

/** The motivations of some nominations in one query, per nomination in criterion order. */
async function motivationsOf(
	db: DB,
	nominationIds: string[]
): Promise<Map<string, { criterion: string; text: string }[]>> {
	const result = new Map<string, { criterion: string; text: string }[]>();
	if (!nominationIds.length) return result;
	const rows = await db
		.selectFrom('nomination_motivation as nm')
		.innerJoin('award_criterion as ac', 'ac.id', 'nm.criterion_id')
		.select(['nm.nomination_id', 'ac.name', 'nm.text'])
		.where('nm.nomination_id', 'in', nominationIds)
		.orderBy('ac.position')
		.execute();
	for (const r of rows) {
		const list = result.get(r.nomination_id) ?? [];
		list.push({ criterion: r.name, text: r.text });
		result.set(r.nomination_id, list);
	}
	return result;
}

/** The nominations a trainer received (not withdrawn), newest round first. */
export async function receivedNominations(
	db: DB,
	nomineeId: string,
	now = new Date()
): Promise<ReceivedNomination[]> {
	// Nominated in any company the trainer works in: the wall opens for this one query.
	const rows = await acrossCompanies(CROSS_COMPANY.receivedNominations, () =>
		db
			.selectFrom('nomination as n')
			.innerJoin('award_round as r', 'r.id', 'n.round_id')
			.innerJoin('company as c', 'c.id', 'n.company_id')
			.innerJoin('app_user as nominator', 'nominator.id', 'n.nominator_id')
			.select([
				'n.id',
				'n.round_id',
				'r.year',
				'r.title',
				...ROUND_CLOCK_COLUMNS,
				'c.name as company_name',
				'n.status',
				'n.publish_consent',
				'n.nominator_named',
				'nominator.name as nominator_name'
			])
			.where('n.nominee_id', '=', nomineeId)
			.where('n.status', '<>', 'withdrawn')
			.orderBy('r.year', 'desc')
			.orderBy('n.created_at')
			.execute()
	);
	const motivations = await motivationsOf(
		db,
		rows.map((r) => r.id)
	);
	return rows.map((r) => ({
		id: r.id,
		roundId: r.round_id,
		year: r.year,
		title: r.title,
		companyName: r.company_name,
		status: r.status,
		publishConsent: r.publish_consent,
		nominatorName: r.nominator_named ? r.nominator_name : null,
		canRespond: phaseAt(r, now).phase === 'nominations',
		motivations: motivations.get(r.id) ?? []
	}));
}

/** The nominee accepts (optionally agreeing to publish the motivation) or declines. */
export async function respondToNomination(
	db: DB,
	nomineeId: string,
	nominationId: string,
	accept: boolean,
	publishConsent: boolean,
	now = new Date()
): Promise<void> {
	if (!isUuid(nominationId)) throw new DomainError('award_nomination_not_found');
	// The nominee's own nomination, in whichever company: the wall opens for these two queries.
	const n = await acrossCompanies(CROSS_COMPANY.receivedNominations, () =>
		db
			.selectFrom('nomination')
			.select(['round_id'])
			.where('id', '=', nominationId)
			.where('nominee_id', '=', nomineeId)
			.where('status', '<>', 'withdrawn')
			.executeTakeFirst()
	);
	if (!n) throw new DomainError('award_nomination_not_found');
	nominationsOpen(await requireRound(db, n.round_id), now);
	await acrossCompanies(CROSS_COMPANY.receivedNominations, () =>
		db
			.updateTable('nomination')
			.set({
				status: accept ? 'accepted' : 'declined',
				publish_consent: accept && publishConsent,
				consented_at: now,
				updated_at: now
			})
			.where('id', '=', nominationId)
			.where('nominee_id', '=', nomineeId)
			.execute()
	);
}

export interface HrNomination {
	id: string;
	nomineeName: string;
	status: NominationStatus;
	/** Null unless the nominator agreed to be named. */
	nominatorName: string | null;
	endorsement: string | null;
	/** HR may still add or change its endorsement (nominations or regional jury phase). */
	canEndorse: boolean;
	motivations: { criterion: string; text: string }[];
}

export interface HrNominationRound {
	roundId: string;
	title: string;
	year: number;
	phase: Phase;
	nominations: HrNomination[];
}

/**
 * HR: the nominations of its own company's trainers (tenant-scoped), per round, newest
 * round first: every round that concerns its trainers, not only the newest (a round
 * being judged and the next one open for nominations run side by side). With a round
 * id, that round only.
 */
export async function companyNominations(
	db: DB,
	ctx: RequestContext,
	roundId?: string,
	now = new Date()
): Promise<HrNominationRound[]> {
	let query = db
		.selectFrom('nomination as n')
		.innerJoin('award_round as r', 'r.id', 'n.round_id')
		.innerJoin('app_user as u', 'u.id', 'n.nominee_id')
		.innerJoin('app_user as nominator', 'nominator.id', 'n.nominator_id')
		.select([
			'n.id',
			'n.round_id',
			'r.title',
			'r.year',
			...ROUND_CLOCK_COLUMNS,
			'u.name',
			'n.status',
			'n.endorsement',
			sql<string | null>`case when n.nominator_named then nominator.name end`.as('nominator_name')
		])
		.where('n.company_id', '=', ctx.company.id)
		.where('n.status', '<>', 'withdrawn');
	if (roundId !== undefined) query = query.where('n.round_id', '=', roundId);
	const rows = await query
		.orderBy('r.year', 'desc')
		.orderBy('u.name')
		.orderBy('n.created_at')
		.execute();
	const motivations = await motivationsOf(
		db,
		rows.map((r) => r.id)
	);
	const rounds = new Map<string, HrNominationRound>();
	for (const r of rows) {
		let round = rounds.get(r.round_id);
		if (!round) {
			round = {
				roundId: r.round_id,
				title: r.title,
				year: r.year,
				phase: phaseAt(r, now).phase,
				nominations: []
			};
			rounds.set(r.round_id, round);
		}
		round.nominations.push({
			id: r.id,
			nomineeName: r.name,
			status: r.status,
			nominatorName: r.nominator_name,
			endorsement: r.endorsement,
			canEndorse: round.phase === 'nominations' || round.phase === 'regional_jury',
			motivations: motivations.get(r.id) ?? []
		});
	}
	return [...rounds.values()];
}

/** HR's endorsement of a nomination of its own company, until the regional jury ends. */
export async function endorseNomination(
	db: DB,
	ctx: RequestContext,
	nominationId: string,
	text: string,
	now = new Date()
): Promise<void> {
	if (!isUuid(nominationId)) throw new DomainError('award_nomination_not_found');
	const n = await db
		.selectFrom('nomination')
		.select('round_id')
		.where('company_id', '=', ctx.company.id)
		.where('id', '=', nominationId)
		.where('status', '<>', 'withdrawn')
		.executeTakeFirst();
	if (!n) throw new DomainError('award_nomination_not_found');
	const phase = phaseAt(await requireRound(db, n.round_id), now).phase;
	if (phase !== 'nominations' && phase !== 'regional_jury') {
		throw new DomainError('award_endorsement_closed');
	}
	const body = text.trim();
	if (!body) throw new DomainError('award_endorsement_required', 'endorsement');
	if (body.length > 2000) throw new DomainError('award_evidence_too_long', 'endorsement');
	await db
		.updateTable('nomination')
		.set({ endorsement: body, endorsed_by: ctx.user.id, endorsed_at: now })
		.where('company_id', '=', ctx.company.id)
		.where('id', '=', nominationId)
		.execute();
}
