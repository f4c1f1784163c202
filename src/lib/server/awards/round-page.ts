import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db';
import { isUuid } from '../errors';
import { panelsWithMembersQuery, toPanelWithMembers, type PanelWithMembers } from './panels';
import { criteriaOf, ROUND_COLUMNS, type Criterion, type Round } from './rounds';
import { juryProgress, tallyData, tallyRound, type JurorProgress, type PanelResult } from './tally';

/** What the admin's page of an award round shows (routes/(app)/beheer/verkiezingen/[id]). */
export interface RoundAdminPage {
	round: Round;
	criteria: Criterion[];
	panels: PanelWithMembers[];
	results: PanelResult[];
	progress: JurorProgress[];
	/** Every region, by name: the ones a new panel may judge. */
	regions: { id: number; name: string }[];
}

/**
 * The admin's page of a round, or null (→ 404) for an unknown one, in three statements at
 * most (issue 20): the round with its panels, their jurors and every region, and next to it
 * the criteria (criteriaOf); then, when the round has panels, the tally's data over every
 * company with the jurors' progress counts (tallyData). The results are roundResults' own
 * (tallyRound), the progress juryProgress'. Only for platform admins: the page checks.
 */
export async function roundAdminPage(db: DB, id: string): Promise<RoundAdminPage | null> {
	if (!isUuid(id)) return null;
	const [row, criteria] = await Promise.all([
		db
			.selectFrom('award_round as r')
			.select(ROUND_COLUMNS.map((c) => `r.${c}` as const))
			.select([
				jsonArrayFrom(panelsWithMembersQuery(db, id)).as('panels'),
				jsonArrayFrom(db.selectFrom('region').select(['id', 'name']).orderBy('name')).as('regions')
			])
			.where('r.id', '=', id)
			.executeTakeFirst(),
		criteriaOf(db, id)
	]);
	if (!row) return null;
	const { panels: panelRows, regions, ...rest } = row;
	const round = rest as Round;
	const panels = panelRows.map(toPanelWithMembers);
	if (!panels.length) return { round, criteria, panels, results: [], progress: [], regions };
	const data = await tallyData(db, round.id, true);
	const results = tallyRound(round, data);
	return {
		round,
		criteria,
		panels,
		results,
		progress: juryProgress(panels, results, data.progress),
		regions
	};
}
