import { sql } from 'kysely';
import type { DB } from '../db';
import type { TrajectoryRoute } from '../db/schema';
import { ROUTES } from '../trajectories/status';
import {
	COMPLEMENT,
	countOf,
	derivedOf,
	protectBreakdown,
	type Protected,
	type SmallCount
} from '../../adviser/small-numbers';
import type { SignalLevel } from './signals';
import { todayIso } from '../../time';
import { CROSS_COMPANY, type CrossCompanyReason } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { QUARTERS } from './filters';
import { inRegions } from './rows';

/** Region totals (the overview's and the admin's national view), small numbers guarded. */

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
	const key = regionIds ? regionKey(regionIds) : 'national';
	const kept = keptTotals(db, key);
	if (kept) return kept.rows;
	const reason = regionIds ? CROSS_COMPANY.adviserRegions : CROSS_COMPANY.nationalTotals;
	const rows = await acrossCompanies(reason, () => totalsRows(db, regionIds, grouped));
	keepTotals(db, key, rows);
	return rows;
}

/**
 * Region totals change slowly and are read on every overview: one pass over the region's
 * companies with some 120 aggregates (about 50 ms for the largest region at national scale,
 * BENCHMARKS.md), the bulk of the page's SQL. So each process keeps them for
 * ADVISER_TOTALS_TTL_SECONDS (default 60; 0 reads them every time, as the tests do unless
 * they test this), per database (keyed by the handle's adapter, as culture/instrument.ts
 * keeps instrument versions) and set of regions. The companies' own rows, the filters'
 * counts and the follow-ups are always read fresh; the page says when the totals are from.
 */
export function totalsTtlMs(): number {
	const seconds = Number(process.env.ADVISER_TOTALS_TTL_SECONDS ?? 60);
	return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) * 1000 : 0;
}

interface Kept {
	at: number;
	rows: TotalsRow[];
}
const kept = new WeakMap<object, Map<string, Kept>>();

export const regionKey = (regionIds: number[]) => [...regionIds].sort((a, b) => a - b).join(',');

/** The kept totals of these regions, if still fresh (`now` for tests). */
export function keptTotals(db: DB, key: string, now = Date.now()): Kept | null {
	const ttl = totalsTtlMs();
	const entry = ttl ? kept.get(db.getExecutor().adapter)?.get(key) : undefined;
	return entry && now - entry.at < ttl ? entry : null;
}

export function keepTotals(db: DB, key: string, rows: TotalsRow[], now = Date.now()): void {
	if (!totalsTtlMs()) return;
	const adapter = db.getExecutor().adapter;
	let byKey = kept.get(adapter);
	if (!byKey) kept.set(adapter, (byKey = new Map<string, Kept>()));
	byKey.set(key, { at: now, rows });
}

/** totalsQuery's query, run with the wall open (by totalsQuery only). */
async function totalsRows(db: DB, regionIds: number[] | null, grouped: boolean) {
	return (await totalsSql(regionIds, grouped).execute(db)).rows;
}

/** A row of totalsSql: the sums and the counts that say which totals must be hidden. */
export interface TotalsRow {
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
}

/**
 * The totals query (one pass over company_overview): for these regions, or all; one row,
 * or one per region. To be run with the wall open (adviser regions or national totals).
 */
export function totalsSql(regionIds: number[] | null, grouped: boolean) {
	const sums = (cols: string[]) =>
		sql.join(cols.map((c) => sql`coalesce(sum(${sql.ref(`o.${c}`)}), 0)::int`));
	const small = (c: string) => sql`${sql.ref(`o.${c}`)} between 1 and ${SMALL_MAX}`;
	// A stalled count is also hidden when the rest of the active trajectories is 1 or 2.
	const stalledOther = sql`o.stalled >= ${SMALL_MAX + 1}
		and o.active_trajectories - o.stalled between 1 and ${SMALL_MAX}`;
	return sql<TotalsRow>`
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
			${grouped ? sql`group by o.region_id` : sql``}`;
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

/** The totals as they leave the server: every total that could give a company's hidden figure away is hidden. */
export function toTotals(r: TotalsRow | undefined): RegionTotals {
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

/**
 * Brings the summaries of these regions up to date with today: the rows whose recheck_on
 * has come (a trajectory reached the stall threshold, an LLO profile expired, a new
 * quarter began). Usually none; an index on (region_id, recheck_on) finds them.
 */
export async function refreshDue(
	db: DB,
	regionIds: number[],
	reason: CrossCompanyReason = CROSS_COMPANY.adviserRegions
): Promise<void> {
	if (!regionIds.length) return;
	await acrossCompanies(reason, () =>
		sql`select refresh_company_overview(array(
			select company_id from company_overview
			where region_id = any(${regionIds}::int[]) and recheck_on <= current_date))`.execute(db)
	);
}

export async function regionTotals(db: DB, regionIds: number[]): Promise<RegionTotals> {
	if (!regionIds.length) return toTotals(undefined);
	return toTotals((await totalsQuery(db, regionIds, false))[0]);
}

/** When the totals of these regions were read (now, or when they were kept). */
export function totalsReadAt(db: DB, regionIds: number[] | null): Date {
	const entry = keptTotals(db, regionIds ? regionKey(regionIds) : 'national');
	return new Date(entry?.at ?? Date.now());
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
		regions.map((r) => r.id),
		CROSS_COMPANY.nationalTotals
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
