import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { attachment } from '$lib/server/download';
import { claimExportLink, exportZip } from '$lib/server/privacy/download';
import { readSearch } from '$lib/server/search';
import { downloadKeySearch } from '$lib/schemas/search';
import type { RequestHandler } from './$types';

/**
 * The zip of everything Vakmaat holds about the logged-in user (docs/privacy.md). The
 * link is single-use and expires: another user's link, or none, is 404; a used or
 * expired one 410. The zip streams (evidence files are piped from storage one by one).
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireUser(locals);
	const db = await getDb();
	const claim = await claimExportLink(db, user.id, readSearch(url, downloadKeySearch).sleutel);
	if (claim === 'not_found') error(404, m.error_not_found());
	if (claim === 'gone') error(410, m.privacy_export_gone());
	const { stream, fileName } = await exportZip(db, user.id, locals.requestId);
	return new Response(stream, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': attachment(fileName),
			'cache-control': 'private, no-store'
		}
	});
};
