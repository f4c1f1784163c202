import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { publicResult } from '$lib/server/awards/public';
import { getDb } from '$lib/server/db/app';
import type { PageServerLoad } from './$types';

/** Public (no login): the results of a published round; any other year is a 404. */
export const load: PageServerLoad = async ({ params }) => {
	const year = /^\d{4}$/.test(params.year) ? Number(params.year) : NaN;
	const result = await publicResult(await getDb(), year);
	if (!result) error(404, m.error_not_found());
	return { result };
};
