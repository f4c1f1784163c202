import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { message, type SuperValidated } from 'sveltekit-superforms';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { templateEditSchema } from '$lib/schemas/templates';
import { requireCompany } from '$lib/server/auth/guard';
import {
	getTemplate,
	publishTemplate,
	saveTemplateDraft
} from '$lib/server/conversations/templates';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { domainFail, formFor, readForm, type FormMessage } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'hr');
	const template = await getTemplate(await getDb(), ctx, event.params.id);
	if (!template) error(404, m.error_not_found());
	return {
		template,
		form: await formFor(templateEditSchema, {
			name: template.name,
			content: '',
			version: template.version
		})
	};
};

/** zod issues of the content as messages by path ("sections.0.questions.1.label"). */
function issuesByPath(err: z.ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of err.issues) out[issue.path.join('.')] ??= issue.message;
	return out;
}

/** The editor's form, and the service's findings in the content when it refused it. */
type SaveResult = {
	form: SuperValidated<z.infer<typeof templateEditSchema>, FormMessage>;
	contentErrors?: Record<string, string>;
};

export const actions: Actions = {
	/** Saves the draft, or publishes it as a new version (intent=publish). */
	save: async (event): Promise<SaveResult | ActionFailure<SaveResult>> => {
		const ctx = requireCompany(event, 'hr');
		const db = await getDb();
		const template = await getTemplate(db, ctx, event.params.id);
		if (!template) error(404, m.error_not_found());
		if (template.isDefault) error(403, m.error_forbidden());
		const form = await readForm(event.request, templateEditSchema);
		if (!form.valid) {
			const text = form.errors.content ? m.tpl_err_content() : m.err_answers_invalid();
			return message(form, { type: 'error', text }, { status: 400 });
		}
		const { intent, ...input } = form.data;
		const content: unknown = JSON.parse(input.content);
		try {
			if (intent === 'publish') {
				const number = await publishTemplate(db, ctx, template.id, { ...input, content });
				return message(form, { type: 'success', text: m.tpl_published({ number }) });
			}
			await saveTemplateDraft(db, ctx, template.id, { ...input, content });
			return message(form, { type: 'success', text: m.tpl_draft_saved() });
		} catch (e) {
			// the service checks the content (templates.ts): each problem next to its question
			if (e instanceof z.ZodError) {
				form.message = { type: 'error', text: m.tpl_err_publish() };
				return fail(400, { form, contentErrors: issuesByPath(e) });
			}
			const stale = e instanceof DomainError && e.code === 'conversation_conflict';
			return domainFail(form, e, stale ? 409 : 400);
		}
	}
};
