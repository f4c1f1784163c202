import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { domainErrorMessage } from '$lib/errors';
import { settingsSchema, templateNameSchema } from '$lib/schemas/conversations';
import { requireCompany } from '$lib/server/auth/guard';
import { saveSettings, settingsOf } from '$lib/server/conversations/settings';
import {
	copyTemplate,
	createTemplate,
	listTemplates,
	setTemplateArchived
} from '$lib/server/conversations/templates';
import { getDb } from '$lib/server/db/app';
import { formTokenOf } from '$lib/server/once';
import { DomainError } from '$lib/server/errors';
import { notFoundOr } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/form-data';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const db = await getDb();
	const [templates, settings] = await Promise.all([
		listTemplates(db, ctx),
		settingsOf(db, ctx.company.id)
	]);
	return { templates, settings };
};

export const actions: Actions = {
	copy: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const data = await event.request.formData();
		let id: string;
		try {
			id = await copyTemplate(await getDb(), ctx, formText(data, 'templateId'), formTokenOf(data));
		} catch (e) {
			notFoundOr(e);
		}
		redirect(303, `/o/${ctx.company.slug}/hr/sjablonen/${id}`);
	},
	create: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const data = await event.request.formData();
		const name = formText(data, 'name');
		const parsed = templateNameSchema().safeParse(name);
		if (!parsed.success) {
			return fail(400, { formId: 'create', name, error: parsed.error.issues[0].message });
		}
		const id = await createTemplate(await getDb(), ctx, parsed.data, 'other', formTokenOf(data));
		redirect(303, `/o/${ctx.company.slug}/hr/sjablonen/${id}`);
	},
	archive: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const data = await event.request.formData();
		try {
			await setTemplateArchived(
				await getDb(),
				ctx,
				formText(data, 'templateId'),
				data.get('archived') !== 'false'
			);
		} catch (e) {
			notFoundOr(e);
		}
		return { formId: 'archive', success: m.tpl_archive_saved() };
	},
	settings: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const data = await event.request.formData();
		const values = {
			apkIntervalMonths: formText(data, 'apkIntervalMonths'),
			reminderDays: formText(data, 'reminderDays')
		};
		const parsed = settingsSchema.safeParse(values);
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
			return fail(400, { formId: 'settings', values, errors });
		}
		try {
			await saveSettings(await getDb(), ctx, parsed.data);
		} catch (e) {
			if (e instanceof DomainError) {
				return fail(400, { formId: 'settings', values, errors: { _: domainErrorMessage(e.code) } });
			}
			throw e;
		}
		return { formId: 'settings', success: m.tpl_settings_saved() };
	}
};
