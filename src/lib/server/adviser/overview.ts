import { error, redirect } from '@sveltejs/kit';
import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db';
import type { SessionUser } from '../auth/session';
import { requireUser } from '../auth/guard';
import type { TrajectoryRoute } from '../db/schema';
import { ROUTES } from '../trajectories/status';
import { audit } from '../accounts/audit';
import { m } from '../../paraglide/messages.js';
import {
	COMPLEMENT,
	countOf,
	derivedOf,
	protectBreakdown,
	protectPartOf,
	type Protected,
	type SmallCount
} from '../../adviser/small-numbers';
import {
	levelOfRank,
	rankOfLevel,
	SIGNAL_LEVELS,
	type ReasonKey,
	type SignalLevel
} from './signals';
import { todayIso } from '../../time';

/** Companies per page of the overview. */
export const OVERVIEW_PAGE_SIZE = 50;
/** Follow-ups due within this many days are listed as due (overdue ones always). */
export const FOLLOW_UP_HORIZON_DAYS = 14;
/** Quarters in the trend of active learners (the columns of company_overview, migration 0012). */
export const QUARTERS = 8;

/** Size classes by the number of active learners. */
export const SIZE_CLASSES = {
	none: [0, 0],
	s: [1, 5],
	m: [6, 25],
	l: [26, 100],
	xl: [101, null]
} as const satisfies Record<string, readonly [number, number | null]>;
export type SizeClass = keyof typeof SIZE_CLASSES;
export const SIZE_CLASS_KEYS = Object.keys(SIZE_CLASSES) as SizeClass[];

export const SORTS = [
	'name',
	'signal',
	'learners',
	'progress',
	'stalled',
	'contact',
	'followup'
] as const;
export type OverviewSort = (typeof SORTS)[number];

export interface OverviewFilters {
	signal: SignalLevel | null;
	sector: number | null;
	size: SizeClass | null;
	route: TrajectoryRoute | null;
	q: string;
	/** Only companies whose follow-up is due (overdue or within FOLLOW_UP_HORIZON_DAYS). */
	followUp: boolean;
	sort: OverviewSort;
	page: number;
}

/** Filters from the query string; anything unknown is ignored. */
export function parseOverviewFilters(params: URLSearchParams): OverviewFilters {
	const signal = params.get('signaal');
	const sector = Number(params.get('sectorkamer'));
	const size = params.get('omvang');
	const route = params.get('route');
	const sort = params.get('sorteer');
	const page = Number(params.get('pagina'));
	return {
		signal: SIGNAL_LEVELS.includes(signal as SignalLevel) ? (signal as SignalLevel) : null,
		sector: Number.isInteger(sector) && sector > 0 && sector < 1000 ? sector : null,
		size: SIZE_CLASS_KEYS.includes(size as SizeClass) ? (size as SizeClass) : null,
		route: ROUTES.includes(route as TrajectoryRoute) ? (route as TrajectoryRoute) : null,
		q: (params.get('zoek') ?? '').trim().slice(0, 100),
		followUp: params.get('opvolging') === '1',
		sort: SORTS.includes(sort as OverviewSort) ? (sort as OverviewSort) : 'signal',
		page: Number.isInteger(page) && page > 1 && page < 100000 ? page : 1
	};
}

/** Adviser or admin; anyone else 403 (anonymous: to the login). */
export function requireAdviserOrAdmin(locals: App.Locals): SessionUser {
	const user = requireUser(locals);
	if (!user.platformRoles.includes('adviser') && !user.platformRoles.includes('admin')) {
		error(403, m.error_forbidden());
	}
	return user;
}

export interface RegionRef {
	id: number;
	name: string;
}

export interface OverviewScope {
	/** The regions the user may choose between (an admin: all). */
	regions: RegionRef[];
	/** The regions shown now. */
	selected: RegionRef[];
	/** ?regio=N was given. */
	chosen: number | null;
}

/**
 * Which regions the overview shows. An adviser: their own regions, or one of them with
 * ?regio=N; a region that is not theirs is a 404. An admin may open any region with
 * ?regio=N (the national view links there); without it they go to the national view.
 */
