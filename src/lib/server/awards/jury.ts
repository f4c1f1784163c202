import { sql } from 'kysely';
import type { DB } from '../db';
import type { PanelKind } from '../db/schema';
import { DomainError, isUuid } from '../errors';
import { phaseAt, ROUND_CLOCK_COLUMNS, type Phase } from './phase';
import { computeResults, finalists, type NomineeResult } from './results';
import { criteriaOf, requireRound, type Criterion, type Round } from './rounds';
import { once, type SubmittedBy } from '../once';
import { CROSS_COMPANY, type CrossCompanyReason } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';

export interface Panel {
	id: string;
	round_id: string;
	kind: PanelKind;
	name: string;
	region_ids: number[];
}

export interface PanelMember {
	id: string;
	userId: string;
	name: string;
	email: string;
	replacedAt: Date | null;
}

export async function getPanel(db: DB, panelId: string): Promise<Panel | null> {
	if (!isUuid(panelId)) return null;
	return (
		(await db
			.selectFrom('jury_panel')
			.select(['id', 'round_id', 'kind', 'name', 'region_ids'])
			.where('id', '=', panelId)
			.executeTakeFirst()) ?? null
	);
}

export async function panelsOfRound(
	db: DB,
	roundId: string
): Promise<(Panel & { members: PanelMember[]; regions: string[] })[]> {
	const panels = await db
		.selectFrom('jury_panel')
		.select(['id', 'round_id', 'kind', 'name', 'region_ids'])
		.where('round_id', '=', roundId)
		.orderBy('kind', 'desc')
		.orderBy('name')
		.execute();
	if (!panels.length) return [];
	const members = await db
		.selectFrom('jury_member as jm')
		.innerJoin('app_user as u', 'u.id', 'jm.user_id')
		.select(['jm.id', 'jm.panel_id', 'jm.user_id', 'u.name', 'u.email', 'jm.replaced_at'])
		.where(
			'jm.panel_id',
			'in',
			panels.map((p) => p.id)
		)
		.orderBy('jm.added_at')
		.execute();
	const regions = new Map(
		(await db.selectFrom('region').select(['id', 'name']).execute()).map((r) => [r.id, r.name])
	);
	return panels.map((p) => ({
		...p,
		regions: p.region_ids.map((id) => regions.get(id) ?? String(id)),
		members: members
			.filter((m) => m.panel_id === p.id)
			.map((m) => ({
				id: m.id,
				userId: m.user_id,
				name: m.name,
				email: m.email,
				replacedAt: m.replaced_at
			}))
	}));
}

export interface PanelInput {
	kind: PanelKind;
	name: string;
	regionIds: number[];
}

export async function addPanel(
	db: DB,
	roundId: string,
	input: PanelInput,
	now = new Date(),
	by?: SubmittedBy
): Promise<string> {
	const round = await requireRound(db, roundId);
	if (phaseAt(round, now).phase === 'published') throw new DomainError('award_published');
	if (!input.name.trim() || input.name.length > 120) {
		throw new DomainError('award_panel_name_required', 'name');
	}
	const regionIds = input.kind === 'national' ? [] : [...new Set(input.regionIds)];
	if (input.kind === 'regional') {
		const known = await db
			.selectFrom('region')
			.select('id')
			.where('id', 'in', regionIds.length ? regionIds : [0])
			.execute();
		if (!regionIds.length || known.length !== regionIds.length) {
			throw new DomainError('award_regions_required', 'regionIds');
		}
	}
	return db.transaction().execute((trx) =>
		once(trx, by?.userId ?? '', `jury_panel:${roundId}`, by?.token, async () => {
			if (input.kind === 'national') {
				const national = await trx
					.selectFrom('jury_panel')
					.select('id')
					.where('round_id', '=', roundId)
					.where('kind', '=', 'national')
					.executeTakeFirst();
				if (national) throw new DomainError('award_national_exists', 'kind');
			}
			const row = await trx
				.insertInto('jury_panel')
				.values({
					round_id: roundId,
					kind: input.kind,
					name: input.name.trim(),
					region_ids: regionIds
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return row.id;
		})
	);
}

/** A juror must hold the adviser or admin role. */
async function jurorByEmail(db: DB, email: string): Promise<string> {
	const row = await db
		.selectFrom('app_user as u')
		.select('u.id')
		.where(sql`lower(u.email)`, '=', email.trim().toLowerCase())
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('platform_role as pr')
					.select('pr.user_id')
					.whereRef('pr.user_id', '=', 'u.id')
					.where('pr.role', 'in', ['adviser', 'admin'])
			)
		)
		.executeTakeFirst();
	if (!row) throw new DomainError('award_juror_role', 'email');
	return row.id;
}

