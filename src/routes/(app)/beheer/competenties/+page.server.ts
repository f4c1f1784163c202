import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { noFields } from '$lib/schemas/fields';
import { frameworkDraftSchema } from '$lib/schemas/framework';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import {
	createDraft,
	currentFramework,
	discardDraft,
	draftVersionId,
	frameworkOf,
	listVersions,
	publishDraft,
	saveDraft,
	type Framework
} from '$lib/server/profiles/framework';
import { draftActions } from '$lib/server/versions';
import type { Actions, PageServerLoad } from './$types';

/** The draft form: the areas of the draft (none without a draft). */
const draftSchema = (draft: Framework | null) =>
	frameworkDraftSchema(draft?.areas.map((a) => a.code) ?? []);

async function currentDraft() {
	const db = await getDb();
	const draftId = await draftVersionId(db);
	return { db, draft: draftId ? await frameworkOf(db, draftId) : null };
}

export const load: PageServerLoad = async ({ locals }) => {
	requirePlatformRole(locals, 'admin');
	const { db, draft } = await currentDraft();
	const [current, versions] = await Promise.all([currentFramework(db), listVersions(db)]);
	const values: Record<string, string> = {};
	for (const a of draft?.areas ?? []) {
		values[`name_${a.code}`] = a.name;
		values[`description_${a.code}`] = a.description;
		values[`indicators_${a.code}`] = a.indicators.map((i) => i.text).join('\n');
	}
	return {
		current,
		draft,
		versions,
		form: await formFor(draftSchema(draft), values, { id: 'draft' }),
		publishForm: await formFor(noFields, null, { id: 'publish' })
	};
};

export const actions: Actions = {
	draft: async ({ locals, request }) => {
		const user = requirePlatformRole(locals, 'admin');
		await createDraft(await getDb(), user.id, formTokenOf(await request.formData()));
		return { draftCreated: true };
	},
	save: async ({ locals, request }) => {
		const user = requirePlatformRole(locals, 'admin');
		const { db, draft } = await currentDraft();
		const form = await readForm(request, draftSchema(draft), { id: 'draft' });
		if (!draft) return domainFail(form, new DomainError('framework_no_draft'));
		if (!form.valid) return invalid(form);
		const areas = draft.areas.map((a) => ({
			code: a.code,
			name: form.data[`name_${a.code}`],
			description: form.data[`description_${a.code}`],
			indicators: form.data[`indicators_${a.code}`].split(/\r?\n/)
		}));
		try {
			await saveDraft(db, user.id, areas);
		} catch (e) {
			return domainFail(form, e);
		}
		return message(form, { type: 'success', text: m.fw_saved() });
	},
	...draftActions(publishDraft, discardDraft, m.fw_published)
};
