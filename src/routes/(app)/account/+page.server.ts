import { fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { changePasswordSchema, profileSchema } from '$lib/schemas/auth';
import { changePassword, updateProfile } from '$lib/server/accounts/users';
import { requireUser } from '$lib/server/auth/guard';
import { roleRequiresTwoFactor } from '$lib/server/auth/two-factor-policy';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { setLocaleCookie, startSession } from '$lib/server/http';
import { disableTotp, totpStatus } from '$lib/server/auth/totp';
import { totpConfirmAction, totpStartAction } from '$lib/server/auth/totp-actions';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/form-data';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	return {
		email: user.email,
		totp: await totpStatus(await getDb(), user.id),
		// An admin or adviser cannot turn it off (auth/two-factor-policy.ts).
		totpRequired: roleRequiresTwoFactor(user.platformRoles),
		profileForm: await superValidate(
			{ name: user.name, locale: user.locale === 'en' ? 'en' : 'nl' },
			zod4(profileSchema),
			{ errors: false }
		),
		passwordForm: await superValidate(zod4(changePasswordSchema()))
	};
};

export const actions: Actions = {
	profile: async ({ locals, request, cookies }) => {
		const user = requireUser(locals);
		const form = await superValidate(request, zod4(profileSchema));
		if (!form.valid) return fail(400, { profileForm: form });
		await updateProfile(await getDb(), user.id, form.data);
		setLocaleCookie(cookies, form.data.locale);
		redirect(303, '/account?opgeslagen=1');
	},
	password: async (event) => {
		const user = requireUser(event.locals);
		const form = await superValidate(
			event.request,
			zod4(changePasswordSchema({ email: user.email, name: user.name }))
		);
		const { currentPassword, newPassword } = form.data;
		form.data.currentPassword = '';
		form.data.newPassword = '';
		form.data.confirm = '';
		if (!form.valid) return fail(400, { passwordForm: form });
		const db = await getDb();
		try {
			await changePassword(db, user.id, currentPassword, newPassword);
		} catch (e) {
			if (e instanceof DomainError) {
				return setError(form, 'currentPassword', domainErrorMessage(e.code));
			}
			throw e;
		}
		// Every session ended, this one too: start a fresh one for this browser.
		await startSession(db, event, user.id, null, { secondFactorDone: true });
		return message(form, { type: 'success', text: m.account_password_changed() });
	},
	// Two-step verification: plain forms (one field each); errors stay next to the field.
	totpStart: totpStartAction,
	totpConfirm: totpConfirmAction,
	totpDisable: async ({ locals, request }) => {
		const user = requireUser(locals);
		const password = formText(await request.formData(), 'password');
		if (!password) return fail(400, { totp: 'disable' as const, error: m.v_required() });
		try {
			await disableTotp(await getDb(), user.id, password, locals.requestId);
		} catch (e) {
			if (e instanceof DomainError) {
				return fail(400, { totp: 'disable' as const, error: domainErrorMessage(e.code) });
			}
			throw e;
		}
		return { totp: 'disabled' as const };
	}
};
