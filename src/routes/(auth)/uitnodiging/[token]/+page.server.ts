import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { domainErrorMessage } from '$lib/errors';
import { acceptExistingSchema, acceptNewSchema } from '$lib/schemas/auth';
import { acceptInvitation, getInvitation } from '$lib/server/accounts/invitations';
import { companyHomePath } from '$lib/server/auth/context';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { COMPANY_COOKIE, startSession } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const invitation = await getInvitation(await getDb(), params.token);
	return {
		invitation,
		newForm: await superValidate(zod4(acceptNewSchema())),
		existingForm: await superValidate(zod4(acceptExistingSchema))
	};
};

async function finish(
	event: RequestEvent,
	userId: string,
	slug: string,
	roles: Parameters<typeof companyHomePath>[1]
) {
	const db = await getDb();
	// Whoever was logged in on this browser is replaced by the invited person.
	if (event.locals.session) await invalidateSession(db, event.locals.session.id);
	deleteSessionCookie(event.cookies, event.url);
	await startSession(db, event, userId);
	event.cookies.set(COMPANY_COOKIE, slug, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: 31536000
	});
	redirect(303, companyHomePath(slug, roles));
}

export const actions: Actions = {
	new: async (event) => {
		const invitation = await getInvitation(await getDb(), event.params.token);
		// The policy refuses the invited address and the name typed in the form.
		const owner = { email: invitation.status === 'valid' ? invitation.email : null };
		const form = await superValidate(event.request, zod4(acceptNewSchema(owner)));
		const password = form.data.password;
		form.data.password = '';
		form.data.confirm = '';
		if (!form.valid) return fail(400, { newForm: form });
		let accepted;
		try {
			accepted = await acceptInvitation(
				await getDb(),
				event.params.token,
				{ kind: 'new', name: form.data.name, password },
				event.locals.requestId
			);
		} catch (e) {
			if (e instanceof DomainError) return setError(form, '', domainErrorMessage(e.code));
			throw e;
		}
		await finish(event, accepted.userId, accepted.companySlug, accepted.roles);
	},
	existing: async (event) => {
		const form = await superValidate(event.request, zod4(acceptExistingSchema));
		const password = form.data.password;
		form.data.password = '';
		if (!form.valid) return fail(400, { existingForm: form });
		let accepted;
		try {
			accepted = await acceptInvitation(
				await getDb(),
				event.params.token,
				{ kind: 'existing', password },
				event.locals.requestId
			);
		} catch (e) {
			if (e instanceof DomainError) {
				return setError(form, e.field === 'password' ? 'password' : '', domainErrorMessage(e.code));
			}
			throw e;
		}
		await finish(event, accepted.userId, accepted.companySlug, accepted.roles);
	}
};
