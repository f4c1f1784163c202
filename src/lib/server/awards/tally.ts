import { sql } from 'kysely';
import type { DB } from '../db';
import { DomainError } from '../errors';
import { phaseAt } from './phase';
import { computeResults, finalists, type NomineeResult } from './results';
import { criteriaOf, requireRound, type Round } from './rounds';
import { panelsOfRound, type Panel } from './panels';
import { CROSS_COMPANY, type CrossCompanyReason } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';

/**
 * The tally of an award round: the candidates (accepted nominees, from every company),
 * the scores that count (conflicts filtered out), every panel's results and finalists,
 * the jurors' progress for the admin, and publishing the winner. The pure score
 * normalisation and ranking are in ./results.ts.
 */

/**
 * Rows of scores that count: every conflict (automatic or declared) filtered out, which
 * takes the jurors' memberships and nominations in every company (the wall opens).
 */
async function countingScores(db: DB, panelIds: string[]) {
	if (!panelIds.length) return [];
	const rows = await acrossCompanies(CROSS_COMPANY.awardResults, () =>
		countingScoreRows(db, panelIds)
	);
	return rows.rows;
}

function countingScoreRows(db: DB, panelIds: string[]) {
	return sql<{
		panel_id: string;
		juror_id: string;
		nominee_id: string;
		criterion_id: string;
		score: number;
	}>`
		select s.panel_id, s.juror_id, s.nominee_id, s.criterion_id, s.score
		from jury_score s
		join jury_panel p on p.id = s.panel_id
		join award_candidate c on c.round_id = p.round_id and c.nominee_id = s.nominee_id
		where s.panel_id = any(${panelIds}::uuid[])
			and not exists (select 1 from membership m where m.user_id = s.juror_id
				and m.company_id = c.company_id and m.deactivated_at is null)
			and not exists (select 1 from nomination n where n.round_id = p.round_id
				and n.nominator_id = s.juror_id and n.nominee_id = s.nominee_id and n.status <> 'withdrawn')
			and not exists (select 1 from jury_conflict jc where jc.panel_id = s.panel_id
				and jc.juror_id = s.juror_id and jc.nominee_id = s.nominee_id)`.execute(db);
}

export interface Candidate {
	nomineeId: string;
	name: string;
	companyId: string;
	companyName: string;
	regionId: number;
}

/**
 * The accepted nominees of a round; with `regionIds`, only those of these regions. The
 * view award_candidate reads the nominations of every company: the wall opens, for
 * `reason` (the jury's view or the results).
 */
export async function candidatesOfRound(
	db: DB,
	reason: CrossCompanyReason,
	roundId: string,
	regionIds?: number[]
): Promise<Candidate[]> {
	const rows = await acrossCompanies(reason, () => candidateRows(db, roundId, regionIds));
	return rows.map((r) => ({
		nomineeId: r.nominee_id,
		name: r.name,
		companyId: r.company_id,
		companyName: r.company_name,
		regionId: r.region_id
	}));
}

function candidateRows(db: DB, roundId: string, regionIds?: number[]) {
	return db
		.selectFrom('award_candidate as c')
		.innerJoin('app_user as u', 'u.id', 'c.nominee_id')
		.innerJoin('company as co', 'co.id', 'c.company_id')
		.select(['c.nominee_id', 'u.name', 'c.company_id', 'co.name as company_name', 'c.region_id'])
		.where('c.round_id', '=', roundId)
		.$if(regionIds !== undefined, (qb) =>
			qb.where(sql<boolean>`c.region_id = any(${regionIds ?? []}::int[])`)
		)
		.orderBy('u.name')
		.execute();
}

export interface PanelResult {
	panel: Panel;
	candidates: Candidate[];
	results: (NomineeResult & { name: string; companyName: string; finalist: boolean })[];
}

/**
 * Every panel's candidates and results in a fixed number of queries. Regional panels:
 * the candidates of their regions. The national panel: the top N of each regional panel.
 */
