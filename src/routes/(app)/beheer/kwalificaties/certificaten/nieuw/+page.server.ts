import { redirect } from '@sveltejs/kit';
import { certificateSchema } from '$lib/schemas/qualifications';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { formTokenOf } from '$lib/server/once';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import { getQualification } from '$lib/server/qualifications/browse';
import { createCertificate } from '$lib/server/qualifications/certificates';
import { readSearch } from '$lib/server/search';
import { creboSearch } from '$lib/schemas/search';
import type { Actions, PageServerLoad } from './$types';

async function workProcessesFor(crebo: string) {
	const detail = /^\d{5}$/.test(crebo) ? await getQualification(await getDb(), crebo) : null;
	if (!detail) return null;
	return {
		title: detail.qualification.title,
		coreTasks: detail.coreTasks.map((ct) => ({
			code: ct.code,
			title: ct.title,
			workProcesses: ct.workProcesses.map((wp) => ({ code: wp.code, title: wp.title }))
		}))
	};
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePlatformRole(locals, 'admin');
	const { crebo } = readSearch(url, creboSearch);
	const form = await formFor(certificateSchema, { crebo });
	return { form, qualification: crebo ? await workProcessesFor(crebo) : null, crebo };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const user = requirePlatformRole(locals, 'admin');
		const data = await request.formData();
		const form = await readForm(data, certificateSchema);
		if (!form.valid) return invalid(form);
		try {
			await createCertificate(
				await getDb(),
				{ userId: user.id, requestId: locals.requestId },
				form.data,
				formTokenOf(data)
			);
		} catch (e) {
			return domainFail(form, e);
		}
		redirect(303, '/beheer/kwalificaties/certificaten?nieuw=1');
	}
};
