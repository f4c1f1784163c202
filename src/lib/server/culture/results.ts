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
import { DomainError, isUuid } from '../errors';
import { roundState, type RoundState } from './rounds';

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
	// roundOf's check, with the round read in the one statement below instead of its own.
	if (!isUuid(roundId)) throw new DomainError('culture_round_not_found');
	const data = (await resultsData(db, ctx, roundId, today)).rows[0];
	const round = data?.round;
	if (!round) throw new DomainError('culture_round_not_found');
	const previous = data.previous;
	const counts = data.counts ?? [];
	const aggregates = data.aggregates ?? [];
	const place = data.place;
	const instrument = await instrumentOf(db, round.version_id);
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
		counts.filter((c) => c.audience === audience).reduce((sum, c) => sum + c.n, 0);
	const employees = countOf('employee');
	const management = countOf('management');
	const shown = employees >= CULTURE_MIN_RESPONSES;
	const state = roundState({ opensOn: round.opens_on, closesOn: round.closes_on }, today);

	const dist = (rid: string, audience: string, code: string) => {
		const d = [0, 0, 0, 0, 0];
		for (const a of aggregates) {
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
	else openAnswers = data.open_answers ?? [];

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
					aggregates.filter((a) => a.round_id === round.id && a.audience === 'employee'),
					instrument!.dimensions.map((d) => d.code)
				)
			: null,
		minCompanies: CULTURE_MIN_COMPANIES,
		months: CULTURE_BENCHMARK_MONTHS
	};
}

interface ResultsData {
	round: {
		id: string;
		version_id: number;
		opens_on: string;
		closes_on: string;
		invited_employees: number;
		invited_management: number;
		teams: string[];
	} | null;
	previous: { id: string; closes_on: string } | null;
	counts: { audience: 'employee' | 'management'; team: number | null; n: number }[] | null;
	aggregates: Aggregate[] | null;
	place: { region_id: number; sector_chamber_id: number; region: string; sector: string };
	open_answers: string[] | null;
}

/**
 * Everything roundResults reads of the round, in one statement (issue 20): the round, the
 * previous round with results (from the maintained culture_round_result), the answers
 * counted per audience and team, the answers per dimension and value of both rounds, the
 * company's region and sector, and the open answers, which are read only when they may be
 * shown (the round closed, enough employees answered), sorted by text so their order says
 * nothing about who answered when.
 */
function resultsData(db: DB, ctx: RequestContext, roundId: string, today: string) {
	const company = ctx.company.id;
	return sql<ResultsData>`
		with round as (
			select r.id, r.version_id, to_char(r.opens_on, 'YYYY-MM-DD') as opens_on,
				to_char(r.closes_on, 'YYYY-MM-DD') as closes_on, r.invited_employees,
				r.invited_management, r.teams
			from culture_round r
			where r.id = ${roundId} and r.company_id = ${company}
		),
		previous as (
			select p.round_id as id, to_char(p.closes_on, 'YYYY-MM-DD') as closes_on
			from culture_round_result p join culture_round r on r.id = ${roundId} and r.company_id = ${company}
			where p.company_id = ${company} and p.closes_on < r.opens_on
				and p.employees >= ${CULTURE_MIN_RESPONSES}
			order by p.closes_on desc
			limit 1
		),
		employees as (
			select count(*) as n from culture_response
			where round_id = ${roundId} and company_id = ${company} and audience = 'employee'
		)
		select
			(select row_to_json(round) from round) as round,
			(select row_to_json(previous) from previous) as previous,
			(select json_agg(x) from (
				select audience, team, count(*)::int as n from culture_response
				where round_id = ${roundId} and company_id = ${company}
				group by audience, team) x) as counts,
			(select json_agg(x) from (
				select r.round_id, s.audience, r.team, d.code, a.value::int as value, count(*)::int as n
				from culture_response r
				cross join lateral jsonb_each_text(r.answers) a(statement_id, value)
				join culture_statement s on s.id = a.statement_id::int
				join culture_dimension d on d.id = s.dimension_id
				where r.company_id = ${company}
					and r.round_id in (select id from round union all select id from previous)
				group by r.round_id, s.audience, r.team, d.code, a.value) x) as aggregates,
			(select row_to_json(x) from (
				select c.region_id, c.sector_chamber_id, rg.name as region, sc.name as sector
				from company c
				join region rg on rg.id = c.region_id
				join sector_chamber sc on sc.id = c.sector_chamber_id
				where c.id = ${company}) x) as place,
			(select json_agg(o.open_answer order by o.open_answer)
				from culture_response o
				where o.round_id = ${roundId} and o.company_id = ${company} and o.audience = 'employee'
					and o.open_answer is not null
					and (select closes_on from round) < ${today}
					and (select n from employees) >= ${CULTURE_MIN_RESPONSES}) as open_answers`.execute(db);
}

/** See TeamBreakdown. `counts` and `aggregates` are the round's employees' only. */
export function teamBreakdown(
	teams: string[],
	state: RoundState,
	counts: { team: number | null; n: number }[],
	aggregates: Pick<Aggregate, 'team' | 'code' | 'value' | 'n'>[],
	codes: string[]
): TeamBreakdown {
	if (state !== 'closed') return { teams, state: 'open', rows: [] };
	const n = new Map(counts.map((c) => [c.team, c.n]));
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
export function findingsOf(
	dimensions: Pick<DimensionResult, 'code' | 'mean' | 'gap' | 'change'>[]
): Finding[] {
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
