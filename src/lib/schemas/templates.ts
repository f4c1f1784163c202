import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { recordId } from './fields';
import { templateNameSchema } from './conversations';

/**
 * The forms of HR's conversation templates (/hr/sjablonen). The content itself (sections
 * and questions) is checked by the service against templateDraftSchema / templateContentSchema
 * (src/lib/schemas/conversations.ts): a published version is never incomplete, whoever calls.
 */

/** A new, empty template: only its name. */
export const templateCreateSchema = z.object({ name: templateNameSchema() });

/** Copy a template (a platform default or the company's own). */
export const templateCopySchema = z.object({ templateId: recordId() });

/** Archive a company template, or restore it (`archived=false`). */
export const templateArchiveSchema = z.object({ templateId: recordId(), archived: z.boolean() });

/**
 * The editor's save or publish: the name, the content as JSON (the editor serializes its
 * working copy into a hidden field), the draft version it loaded (optimistic lock) and the
 * button pressed.
 */
export const templateEditSchema = z.object({
	name: templateNameSchema(),
	content: z
		.string()
		.max(500_000, { error: () => m.tpl_err_content() })
		.refine(isJson, { error: () => m.tpl_err_content() }),
	version: z.coerce.number().int().min(0),
	intent: z.enum(['save', 'publish']).default('save')
});

function isJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}
