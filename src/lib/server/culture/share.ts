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

/** For the adviser's company page; the caller has checked the adviser may see the company. */
export async function cultureForAdviser(
	db: DB,
	companyId: string,
	today = todayIso()
): Promise<AdviserCulture> {
	const [rounds, share] = await Promise.all([
		db
			.selectFrom('culture_round as r')
			.select([
				'r.id',
				'r.version_id',
				'r.opens_on',
				'r.closes_on',
				sql<number>`(select count(*) from culture_response x where x.round_id = r.id and x.audience = 'employee')::int`.as(
					'employees'
				)
			])
			.where('r.company_id', '=', companyId)
			.where('r.opens_on', '<=', today)
			.orderBy('r.opens_on', 'desc')
			.execute(),
		db
			.selectFrom('culture_share')
			.select('company_id')
			.where('company_id', '=', companyId)
			.executeTakeFirst()
	]);
	const result: AdviserCulture = {
		rounds: rounds.map((r) => ({
			opensOn: r.opens_on,
			closesOn: r.closes_on,
			employeeResponses: r.employees
		})),
		shared: !!share,
		latest: null
	};
	const latest = share
		? rounds.find((r) => r.closes_on < today && r.employees >= CULTURE_MIN_RESPONSES)
		: undefined;
	if (latest) {
		const [instrument, means] = await Promise.all([
			instrumentOf(db, latest.version_id),
			sql<{ code: string; mean: number }>`
				select d.code, round(avg(a.value::int), 2)::float8 as mean
				from culture_response r
				cross join lateral jsonb_each_text(r.answers) a(statement_id, value)
				join culture_statement s on s.id = a.statement_id::int and s.audience = 'employee'
				join culture_dimension d on d.id = s.dimension_id
				where r.round_id = ${latest.id} and r.company_id = ${companyId} and r.audience = 'employee'
				group by d.code`.execute(db)
		]);
		const byCode = new Map(means.rows.map((r) => [r.code, Number(r.mean)]));
		result.latest = {
			closesOn: latest.closes_on,
			employeeResponses: latest.employees,
			dimensions: instrument!.dimensions
				.filter((d) => byCode.has(d.code))
				.map((d) => ({ code: d.code, nl: d.nl, en: d.en, mean: byCode.get(d.code)! }))
		};
	}
	return result;
}
