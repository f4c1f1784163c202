import { sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { todayIso } from '../../time';
import { auditAs } from '../accounts/audit';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import { CULTURE_MIN_RESPONSES } from './instrument';

/**
 * What the SBB adviser sees of a company's learning-culture scans (issue 15): always
 * whether and when scans were held (dates and number of answers); the scores per
 * dimension only when HR chose to share them (culture_share, revocable, audited), and
 * only of a closed round with at least CULTURE_MIN_RESPONSES employee answers.
 */
export async function sharingOf(db: DB, ctx: RequestContext): Promise<Date | null> {
	const row = await db
		.selectFrom('culture_share')
		.select('shared_at')
		.where('company_id', '=', ctx.company.id)
		.executeTakeFirst();
	return row?.shared_at ?? null;
}

/** HR shares the results with the adviser, or stops sharing. Idempotent; audited. */
export async function setSharing(db: DB, ctx: RequestContext, share: boolean): Promise<void> {
	await db.transaction().execute(async (trx) => {
		// `returning` says whether a row was written (an insert that conflicted returns none).
		const changed = share
			? await trx
					.insertInto('culture_share')
					.values({ company_id: ctx.company.id, shared_by: ctx.user.id })
					.onConflict((oc) => oc.column('company_id').doNothing())
					.returning('company_id')
					.execute()
			: await trx
					.deleteFrom('culture_share')
					.where('company_id', '=', ctx.company.id)
					.returning('company_id')
					.execute();
		if (changed.length) {
			await auditAs(trx, ctx, {
				action: share ? 'culture.shared_with_adviser' : 'culture.sharing_stopped',
				entityType: 'company',
				entityId: ctx.company.id
			});
		}
	});
}

export interface AdviserCulture {
	rounds: { opensOn: string; closesOn: string; employeeResponses: number }[];
	shared: boolean;
	/** The latest closed round with enough answers, when shared. */
	latest: {
		closesOn: string;
		employeeResponses: number;
		dimensions: { code: string; nl: string; en: string; mean: number }[];
	} | null;
}

/**
 * For the adviser's company page and the election's jury (issue 15), from the maintained
 * round results (migration 0034), in one statement ({@link adviserCultureQuery}); the
 * caller has checked the viewer may see the company and runs this inside it (`inCompany`).
 */
export async function cultureForAdviser(
	db: DB,
	companyId: string,
	today = todayIso()
): Promise<AdviserCulture> {
	const { rounds, shared, latest } = await adviserCultureQuery(
		db,
		companyId,
		today
	).executeTakeFirstOrThrow();
	return { rounds, shared, latest };
}

/**
 * The query of {@link cultureForAdviser}: one row, its columns those of AdviserCulture (the
 * rounds and the latest results as JSON). The adviser's company page reads it as a JSON
 * object inside its own statement (adviser/company.ts). The scores are read only when the
 * company shares them: the sharing is a condition of `latest`, in SQL. The dimensions come
 * from the round's instrument version, in its order, those the round has a mean for.
 */
export function adviserCultureQuery(db: DB, companyId: string, today: string) {
	return db.selectNoFrom((eb) => {
		const shares = eb
			.exists(
				eb
					.selectFrom('culture_share as s')
					.select('s.company_id')
					.where('s.company_id', '=', companyId)
			)
			.$castTo<boolean>();
		return [
			jsonArrayFrom(
				eb
					.selectFrom('culture_round as r')
					.leftJoin('culture_round_result as x', 'x.round_id', 'r.id')
					.select([
						'r.opens_on as opensOn',
						'r.closes_on as closesOn',
						sql<number>`coalesce(x.employees, 0)`.as('employeeResponses')
					])
					.where('r.company_id', '=', companyId)
					.where('r.opens_on', '<=', today)
					.orderBy('r.opens_on', 'desc')
			).as('rounds'),
			shares.as('shared'),
			jsonObjectFrom(
				eb
					.selectFrom('culture_round as r')
					.innerJoin('culture_round_result as x', 'x.round_id', 'r.id')
					.select((sub) => [
						'r.closes_on as closesOn',
						'x.employees as employeeResponses',
						jsonArrayFrom(
							sub
								.selectFrom('culture_dimension as d')
								.select([
									'd.code',
									'd.name_nl as nl',
									'd.name_en as en',
									sql<number>`(x.means ->> d.code)::float8`.as('mean')
								])
								.whereRef('d.version_id', '=', 'r.version_id')
								.where(sql<boolean>`x.means ? d.code`)
								.orderBy('d.position')
						).as('dimensions')
					])
					.where('r.company_id', '=', companyId)
					.where('r.opens_on', '<=', today)
					.where('r.closes_on', '<', today)
					.where('x.employees', '>=', CULTURE_MIN_RESPONSES)
					.where(shares)
					.orderBy('r.opens_on', 'desc')
					.limit(1)
			).as('latest')
		];
	});
}
