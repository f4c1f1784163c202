import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { attachment } from '$lib/server/download';
import { evidenceFile } from '$lib/server/trajectories/evidence';
import { recordPageRead } from '$lib/server/privacy/access-log';
import type { RequestHandler } from './$types';

/**
 * An evidence file, only for whoever may see the trajectory (HR, its trainers, the
 * learner). Anything else is a 404, also another company's file. Always a download.
 */
export const GET: RequestHandler = async (event) => {
	const ctx = requireCompany(event);
	const db = await getDb();
	const file = await evidenceFile(db, ctx, event.params.id, event.params.evidenceId);
	if (!file) error(404, m.error_not_found());
	await recordPageRead(db, ctx, event, { evidenceId: event.params.evidenceId }, 'evidence_file');
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.contentType,
			'content-length': String(file.bytes.length),
			'content-disposition': attachment(file.fileName),
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'private, no-store'
		}
	});
};
