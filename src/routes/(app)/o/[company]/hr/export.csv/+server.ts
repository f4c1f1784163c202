import { requireCompany } from '$lib/server/auth/guard';
import { CSV_CONTENT_TYPE } from '$lib/server/csv';
import { getDb } from '$lib/server/db/app';
import { attachment } from '$lib/server/download';
import { parseDashboardFilters } from '$lib/server/trajectories/dashboard';
import { trajectoriesCsv } from '$lib/server/trajectories/export';
import { recordTrajectoriesExport } from '$lib/server/privacy/access-log';
import type { RequestHandler } from './$types';

/** The HR dashboard's trajectory list as CSV for Excel, with the same filters (?route, ?trainer). */
export const GET: RequestHandler = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const filters = parseDashboardFilters(event.url.searchParams);
	const { filename, body, rows } = await trajectoriesCsv(await getDb(), ctx, filters);
	await recordTrajectoriesExport(await getDb(), ctx, filters, rows);
	return new Response(body, {
		headers: {
			'content-type': CSV_CONTENT_TYPE,
			'content-disposition': attachment(filename),
			'cache-control': 'private, no-store'
		}
	});
};
