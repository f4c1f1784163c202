import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db';
import type { PanelKind } from '../db/schema';
import { DomainError, isUuid } from '../errors';
import { phaseAt, ROUND_CLOCK_COLUMNS, type Phase } from './phase';
import {
	criteriaFromJson,
	criteriaJson,
	ROUND_COLUMNS,
	type Criterion,
	type Round
} from './rounds';
import type { Panel } from './panels';
import { candidatesOfRound, roundResults, type Candidate } from './tally';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies, inCompany } from '../db/scope';
import { cultureForAdviser, type AdviserCulture } from '../culture/share';

/**
 * Scoring, as a juror does it: their panels, a panel's nominees with conflicts and what
 * they scored, one nominee's motivations and scores, saving scores and declaring a
 * conflict. Only an active juror of the panel sees any of it.
 */

export interface JurorPanel {
	id: string;
	name: string;
	kind: PanelKind;
	roundId: string;
	year: number;
	title: string;
	phase: Phase;
}

export async function panelsOfJuror(
	db: DB,
	userId: string,
	now = new Date()
): Promise<JurorPanel[]> {
	const rows = await db
		.selectFrom('jury_member as jm')
		.innerJoin('jury_panel as p', 'p.id', 'jm.panel_id')
		.innerJoin('award_round as r', 'r.id', 'p.round_id')
		.select([
			'p.id',
			'p.name',
			'p.kind',
			'r.id as round_id',
			'r.year',
			'r.title',
			...ROUND_CLOCK_COLUMNS
		])
		.where('jm.user_id', '=', userId)
		.where('jm.replaced_at', 'is', null)
		.orderBy('r.year', 'desc')
		.orderBy('p.kind', 'desc')
		.orderBy('p.name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		kind: r.kind,
		roundId: r.round_id,
		year: r.year,
		title: r.title,
		phase: phaseAt(r, now).phase
	}));
}

export type ConflictKind = 'member' | 'nominator' | 'declared';

export interface JuryNominee extends Candidate {
	conflict: ConflictKind | null;
	conflictReason: string | null;
	motivations: { criterionId: string; text: string }[][];
	endorsements: string[];
	evidence: string[];
	mine: Map<string, { score: number; comment: string }>;
	submittedAt: Date | null;
	/**
	 * The criterion "Leercultuur in het bedrijf" (issue 15): the nominee's company's latest
	 * learning-culture results when the company shares them with its adviser, else null;
	 * whether it shares at all.
	 */
	culture: AdviserCulture['latest'];
	cultureShared: boolean;
	/** Others' scores, only once this juror submitted their own. */
	others: { jurorName: string; criterionId: string; score: number; comment: string }[];
}

export interface JuryView {
	panel: Panel;
	round: Round;
	phase: Phase;
	canScore: boolean;
	criteria: Criterion[];
	nominees: JuryNominee[];
}

/**
 * A panel as one of its active jurors sees it, with its round and the round's criteria,
 * in one statement: null for anyone else or an unknown panel.
 */
async function panelOfJuror(db: DB, panelId: string, userId: string, now: Date) {
	if (!isUuid(panelId)) return null;
	const row = await db
		.selectFrom('jury_panel as p')
		.innerJoin('award_round as r', 'r.id', 'p.round_id')
		.select([
			'p.id as panel_id',
			'p.kind as panel_kind',
			'p.name as panel_name',
			'p.region_ids as panel_region_ids',
			...ROUND_COLUMNS.map((c) => `r.${c}` as const),
			criteriaJson(sql.ref('r.id')).as('criteria')
		])
		.where('p.id', '=', panelId)
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('jury_member as jm')
					.whereRef('jm.panel_id', '=', 'p.id')
					.where('jm.user_id', '=', userId)
					.where('jm.replaced_at', 'is', null)
					.select(sql`1`.as('one'))
			)
		)
		.executeTakeFirst();
	if (!row) return null;
	const { panel_id, panel_kind, panel_name, panel_region_ids, criteria, ...round } = row;
	const panel: Panel = {
		id: panel_id,
		round_id: round.id,
		kind: panel_kind,
		name: panel_name,
		region_ids: panel_region_ids
	};
	const phase = phaseAt(round, now).phase;
	const scoringPhase = panel.kind === 'regional' ? 'regional_jury' : 'national_jury';
	return {
		panel,
		round: round as Round,
		phase,
		canScore: phase === scoringPhase,
		criteria: criteriaFromJson(criteria)
	};
}

