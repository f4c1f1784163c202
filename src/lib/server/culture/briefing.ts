import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { todayIso } from '../../time';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import { jsonRows } from '../db/json';
import { CULTURE_MIN_RESPONSES } from './instrument';
import { actionSelect, toAction, type CultureAction } from './plan';
import { findingsOf, type Finding } from './results';

/**
 * What a conversation planned from the template "Leercultuur in het team" (migration 0033)
 * brings to the table (issue 15): the company's latest closed scan with results — what
 * stands out, in words — and its improvement plan's open actions. Only figures over 5 or
 * more answers (the results' own rule), so a learner in the conversation sees what HR
 * sees of the team and nothing about a person.
 */
export interface CultureBriefing {
	roundId: string;
	closesOn: string;
	employeeResponses: number;
	findings: (Finding & { nl: string; en: string })[];
	actions: CultureAction[];
}

/** The answers to one dimension's statements of one audience in one round: their sum and number. */
interface AnswerSum {
	round_id: string;
	audience: 'employee' | 'management';
	code: string;
	total: number;
	n: number;
}

/**
 * The briefing's data in one statement (issue 20), for cultureBriefing and for the
 * conversation page, which reads it inside its own statement (conversations/view.ts): the
 * company's latest closed round with results (culture_round_result, maintained by
 * triggers, migration 0034), the previous one as roundResults finds it, the dimensions'
 * names in the instrument's order, the answers summed per round, audience and dimension,
 * and the plan's open and ongoing actions. Not roundResults itself: the briefing names
 * only findings, which need neither the comparisons with region and sector (a read that
 * may refresh them) nor the distributions, the teams or the open answers.
 */
export function briefingQuery(db: DB, ctx: RequestContext, today: string) {
	const co = ctx.company.id;
	return db
		.selectFrom('culture_round_result as r')
		.innerJoin('culture_round as cr', (j) =>
			j.onRef('cr.company_id', '=', 'r.company_id').onRef('cr.id', '=', 'r.round_id')
		)
		.leftJoinLateral(
			(eb) =>
				eb
					.selectFrom('culture_round_result as p')
					.select('p.round_id')
					.where('p.company_id', '=', co)
					.whereRef('p.closes_on', '<', 'cr.opens_on')
					.where('p.employees', '>=', CULTURE_MIN_RESPONSES)
					.orderBy('p.closes_on', 'desc')
					.limit(1)
					.as('p'),
			(j) => j.onTrue()
		)
		.select((eb) => [
			'r.round_id',
			'r.closes_on',
			'r.employees',
			'p.round_id as previous_id',
			jsonArrayFrom(
				eb
					.selectFrom('culture_dimension as d')
					.select(['d.code', 'd.name_nl as nl', 'd.name_en as en'])
					.whereRef('d.version_id', '=', 'cr.version_id')
					.orderBy('d.position')
			).as('dimensions'),
			// Per statement's audience, as roundResults counts them: sums, not means, so
			// the means below are the same numbers to the last digit.
			jsonRows(sql<AnswerSum>`
				select x.round_id, s.audience, d.code, sum(a.value::int)::int as total,
					count(*)::int as n
				from culture_response x
				cross join lateral jsonb_each_text(x.answers) a(statement_id, value)
				join culture_statement s on s.id = a.statement_id::int
				join culture_dimension d on d.id = s.dimension_id
				where x.company_id = ${co} and x.round_id in (r.round_id, p.round_id)
				group by x.round_id, s.audience, d.code`).as('answers'),
			jsonArrayFrom(
				actionSelect(db, co)
					.where('a.round_id', '=', eb.ref('r.round_id'))
					.where('a.status', 'in', ['open', 'in_progress'])
			).as('actions')
		])
		.where('r.company_id', '=', co)
		.where('r.closes_on', '<', today)
		.where('r.employees', '>=', CULTURE_MIN_RESPONSES)
		.orderBy('r.closes_on', 'desc')
		.limit(1);
}

export type BriefingRow = Awaited<ReturnType<ReturnType<typeof briefingQuery>['execute']>>[number];

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The briefing from its row: the dimensions' means, gaps and changes as roundResults
 * computes them (employees' results are shown: the round has CULTURE_MIN_RESPONSES
 * employee answers), named by findingsOf, the one place the findings' rules live.
 */
export function briefingOf(row: BriefingRow, today: string): CultureBriefing {
	const meanOf = (roundId: string | null, audience: AnswerSum['audience'], code: string) => {
		const s = row.answers.find(
			(x) => x.round_id === roundId && x.audience === audience && x.code === code
		);
		return s?.n ? s.total / s.n : null;
	};
	// findingsOf reads a dimension's code, mean, gap and change; the rest of a
	// DimensionResult (distributions, comparisons) is the results page's.
	const dimensions = row.dimensions.map((dim) => {
		const mean = meanOf(row.round_id, 'employee', dim.code);
		const management = meanOf(row.round_id, 'management', dim.code);
		const previous = row.previous_id ? meanOf(row.previous_id, 'employee', dim.code) : null;
		return {
			code: dim.code,
			mean: mean === null ? null : round2(mean),
			gap: mean !== null && management !== null ? round2(management - mean) : null,
			change: mean !== null && previous !== null ? round2(mean - previous) : null
		};
	});
	const names = new Map(row.dimensions.map((d) => [d.code, { nl: d.nl, en: d.en }]));
	return {
		roundId: row.round_id,
		closesOn: row.closes_on,
		employeeResponses: row.employees,
		findings: findingsOf(dimensions).map((f) => ({
			...f,
			...(names.get(f.code) ?? { nl: f.code, en: f.code })
		})),
		// Open and ongoing only (the query's filter).
		actions: row.actions.map((a) => toAction(a, today))
	};
}

/** The briefing, or null when the company has no closed scan with results. One statement. */
export async function cultureBriefing(
	db: DB,
	ctx: RequestContext,
	today = todayIso()
): Promise<CultureBriefing | null> {
	const row = await briefingQuery(db, ctx, today).executeTakeFirst();
	return row ? briefingOf(row, today) : null;
}
