import { redirect } from '@sveltejs/kit';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { notFoundOr } from '$lib/server/forms';
import { CSV_CONTENT_TYPE } from '$lib/server/csv';
import { getDb } from '$lib/server/db/app';
import { attachment } from '$lib/server/download';
import { overviewCsv } from '$lib/server/adviser/export';
import { overviewScope } from '$lib/server/adviser/regions';
import { parseOverviewFilters } from '$lib/server/adviser/filters';
import { refreshDue } from '$lib/server/adviser/overview';
import { readSearch } from '$lib/server/search';
import { regionSearch } from '$lib/schemas/search';
import type { RequestHandler } from './$types';

/** The overview as CSV, with the page's region, filters and sort (?regio, ?signaal, …). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requirePlatformRole(locals, 'adviser', 'admin');
	const db = await getDb();
	const scope = await overviewScope(db, user, readSearch(url, regionSearch).regio ?? null).catch(
		notFoundOr
	);
	if (scope.national) redirect(303, '/sbb/landelijk');
	const regionIds = scope.selected.map((r) => r.id);
	await refreshDue(db, regionIds);
	const { filename, body } = await overviewCsv(
		db,
		user,
		regionIds,
		parseOverviewFilters(url.searchParams),
		locals.requestId
	);
	return new Response(body, {
		headers: {
			'content-type': CSV_CONTENT_TYPE,
			'content-disposition': attachment(filename),
			'cache-control': 'private, no-store'
		}
	});
};
