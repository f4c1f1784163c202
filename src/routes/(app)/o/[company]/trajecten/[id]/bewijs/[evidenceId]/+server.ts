import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { evidenceFile } from '$lib/server/trajectories/evidence';
import type { RequestHandler } from './$types';

/** `attachment; filename="…"` with an ASCII fallback and the exact UTF-8 name (RFC 6266). */
function contentDisposition(fileName: string): string {
	const ascii = fileName
		.normalize('NFKD')
		.replace(/[^\x20-\x7e]/g, '')
		.replace(/["\\]/g, '_');
	return `attachment; filename="${ascii || 'bestand'}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * An evidence file, only for whoever may see the trajectory (HR, its trainers, the
 * learner). Anything else is a 404, also another company's file. Always a download.
 */
export const GET: RequestHandler = async (event) => {
	const ctx = requireCompany(event);
	const file = await evidenceFile(await getDb(), ctx, event.params.id, event.params.evidenceId);
	if (!file) error(404, m.error_not_found());
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.contentType,
			'content-length': String(file.bytes.length),
			'content-disposition': contentDisposition(file.fileName),
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'private, no-store'
		}
	});
};
