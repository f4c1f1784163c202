import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { listCompanies } from '$lib/server/accounts/companies';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePlatformRole(locals, 'admin');
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get('pagina')) || 1));
	const { rows, total } = await listCompanies(await getDb(), {
		search: q || undefined,
		limit: PAGE_SIZE,
		offset: (page - 1) * PAGE_SIZE
	});
	return { q, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), total, companies: rows };
};
