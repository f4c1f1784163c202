import { CSV_CONTENT_TYPE } from '$lib/server/csv';
import { attachment } from '$lib/server/download';
import { overviewCsv } from '$lib/server/adviser/export';
import { parseOverviewFilters } from '$lib/server/adviser/filters';
import { refreshDue } from '$lib/server/adviser/overview';
import { readSearch } from '$lib/server/search';
import { regionSearch } from '$lib/schemas/search';
import { adviserScope } from '../scope.server';
import type { RequestHandler } from './$types';

/** The overview as CSV, with the page's region, filters and sort (?regio, ?signaal, …). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { user, db, scope } = await adviserScope(locals, readSearch(url, regionSearch).regio);
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
