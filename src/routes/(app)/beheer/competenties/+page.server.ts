import { m } from '$lib/paraglide/messages';
import { frameworkDraftSchema } from '$lib/schemas/framework';
import { requirePlatformRole } from '$lib/server/auth/guard';
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
import { draftEditor } from '$lib/server/versions';
import type { Actions, PageServerLoad } from './$types';

/** The trainer competence framework's editor (admins only): its draft's areas are its fields. */
const editor = draftEditor<Framework>({
	draftOf: async (db) => {
		const id = await draftVersionId(db);
		return id ? frameworkOf(db, id) : null;
	},
	schema: (draft) => frameworkDraftSchema(draft?.areas.map((a) => a.code) ?? []),
	create: createDraft,
	save: (db, userId, draft, f) =>
		saveDraft(
			db,
			userId,
			draft.areas.map((a) => ({
				code: a.code,
				name: f[`name_${a.code}`],
				description: f[`description_${a.code}`],
				indicators: f[`indicators_${a.code}`].split(/\r?\n/)
			}))
		),
	noDraft: 'framework_no_draft',
	saved: m.fw_saved,
	publish: publishDraft,
	discard: discardDraft,
	published: m.fw_published
});

export const load: PageServerLoad = async ({ locals }) => {
	requirePlatformRole(locals, 'admin');
	const { db, draft } = await editor.current();
	const [current, versions] = await Promise.all([currentFramework(db), listVersions(db)]);
	const values: Record<string, string> = {};
	for (const a of draft?.areas ?? []) {
		values[`name_${a.code}`] = a.name;
		values[`description_${a.code}`] = a.description;
		values[`indicators_${a.code}`] = a.indicators.map((i) => i.text).join('\n');
	}
	return { current, draft, versions, ...(await editor.forms(draft, values)) };
};

export const actions: Actions = editor.actions;
