import { redirect } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { settingsSchema } from '$lib/schemas/conversations';
import {
	templateArchiveSchema,
	templateCopySchema,
	templateCreateSchema
} from '$lib/schemas/templates';
import { requireCompany } from '$lib/server/auth/guard';
import { saveSettings, settingsOf } from '$lib/server/conversations/settings';
import {
	copyTemplate,
	createTemplate,
	listTemplates,
	setTemplateArchived
} from '$lib/server/conversations/templates';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, notFoundOr, readForm, requireIds } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const db = await getDb();
	const [templates, settings] = await Promise.all([
		listTemplates(db, ctx),
		settingsOf(db, ctx.company.id)
	]);
	return {
		templates,
		createForm: await formFor(templateCreateSchema, null, { id: 'create' }),
		settingsForm: await formFor(settingsSchema, settings, { id: 'settings' })
	};
};

export const actions: Actions = {
	copy: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const data = await event.request.formData();
		const form = await readForm(data, templateCopySchema);
		requireIds(form, 'templateId');
		let id: string;
		try {
			id = await copyTemplate(await getDb(), ctx, form.data.templateId, formTokenOf(data));
		} catch (e) {
			notFoundOr(e);
		}
		redirect(303, `/o/${ctx.company.slug}/hr/sjablonen/${id}`);
	},
	create: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const data = await event.request.formData();
		const form = await readForm(data, templateCreateSchema, { id: 'create' });
		if (!form.valid) return invalid(form);
		const id = await createTemplate(await getDb(), ctx, form.data.name, 'other', formTokenOf(data));
		redirect(303, `/o/${ctx.company.slug}/hr/sjablonen/${id}`);
	},
	archive: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const form = await readForm(event.request, templateArchiveSchema);
		requireIds(form, 'templateId');
		try {
			await setTemplateArchived(await getDb(), ctx, form.data.templateId, form.data.archived);
		} catch (e) {
			notFoundOr(e);
		}
		return { archiveSaved: m.tpl_archive_saved() };
	},
	settings: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const form = await readForm(event.request, settingsSchema, { id: 'settings' });
		if (!form.valid) return invalid(form);
		try {
			await saveSettings(await getDb(), ctx, form.data);
		} catch (e) {
			return domainFail(form, e);
		}
		return message(form, { type: 'success', text: m.tpl_settings_saved() });
	}
};
