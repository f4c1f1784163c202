import { fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { catalogueSchema } from '$lib/schemas/qualifications';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { formTokenOf } from '$lib/server/once';
import {
	CatalogueEntryError,
	importCatalogue,
	listCertificates
} from '$lib/server/qualifications/certificates';
import type { Actions, PageServerLoad } from './$types';

const MAX_JSON_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = async ({ locals }) => {
	requirePlatformRole(locals, 'admin');
	return { certificates: await listCertificates(await getDb()) };
};

export const actions: Actions = {
	import: async ({ locals, request }) => {
		const user = requirePlatformRole(locals, 'admin');
		const data = await request.formData();
		const file = data.get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { importError: m.import_err_no_file() });
		}
		if (file.size > MAX_JSON_BYTES)
			return fail(400, { importError: m.import_err_too_large({ max: 5 }) });
		let json: unknown;
		try {
			json = JSON.parse(await file.text());
		} catch {
			return fail(400, { importError: m.certs_import_bad_json() });
		}
		const parsed = catalogueSchema.safeParse(json);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return fail(400, {
				importError: m.certs_import_invalid({
					path: issue.path.join('.') || '/',
					message: issue.message
				})
			});
		}
		try {
			const result = await importCatalogue(
				await getDb(),
				{ userId: user.id, requestId: locals.requestId },
				{
					electives: parsed.data.keuzedelen.map((k) => ({
						code: k.code,
						title: k.titel,
						level: k.niveau ?? null,
						studyLoadHours: k.sbu ?? null
					})),
					certificates: parsed.data.certificaten.map((c) => ({
						code: c.code,
						title: c.titel,
						crebo: c.crebo ?? null,
						workProcessCodes: c.werkprocessen ?? [],
						electiveCode: c.keuzedeel ?? null
					}))
				},
				formTokenOf(data)
			);
			return {
				importDone: m.certs_import_done({
					electives: result.electives,
					added: result.certificatesAdded,
					skipped: result.certificatesSkipped
				})
			};
		} catch (e) {
			if (e instanceof CatalogueEntryError) {
				return fail(400, {
					importError: m.certs_import_entry({
						n: e.index + 1,
						code: e.code,
						message: domainErrorMessage(e.cause.code)
					})
				});
			}
			throw e;
		}
	}
};
