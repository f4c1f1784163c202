import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { domainErrorMessage } from '$lib/errors';
import { resetPasswordSchema } from '$lib/schemas/auth';
import { passwordResetOwner, passwordResetStatus, resetPassword } from '$lib/server/accounts/users';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { startSession } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const status = await passwordResetStatus(await getDb(), params.token);
	return { status, form: await superValidate(zod4(resetPasswordSchema())) };
};

export const actions: Actions = {
	default: async (event) => {
		const db = await getDb();
		// The policy refuses the account's own email and name.
		const owner = (await passwordResetOwner(db, event.params.token)) ?? {};
		const form = await superValidate(event.request, zod4(resetPasswordSchema(owner)));
		const password = form.data.password;
		form.data.password = '';
		form.data.confirm = '';
		if (!form.valid) return fail(400, { form });
		let userId: string;
		try {
			userId = await resetPassword(db, event.params.token, password);
		} catch (e) {
			if (e instanceof DomainError) return setError(form, '', domainErrorMessage(e.code));
			throw e;
		}
		redirect(303, await startSession(db, event, userId));
	}
};
