import { sql, type RawBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db';
import { DomainError } from '../errors';
import { phaseAt } from './phase';
import { computeResults, finalists, type NomineeResult } from './results';
import { criteriaFromJson, criteriaJson, requireRound, type Round } from './rounds';
import { panelsQuery, type Panel, type PanelWithMembers } from './panels';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { jsonRows } from '../db/json';

/**
 * The tally of an award round: the candidates (accepted nominees, from every company),
 * the scores that count (conflicts filtered out), every panel's results and finalists,
 * the jurors' progress for the admin, and publishing the winner. The pure score
 * normalisation and ranking are in ./results.ts.
 */

/** Why a juror may not score a candidate: see {@link conflictKindOf}. */
export type ConflictKind = 'member' | 'nominator' | 'declared';

/**
 * The juror's conflict with the candidate `c` (award_candidate) on a panel, the one rule
 * for the jury's list, the counting scores and the admin's progress: a conflict they
 * declared on that panel, a member of the nominee's company, or their nominator; null
 * when none. `juror` and `panel` are columns or values. Reads the jurors' memberships and
 * nominations in every company: only inside the opened wall.
 */
export function conflictKindOf(juror: RawBuilder<unknown>, panel: RawBuilder<unknown>) {
	return sql<ConflictKind | null>`case
		when exists (select 1 from jury_conflict jc where jc.panel_id = ${panel}
			and jc.juror_id = ${juror} and jc.nominee_id = c.nominee_id) then 'declared'
		when exists (select 1 from membership m where m.user_id = ${juror}
			and m.company_id = c.company_id and m.deactivated_at is null) then 'member'
		when exists (select 1 from nomination n where n.round_id = c.round_id
			and n.nominator_id = ${juror} and n.nominee_id = c.nominee_id
			and n.status <> 'withdrawn') then 'nominator'
	end`;
}

/** The juror (a column) has a conflict ({@link conflictKindOf}) with candidate `c` on the panel (a column). */
function conflicted(juror: string, panel: string) {
	return sql<boolean>`(${conflictKindOf(sql.ref(juror), sql.ref(panel))} is not null)`;
}

export interface ScoreRow {
	panel_id: string;
	juror_id: string;
	nominee_id: string;
	criterion_id: string;
	score: number;
}

/** The scores of a round's panels that count: every conflict ({@link conflicted}) left out. */
function countingScoresQuery(roundId: string) {
	return sql<ScoreRow>`
		select s.panel_id, s.juror_id, s.nominee_id, s.criterion_id, s.score
		from jury_score s
		join jury_panel p on p.id = s.panel_id
		join award_candidate c on c.round_id = p.round_id and c.nominee_id = s.nominee_id
		where p.round_id = ${roundId}
			and not ${conflicted('s.juror_id', 's.panel_id')}`;
}

export interface ProgressRow {
	panel_id: string;
	juror_id: string;
	/** The nominees they scored. */
	scored: number;
	/** The round's candidates they have a conflict with (nominee ids). */
	conflicted: string[];
}

/** Per juror of a round's panels (replaced ones too): what {@link ProgressRow} counts. */
function progressQuery(roundId: string) {
	return sql<ProgressRow>`
		select jm.panel_id, jm.user_id as juror_id,
			(select count(distinct s.nominee_id)::int from jury_score s
				where s.panel_id = jm.panel_id and s.juror_id = jm.user_id) as scored,
			array(select c.nominee_id from award_candidate c where c.round_id = p.round_id
				and ${conflicted('jm.user_id', 'jm.panel_id')}) as conflicted
		from jury_member jm
		join jury_panel p on p.id = jm.panel_id
		where p.round_id = ${roundId}`;
}

export interface Candidate {
	nomineeId: string;
	name: string;
	companyId: string;
	companyName: string;
	regionId: number;
}

/** The accepted nominees of a round (the view award_candidate), by name. */
function candidateQuery(db: DB, roundId: string) {
	return db
		.selectFrom('award_candidate as c')
		.innerJoin('app_user as u', 'u.id', 'c.nominee_id')
		.innerJoin('company as co', 'co.id', 'c.company_id')
		.select(['c.nominee_id', 'u.name', 'c.company_id', 'co.name as company_name', 'c.region_id'])
		.where('c.round_id', '=', roundId)
		.orderBy('u.name');
}

/** A candidate's columns as candidateQuery (and the jury's list, scoring.ts) select them. */
export interface CandidateRow {
	nominee_id: string;
	name: string;
	company_id: string;
	company_name: string;
	region_id: number;
}

export function toCandidate(r: CandidateRow): Candidate {
	return {
		nomineeId: r.nominee_id,
		name: r.name,
		companyId: r.company_id,
		companyName: r.company_name,
		regionId: r.region_id
	};
}

/**
 * What a round's tally is computed from, over every company (the wall opens for this one
 * statement): its panels, its criteria, its candidates, the scores that count and, with
 * `progress`, every juror's counts for the admin (else none).
 */
export async function tallyData(db: DB, roundId: string, progress = false) {
	const row = await acrossCompanies(CROSS_COMPANY.awardResults, () =>
		db
			.selectNoFrom([
				jsonArrayFrom(panelsQuery(db, roundId)).as('panels'),
				criteriaJson(roundId).as('criteria'),
				jsonArrayFrom(candidateQuery(db, roundId)).as('candidates'),
				jsonRows(countingScoresQuery(roundId)).as('scores'),
				(progress ? jsonRows(progressQuery(roundId)) : sql<ProgressRow[]>`'[]'::json`).as(
					'progress'
				)
			])
			.executeTakeFirstOrThrow()
	);
	return {
		panels: row.panels,
		criteria: criteriaFromJson(row.criteria),
		candidates: row.candidates.map(toCandidate),
		scores: row.scores,
		progress: row.progress
	};
}

export interface PanelResult {
	panel: Panel;
	candidates: Candidate[];
	results: (NomineeResult & { name: string; companyName: string; finalist: boolean })[];
}

/** Every panel's candidates and results, in one statement ({@link tallyData}). */
export async function roundResults(db: DB, round: Round): Promise<PanelResult[]> {
	return tallyRound(round, await tallyData(db, round.id));
}

export type TallyData = Awaited<ReturnType<typeof tallyData>>;

/**
 * Every panel's candidates and results. Regional panels: the candidates of their regions.
 * The national panel: the top N of each regional panel.
 */
export function tallyRound(
	round: Pick<Round, 'finalists_per_panel'>,
	{ panels, criteria, candidates, scores }: Omit<TallyData, 'progress'>
): PanelResult[] {
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

/**
 * Per panel and juror: how many nominees they scored, of the ones they may score (the
 * panel's candidates they have no conflict with: a conflict with a candidate of another
 * panel takes nothing off), from {@link tallyData}'s progress.
 */
export function juryProgress(
	panels: PanelWithMembers[],
	results: PanelResult[],
	counts: ProgressRow[]
): JurorProgress[] {
	const key = (p: string, j: string) => `${p}:${j}`;
	const byJuror = new Map(counts.map((r) => [key(r.panel_id, r.juror_id), r]));
	return panels.flatMap((p) => {
		const candidates = results.find((r) => r.panel.id === p.id)?.candidates ?? [];
		return p.members.map((m) => {
			const c = byJuror.get(key(p.id, m.userId));
			const conflicted = new Set(c?.conflicted ?? []);
			return {
				panelId: p.id,
				memberId: m.id,
				name: m.name,
				replacedAt: m.replacedAt,
				scored: c?.scored ?? 0,
				toScore: candidates.filter((x) => !conflicted.has(x.nomineeId)).length
			};
		});
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
