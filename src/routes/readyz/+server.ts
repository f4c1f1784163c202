import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app';
import { ping } from '$lib/server/db';
import { log } from '$lib/server/log';
import type { RequestHandler } from './$types';

/** Readiness: the database answers a ping within 3 seconds. */
export const GET: RequestHandler = async ({ locals }) => {
	try {
		const db = await getDb();
		await Promise.race([
			ping(db),
			new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))
		]);
		return json({ status: 'ok' });
	} catch (err) {
		log.warn({ reqId: locals.requestId, err }, 'readiness check failed');
		return json({ status: 'unavailable' }, { status: 503 });
	}
};