export async function roundResults(db: DB, round: Round): Promise<PanelResult[]> {
	const [panels, criteria, candidates] = await Promise.all([
		db
			.selectFrom('jury_panel')
			.select(['id', 'round_id', 'kind', 'name', 'region_ids'])
			.where('round_id', '=', round.id)
			.orderBy('kind', 'desc')
			.orderBy('name')
			.execute(),
		criteriaOf(db, round.id),
		candidatesOfRound(db, CROSS_COMPANY.awardResults, round.id)
	]);
	const scores = await countingScores(
		db,
		panels.map((p) => p.id)
	);
	const byId = new Map(candidates.map((c) => [c.nomineeId, c]));
	const out: PanelResult[] = [];
	const finalistIds = new Set<string>();
	const evaluate = (panel: Panel, panelCandidates: Candidate[], n: number) => {
		const ids = new Set(panelCandidates.map((c) => c.nomineeId));
		const results = computeResults(
			criteria,
			scores
				.filter((s) => s.panel_id === panel.id && ids.has(s.nominee_id))
				.map((s) => ({
					jurorId: s.juror_id,
					nomineeId: s.nominee_id,
					criterionId: s.criterion_id,
					score: s.score
				}))
		);
		const top = new Set(finalists(results, n).map((r) => r.nomineeId));
		return {
			panel,
			candidates: panelCandidates,
			results: results.map((r) => ({
				...r,
				name: byId.get(r.nomineeId)?.name ?? '',
				companyName: byId.get(r.nomineeId)?.companyName ?? '',
				finalist: top.has(r.nomineeId)
			}))
		};
	};
	for (const panel of panels.filter((p) => p.kind === 'regional')) {
		const result = evaluate(
			panel,
			candidates.filter((c) => panel.region_ids.includes(c.regionId)),
			round.finalists_per_panel
		);
		for (const r of result.results) if (r.finalist) finalistIds.add(r.nomineeId);
		out.push(result);
	}
	for (const panel of panels.filter((p) => p.kind === 'national')) {
		out.push(
			evaluate(
				panel,
				candidates.filter((c) => finalistIds.has(c.nomineeId)),
				1
			)
		);
	}
	return out;
}

export interface JurorProgress {
	panelId: string;
	memberId: string;
	name: string;
	replacedAt: Date | null;
	scored: number;
	toScore: number;
}

/** Per panel and juror: how many nominees they scored, of the ones they may score. */
export async function juryProgress(
	db: DB,
	round: Round,
	results: PanelResult[]
): Promise<JurorProgress[]> {
	const panels = await panelsOfRound(db, round.id);
	const panelIds = panels.map((p) => p.id);
	if (!panelIds.length) return [];
	const scored = await sql<{ panel_id: string; juror_id: string; n: number }>`
		select panel_id, juror_id, count(distinct nominee_id)::int as n
		from jury_score where panel_id = any(${panelIds}::uuid[])
		group by panel_id, juror_id`.execute(db);
	// Conflicts from the jurors' memberships and nominations in every company: the wall opens.
	const conflicted = await acrossCompanies(CROSS_COMPANY.awardResults, () =>
		sql<{ panel_id: string; juror_id: string; n: number }>`
		select jm.panel_id, jm.user_id as juror_id, count(*)::int as n
		from jury_member jm
		join jury_panel p on p.id = jm.panel_id
		join award_candidate c on c.round_id = p.round_id
		where jm.panel_id = any(${panelIds}::uuid[])
			and (exists (select 1 from membership m where m.user_id = jm.user_id
					and m.company_id = c.company_id and m.deactivated_at is null)
				or exists (select 1 from nomination n where n.round_id = p.round_id
					and n.nominator_id = jm.user_id and n.nominee_id = c.nominee_id and n.status <> 'withdrawn')
				or exists (select 1 from jury_conflict jc where jc.panel_id = jm.panel_id
					and jc.juror_id = jm.user_id and jc.nominee_id = c.nominee_id))
		group by jm.panel_id, jm.user_id`.execute(db)
	);
	const key = (p: string, j: string) => `${p}:${j}`;
	const scoredMap = new Map(scored.rows.map((r) => [key(r.panel_id, r.juror_id), r.n]));
	const conflictMap = new Map(conflicted.rows.map((r) => [key(r.panel_id, r.juror_id), r.n]));
	return panels.flatMap((p) => {
		const total = results.find((r) => r.panel.id === p.id)?.candidates.length ?? 0;
		return p.members.map((m) => ({
			panelId: p.id,
			memberId: m.id,
			name: m.name,
			replacedAt: m.replacedAt,
			scored: scoredMap.get(key(p.id, m.userId)) ?? 0,
			toScore: Math.max(0, total - (conflictMap.get(key(p.id, m.userId)) ?? 0))
		}));
	});
}

/** Publishes the results once the national jury is done; the winner is the national #1. */
export async function publishRound(db: DB, roundId: string, now = new Date()): Promise<void> {
	const round = await requireRound(db, roundId);
	if (phaseAt(round, now).phase !== 'counting') throw new DomainError('award_not_publishable');
	const results = await roundResults(db, round);
	const national = results.find((r) => r.panel.kind === 'national');
	const first = national?.results.filter((r) => r.rank === 1) ?? [];
	if (first.length === 0) throw new DomainError('award_not_publishable');
	if (first.length > 1) throw new DomainError('award_winner_tie');
	const winner = national!.candidates.find((c) => c.nomineeId === first[0].nomineeId)!;
	await db
		.updateTable('award_round')
		.set({
			results_published_at: now,
			winner_user_id: winner.nomineeId,
			winner_company_id: winner.companyId
		})
		.where('id', '=', roundId)
		.where('results_published_at', 'is', null)
		.execute();
}
