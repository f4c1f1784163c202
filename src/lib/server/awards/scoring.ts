import { sql, type SqlBool } from 'kysely';
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
import {
	conflictKindOf,
	roundResults,
	toCandidate,
	type Candidate,
	type CandidateRow,
	type ConflictKind
} from './tally';
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
 * in one statement: null for anyone else or an unknown panel. With `nomineeId` the same
 * statement brings that nominee's record in the round (their accepted nominations, oldest
 * first, each with its motivations, and every juror's scores on them in this panel); the
 * nominations lie in whichever company nominated them, so the wall opens. Whether the
 * nominee is one of the panel's candidates is for the caller to check before using it.
 */
async function panelOfJuror(
	db: DB,
	panelId: string,
	userId: string,
	now: Date,
	nomineeId: string | null = null
) {
	if (!isUuid(panelId)) return null;
	const query = db
		.selectFrom('jury_panel as p')
		.innerJoin('award_round as r', 'r.id', 'p.round_id')
		.select((eb) => [
			'p.id as panel_id',
			'p.kind as panel_kind',
			'p.name as panel_name',
			'p.region_ids as panel_region_ids',
			...ROUND_COLUMNS.map((c) => `r.${c}` as const),
			criteriaJson(sql.ref('r.id')).as('criteria'),
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
					.whereRef('n.round_id', '=', 'r.id')
					.where('n.status', '=', 'accepted')
					.where((w) => (nomineeId ? w('n.nominee_id', '=', nomineeId) : sql<SqlBool>`false`))
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
					.whereRef('s.panel_id', '=', 'p.id')
					.where((w) => (nomineeId ? w('s.nominee_id', '=', nomineeId) : sql<SqlBool>`false`))
			).as('scores')
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
		);
	const row = await (nomineeId
		? acrossCompanies(CROSS_COMPANY.juryNominations, () => query.executeTakeFirst())
		: query.executeTakeFirst());
	if (!row) return null;
	const {
		panel_id,
		panel_kind,
		panel_name,
		panel_region_ids,
		criteria,
		nominations,
		scores,
		...round
	} = row;
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
		criteria: criteriaFromJson(criteria),
		record: { nominations, scores }
	};
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
	const { panel, round, phase, canScore, criteria } = view;
	return { panel, round, phase, canScore, criteria, nominees: await panelList(db, view, userId) };
}

/**
 * A panel's list for one of its jurors (see juryPanel). A regional panel: its
 * candidates with this juror's conflicts and submissions, in one statement. The national
 * panel: its finalists (the regional results, roundResults' one statement) beside the
 * same for every candidate of the round, whose finalists it keeps.
 */
async function panelList(
	db: DB,
	view: { panel: Panel; round: Round },
	userId: string
): Promise<JuryListItem[]> {
	const list = () =>
		acrossCompanies(CROSS_COMPANY.juryNominations, () =>
			juryListRows(db, view.round.id, view.panel, userId)
		);
	const toItem = (r: JuryListRow, c: Candidate = toCandidate(r)): JuryListItem => ({
		...c,
		conflict: r.kind,
		conflictReason: r.reason,
		submittedAt: r.submitted_at
	});
	if (view.panel.kind === 'regional') return (await list()).rows.map((r) => toItem(r));
	const [results, rows] = await Promise.all([roundResults(db, view.round), list()]);
	const finalists = results.find((r) => r.panel.id === view.panel.id)?.candidates ?? [];
	const byId = new Map(rows.rows.map((r) => [r.nominee_id, r]));
	return finalists.flatMap((c) => {
		const r = byId.get(c.nomineeId);
		return r ? [toItem(r, c)] : [];
	});
}

interface JuryListRow extends CandidateRow {
	kind: ConflictKind | null;
	reason: string | null;
	submitted_at: Date | null;
}

/**
 * The candidates of a regional panel (its regions), or every candidate of the round with
 * a regional score (the national panel, which keeps its finalists), by name, each with this juror's conflict
 * (conflictKindOf's rule) and when they submitted their scores for them.
 */
function juryListRows(db: DB, roundId: string, panel: Panel, userId: string) {
	return sql<JuryListRow>`
		select c.nominee_id, u.name, c.company_id, co.name as company_name, c.region_id,
			${conflictKindOf(sql.val(userId), sql.val(panel.id))} as kind, jc.reason,
			(select max(s.submitted_at) from jury_score s where s.panel_id = ${panel.id}
				and s.nominee_id = c.nominee_id and s.juror_id = ${userId}) as submitted_at
		from award_candidate c
		join app_user u on u.id = c.nominee_id
		join company co on co.id = c.company_id
		left join jury_conflict jc on jc.panel_id = ${panel.id} and jc.juror_id = ${userId}
			and jc.nominee_id = c.nominee_id
		where c.round_id = ${roundId}
			and ${
				panel.kind === 'regional'
					? sql`c.region_id = any(${panel.region_ids}::int[])`
					: // Only a nominee with a regional score can be a finalist.
						sql`exists (select 1 from jury_score s join jury_panel rp on rp.id = s.panel_id
							where rp.round_id = c.round_id and rp.kind = 'regional'
								and s.nominee_id = c.nominee_id)`
			}
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
	// Issue 20: the panel with the nominee's nominations and scores (one statement; the
	// access check), then the panel's list (panelList: one statement, two for the national
	// panel) gives whether the nominee is one of its candidates, their conflict and
	// submission and the next one to score; then their company's culture results.
	const view = await panelOfJuror(db, panelId, userId, now, nomineeId);
	if (!view) return null;
	const nominees = await panelList(db, view, userId);
	const c = nominees.find((x) => x.nomineeId === nomineeId);
	if (!c) return null;
	const {
		record: { nominations, scores },
		...rest
	} = view;
	// The nominee's company's shared scan results: the juror may see this candidate
	// (checked above); the wall shows that one company.
	const culture = await inCompany(c.companyId, () => cultureForAdviser(db, c.companyId));
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
