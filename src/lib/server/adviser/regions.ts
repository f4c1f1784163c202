import type { DB } from '../db';
import type { SessionUser } from '../auth/session';
import { NotFoundError } from '../errors';

/** Which regions an adviser's (or admin's) overview shows. */
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
	/** An admin without regions of their own and without ?regio: the national view instead. */
	national: boolean;
}

/**
 * Which regions the overview shows. An adviser: their own regions, or one of them with
 * ?regio=N; a region that is not theirs is a NotFoundError (the page's 404). An admin may
 * open any region with ?regio=N (the national view links there); without it `national`
 * says the page goes to the national view.
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
		return { regions: own, selected: own, chosen: null, national: !own.length && isAdmin };
	}
	const ownChoice = own.find((r) => r.id === chosen);
	if (ownChoice) return { regions: own, selected: [ownChoice], chosen, national: false };
	if (!isAdmin) throw new NotFoundError('region');
	const all = await db.selectFrom('region').select(['id', 'name']).orderBy('name').execute();
	const region = all.find((r) => r.id === chosen);
	if (!region) throw new NotFoundError('region');
	return { regions: all, selected: [region], chosen, national: false };
}