export async function addJuror(
	db: DB,
	panelId: string,
	email: string,
	by?: SubmittedBy
): Promise<string> {
	const panel = await getPanel(db, panelId);
	if (!panel) throw new DomainError('award_round_not_found');
	const userId = await jurorByEmail(db, email);
	return db.transaction().execute((trx) =>
		// A double submit answers with the first one's member (not 'already on the panel').
		once(trx, by?.userId ?? '', `jury_member:${panelId}`, by?.token, async () => {
			const inserted = await trx
				.insertInto('jury_member')
				.values({ panel_id: panelId, user_id: userId })
				.onConflict((oc) =>
					oc.columns(['panel_id', 'user_id']).where('replaced_at', 'is', null).doNothing()
				)
				.returning('id')
				.executeTakeFirst();
			if (!inserted) throw new DomainError('award_juror_already', 'email');
			return inserted.id;
		})
	);
}

/**
 * Replaces a juror mid-round: the old membership is closed (replaced_at), the scores the
 * juror already submitted stay and keep counting; the new juror scores the rest.
 */
export async function replaceJuror(db: DB, memberId: string, email: string): Promise<void> {
	if (!isUuid(memberId)) throw new DomainError('award_juror_not_found');
	await db.transaction().execute(async (trx) => {
		const member = await trx
			.selectFrom('jury_member')
			.select(['id', 'panel_id', 'user_id'])
			.where('id', '=', memberId)
			.where('replaced_at', 'is', null)
			.forUpdate()
			.executeTakeFirst();
		if (!member) throw new DomainError('award_juror_not_found');
		const userId = await jurorByEmail(trx, email);
		if (userId === member.user_id) throw new DomainError('award_juror_already', 'email');
		await trx
			.updateTable('jury_member')
			.set({ replaced_at: new Date(), replaced_by: userId })
			.where('id', '=', memberId)
			.execute();
		const inserted = await trx
			.insertInto('jury_member')
			.values({ panel_id: member.panel_id, user_id: userId })
			.onConflict((oc) =>
				oc.columns(['panel_id', 'user_id']).where('replaced_at', 'is', null).doNothing()
			)
			.returning('id')
			.executeTakeFirst();
		if (!inserted) throw new DomainError('award_juror_already', 'email');
	});
}

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
async function candidatesOfRound(
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

/** A panel as one of its active jurors sees it: null for anyone else or an unknown panel. */
async function jurorsPanel(db: DB, panelId: string, userId: string, now: Date) {
	const panel = await getPanel(db, panelId);
	if (!panel) return null;
	const member = await db
		.selectFrom('jury_member')
		.select('id')
		.where('panel_id', '=', panelId)
		.where('user_id', '=', userId)
		.where('replaced_at', 'is', null)
		.executeTakeFirst();
	if (!member) return null;
	const round = await requireRound(db, panel.round_id);
	const phase = phaseAt(round, now).phase;
	// A regional panel judges the candidates of its regions; the national panel the
	// finalists of the regional panels, which takes every regional result.
	const [candidates, criteria] = await Promise.all([
		panel.kind === 'regional'
			? candidatesOfRound(db, CROSS_COMPANY.juryNominations, round.id, panel.region_ids)
			: roundResults(db, round).then(
					(results) => results.find((r) => r.panel.id === panelId)?.candidates ?? []
				),
		criteriaOf(db, round.id)
	]);
	const scoringPhase = panel.kind === 'regional' ? 'regional_jury' : 'national_jury';
	return { panel, round, phase, canScore: phase === scoringPhase, criteria, candidates };
}

/**
 * Why this juror may not score these nominees (automatic or declared), per nominee: from
 * the juror's memberships and nominations in every company (the wall opens).
 */
async function conflictsOf(
	db: DB,
	roundId: string,
	panelId: string,
	userId: string,
	nomineeIds: string[]
): Promise<Map<string, { kind: ConflictKind | null; reason: string | null }>> {
	if (!nomineeIds.length) return new Map();
	const rows = await acrossCompanies(CROSS_COMPANY.juryNominations, () =>
		conflictRows(db, roundId, panelId, userId, nomineeIds)
	);
	return new Map(rows.rows.map((r) => [r.nominee_id, { kind: r.kind, reason: r.reason }]));
}

function conflictRows(
	db: DB,
	roundId: string,
	panelId: string,
	userId: string,
	nomineeIds: string[]
) {
	return sql<{ nominee_id: string; kind: ConflictKind | null; reason: string | null }>`
		select c.nominee_id,
			case when jc.reason is not null then 'declared'
				when exists (select 1 from membership m where m.user_id = ${userId}
					and m.company_id = c.company_id and m.deactivated_at is null) then 'member'
				when exists (select 1 from nomination n where n.round_id = c.round_id
					and n.nominator_id = ${userId} and n.nominee_id = c.nominee_id
					and n.status <> 'withdrawn') then 'nominator'
			end as kind,
			jc.reason
		from award_candidate c
		left join jury_conflict jc on jc.panel_id = ${panelId} and jc.juror_id = ${userId}
			and jc.nominee_id = c.nominee_id
		where c.round_id = ${roundId} and c.nominee_id = any(${nomineeIds}::uuid[])`.execute(db);
}

export interface JuryListItem extends Candidate {
	conflict: ConflictKind | null;
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
	const view = await jurorsPanel(db, panelId, userId, now);
	if (!view) return null;
	const { candidates, ...rest } = view;
	const ids = candidates.map((c) => c.nomineeId);
	const [conflicts, submitted] = await Promise.all([
		conflictsOf(db, view.round.id, panelId, userId, ids),
		db
			.selectFrom('jury_score')
			.select(['nominee_id', (eb) => eb.fn.max('submitted_at').as('submitted_at')])
			.where('panel_id', '=', panelId)
			.where('juror_id', '=', userId)
			.groupBy('nominee_id')
			.execute()
	]);
	const submittedAt = new Map(submitted.map((r) => [r.nominee_id, r.submitted_at]));
	return {
		...rest,
		nominees: candidates.map((c) => ({
			...c,
			conflict: conflicts.get(c.nomineeId)?.kind ?? null,
			submittedAt: submittedAt.get(c.nomineeId) ?? null
		}))
	};
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
	const view = await jurorsPanel(db, panelId, userId, now);
	const c = view?.candidates.find((x) => x.nomineeId === nomineeId);
	if (!view || !c) return null;
	const { candidates, ...rest } = view;
	const [conflicts, nominations, scores, mySubmissions] = await Promise.all([
		conflictsOf(
			db,
			view.round.id,
			panelId,
			userId,
			candidates.map((x) => x.nomineeId)
		),
		// The nominee's nominations, from whichever company nominated them: the wall opens.
		acrossCompanies(CROSS_COMPANY.juryNominations, () =>
			db
				.selectFrom('nomination as n')
				.leftJoin('nomination_motivation as nm', 'nm.nomination_id', 'n.id')
				.select(['n.id', 'n.evidence', 'n.endorsement', 'nm.criterion_id', 'nm.text'])
				.where('n.round_id', '=', view.round.id)
				.where('n.status', '=', 'accepted')
				.where('n.nominee_id', '=', nomineeId)
				.orderBy('n.created_at')
				.execute()
		),
		db
			.selectFrom('jury_score as s')
			.innerJoin('app_user as u', 'u.id', 's.juror_id')
			.select(['s.juror_id', 'u.name', 's.criterion_id', 's.score', 's.comment', 's.submitted_at'])
			.where('s.panel_id', '=', panelId)
			.where('s.nominee_id', '=', nomineeId)
			.execute(),
		db
			.selectFrom('jury_score')
			.select('nominee_id')
			.distinct()
			.where('panel_id', '=', panelId)
			.where('juror_id', '=', userId)
			.execute()
	]);
	const mineRows = scores.filter((s) => s.juror_id === userId);
	const submittedAt = mineRows[0]?.submitted_at ?? null;
	const byNomination = new Map<string, { criterionId: string; text: string }[]>();
	const evidence = new Map<string, string>();
	const endorsements = new Map<string, string>();
	for (const n of nominations) {
		const list = byNomination.get(n.id) ?? [];
		if (n.criterion_id && n.text) list.push({ criterionId: n.criterion_id, text: n.text });
		byNomination.set(n.id, list);
		if (n.evidence) evidence.set(n.id, n.evidence);
		if (n.endorsement) endorsements.set(n.id, n.endorsement);
	}
	const conflict = conflicts.get(nomineeId);
	// The next nominee in the list (after this one, then from the top) still to score.
	const scored = new Set(mySubmissions.map((r) => r.nominee_id));
	const at = candidates.findIndex((x) => x.nomineeId === nomineeId);
	const next =
		[...candidates.slice(at + 1), ...candidates.slice(0, at)].find(
			(x) => !scored.has(x.nomineeId) && !conflicts.get(x.nomineeId)?.kind
		) ?? null;
	return {
		...rest,
		next,
		nominee: {
			...c,
			conflict: conflict?.kind ?? null,
			conflictReason: conflict?.reason ?? null,
			motivations: [...byNomination.values()],
			evidence: [...evidence.values()],
			endorsements: [...endorsements.values()],
			mine: new Map(mineRows.map((s) => [s.criterion_id, { score: s.score, comment: s.comment }])),
			submittedAt,
			others: submittedAt
				? scores
						.filter((s) => s.juror_id !== userId)
						.map((s) => ({
							jurorName: s.name,
							criterionId: s.criterion_id,
							score: s.score,
							comment: s.comment
						}))
				: []
		}
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
