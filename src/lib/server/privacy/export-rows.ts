/** The ids of `rows`, or one id no row has, so `in (…)` never gets an empty list. */
export const idsOrNone = (rows: { id: string }[]) =>
	rows.length ? rows.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000'];

/** `rows` by `key`, each group in the rows' order (for the personal-data export's parts). */
export const groupBy = <T, K>(rows: T[], key: (r: T) => K) => {
	const m = new Map<K, T[]>();
	for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
	return m;
};