export async function overviewScope(
	db: DB,
	user: SessionUser,
	regio: string | null
): Promise<OverviewScope> {
	const isAdmin = user.platformRoles.includes('admin');
	const own = user.platformRoles.includes('adviser')
		? await db
				.selectFrom('adviser_region as ar')
				.innerJoin('region as r', 'r.id', 'ar.region_id')
				.select(['r.id', 'r.name'])
				.where('ar.user_id', '=', user.id)
				.orderBy('r.name')
				.execute()
		: [];
	const chosen = regio === null ? null : /^[0-9]{1,4}$/.test(regio) ? Number(regio) : -1;
	if (chosen === null) {
		if (!own.length && isAdmin) redirect(303, '/sbb/landelijk');
		return { regions: own, selected: own, chosen: null };
	}
	const ownChoice = own.find((r) => r.id === chosen);
	if (ownChoice) return { regions: own, selected: [ownChoice], chosen };
	if (!isAdmin) error(404, m.error_not_found());
	const all = await db.selectFrom('region').select(['id', 'name']).orderBy('name').execute();
	const region = all.find((r) => r.id === chosen);
	if (!region) error(404, m.error_not_found());
	return { regions: all, selected: [region], chosen };
}

/**
 * Brings the summaries of these regions up to date with today: the rows whose recheck_on
 * has come (a trajectory reached the stall threshold, an LLO profile expired, a new
 * quarter began). Usually none; an index on (region_id, recheck_on) finds them.
 */
export async function refreshDue(db: DB, regionIds: number[]): Promise<void> {
	if (!regionIds.length) return;
	await sql`select refresh_company_overview(array(
		select company_id from company_overview
		where region_id = any(${regionIds}::int[]) and recheck_on <= current_date))`.execute(db);
}

/**
 * A company's figures as they leave the server: every figure about people (learners,
 * trajectories, conversations and actions with learners) is already protected (small
 * numbers hidden, src/lib/adviser/small-numbers.ts). Trainers are work contacts, shown by
 * name, and are not hidden.
 */
export interface OverviewRow {
	companyId: string;
	name: string;
	kvkNumber: string;
	sectorChamber: string;
	trainers: number;
	trainersLlo: number;
	activeLearners: SmallCount;
	activeTrajectories: SmallCount;
	routes: Record<TrajectoryRoute, SmallCount>;
	/** Average progress of the active trajectories, 0–100; null without any. */
	progress: Protected<number | null>;
	stalled: SmallCount;
	/** Development conversations planned but not held after their date. */
	overdueConversations: SmallCount;
	/** Agreed actions past their due date, not done. */
	overdueActions: SmallCount;
	lastContactOn: string | null;
	/** The follow-up date of the latest contact, if any. */
	followUpOn: string | null;
	signal: SignalLevel;
	reasons: ReasonKey[];
}

const routeColumn = (r: TrajectoryRoute) => sql.ref(`o.route_${r}`);

/** One region as an equality, so the indexes that lead with region_id give the order. */
function inRegions(regionIds: number[]): RawBuilder<unknown> {
	return regionIds.length === 1
		? sql`o.region_id = ${regionIds[0]}`
		: sql`o.region_id = any(${regionIds}::int[])`;
}

