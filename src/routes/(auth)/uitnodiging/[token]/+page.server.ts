import { redirect } from '@sveltejs/kit';
import { acceptExistingSchema, acceptNewSchema } from '$lib/schemas/auth';
import {
	acceptInvitation,
	getInvitation,
	type AcceptInput
} from '$lib/server/accounts/invitations';
import { companyHomePath } from '$lib/server/auth/context';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import { COMPANY_COOKIE } from '$lib/server/http/cookies';
import { startSession } from '$lib/server/http/session';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const invitation = await getInvitation(await getDb(), params.token);
	return {
		invitation,
		newForm: await formFor(acceptNewSchema(), null, { id: 'new' }),
		existingForm: await formFor(acceptExistingSchema, null, { id: 'existing' })
	};
};

/**
 * Accepts the invitation as `input` says and logs the invited person in on this browser
 * (whoever was logged in here is replaced), then to their company. A refusal (a wrong
 * password, a used link) is the form's message.
 */
async function accept<F extends Parameters<typeof domainFail>[0]>(
	event: RequestEvent,
	form: F,
	input: AcceptInput
) {
	const db = await getDb();
	let accepted;
	try {
		accepted = await acceptInvitation(db, event.params.token, input, event.locals.requestId);
	} catch (e) {
		return domainFail(form, e);
	}
	if (event.locals.session) await invalidateSession(db, event.locals.session.id);
	deleteSessionCookie(event.cookies, event.url);
	await startSession(db, event, accepted.userId);
	event.cookies.set(COMPANY_COOKIE, accepted.companySlug, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: 31536000
	});
	redirect(303, companyHomePath(accepted.companySlug, accepted.roles));
}

export const actions: Actions = {
	new: async (event) => {
		const invitation = await getInvitation(await getDb(), event.params.token);
		// The policy refuses the invited address and the name typed in the form.
		const owner = { email: invitation.status === 'valid' ? invitation.email : null };
		const form = await readForm(event.request, acceptNewSchema(owner), { id: 'new' });
		const password = form.data.password;
		form.data.password = '';
		form.data.confirm = '';
		if (!form.valid) return invalid(form);
		return accept(event, form, { kind: 'new', name: form.data.name, password });
	},
	existing: async (event) => {
		const form = await readForm(event.request, acceptExistingSchema, { id: 'existing' });
		const password = form.data.password;
		form.data.password = '';
		if (!form.valid) return invalid(form);
		return accept(event, form, { kind: 'existing', password });
	}
};