/**
 * A regional panel judges the candidates of its regions; the national panel the
 * finalists of the regional panels, which takes every regional result.
 */
async function panelCandidates(db: DB, panel: Panel, round: Round): Promise<Candidate[]> {
	return panel.kind === 'regional'
		? candidatesOfRound(db, CROSS_COMPANY.juryNominations, round.id, panel.region_ids)
		: roundResults(db, round).then(
				(results) => results.find((r) => r.panel.id === panel.id)?.candidates ?? []
			);
}

/**
 * The juror's conflict with candidate `c` (award_candidate), given their declared one
 * `jc` (jury_conflict): declared, a member of the nominee's company, or their nominator.
 */
function conflictKind(userId: string) {
	return sql<ConflictKind | null>`case when jc.reason is not null then 'declared'
		when exists (select 1 from membership m where m.user_id = ${userId}
			and m.company_id = c.company_id and m.deactivated_at is null) then 'member'
		when exists (select 1 from nomination n where n.round_id = c.round_id
			and n.nominator_id = ${userId} and n.nominee_id = c.nominee_id
			and n.status <> 'withdrawn') then 'nominator'
	end`;
}

export interface JuryListItem extends Candidate {
	conflict: ConflictKind | null;
	/** The reason of a declared conflict (shown on the nominee's page). */
	conflictReason: string | null;
	/** When this juror submitted their scores for the nominee; null: not yet. */
	submittedAt: Date | null;
}

/**
 * The panel's nominees for one of its jurors: who they still have to score, who they
 * scored and where they have a conflict. The motivations and the score form are on each
 * nominee's own page (juryNominee), so the list stays small with 100+ candidates.
 */
export async function juryPanel(
	db: DB,
	panelId: string,
	userId: string,
	now = new Date()
): Promise<(Omit<JuryView, 'nominees'> & { nominees: JuryListItem[] }) | null> {
	const view = await panelOfJuror(db, panelId, userId, now);
	if (!view) return null;
	// A regional panel: its candidates with this juror's conflicts and submissions in one
	// statement. The national panel: its finalists first (the regional results), then theirs.
	const national =
		view.panel.kind === 'regional' ? null : await panelCandidates(db, view.panel, view.round);
	if (national?.length === 0) return { ...view, nominees: [] };
	const rows = await acrossCompanies(CROSS_COMPANY.juryNominations, () =>
		juryListRows(
			db,
			view.round.id,
			view.panel,
			userId,
			national?.map((c) => c.nomineeId)
		)
	);
	const byId = new Map(rows.rows.map((r) => [r.nominee_id, r]));
	const candidates: Candidate[] =
		national ??
		rows.rows.map((r) => ({
			nomineeId: r.nominee_id,
			name: r.name,
			companyId: r.company_id,
			companyName: r.company_name,
			regionId: r.region_id
		}));
	return {
		...view,
		nominees: candidates.map((c) => ({
			...c,
			conflict: byId.get(c.nomineeId)?.kind ?? null,
			conflictReason: byId.get(c.nomineeId)?.reason ?? null,
			submittedAt: byId.get(c.nomineeId)?.submitted_at ?? null
		}))
	};
}

/**
 * The candidates of a regional panel (its regions), or these nominees of the round
 * (`nomineeIds`, the national panel's finalists), by name, each with this juror's
 * conflict (conflictKind's rule) and when they submitted their scores for them.
 */
