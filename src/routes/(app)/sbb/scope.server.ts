import { redirect } from '@sveltejs/kit';
import { overviewScope } from '$lib/server/adviser/regions';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { notFoundOr } from '$lib/server/forms';

/**
 * The start of every adviser page on a region (the overview, its CSV, learning culture):
 * an adviser or admin, and the regions shown. `regio` (the page's `?regio`, read there):
 * a region that is not the adviser's is a 404; an admin without one goes to the national
 * view.
 */
export async function adviserScope(locals: App.Locals, regio: string | undefined) {
	const user = requirePlatformRole(locals, 'adviser', 'admin');
	const db = await getDb();
	const scope = await overviewScope(db, user, regio ?? null).catch(notFoundOr);
	if (scope.national) redirect(303, '/sbb/landelijk');
	return { user, db, scope };
}
