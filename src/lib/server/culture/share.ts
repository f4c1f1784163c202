import { sql } from 'kysely';
import { todayIso } from '../../time';
import { auditAs } from '../accounts/audit';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import { CULTURE_MIN_RESPONSES, instrumentOf } from './instrument';

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
 * round results (migration 0034); the caller has checked the viewer may see the company
 * and runs this inside it (`inCompany`).
 */
export async function cultureForAdviser(
	db: DB,
	companyId: string,
	today = todayIso()
): Promise<AdviserCulture> {
	const rounds = await db
		.selectFrom('culture_round as r')
		.leftJoin('culture_round_result as x', 'x.round_id', 'r.id')
		.select([
			'r.version_id',
			'r.opens_on',
			'r.closes_on',
			sql<number>`coalesce(x.employees, 0)`.as('employees'),
			sql<Record<string, number> | null>`x.means`.as('means'),
			sql<boolean>`exists (select 1 from culture_share s where s.company_id = r.company_id)`.as(
				'shared'
			)
		])
		.where('r.company_id', '=', companyId)
		.where('r.opens_on', '<=', today)
		.orderBy('r.opens_on', 'desc')
		.execute();
	// Without rounds, whether the company shares takes one more look.
	const shared = rounds.length
		? rounds[0].shared
		: !!(await db
				.selectFrom('culture_share')
				.select('company_id')
				.where('company_id', '=', companyId)
				.executeTakeFirst());
	const result: AdviserCulture = {
		rounds: rounds.map((r) => ({
			opensOn: r.opens_on,
			closesOn: r.closes_on,
			employeeResponses: r.employees
		})),
		shared,
		latest: null
	};
	const latest = shared
		? rounds.find((r) => r.closes_on < today && r.employees >= CULTURE_MIN_RESPONSES)
		: undefined;
	if (latest?.means) {
		const instrument = await instrumentOf(db, latest.version_id);
		const means = latest.means;
		result.latest = {
			closesOn: latest.closes_on,
			employeeResponses: latest.employees,
			dimensions: instrument!.dimensions
				.filter((d) => d.code in means)
				.map((d) => ({ code: d.code, nl: d.nl, en: d.en, mean: Number(means[d.code]) }))
		};
	}
	return result;
}