function juryListRows(
	db: DB,
	roundId: string,
	panel: Panel,
	userId: string,
	nomineeIds?: string[]
) {
	return sql<{
		nominee_id: string;
		name: string;
		company_id: string;
		company_name: string;
		region_id: number;
		kind: ConflictKind | null;
		reason: string | null;
		submitted_at: Date | null;
	}>`
		select c.nominee_id, u.name, c.company_id, co.name as company_name, c.region_id,
			${conflictKind(userId)} as kind, jc.reason,
			(select max(s.submitted_at) from jury_score s where s.panel_id = ${panel.id}
				and s.nominee_id = c.nominee_id and s.juror_id = ${userId}) as submitted_at
		from award_candidate c
		join app_user u on u.id = c.nominee_id
		join company co on co.id = c.company_id
		left join jury_conflict jc on jc.panel_id = ${panel.id} and jc.juror_id = ${userId}
			and jc.nominee_id = c.nominee_id
		where c.round_id = ${roundId}
			and ${nomineeIds ? sql`c.nominee_id = any(${nomineeIds}::uuid[])` : sql`c.region_id = any(${panel.region_ids}::int[])`}
		order by u.name`.execute(db);
}

/**
 * One nominee of the panel for one of its jurors: the motivations, evidence and
 * endorsements, the juror's own scores and (once they submitted theirs) the other
 * jurors' scores, and the next nominee they still have to score. Null when the panel is
 * not theirs or the nominee is not one of the panel's candidates.
 */
export async function juryNominee(
	db: DB,
	panelId: string,
	userId: string,
	nomineeId: string,
	now = new Date()
): Promise<(Omit<JuryView, 'nominees'> & { nominee: JuryNominee; next: Candidate | null }) | null> {
	if (!isUuid(nomineeId)) return null;
	// Issue 20: the panel's list (juryPanel: the panel, then its candidates with this
	// juror's conflicts and submissions) gives the access check, the nominee's conflict
	// and submission and the next one to score; then the nominee's nominations and scores,
	// and their company's culture results, side by side.
	const view = await juryPanel(db, panelId, userId, now);
	const c = view?.nominees.find((x) => x.nomineeId === nomineeId);
	if (!view || !c) return null;
	const { nominees, ...rest } = view;
	const [{ nominations, scores }, culture] = await Promise.all([
		nomineeRecord(db, view.round.id, panelId, nomineeId),
		// The nominee's company's shared scan results: the juror may see this candidate
		// (checked above); the wall shows that one company.
		inCompany(c.companyId, () => cultureForAdviser(db, c.companyId))
	]);
	const mineRows = scores.filter((s) => s.jurorId === userId);
	const submittedAt = c.submittedAt;
	const evidence = nominations.map((n) => n.evidence).filter((x) => x);
	const endorsements = nominations.map((n) => n.endorsement).filter((x): x is string => !!x);
	// The next nominee in the list (after this one, then from the top) still to score.
	const at = nominees.findIndex((x) => x.nomineeId === nomineeId);
	const next =
		[...nominees.slice(at + 1), ...nominees.slice(0, at)].find(
			(x) => !x.submittedAt && !x.conflict
		) ?? null;
	return {
		...rest,
		next: next && candidateOf(next),
		nominee: {
			...candidateOf(c),
			conflict: c.conflict,
			conflictReason: c.conflictReason,
			motivations: nominations.map((n) => n.motivations),
			evidence,
			endorsements,
			culture: culture.latest,
			cultureShared: culture.shared,
			mine: new Map(mineRows.map((s) => [s.criterionId, { score: s.score, comment: s.comment }])),
			submittedAt,
			others: submittedAt
				? scores
						.filter((s) => s.jurorId !== userId)
						.map((s) => ({
							jurorName: s.jurorName,
							criterionId: s.criterionId,
							score: s.score,
							comment: s.comment
						}))
				: []
		}
	};
}

/** The candidate's own fields of a list item. */
function candidateOf(x: JuryListItem): Candidate {
	return {
		nomineeId: x.nomineeId,
		name: x.name,
		companyId: x.companyId,
		companyName: x.companyName,
		regionId: x.regionId
	};
}

/**
 * One nominee's accepted nominations in the round (oldest first, each with its
 * motivations) and every juror's scores on them in this panel, in one statement. The
 * nominations lie in whichever company nominated them: the wall opens.
 */
