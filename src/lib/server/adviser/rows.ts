import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { CompanyOverviewTable, TrajectoryRoute } from '../db/schema';
import { ROUTES } from '../trajectories/status';
import {
	countOf,
	derivedOf,
	protectBreakdown,
	protectPartOf,
	type SmallCount
} from '../../adviser/small-numbers';
import type { ShownFiguresInput } from '../../adviser/display';
import { levelOfRank, rankOfLevel, type ReasonKey } from './signals';
import {
	FOLLOW_UP_HORIZON_DAYS,
	SIZE_CLASSES,
	type OverviewFilters,
	type OverviewSort
} from './filters';

/**
 * A company_overview row: the SQL that selects and filters it, and the one function that
 * turns it into what leaves the server (figures about people protected).
 */

/**
 * A company's figures as they leave the server: every figure about people (learners,
 * trajectories, conversations and actions with learners) is already protected (small
 * numbers hidden, src/lib/adviser/small-numbers.ts). Trainers are work contacts, shown by
 * name, and are not hidden. The figures the page and the CSV show are ShownFiguresInput's
 * (src/lib/adviser/display.ts), so a row goes to shownFigures as it is.
 */
export interface OverviewRow extends ShownFiguresInput {
	companyId: string;
	name: string;
	kvkNumber: string;
	sectorChamber: string;
	activeTrajectories: SmallCount;
	routes: Record<TrajectoryRoute, SmallCount>;
	lastContactOn: string | null;
	/** The follow-up date of the latest contact, if any. */
	followUpOn: string | null;
	reasons: ReasonKey[];
}

const routeColumn = (r: TrajectoryRoute) => sql.ref(`o.route_${r}`);

/** One region as an equality, so the indexes that lead with region_id give the order. */
export function inRegions(regionIds: number[]): RawBuilder<unknown> {
	return regionIds.length === 1
		? sql`o.region_id = ${regionIds[0]}`
		: sql`o.region_id = any(${regionIds}::int[])`;
}

export function whereFilters(regionIds: number[], f: OverviewFilters): RawBuilder<unknown> {
	const parts: RawBuilder<unknown>[] = [inRegions(regionIds)];
	if (f.signal) parts.push(sql`o.signal_rank = ${rankOfLevel(f.signal)}`);
	if (f.sector) parts.push(sql`o.sector_chamber_id = ${f.sector}`);
	if (f.size) {
		const [min, max] = SIZE_CLASSES[f.size];
		parts.push(sql`o.active_learners >= ${min}`);
		if (max !== null) parts.push(sql`o.active_learners <= ${max}`);
	}
	if (f.route) parts.push(sql`${routeColumn(f.route)} > 0`);
	if (f.followUp) parts.push(sql`o.follow_up_on <= current_date + ${FOLLOW_UP_HORIZON_DAYS}::int`);
	if (f.q) {
		const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		parts.push(
			/^[0-9]{8}$/.test(f.q)
				? sql`o.kvk_number = ${f.q}`
				: sql`(o.name ilike ${like} or o.kvk_number like ${like})`
		);
	}
	return sql.join(parts, sql` and `);
}

export function orderBy(sort: OverviewSort): RawBuilder<unknown> {
	switch (sort) {
		case 'name':
			return sql`o.name, o.company_id`;
		case 'learners':
			return sql`o.active_learners desc, o.name, o.company_id`;
		case 'progress':
			return sql`o.progress_sum / nullif(o.active_trajectories, 0) asc nulls last, o.name, o.company_id`;
		case 'stalled':
			return sql`o.stalled desc, o.name, o.company_id`;
		case 'contact':
			return sql`o.last_contact_on asc nulls first, o.name, o.company_id`;
		case 'followup':
			return sql`o.follow_up_on asc nulls last, o.name, o.company_id`;
		case 'signal':
			return sql`o.signal_rank desc, o.stalled desc, o.name, o.company_id`;
	}
}

/** The figures of a company_overview row that the overview and the company page show. */
type OverviewFigure =
	| 'trainers'
	| 'trainers_llo'
	| 'active_learners'
	| 'active_trajectories'
	| `route_${TrajectoryRoute}`
	| 'progress_sum'
	| 'stalled'
	| 'overdue_conversations'
	| 'overdue_actions';

/**
 * A company_overview row as the overview and the company page select it (rowColumns): the
 * figures as the table holds them, the dates as 'YYYY-MM-DD' text, the sector chamber's name.
 */
export type RawRow = Pick<
	Selectable<CompanyOverviewTable>,
	'company_id' | 'name' | 'kvk_number' | OverviewFigure | 'culture_shared'
> & {
	sector_chamber: string;
	last_contact_on: string | null;
	follow_up_on: string | null;
	last_scan_on: string | null;
	rank: number;
	reasons: ReasonKey[];
};

export const rowColumns = sql`o.company_id, o.name, o.kvk_number, sc.name as sector_chamber,
	o.trainers, o.trainers_llo, o.active_learners, o.active_trajectories,
	o.route_bbl_diploma, o.route_mbo_certificate, o.route_practice_statement,
	o.route_branch_certificate, o.route_informal, o.progress_sum, o.stalled,
	to_char(o.last_contact_on, 'YYYY-MM-DD') as last_contact_on,
	to_char(o.follow_up_on, 'YYYY-MM-DD') as follow_up_on,
	o.overdue_conversations, o.overdue_actions,
	to_char(o.last_scan_on, 'YYYY-MM-DD') as last_scan_on, o.culture_shared,
	o.signal_rank as rank, o.signal_reasons as reasons`;

/** A company_overview row with its figures protected: the only way a row leaves the server. */
export function toOverviewRow(r: RawRow): OverviewRow {
	const trajectories = Number(r.active_trajectories);
	const routes = protectBreakdown(
		trajectories,
		ROUTES.map((route) => Number(r[`route_${route}`]))
	);
	return {
		companyId: r.company_id,
		name: r.name,
		kvkNumber: r.kvk_number,
		sectorChamber: r.sector_chamber,
		trainers: r.trainers,
		trainersLlo: r.trainers_llo,
		activeLearners: countOf(r.active_learners),
		activeTrajectories: countOf(trajectories),
		routes: Object.fromEntries(ROUTES.map((route, i) => [route, routes[i]])) as Record<
			TrajectoryRoute,
			SmallCount
		>,
		progress: derivedOf(
			trajectories > 0 ? Math.round((100 * Number(r.progress_sum)) / trajectories) : null,
			Math.min(r.active_learners, trajectories)
		),
		stalled: protectPartOf(trajectories, r.stalled),
		overdueConversations: countOf(r.overdue_conversations),
		overdueActions: countOf(r.overdue_actions),
		lastContactOn: r.last_contact_on,
		followUpOn: r.follow_up_on,
		lastScanOn: r.last_scan_on,
		cultureShared: r.culture_shared,
		signal: levelOfRank(r.rank),
		reasons: r.reasons ?? []
	};
}
