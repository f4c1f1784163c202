import type { DB } from '../db';
import type { SessionUser } from '../auth/session';

/** The adviser's regions with the number of companies in each (placeholder for the overview). */
export async function adviserRegions(db: DB, user: SessionUser) {
	return db
		.selectFrom('adviser_region as ar')
		.innerJoin('region as r', 'r.id', 'ar.region_id')
		.select((eb) => [
			'r.id',
			'r.name',
			eb
				.selectFrom('company as c')
				.whereRef('c.region_id', '=', 'r.id')
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('companies')
		])
		.where('ar.user_id', '=', user.id)
		.orderBy('r.name')
		.execute();
}