async function nomineeRecord(db: DB, roundId: string, panelId: string, nomineeId: string) {
	return acrossCompanies(CROSS_COMPANY.juryNominations, () =>
		db
			.selectNoFrom((eb) => [
				jsonArrayFrom(
					eb
						.selectFrom('nomination as n')
						.select((sub) => [
							'n.evidence',
							'n.endorsement',
							jsonArrayFrom(
								sub
									.selectFrom('nomination_motivation as nm')
									.select(['nm.criterion_id as criterionId', 'nm.text'])
									.whereRef('nm.nomination_id', '=', 'n.id')
							).as('motivations')
						])
						.where('n.round_id', '=', roundId)
						.where('n.status', '=', 'accepted')
						.where('n.nominee_id', '=', nomineeId)
						.orderBy('n.created_at')
				).as('nominations'),
				jsonArrayFrom(
					eb
						.selectFrom('jury_score as s')
						.innerJoin('app_user as u', 'u.id', 's.juror_id')
						.select([
							's.juror_id as jurorId',
							'u.name as jurorName',
							's.criterion_id as criterionId',
							's.score',
							's.comment'
						])
						.where('s.panel_id', '=', panelId)
						.where('s.nominee_id', '=', nomineeId)
				).as('scores')
			])
			.executeTakeFirstOrThrow()
	);
}

export interface ScoreInput {
	criterionId: string;
	score: number;
	comment: string;
}

/**
 * Scores of one juror for one nominee, every criterion at once; saving again replaces
 * them while the panel's phase lasts. Refused outside the phase, for a nominee outside
 * the panel, with a conflict, or with a score that is not 1–10.
 */
export async function saveScores(
	db: DB,
	panelId: string,
	userId: string,
	nomineeId: string,
	input: ScoreInput[],
	now = new Date()
): Promise<void> {
	const view = await juryPanel(db, panelId, userId, now);
	if (!view) throw new DomainError('award_not_juror');
	if (!view.canScore) throw new DomainError('award_scoring_closed');
	const nominee = view.nominees.find((n) => n.nomineeId === nomineeId);
	if (!nominee) throw new DomainError('award_not_candidate');
	if (nominee.conflict) throw new DomainError('award_conflict');
	const byCriterion = new Map(input.map((s) => [s.criterionId, s]));
	for (const c of view.criteria) {
		const s = byCriterion.get(c.id);
		if (!s || !Number.isInteger(s.score) || s.score < 1 || s.score > 10) {
			throw new DomainError('award_score_invalid', `score_${c.id}`);
		}
		if (s.comment.length > 1000) throw new DomainError('award_comment_too_long', `comment_${c.id}`);
	}
	await db.transaction().execute(async (trx) => {
		await trx
			.deleteFrom('jury_score')
			.where('panel_id', '=', panelId)
			.where('juror_id', '=', userId)
			.where('nominee_id', '=', nomineeId)
			.execute();
		await trx
			.insertInto('jury_score')
			.values(
				view.criteria.map((c) => ({
					panel_id: panelId,
					juror_id: userId,
					nominee_id: nomineeId,
					criterion_id: c.id,
					score: byCriterion.get(c.id)!.score,
					comment: byCriterion.get(c.id)!.comment.trim(),
					submitted_at: now
				}))
			)
			.execute();
	});
}

/** A further conflict, with a reason; the juror's scores for that nominee stop counting. */
export async function declareConflict(
	db: DB,
	panelId: string,
	userId: string,
	nomineeId: string,
	reason: string,
	now = new Date()
): Promise<void> {
	const view = await juryPanel(db, panelId, userId, now);
	if (!view) throw new DomainError('award_not_juror');
	if (!view.nominees.some((n) => n.nomineeId === nomineeId)) {
		throw new DomainError('award_not_candidate');
	}
	const text = reason.trim();
	if (!text) throw new DomainError('award_reason_required', 'reason');
	if (text.length > 500) throw new DomainError('award_motivation_too_long', 'reason');
	await db
		.insertInto('jury_conflict')
		.values({ panel_id: panelId, juror_id: userId, nominee_id: nomineeId, reason: text })
		.onConflict((oc) =>
			oc.columns(['panel_id', 'juror_id', 'nominee_id']).doUpdateSet({ reason: text })
		)
		.execute();
}
