import { fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { formTokenOf } from '$lib/server/once';
import { DomainError } from '$lib/server/errors';
import {
	createDraft,
	currentFramework,
	discardDraft,
	draftVersionId,
	frameworkOf,
	listVersions,
	publishDraft,
	saveDraft
} from '$lib/server/profiles/framework';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/form-data';

export const load: PageServerLoad = async ({ locals }) => {
	requirePlatformRole(locals, 'admin');
	const db = await getDb();
	const draftId = await draftVersionId(db);
	const [current, draft, versions] = await Promise.all([
		currentFramework(db),
		draftId ? frameworkOf(db, draftId) : null,
		listVersions(db)
	]);
	return { current, draft, versions };
};

export const actions: Actions = {
	draft: async ({ locals, request }) => {
		const user = requirePlatformRole(locals, 'admin');
		await createDraft(await getDb(), user.id, formTokenOf(await request.formData()));
		return { draftCreated: true };
	},
	save: async ({ locals, request }) => {
		const user = requirePlatformRole(locals, 'admin');
		const db = await getDb();
		const draftId = await draftVersionId(db);
		const draft = draftId ? await frameworkOf(db, draftId) : null;
		if (!draft) return fail(400, { error: domainErrorMessage('framework_no_draft') });
		const form = await request.formData();
		const areas = draft.areas.map((a) => ({
			code: a.code,
			name: formText(form, `name_${a.code}`),
			description: formText(form, `description_${a.code}`),
			indicators: formText(form, `indicators_${a.code}`).split(/\r?\n/)
		}));
		try {
			await saveDraft(db, user.id, areas);
		} catch (e) {
			if (e instanceof DomainError) {
				return fail(400, {
					values: Object.fromEntries(
						areas.map((a) => [a.code, { ...a, indicators: a.indicators.join('\n') }])
					),
					errors: { [e.field ?? '']: domainErrorMessage(e.code) },
					error: null
				});
			}
			throw e;
		}
		return { saved: true };
	},
	publish: async ({ locals }) => {
		const user = requirePlatformRole(locals, 'admin');
		try {
			await publishDraft(await getDb(), user.id);
		} catch (e) {
			if (e instanceof DomainError) return fail(400, { error: domainErrorMessage(e.code) });
			throw e;
		}
		return { published: true };
	},
	discard: async ({ locals }) => {
		const user = requirePlatformRole(locals, 'admin');
		await discardDraft(await getDb(), user.id);
		return { discarded: true };
	}
};
