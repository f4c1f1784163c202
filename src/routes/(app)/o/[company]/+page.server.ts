import { redirect } from '@sveltejs/kit';
import { companyHomePath } from '$lib/server/auth/context';
import { requireCompany } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => {
	const ctx = requireCompany({ locals, params });
	redirect(303, companyHomePath(ctx.company.slug, ctx.roles));
};
