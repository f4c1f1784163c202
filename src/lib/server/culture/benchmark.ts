import { sql } from 'kysely';
import type { DB } from '../db';

/**
 * Comparisons of learning culture over companies (issue 15): per region and per sector
 * chamber, the mean of the companies' means per dimension, and for the adviser how the
 * companies that share their results are spread over the bands "point of attention",
 * "between" and "strength". Maintained in culture_benchmark (migration 0034), computed
 * at most once a day on first read; never per request.
 */

/** A comparison is shown only over this many companies or more: fewer could be recognised. */
export const CULTURE_MIN_COMPANIES = 5;
/** A company counts with its latest closed round of the last this many months. */
export const CULTURE_BENCHMARK_MONTHS = 24;

export type BenchmarkScope = 'region' | 'sector';

export interface BenchmarkBands {
	low: number;
	mid: number;
	high: number;
}

export interface CultureBenchmark {
	scope: BenchmarkScope;
	scopeId: number;
	/** Companies with a closed round with enough answers in the period. */
	companies: number;
	/** Of those, the companies that share their results with their adviser. */
	sharedCompanies: number;
	/**
	 * Per dimension code: the companies that answered it, their mean (null under
	 * CULTURE_MIN_COMPANIES), and the sharing companies per band (null when fewer than
	 * CULTURE_MIN_COMPANIES share).
	 */
	dimensions: Record<
		string,
		{ companies: number; mean: number | null; shared: BenchmarkBands | null }
	>;
}

interface Row {
	scope: BenchmarkScope;
	scope_id: number;
	companies: number;
	shared_companies: number;
	dimensions: CultureBenchmark['dimensions'];
}

const toBenchmark = (r: Row): CultureBenchmark => ({
	scope: r.scope,
	scopeId: r.scope_id,
	companies: r.companies,
	sharedCompanies: r.shared_companies,
	dimensions: r.dimensions
});

/**
 * The comparisons for these scopes as of today: one read, and for each that is missing
 * or from an earlier day one refresh (a database function that opens the tenant wall for
 * its own duration and writes only aggregates).
 */
export async function benchmarksOf(
	db: DB,
	wanted: { scope: BenchmarkScope; id: number }[]
): Promise<CultureBenchmark[]> {
	if (!wanted.length) return [];
	const read = () =>
		sql<Row>`select b.scope, b.scope_id, b.companies, b.shared_companies, b.dimensions
			from culture_benchmark b
			join unnest(${wanted.map((w) => w.scope)}::text[], ${wanted.map((w) => w.id)}::int[])
				as w(scope, id) on b.scope = w.scope and b.scope_id = w.id
			where b.computed_on >= current_date`
			.execute(db)
			.then((r) => r.rows);
	let rows = await read();
	const missing = wanted.filter(
		(w) => !rows.some((r) => r.scope === w.scope && r.scope_id === w.id)
	);
	if (missing.length) {
		for (const w of missing) {
			await sql`select refresh_culture_benchmark(${w.scope}, ${w.id}::int)`.execute(db);
		}
		rows = await read();
	}
	return wanted.flatMap((w) => {
		const r = rows.find((x) => x.scope === w.scope && x.scope_id === w.id);
		return r ? [toBenchmark(r)] : [];
	});
}
