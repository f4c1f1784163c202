import type { RequestEvent } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { noFields } from '$lib/schemas/fields';
import { requirePlatformRole } from './auth/guard';
import { getDb } from './db/app';
import type { DB } from './db';
import { domainFail, readForm } from './forms';

/**
 * The publish and discard actions of a versioned platform text that admins edit as a
 * draft (the trainer competence framework, the learning-culture questionnaire).
 */
export function draftActions(
	publish: (db: DB, actorUserId: string) => Promise<unknown>,
	discard: (db: DB, actorUserId: string) => Promise<void>,
	published: () => string
) {
	return {
		publish: async ({ locals, request }: RequestEvent) => {
			const user = requirePlatformRole(locals, 'admin');
			const form = await readForm(request, noFields, { id: 'publish' });
			try {
				await publish(await getDb(), user.id);
			} catch (e) {
				return domainFail(form, e);
			}
			return message(form, { type: 'success', text: published() });
		},
		discard: async ({ locals }: RequestEvent) => {
			const user = requirePlatformRole(locals, 'admin');
			await discard(await getDb(), user.id);
			return { discarded: true };
		}
	};
}
