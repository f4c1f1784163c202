import { sql } from 'kysely';
import { todayIso } from '../../time';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import { ATTENTION_BELOW, CULTURE_MIN_RESPONSES, instrumentOf, STRENGTH_FROM } from './instrument';

export { ATTENTION_BELOW, STRENGTH_FROM };
import {
	benchmarksOf,
	CULTURE_BENCHMARK_MONTHS,
	CULTURE_MIN_COMPANIES,
	type CultureBenchmark
} from './benchmark';
import { roundOf, roundState, type RoundState } from './rounds';

/** Management's intent this much above the employees' experience is a point of attention. */
export const GAP_FROM = 0.75;

export interface DimensionResult {
	code: string;
	nl: string;
	en: string;
	descriptionNl: string;
	descriptionEn: string;
	/** Employees: mean over every answer to the dimension's statements (1–5), null when hidden. */
	mean: number | null;
	/** Share of answers 1…5 (0–1), null when hidden. */
	distribution: number[] | null;
	/** Management's strategy scan: its mean, null without answers. */
	management: number | null;
	/** management − employees. */
	gap: number | null;
	/** Employees' mean in the previous round with results, and the change since. */
	previous: number | null;
	change: number | null;
	/** The mean of the companies' means in the company's region and sector, null under CULTURE_MIN_COMPANIES. */
	region: number | null;
	sector: number | null;
}

/** What the comparison columns compare with (issue 15). */
export interface Comparison {
	name: string;
	/** Companies with a closed round with enough answers in the last CULTURE_BENCHMARK_MONTHS. */
	companies: number;
	/** Enough companies for at least one dimension. */
	shown: boolean;
}

export interface Finding {
	kind: 'strength' | 'low' | 'gap' | 'down';
	code: string;
	value: number;
}

/** One row of the breakdown by team: a team, the team not stated, or the small ones together. */
export interface TeamRow {
	/** The team's name; null with `kind` 'not_stated' or 'other'. */
	name: string | null;
	kind: 'team' | 'not_stated' | 'other';
	/** Employees who answered. */
	n: number;
	/** Mean per dimension code. */
	means: Record<string, number | null>;
}

/**
 * Results per team (migration 0036): only after the round has closed (while it is open, a
 * team's mean moving with one new answer would tell what that answer was), and only where
 * every row has CULTURE_MIN_RESPONSES answers or more. Teams with fewer, and answers
 * without a team, are one row together; when that row is still too small, or fewer than
 * two rows remain, there is no breakdown (the rows always add up to the whole, so one row
 * held back would be the whole minus the others).
 */
export interface TeamBreakdown {
	teams: string[];
	state: 'open' | 'too_few' | 'shown';
	rows: TeamRow[];
}

export interface RoundResults {
	id: string;
	state: RoundState;
	opensOn: string;
	closesOn: string;
	invitedEmployees: number;
	invitedManagement: number;
	employeeResponses: number;
	managementResponses: number;
	/** Employee results are shown (enough answers). */
	shown: boolean;
	previousRound: { id: string; closesOn: string } | null;
	dimensions: DimensionResult[];
	findings: Finding[];
	/** Open answers, in an order unrelated to when they came in; null while hidden. */
	openAnswers: string[] | null;
	openAnswersHidden: 'open' | 'too_few' | null;
	/** Null for a round without teams. */
	byTeam: TeamBreakdown | null;
	/** The threshold for results and open answers (CULTURE_MIN_RESPONSES). */
	min: number;
	region: Comparison;
	sector: Comparison;
	/** The thresholds of the comparisons. */
	minCompanies: number;
	months: number;
}

