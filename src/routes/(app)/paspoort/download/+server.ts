import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { attachment } from '$lib/server/download';
import { passportFor } from '$lib/server/trajectories/passport';
import type { RequestHandler } from './$types';

/**
 * The learner's own data, as JSON they can keep or take elsewhere. Format (version 2):
 * docs/passport.md.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const user = requireUser(locals);
	const passport = await passportFor(await getDb(), user.id);
	return json(
		{ format: 'vakmaat-llo-paspoort', version: 2, ...passport },
		{
			headers: {
				'content-disposition': attachment(`llo-paspoort-${passport.generatedAt.slice(0, 10)}.json`),
				'cache-control': 'no-store'
			}
		}
	);
};
