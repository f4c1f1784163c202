import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { accessLog } from '$lib/server/privacy/access-log';
import { readSearch } from '$lib/server/search';
import { accessLogSearch } from '$lib/schemas/search';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

/** "Wie bekeek mijn gegevens": only ever the logged-in user's own log (no id in the URL). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const { van: from, tot: to, pagina: page } = readSearch(url, accessLogSearch);
	const badPeriod = !!from && !!to && from > to;
	const { entries, total } = badPeriod
		? { entries: [], total: 0 }
		: await accessLog(await getDb(), user.id, {
				from,
				to,
				limit: PAGE_SIZE,
				offset: (page - 1) * PAGE_SIZE
			});
	return {
		from,
		to,
		badPeriod,
		entries,
		total,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE))
	};
};
