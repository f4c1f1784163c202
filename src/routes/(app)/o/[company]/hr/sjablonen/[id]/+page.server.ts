import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { domainErrorMessage } from '$lib/errors';
import { templateNameSchema } from '$lib/schemas/conversations';
import { requireCompany } from '$lib/server/auth/guard';
import {
	getTemplate,
	publishTemplate,
	saveTemplateDraft
} from '$lib/server/conversations/templates';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/form-data';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const template = await getTemplate(await getDb(), ctx, event.params.id);
	if (!template) error(404, m.error_not_found());
	return { template };
};

/** zod issues as messages by path ("sections.0.questions.1.label"). */
function issuesByPath(err: z.ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of err.issues) out[issue.path.join('.')] ??= issue.message;
	return out;
}

export const actions: Actions = {
	/** Saves the draft, or publishes it as a new version (intent=publish). */
	save: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const db = await getDb();
		const template = await getTemplate(db, ctx, event.params.id);
		if (!template) error(404, m.error_not_found());
		if (template.isDefault) error(403, m.error_forbidden());
		const data = await event.request.formData();
		const publish = data.get('intent') === 'publish';
		const name = formText(data, 'name');
		const rawContent = formText(data, 'content');
		let content: unknown;
		try {
			content = JSON.parse(rawContent);
		} catch {
			return fail(400, { errors: {}, message: m.tpl_err_content(), content: null, name });
		}
		const errors: Record<string, string> = {};
		const parsedName = templateNameSchema().safeParse(name);
		if (!parsedName.success) errors.name = parsedName.error.issues[0].message;
		const input = {
			name: parsedName.success ? parsedName.data : name,
			content,
			version: Number(data.get('version'))
		};
		if (Object.keys(errors).length) {
			return fail(400, { errors, message: m.err_answers_invalid(), content, name });
		}
		try {
			if (publish) {
				const number = await publishTemplate(db, ctx, template.id, input);
				return { success: m.tpl_published({ number }) };
			}
			await saveTemplateDraft(db, ctx, template.id, input);
			return { success: m.tpl_draft_saved() };
		} catch (e) {
			if (e instanceof z.ZodError) {
				return fail(400, {
					errors: issuesByPath(e),
					message: m.tpl_err_publish(),
					content,
					name
				});
			}
			if (e instanceof DomainError) {
				return fail(e.code === 'conversation_conflict' ? 409 : 400, {
					errors: {},
					message: domainErrorMessage(e.code),
					content,
					name
				});
			}
			throw e;
		}
	}
};
