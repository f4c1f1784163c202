import { error } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { requireCompany } from '$lib/server/auth/guard';
import { roundResults } from '$lib/server/culture/results';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

/** HR: one round's results (hidden below the threshold; see server/culture/results.ts). */
export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	try {
		return {
			results: await roundResults(await getDb(), ctx, event.params.roundId),
			planned: event.url.searchParams.get('gepland') === '1'
		};
	} catch (e) {
		if (e instanceof DomainError) error(404, domainErrorMessage(e.code));
		throw e;
	}
};
