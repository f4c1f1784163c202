import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { accessLog } from '$lib/server/privacy/access-log';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

/** A real calendar date YYYY-MM-DD, else null (a bad value filters nothing). */
function dateParam(value: string | null): string | null {
	if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
	const d = new Date(`${value}T00:00:00Z`);
	return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? null : value;
}

/** "Wie bekeek mijn gegevens": only ever the logged-in user's own log (no id in the URL). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const from = dateParam(url.searchParams.get('van'));
	const to = dateParam(url.searchParams.get('tot'));
	const badPeriod = !!from && !!to && from > to;
	const page = Math.max(
		1,
		Math.min(10_000, Number.parseInt(url.searchParams.get('pagina') ?? '1') || 1)
	);
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
