import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { listCompanies } from '$lib/server/accounts/companies';
import { readSearch } from '$lib/server/search';
import { companySearch } from '$lib/schemas/search';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePlatformRole(locals, 'admin');
	const { q, pagina: page } = readSearch(url, companySearch);
	const { rows, total } = await listCompanies(await getDb(), {
		search: q || undefined,
		limit: PAGE_SIZE,
		offset: (page - 1) * PAGE_SIZE
	});
	return { q, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), total, companies: rows };
};
