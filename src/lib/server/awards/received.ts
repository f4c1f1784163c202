import type { DB } from '../db';
import type { NominationStatus } from '../db/schema';
import { DomainError } from '../errors';
import { phaseAt, ROUND_CLOCK_COLUMNS } from './phase';
import { requireRound } from './rounds';
import { nominationsOpen } from './nominations';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';

/** The nominations a trainer received, in any company, and their answer to each. */

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
/**
 * Nominations (`n`) with their round (`r`), company (`c`), nominee (`nominee`) and
 * nominator (`nominator`, none for a withdrawn account), for a statement to narrow and
 * select from: HR's list, the nominee's own, the personal-data export.
 */
export function nominationSelect(db: DB) {
	return db
		.selectFrom('nomination as n')
		.innerJoin('award_round as r', 'r.id', 'n.round_id')
		.innerJoin('company as c', 'c.id', 'n.company_id')
		.innerJoin('app_user as nominee', 'nominee.id', 'n.nominee_id')
		.leftJoin('app_user as nominator', 'nominator.id', 'n.nominator_id');
}

export async function motivationsOf(
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
		nominationSelect(db)
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