function whereFilters(regionIds: number[], f: OverviewFilters): RawBuilder<unknown> {
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

function orderBy(sort: OverviewSort): RawBuilder<unknown> {
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

/** A company_overview row as the overview and the company page select it (rowColumns). */
export interface RawRow {
	company_id: string;
	name: string;
	kvk_number: string;
	sector_chamber: string;
	trainers: number;
	trainers_llo: number;
	active_learners: number;
	active_trajectories: number;
	route_bbl_diploma: number;
	route_mbo_certificate: number;
	route_practice_statement: number;
	route_branch_certificate: number;
	route_informal: number;
	progress_sum: number;
	stalled: number;
	last_contact_on: string | null;
	follow_up_on: string | null;
	overdue_conversations: number;
	overdue_actions: number;
	rank: number;
	reasons: ReasonKey[];
}

export const rowColumns = sql`o.company_id, o.name, o.kvk_number, sc.name as sector_chamber,
	o.trainers, o.trainers_llo, o.active_learners, o.active_trajectories,
	o.route_bbl_diploma, o.route_mbo_certificate, o.route_practice_statement,
	o.route_branch_certificate, o.route_informal, o.progress_sum, o.stalled,
	to_char(o.last_contact_on, 'YYYY-MM-DD') as last_contact_on,
	to_char(o.follow_up_on, 'YYYY-MM-DD') as follow_up_on,
	o.overdue_conversations, o.overdue_actions,
	o.signal_rank as rank, o.signal_reasons as reasons`;

/** A company_overview row with its figures protected: the only way a row leaves the server. */
export function toOverviewRow(r: RawRow): OverviewRow {
	const trajectories = Number(r.active_trajectories);
	const routes = protectBreakdown(
		trajectories,
		ROUTES.map((route) => Number(r[`route_${route}` as keyof RawRow]))
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
		signal: levelOfRank(r.rank),
		reasons: r.reasons ?? []
	};
}

/** Whether any filter narrows the list (the sort does not). */
export function isFiltered(f: OverviewFilters): boolean {
	return !!(f.signal || f.sector || f.size || f.route || f.q || f.followUp);
}

/**
 * One page of the overview and the number of companies matching the filters. Without
 * filters the number is the region's company count, which the caller may pass in
 * (`knownTotal`, from the region totals) to save the count query.
 */
export async function overviewPage(
	db: DB,
	regionIds: number[],
	filters: OverviewFilters,
	knownTotal?: Promise<number>
): Promise<{ rows: OverviewRow[]; total: number; page: number; pages: number }> {
	// The page and the count are two queries: with the count in the page query (a window
	// over all rows) PostgreSQL sorts the whole region instead of reading the first 50
	// rows in index order (company_overview_signal_idx, company_overview_region_idx).
	const query = (page: number) =>
		sql<RawRow>`
			select ${rowColumns}
			from company_overview o
			join sector_chamber sc on sc.id = o.sector_chamber_id
			where ${whereFilters(regionIds, filters)}
			order by ${orderBy(filters.sort)}
			limit ${OVERVIEW_PAGE_SIZE} offset ${(page - 1) * OVERVIEW_PAGE_SIZE}`.execute(db);
	const count = async () =>
		knownTotal && !isFiltered(filters)
			? knownTotal
			: Number(
					(
						await sql<{ n: number }>`select count(*)::int as n from company_overview o
					where ${whereFilters(regionIds, filters)}`.execute(db)
					).rows[0].n
				);
	let page = filters.page;
	const [first, total] = await Promise.all([query(page), count()]);
	let rows = first.rows;
	const last = Math.max(1, Math.ceil(total / OVERVIEW_PAGE_SIZE));
	if (page > last) {
		// Past the last page (a bookmark after the list shrank): show the last page.
		page = last;
		rows = total ? (await query(page)).rows : [];
	}
	return {
		rows: rows.map(toOverviewRow),
		total,
		page,
		pages: Math.max(1, Math.ceil(total / OVERVIEW_PAGE_SIZE))
	};
}

/** Every company matching the filters, in the overview's order (the CSV export). */
export async function overviewAll(
	db: DB,
	regionIds: number[],
	filters: OverviewFilters
): Promise<OverviewRow[]> {
	const rows = await sql<RawRow>`
		select ${rowColumns}
		from company_overview o
		join sector_chamber sc on sc.id = o.sector_chamber_id
		where ${whereFilters(regionIds, filters)}
		order by ${orderBy(filters.sort)}`.execute(db);
	return rows.rows.map(toOverviewRow);
}

export interface RegionTotals {
	companies: number;
	trainers: number;
	trainersLlo: number;
	activeLearners: SmallCount;
	activeTrajectories: SmallCount;
	stalled: SmallCount;
	routes: Record<TrajectoryRoute, SmallCount>;
	/** Active trajectories per progress bucket (see PROGRESS_BUCKETS of the HR dashboard). */
	buckets: SmallCount[];
	/** Active learners per quarter, oldest first; `quarters` are their first days. */
	byQuarter: SmallCount[];
	quarters: string[];
	/** Average progress of the active trajectories, 0–100; null without any. */
	progress: Protected<number | null>;
	signals: Record<SignalLevel, number>;
}

/**
 * The per-company columns summed into region totals whose companies' hidden figures must
 * not be recoverable by subtracting the shown ones (see regionExposed).
 */
const BUCKET_COLUMNS = [0, 1, 2, 3, 4].map((i) => `progress_b${i}`);
const QUARTER_COLUMNS = Array.from({ length: QUARTERS }, (_, i) => `active_q${i + 1}`);
const GUARDED_COLUMNS = [
	'active_learners',
	'active_trajectories',
	'stalled',
	...ROUTES.map((r) => `route_${r}`),
	...BUCKET_COLUMNS,
	...QUARTER_COLUMNS
];

/** The totals of some regions, or of each region (grouped): one pass over company_overview. */
async function totalsQuery(db: DB, regionIds: number[] | null, grouped: boolean) {
	const sums = (cols: string[]) =>
		sql.join(cols.map((c) => sql`coalesce(sum(${sql.ref(`o.${c}`)}), 0)::int`));
	const small = (c: string) => sql`${sql.ref(`o.${c}`)} between 1 and ${SMALL_MAX}`;
	// A stalled count is also hidden when the rest of the active trajectories is 1 or 2.
	const stalledOther = sql`o.stalled >= ${SMALL_MAX + 1}
		and o.active_trajectories - o.stalled between 1 and ${SMALL_MAX}`;
	return (
		await sql<{
			region_id: number | null;
			companies: number;
			trainers: number;
			trainers_llo: number;
			active_learners: number;
			active_trajectories: number;
			stalled: number;
			progress_sum: number;
			routes: number[];
			buckets: number[];
			by_quarter: number[];
			small_k: number[];
			small_s: number[];
			stalled_other_k: number;
			stalled_other_s: number;
			red: number;
			amber: number;
			green: number;
			quarter: string;
		}>`
			select ${grouped ? sql`o.region_id` : sql`null::int`} as region_id,
				count(*)::int as companies,
				coalesce(sum(o.trainers), 0)::int as trainers,
				coalesce(sum(o.trainers_llo), 0)::int as trainers_llo,
				coalesce(sum(o.active_learners), 0)::int as active_learners,
				coalesce(sum(o.active_trajectories), 0)::int as active_trajectories,
				coalesce(sum(o.stalled), 0)::int as stalled,
				coalesce(sum(o.progress_sum), 0)::float8 as progress_sum,
				array[${sums(ROUTES.map((r) => `route_${r}`))}] as routes,
				array[${sums(BUCKET_COLUMNS)}]::int[] as buckets,
				array[${sums(QUARTER_COLUMNS)}]::int[] as by_quarter,
				array[${sql.join(GUARDED_COLUMNS.map((c) => sql`count(*) filter (where ${small(c)})::int`))}] as small_k,
				array[${sql.join(GUARDED_COLUMNS.map((c) => sql`coalesce(sum(${sql.ref(`o.${c}`)}) filter (where ${small(c)}), 0)::int`))}] as small_s,
				count(*) filter (where ${stalledOther})::int as stalled_other_k,
				coalesce(sum(o.stalled) filter (where ${stalledOther}), 0)::int as stalled_other_s,
				count(*) filter (where o.signal_rank = 2)::int as red,
				count(*) filter (where o.signal_rank = 1)::int as amber,
				count(*) filter (where o.signal_rank = 0)::int as green,
				to_char(date_trunc('quarter', current_date), 'YYYY-MM-DD') as quarter
			from company_overview o
			${regionIds ? sql`where ${inRegions(regionIds)}` : sql``}
			${grouped ? sql`group by o.region_id` : sql``}`.execute(db)
	).rows;
}

const SMALL_MAX = 2;

/**
 * Whether a region total would give away a company's hidden figure: the total minus the
 * companies' shown figures is what the hidden ones hold together. With `k` hidden small
 * figures (1 or 2 each) summing to `s`, and `ko` figures hidden for another reason (3 or
 * more each, summing to `so`), each of them must still be able to take two values.
 */
export function regionExposed(k: number, s: number, ko = 0, so = 0): boolean {
	if (k + ko === 0) return false;
	if (k + ko === 1) return true;
	const rest = s + so;
	if (k > 0) {
		const min = Math.max(1, ko > 0 ? 1 : rest - 2 * (k - 1));
		const max = Math.min(2, rest - (k - 1) - 3 * ko);
		if (max - min < 1) return true;
	}
	if (ko > 0) {
		const min = Math.max(3, ko > 1 ? 3 : rest - 2 * k);
		const max = rest - k - 3 * (ko - 1);
		if (max - min < 1) return true;
	}
	return false;
}

/** The first days of the QUARTERS quarters ending with the one starting on `current`. */
export function quarterStarts(current: string): string[] {
	const [y, mo] = current.split('-').map(Number);
	return Array.from({ length: QUARTERS }, (_, i) => {
		const back = QUARTERS - 1 - i;
		const index = y * 4 + (mo - 1) / 3 - back;
		const year = Math.floor(index / 4);
		const month = (index % 4) * 3 + 1;
		return `${year}-${String(month).padStart(2, '0')}-01`;
	});
}

function toTotals(r: Awaited<ReturnType<typeof totalsQuery>>[number] | undefined): RegionTotals {
	const n = (v: number | null | undefined) => Number(v ?? 0);
	const current = r?.quarter ?? todayIso();
	const exposed = new Map(
		GUARDED_COLUMNS.map((c, i) => [
			c,
			c === 'stalled'
				? regionExposed(
						n(r?.small_k?.[i]),
						n(r?.small_s?.[i]),
						n(r?.stalled_other_k),
						n(r?.stalled_other_s)
					)
				: regionExposed(n(r?.small_k?.[i]), n(r?.small_s?.[i]))
		])
	);
	const guarded = (column: string, value: number): SmallCount =>
		exposed.get(column) ? COMPLEMENT : countOf(value);
	const trajectories = n(r?.active_trajectories);
	// When the region's trajectory count itself is hidden, its breakdowns would add up to
	// it: they are hidden as a whole.
	const breakdown = (columns: string[], values: number[]): SmallCount[] =>
		exposed.get('active_trajectories')
			? values.map(() => COMPLEMENT)
			: protectBreakdown(
					trajectories,
					values,
					columns.map((c) => !!exposed.get(c))
				);
	const routeValues = ROUTES.map((_, i) => n(r?.routes?.[i]));
	const routes = breakdown(
		ROUTES.map((route) => `route_${route}`),
		routeValues
	);
	const stalled = exposed.get('active_trajectories')
		? COMPLEMENT
		: protectBreakdown(
				trajectories,
				[n(r?.stalled), trajectories - n(r?.stalled)],
				[!!exposed.get('stalled'), false]
			)[0];
	return {
		companies: n(r?.companies),
		trainers: n(r?.trainers),
		trainersLlo: n(r?.trainers_llo),
		activeLearners: guarded('active_learners', n(r?.active_learners)),
		activeTrajectories: guarded('active_trajectories', trajectories),
		stalled,
		routes: Object.fromEntries(ROUTES.map((route, i) => [route, routes[i]])) as Record<
			TrajectoryRoute,
			SmallCount
		>,
		buckets: breakdown(
			BUCKET_COLUMNS,
			BUCKET_COLUMNS.map((_, i) => n(r?.buckets?.[i]))
		),
		byQuarter: QUARTER_COLUMNS.map((c, i) => guarded(c, n(r?.by_quarter?.[i]))),
		quarters: quarterStarts(current),
		progress: derivedOf(
			trajectories > 0 ? Math.round((100 * n(r?.progress_sum)) / trajectories) : null,
			trajectories
		),
		signals: { red: n(r?.red), amber: n(r?.amber), green: n(r?.green) }
	};
}

export async function regionTotals(db: DB, regionIds: number[]): Promise<RegionTotals> {
	if (!regionIds.length) return toTotals(undefined);
	return toTotals((await totalsQuery(db, regionIds, false))[0]);
}

export interface NationalRegion extends RegionTotals {
	id: number;
	name: string;
	tileCol: number;
	tileRow: number;
}

/** All 35 regions with their totals and tile positions (the admin's national view). */
export async function nationalTotals(db: DB): Promise<NationalRegion[]> {
	const regions = await db
		.selectFrom('region')
		.select(['id', 'name', 'tile_col', 'tile_row'])
		.orderBy('name')
		.execute();
	await refreshDue(
		db,
		regions.map((r) => r.id)
	);
	const totals = new Map((await totalsQuery(db, null, true)).map((t) => [t.region_id, t]));
	return regions.map((r) => ({
		id: r.id,
		name: r.name,
		tileCol: r.tile_col,
		tileRow: r.tile_row,
		...toTotals(totals.get(r.id))
	}));
}

/** The adviser's view of the overview was opened: who saw which region's company figures. */
export async function auditOverview(
	db: DB,
	user: SessionUser,
	regionIds: number[],
	action: 'adviser.overview_viewed' | 'adviser.overview_exported' | 'adviser.national_viewed',
	data: Record<string, unknown>,
	requestId?: string | null
): Promise<void> {
	await audit(db, {
		actorUserId: user.id,
		action,
		entityType: 'region',
		entityId: regionIds.join(',') || null,
		data,
		requestId
	});
}
