import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { instrumentDraftSchema } from '$lib/schemas/culture';
import { noFields } from '$lib/schemas/fields';
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
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import { draftActions } from '$lib/server/versions';
import type { Actions, PageServerLoad } from './$types';

/** The admin's editor of the learning-culture instrument (issue 15); admins only. */
const draftSchema = (draft: CultureInstrument | null) =>
	instrumentDraftSchema(draft?.dimensions.map((d) => d.code) ?? []);

async function currentDraft() {
	const db = await getDb();
	const draftId = await draftInstrumentId(db);
	return { db, draft: draftId ? await instrumentOf(db, draftId) : null };
}

const linesOf = (list: { nl: string; en: string }[], lang: 'nl' | 'en') =>
	list.map((s) => s[lang]).join('\n');
const split = (text: string) => text.split(/\r?\n/);

export const load: PageServerLoad = async ({ locals }) => {
	requirePlatformRole(locals, 'admin');
	const { db, draft } = await currentDraft();
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
		form: await formFor(draftSchema(draft), values, { id: 'draft' }),
		publishForm: await formFor(noFields, null, { id: 'publish' })
	};
};

export const actions: Actions = {
	draft: async ({ locals, request }) => {
		const user = requirePlatformRole(locals, 'admin');
		await createInstrumentDraft(await getDb(), user.id, formTokenOf(await request.formData()));
		return { draftCreated: true };
	},
	save: async ({ locals, request }) => {
		const user = requirePlatformRole(locals, 'admin');
		const { db, draft } = await currentDraft();
		const form = await readForm(request, draftSchema(draft), { id: 'draft' });
		if (!draft) return domainFail(form, new DomainError('culture_no_draft'));
		if (!form.valid) return invalid(form);
		const f = form.data;
		try {
			await saveInstrumentDraft(db, user.id, {
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
			});
		} catch (e) {
			return domainFail(form, e);
		}
		return message(form, { type: 'success', text: m.ci_saved() });
	},
	...draftActions(publishInstrumentDraft, discardInstrumentDraft, m.ci_published)
};
