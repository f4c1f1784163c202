import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { getQualification } from '$lib/server/qualifications/browse';
import { qualificationVersionSearch } from '$lib/schemas/search';
import { readSearch } from '$lib/server/search';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireUser(locals);
	const version = readSearch(url, qualificationVersionSearch).versie;
	const detail = await getQualification(await getDb(), params.crebo, version);
	if (!detail) error(404, m.error_not_found());
	return detail;
};