interface Aggregate {
	round_id: string;
	audience: 'employee' | 'management';
	/** Null: not stated (and always for management). */
	team: number | null;
	code: string;
	value: number;
	n: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A round's results for HR. Employees' answers per dimension appear only from
 * CULTURE_MIN_RESPONSES respondents (and the previous round's only when it had as
 * many); open answers only after the round closed and with as many respondents,
 * sorted by text so their order says nothing about who answered when.
 */
export async function roundResults(
	db: DB,
	ctx: RequestContext,
	roundId: string,
	today = todayIso()
): Promise<RoundResults> {
	const round = await roundOf(db, ctx, roundId);
	// The answers per round are counted already (culture_round_result, migration 0034).
	const previous = await db
		.selectFrom('culture_round_result as r')
		.select(['r.round_id as id', 'r.closes_on'])
		.where('r.company_id', '=', ctx.company.id)
		.where('r.closes_on', '<', round.opens_on)
		.where('r.employees', '>=', CULTURE_MIN_RESPONSES)
		.orderBy('r.closes_on', 'desc')
		.limit(1)
		.executeTakeFirst();
	const roundIds = previous ? [round.id, previous.id] : [round.id];
	const [instrument, counts, aggregates, place] = await Promise.all([
		instrumentOf(db, round.version_id),
		db
			.selectFrom('culture_response')
			.select(['audience', 'team', (eb) => eb.fn.countAll<number>().as('n')])
			.where('round_id', '=', round.id)
			.where('company_id', '=', ctx.company.id)
			.groupBy(['audience', 'team'])
			.execute(),
		sql<Aggregate>`
			select r.round_id, s.audience, r.team, d.code, a.value::int as value, count(*)::int as n
			from culture_response r
			cross join lateral jsonb_each_text(r.answers) a(statement_id, value)
			join culture_statement s on s.id = a.statement_id::int
			join culture_dimension d on d.id = s.dimension_id
			where r.company_id = ${ctx.company.id} and r.round_id in (${sql.join(roundIds)})
			group by r.round_id, s.audience, r.team, d.code, a.value`.execute(db),
		db
			.selectFrom('company as c')
			.innerJoin('region as rg', 'rg.id', 'c.region_id')
			.innerJoin('sector_chamber as sc', 'sc.id', 'c.sector_chamber_id')
			.select(['c.region_id', 'c.sector_chamber_id', 'rg.name as region', 'sc.name as sector'])
			.where('c.id', '=', ctx.company.id)
			.executeTakeFirstOrThrow()
	]);
	const [region, sector] = await benchmarksOf(db, [
		{ scope: 'region', id: place.region_id },
		{ scope: 'sector', id: place.sector_chamber_id }
	]);
	const compared = (b: CultureBenchmark | undefined, code: string) =>
		b?.dimensions[code]?.mean ?? null;
	const comparison = (b: CultureBenchmark | undefined, name: string): Comparison => ({
		name,
		companies: b?.companies ?? 0,
		shown: !!b && Object.values(b.dimensions).some((d) => d.mean !== null)
	});
	const countOf = (audience: string) =>
		counts.filter((c) => c.audience === audience).reduce((sum, c) => sum + Number(c.n), 0);
	const employees = countOf('employee');
	const management = countOf('management');
	const shown = employees >= CULTURE_MIN_RESPONSES;
	const state = roundState({ opensOn: round.opens_on, closesOn: round.closes_on }, today);

	const dist = (rid: string, audience: string, code: string) => {
		const d = [0, 0, 0, 0, 0];
		for (const a of aggregates.rows) {
			if (a.round_id === rid && a.audience === audience && a.code === code) d[a.value - 1] += a.n;
		}
		return d;
	};
	const meanOf = (d: number[]) => {
		const total = d.reduce((s, n) => s + n, 0);
		return total ? d.reduce((s, n, i) => s + n * (i + 1), 0) / total : null;
	};

	const dimensions: DimensionResult[] = instrument!.dimensions.map((dim) => {
		const d = dist(round.id, 'employee', dim.code);
		const total = d.reduce((s, n) => s + n, 0);
		const mean = shown ? meanOf(d) : null;
		const mgmt = meanOf(dist(round.id, 'management', dim.code));
		const prev = previous ? meanOf(dist(previous.id, 'employee', dim.code)) : null;
		return {
			code: dim.code,
			nl: dim.nl,
			en: dim.en,
			descriptionNl: dim.descriptionNl,
			descriptionEn: dim.descriptionEn,
			mean: mean === null ? null : round2(mean),
			distribution: shown && total ? d.map((n) => round2(n / total)) : null,
			management: mgmt === null ? null : round2(mgmt),
			gap: mean !== null && mgmt !== null ? round2(mgmt - mean) : null,
			previous: shown && prev !== null ? round2(prev) : null,
			change: mean !== null && prev !== null ? round2(mean - prev) : null,
			region: compared(region, dim.code),
			sector: compared(sector, dim.code)
		};
	});

	let openAnswers: string[] | null = null;
	let openAnswersHidden: RoundResults['openAnswersHidden'] = null;
	if (state !== 'closed') openAnswersHidden = 'open';
	else if (!shown) openAnswersHidden = 'too_few';
	else {
		const rows = await db
			.selectFrom('culture_response')
			.select('open_answer')
			.where('round_id', '=', round.id)
			.where('company_id', '=', ctx.company.id)
			.where('audience', '=', 'employee')
			.where('open_answer', 'is not', null)
			.orderBy('open_answer')
			.execute();
		openAnswers = rows.map((r) => r.open_answer!);
	}

	return {
		id: round.id,
		state,
		opensOn: round.opens_on,
		closesOn: round.closes_on,
		invitedEmployees: round.invited_employees,
		invitedManagement: round.invited_management,
		employeeResponses: employees,
		managementResponses: management,
		shown,
		previousRound: previous ? { id: previous.id, closesOn: previous.closes_on } : null,
		dimensions,
		findings: findingsOf(dimensions),
		openAnswers,
		openAnswersHidden,
		min: CULTURE_MIN_RESPONSES,
		region: comparison(region, place.region),
		sector: comparison(sector, place.sector),
		byTeam: round.teams.length
			? teamBreakdown(
					round.teams,
					state,
					counts.filter((c) => c.audience === 'employee'),
					aggregates.rows.filter((a) => a.round_id === round.id && a.audience === 'employee'),
					instrument!.dimensions.map((d) => d.code)
				)
			: null,
		minCompanies: CULTURE_MIN_COMPANIES,
		months: CULTURE_BENCHMARK_MONTHS
	};
}

/** See TeamBreakdown. `counts` and `aggregates` are the round's employees' only. */
export function teamBreakdown(
	teams: string[],
	state: RoundState,
	counts: { team: number | null; n: number | string }[],
	aggregates: Pick<Aggregate, 'team' | 'code' | 'value' | 'n'>[],
	codes: string[]
): TeamBreakdown {
	if (state !== 'closed') return { teams, state: 'open', rows: [] };
	const n = new Map(counts.map((c) => [c.team, Number(c.n)]));
	const big = (team: number | null) => (n.get(team) ?? 0) >= CULTURE_MIN_RESPONSES;
	const cells: { key: number | null | 'other'; members: (number | null)[] }[] = [];
	const small: (number | null)[] = [];
	for (const team of [...teams.map((_, i) => i + 1), null]) {
		if (!n.get(team)) continue;
		if (big(team)) cells.push({ key: team, members: [team] });
		else small.push(team);
	}
	if (small.length) cells.push({ key: 'other', members: small });
	const sizeOf = (members: (number | null)[]) =>
		members.reduce<number>((sum, t) => sum + (n.get(t) ?? 0), 0);
	if (cells.length < 2 || cells.some((c) => sizeOf(c.members) < CULTURE_MIN_RESPONSES)) {
		return { teams, state: 'too_few', rows: [] };
	}
	const rows = cells.map((cell): TeamRow => {
		const means: Record<string, number | null> = {};
		for (const code of codes) {
			let total = 0;
			let count = 0;
			for (const a of aggregates) {
				if (a.code === code && cell.members.includes(a.team)) {
					total += a.value * a.n;
					count += a.n;
				}
			}
			means[code] = count ? round2(total / count) : null;
		}
		return {
			name: typeof cell.key === 'number' ? teams[cell.key - 1] : null,
			kind: cell.key === 'other' ? 'other' : cell.key === null ? 'not_stated' : 'team',
			n: sizeOf(cell.members),
			means
		};
	});
	return { teams, state: 'shown', rows };
}

/** Strengths and points of attention in words (the page names them; issue 15). */
export function findingsOf(dimensions: DimensionResult[]): Finding[] {
	const findings: Finding[] = [];
	const ranked = dimensions.filter((d) => d.mean !== null).sort((a, b) => b.mean! - a.mean!);
	for (const d of ranked.slice(0, 2)) {
		if (d.mean! >= STRENGTH_FROM) findings.push({ kind: 'strength', code: d.code, value: d.mean! });
	}
	for (const d of [...ranked].reverse()) {
		if (d.mean! < ATTENTION_BELOW) findings.push({ kind: 'low', code: d.code, value: d.mean! });
	}
	for (const d of dimensions) {
		if (d.gap !== null && d.gap >= GAP_FROM)
			findings.push({ kind: 'gap', code: d.code, value: d.gap });
		if (d.change !== null && d.change <= -0.5)
			findings.push({ kind: 'down', code: d.code, value: d.change });
	}
	return findings;
}
