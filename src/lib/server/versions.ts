import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { message } from 'sveltekit-superforms';
import { noFields } from '$lib/schemas/fields';
import { requirePlatformRole } from './auth/guard';
import { getDb } from './db/app';
import type { DB } from './db';
import { domainFail, formFor, invalid, readForm } from './forms';
import { DomainError, type DomainErrorCode } from './errors';
import { formTokenOf, type FormToken } from './once';

type DraftSchema = z.ZodObject<Record<string, z.ZodType<string>>>;

/**
 * A versioned platform text that admins edit as a draft (the trainer competence
 * framework, the learning-culture questionnaire): reading its draft, the draft form, and
 * the actions to start a draft (`draft`), save it (`save`), publish and discard it. The
 * page gives what differs: how the draft is read and its form built, and how the
 * posted fields become the service's input (`save`). Admins only.
 */
export function draftEditor<D>(text: {
	draftOf: (db: DB) => Promise<D | null>;
	schema: (draft: D | null) => DraftSchema;
	create: (db: DB, actorUserId: string, token?: FormToken) => Promise<unknown>;
	save: (db: DB, actorUserId: string, draft: D, data: Record<string, string>) => Promise<void>;
	/** The refusal when there is no draft to save (another admin published it). */
	noDraft: DomainErrorCode;
	saved: () => string;
	publish: (db: DB, actorUserId: string) => Promise<unknown>;
	discard: (db: DB, actorUserId: string) => Promise<void>;
	published: () => string;
}) {
	async function current() {
		const db = await getDb();
		return { db, draft: await text.draftOf(db) };
	}
	return {
		current,
		/** The draft form and the publish form, for the page's load. */
		forms: async (draft: D | null, values: Record<string, string>) => ({
			form: await formFor(text.schema(draft), values, { id: 'draft' }),
			publishForm: await formFor(noFields, null, { id: 'publish' })
		}),
		actions: {
			draft: async ({ locals, request }: RequestEvent) => {
				const user = requirePlatformRole(locals, 'admin');
				await text.create(await getDb(), user.id, formTokenOf(await request.formData()));
				return { draftCreated: true };
			},
			save: async ({ locals, request }: RequestEvent) => {
				const user = requirePlatformRole(locals, 'admin');
				const { db, draft } = await current();
				const form = await readForm(request, text.schema(draft), { id: 'draft' });
				if (!draft) return domainFail(form, new DomainError(text.noDraft));
				if (!form.valid) return invalid(form);
				try {
					await text.save(db, user.id, draft, form.data);
				} catch (e) {
					return domainFail(form, e);
				}
				return message(form, { type: 'success', text: text.saved() });
			},
			publish: async ({ locals, request }: RequestEvent) => {
				const user = requirePlatformRole(locals, 'admin');
				const form = await readForm(request, noFields, { id: 'publish' });
				try {
					await text.publish(await getDb(), user.id);
				} catch (e) {
					return domainFail(form, e);
				}
				return message(form, { type: 'success', text: text.published() });
			},
			discard: async ({ locals }: RequestEvent) => {
				const user = requirePlatformRole(locals, 'admin');
				await text.discard(await getDb(), user.id);
				return { discarded: true };
			}
		}
	};
}
