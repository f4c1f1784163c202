import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { trainerHome } from '$lib/server/trajectories/home';
import { pageSearch } from '$lib/schemas/search';
import { readSearch } from '$lib/server/search';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'trainer');
	const page = readSearch(event.url, pageSearch).pagina;
	const result = await trainerHome(await getDb(), ctx, page);
	return {
		name: ctx.user.name,
		trajectories: result.items,
		page: result.page,
		pages: result.pages,
		total: result.total
	};
};
