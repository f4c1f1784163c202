import { m } from '$lib/paraglide/messages';
import { instrumentDraftSchema } from '$lib/schemas/culture';
import { requirePlatformRole } from '$lib/server/auth/guard';
import {
	createInstrumentDraft,
	discardInstrumentDraft,
	draftInstrumentId,
	listInstrumentVersions,
	publishInstrumentDraft,
	saveInstrumentDraft
} from '$lib/server/culture/editor';
import {
	currentInstrumentId,
	instrumentOf,
	type CultureInstrument
} from '$lib/server/culture/instrument';
import { draftEditor } from '$lib/server/versions';
import type { Actions, PageServerLoad } from './$types';

const linesOf = (list: { nl: string; en: string }[], lang: 'nl' | 'en') =>
	list.map((s) => s[lang]).join('\n');
const split = (text: string) => text.split(/\r?\n/);

/** The admin's editor of the learning-culture instrument (issue 15); admins only. */
const editor = draftEditor<CultureInstrument>({
	draftOf: async (db) => {
		const id = await draftInstrumentId(db);
		return id ? instrumentOf(db, id) : null;
	},
	schema: (draft) => instrumentDraftSchema(draft?.dimensions.map((d) => d.code) ?? []),
	create: createInstrumentDraft,
	save: (db, userId, draft, f) =>
		saveInstrumentDraft(db, userId, {
			openQuestionNl: f.open_nl,
			openQuestionEn: f.open_en,
			dimensions: draft.dimensions.map((d) => ({
				code: d.code,
				nameNl: f[`name_nl_${d.code}`],
				nameEn: f[`name_en_${d.code}`],
				descriptionNl: f[`description_nl_${d.code}`],
				descriptionEn: f[`description_en_${d.code}`],
				employeeNl: split(f[`employee_nl_${d.code}`]),
				employeeEn: split(f[`employee_en_${d.code}`]),
				managementNl: split(f[`management_nl_${d.code}`]),
				managementEn: split(f[`management_en_${d.code}`])
			}))
		}),
	noDraft: 'culture_no_draft',
	saved: m.ci_saved,
	publish: publishInstrumentDraft,
	discard: discardInstrumentDraft,
	published: m.ci_published
});

export const load: PageServerLoad = async ({ locals }) => {
	requirePlatformRole(locals, 'admin');
	const { db, draft } = await editor.current();
	const [current, versions] = await Promise.all([
		currentInstrumentId(db).then((id) => instrumentOf(db, id)),
		listInstrumentVersions(db)
	]);
	const values: Record<string, string> = {
		open_nl: draft?.openQuestionNl ?? '',
		open_en: draft?.openQuestionEn ?? ''
	};
	for (const d of draft?.dimensions ?? []) {
		values[`name_nl_${d.code}`] = d.nl;
		values[`name_en_${d.code}`] = d.en;
		values[`description_nl_${d.code}`] = d.descriptionNl;
		values[`description_en_${d.code}`] = d.descriptionEn;
		for (const audience of ['employee', 'management'] as const) {
			values[`${audience}_nl_${d.code}`] = linesOf(d[audience], 'nl');
			values[`${audience}_en_${d.code}`] = linesOf(d[audience], 'en');
		}
	}
	return {
		current: current!,
		draft,
		versions,
		...(await editor.forms(draft, values))
	};
};

export const actions: Actions = editor.actions;
