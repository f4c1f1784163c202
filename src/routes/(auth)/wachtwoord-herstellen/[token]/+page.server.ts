import { redirect } from '@sveltejs/kit';
import { resetPasswordSchema } from '$lib/schemas/auth';
import { passwordResetOwner, passwordResetStatus, resetPassword } from '$lib/server/accounts/users';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import { startSession } from '$lib/server/http/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const status = await passwordResetStatus(await getDb(), params.token);
	return { status, form: await formFor(resetPasswordSchema()) };
};

export const actions: Actions = {
	default: async (event) => {
		const db = await getDb();
		// The policy refuses the account's own email and name.
		const owner = (await passwordResetOwner(db, event.params.token)) ?? {};
		const form = await readForm(event.request, resetPasswordSchema(owner));
		const password = form.data.password;
		form.data.password = '';
		form.data.confirm = '';
		if (!form.valid) return invalid(form);
		let userId: string;
		try {
			userId = await resetPassword(db, event.params.token, password);
		} catch (e) {
			return domainFail(form, e);
		}
		redirect(303, await startSession(db, event, userId));
	}
};
