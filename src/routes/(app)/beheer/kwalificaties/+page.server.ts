import { fail, redirect } from '@sveltejs/kit';
import { importErrorMessage } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { uploadConfirmSchema } from '$lib/schemas/qualifications';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { readForm } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import { MAX_IMPORT_BYTES, QualificationImportError } from '$lib/server/qualifications/parse';
import {
	confirmUpload,
	listDossiers,
	previewUpload,
	stageUpload
} from '$lib/server/qualifications/uploads';
import { planChangesAnything } from '$lib/server/qualifications/import';
import { readSearch } from '$lib/server/search';
import { uploadPreviewSearch } from '$lib/schemas/search';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePlatformRole(locals, 'admin');
	const db = await getDb();
	const uploadId = readSearch(url, uploadPreviewSearch).voorbeeld ?? null;
	const preview = uploadId ? await previewUpload(db, user, uploadId) : null;
	return {
		uploadId: preview ? uploadId : null,
		previewExpired: !!uploadId && !preview,
		preview,
		changes: preview ? planChangesAnything(preview.plan) : false,
		dossiers: await listDossiers(db)
	};
};

export const actions: Actions = {
	// Files only: read as a stream with its own limits (MAX_IMPORT_BYTES), not through a schema.
	upload: async ({ locals, request }) => {
		const user = requirePlatformRole(locals, 'admin');
		const data = await request.formData();
		const files = data.getAll('files').filter((f): f is File => f instanceof File && f.size > 0);
		if (!files.length) return fail(400, { uploadError: m.import_err_no_file() });
		if (files.reduce((n, f) => n + f.size, 0) > MAX_IMPORT_BYTES) {
			return fail(400, { uploadError: m.import_err_too_large({ max: 20 }) });
		}
		let id: string;
		try {
			const sources = await Promise.all(
				files.map(async (f) => ({ name: f.name.slice(0, 200), content: await f.text() }))
			);
			id = await stageUpload(await getDb(), user, sources, formTokenOf(data));
		} catch (e) {
			if (e instanceof QualificationImportError) {
				return fail(400, { uploadError: importErrorMessage(e) });
			}
			throw e;
		}
		redirect(303, `/beheer/kwalificaties?voorbeeld=${id}`);
	},
	confirm: async ({ locals, request }) => {
		const user = requirePlatformRole(locals, 'admin');
		const form = await readForm(request, uploadConfirmSchema);
		// an upload that is not (or no longer) there, the admin's own, has expired
		const plan = form.valid
			? await confirmUpload(await getDb(), user, form.data.uploadId, locals.requestId)
			: null;
		if (!plan) return fail(400, { uploadError: m.import_expired() });
		const count = (action: string) => plan.dossiers.filter((d) => d.action === action).length;
		return {
			done: m.import_done({
				added: count('add'),
				versions: count('new_version'),
				unchanged: count('unchanged')
			})
		};
	}
};
