import type { TrajectoryRoute } from '../db/schema';
import { ROUTES } from '../trajectories/status';
import { SIGNAL_LEVELS, type SignalLevel } from './signals';

/** The overview's filters, sort and paging, from the query string (no database). */

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

/** Filters from the query string; anything unknown is ignored (a value is one of its list, or none). */
export function parseOverviewFilters(params: URLSearchParams): OverviewFilters {
	const signal = params.get('signaal');
	const sector = Number(params.get('sectorkamer'));
	const size = params.get('omvang');
	const route = params.get('route');
	const sort = params.get('sorteer');
	const page = Number(params.get('pagina'));
	return {
		signal: SIGNAL_LEVELS.find((x) => x === signal) ?? null,
		sector: Number.isInteger(sector) && sector > 0 && sector < 1000 ? sector : null,
		size: SIZE_CLASS_KEYS.find((x) => x === size) ?? null,
		route: ROUTES.find((x) => x === route) ?? null,
		q: (params.get('zoek') ?? '').trim().slice(0, 100),
		followUp: params.get('opvolging') === '1',
		sort: SORTS.find((x) => x === sort) ?? 'signal',
		page: Number.isInteger(page) && page > 1 && page < 100000 ? page : 1
	};
}

/** Whether any filter narrows the list (the sort does not). */
export function isFiltered(f: OverviewFilters): boolean {
	return !!(f.signal || f.sector || f.size || f.route || f.q || f.followUp);
}
