import { sql } from 'kysely';
import { acrossCompanies } from '../db/scope';
import { CROSS_COMPANY } from '../db/cross-company';
import type { DB } from '../db';
import type { RegionRef } from '../adviser/regions';
import {
	benchmarksOf,
	CULTURE_BENCHMARK_MONTHS,
	CULTURE_MIN_COMPANIES,
	type BenchmarkBands
} from './benchmark';
import { currentInstrumentId, instrumentOf } from './instrument';

/**
 * Learning culture in the adviser's regions (issue 15): per region, how many companies
 * held a scan, how many share their results with their adviser, and how the sharing
 * companies are spread per dimension over "point of attention", "between" and
 * "strength" (only from CULTURE_MIN_COMPANIES sharing companies); the companies that
 * share, linking to their page; and the companies without a scan in the signal's period.
 */
export interface RegionCulture {
	region: RegionRef;
	companies: number;
	sharedCompanies: number;
	dimensions: {
		code: string;
		nl: string;
		en: string;
		/** Mean of every company's mean (null under CULTURE_MIN_COMPANIES). */
		mean: number | null;
		shared: BenchmarkBands | null;
	}[];
	/** The first SHARED_LISTED sharing companies by name, and how many share in all. */
	shared: { companyId: string; name: string; lastScanOn: string | null }[];
	sharedTotal: number;
	/** Companies with learners whose signal names "no scan". */
	withoutScan: number;
}

export interface RegionCultureData {
	regions: RegionCulture[];
	minCompanies: number;
	months: number;
}

/** At most this many sharing companies are listed per region (the rest: the overview's search). */
export const SHARED_LISTED = 50;

export async function regionCulture(db: DB, regions: RegionRef[]): Promise<RegionCultureData> {
	const ids = regions.map((r) => r.id);
	const [benchmarks, instrument, companies] = await Promise.all([
		benchmarksOf(
			db,
			ids.map((id) => ({ scope: 'region' as const, id }))
		),
		currentInstrumentId(db).then((id) => instrumentOf(db, id)),
		acrossCompanies(CROSS_COMPANY.adviserRegions, () =>
			sql<{
				region_id: number;
				company_id: string | null;
				name: string | null;
				last_scan_on: string | null;
				n: number;
			}>`
				select region_id, company_id, name, last_scan_on, n from (
					select o.region_id, o.company_id, o.name,
						to_char(o.last_scan_on, 'YYYY-MM-DD') as last_scan_on,
						(count(*) over (partition by o.region_id))::int as n,
						row_number() over (partition by o.region_id order by o.name, o.company_id) as i
					from company_overview o
					where o.region_id = any(${ids}::int[]) and o.culture_shared
				) s where i <= ${SHARED_LISTED}
				union all
				select o.region_id, null, null, null, count(*)::int
				from company_overview o
				where o.region_id = any(${ids}::int[]) and 'no_scan' = any(o.signal_reasons)
				group by o.region_id
				order by name`.execute(db)
		)
	]);
	return {
		minCompanies: CULTURE_MIN_COMPANIES,
		months: CULTURE_BENCHMARK_MONTHS,
		regions: regions.map((region) => {
			const b = benchmarks.find((x) => x.scopeId === region.id);
			const rows = companies.rows.filter((r) => r.region_id === region.id);
			return {
				region,
				companies: b?.companies ?? 0,
				sharedCompanies: b?.sharedCompanies ?? 0,
				dimensions: (instrument?.dimensions ?? []).map((d) => ({
					code: d.code,
					nl: d.nl,
					en: d.en,
					mean: b?.dimensions[d.code]?.mean ?? null,
					shared: b?.dimensions[d.code]?.shared ?? null
				})),
				shared: rows
					.filter((r) => r.company_id !== null)
					.map((r) => ({ companyId: r.company_id!, name: r.name!, lastScanOn: r.last_scan_on })),
				sharedTotal: rows.find((r) => r.company_id !== null)?.n ?? 0,
				withoutScan: rows.find((r) => r.company_id === null)?.n ?? 0
			};
		})
	};
}
