import { sql } from 'kysely';
import type { DB } from '../db';
import type { NominationStatus } from '../db/schema';
import type { RequestContext } from '../auth/context';
import { DomainError, isUuid } from '../errors';
import { phaseAt, ROUND_CLOCK_COLUMNS, type Phase } from './phase';
import { requireRound } from './rounds';
import { motivationsOf, nominationSelect } from './received';

/** HR's view of the nominations of its own company's trainers, and its endorsement. */

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
	let query = nominationSelect(db)
		.select([
			'n.id',
			'n.round_id',
			'r.title',
			'r.year',
			...ROUND_CLOCK_COLUMNS,
			'nominee.name',
			'n.status',
			'n.endorsement',
			sql<string | null>`case when n.nominator_named then nominator.name end`.as('nominator_name')
		])
		.where('n.company_id', '=', ctx.company.id)
		.where('n.status', '<>', 'withdrawn');
	if (roundId !== undefined) query = query.where('n.round_id', '=', roundId);
	const rows = await query
		.orderBy('r.year', 'desc')
		.orderBy('nominee.name')
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
