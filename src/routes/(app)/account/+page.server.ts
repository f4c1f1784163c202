import { redirect } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { changePasswordSchema, profileSchema, totpDisableSchema } from '$lib/schemas/auth';
import { savedSearch } from '$lib/schemas/search';
import { changePassword, updateProfile } from '$lib/server/accounts/users';
import { requireUser } from '$lib/server/auth/guard';
import { roleRequiresTwoFactor } from '$lib/server/auth/two-factor-policy';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import { setLocaleCookie } from '$lib/server/http/cookies';
import { startSession } from '$lib/server/http/session';
import { disableTotp, totpStatus } from '$lib/server/auth/totp';
import { totpConfirmAction, totpConfirmForm, totpStartAction } from '$lib/server/auth/totp-actions';
import { readSearch } from '$lib/server/search';
import { leaveNotices } from '$lib/server/privacy/leave';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const db = await getDb();
	const [totp, leaving] = await Promise.all([totpStatus(db, user.id), leaveNotices(db, user.id)]);
	return {
		email: user.email,
		totp,
		/** Companies the user leaves or left, and what each keeps until when (issue 18). */
		leaving,
		// An admin or adviser cannot turn it off (auth/two-factor-policy.ts).
		totpRequired: roleRequiresTwoFactor(user.platformRoles),
		/** Back from saving the profile (a redirect, so the language applies at once). */
		saved: readSearch(url, savedSearch).opgeslagen !== undefined,
		profileForm: await formFor(
			profileSchema,
			{ name: user.name, locale: user.locale === 'en' ? 'en' : 'nl' },
			{ id: 'profile' }
		),
		passwordForm: await formFor(changePasswordSchema(), null, { id: 'password' }),
		totpConfirmForm: await totpConfirmForm(),
		totpDisableForm: await formFor(totpDisableSchema, null, { id: 'totpDisable' })
	};
};

export const actions: Actions = {
	profile: async ({ locals, request, cookies }) => {
		const user = requireUser(locals);
		const form = await readForm(request, profileSchema, { id: 'profile' });
		if (!form.valid) return invalid(form);
		await updateProfile(await getDb(), user.id, form.data);
		setLocaleCookie(cookies, form.data.locale);
		redirect(303, '/account?opgeslagen=1');
	},
	password: async (event) => {
		const user = requireUser(event.locals);
		const form = await readForm(
			event.request,
			changePasswordSchema({ email: user.email, name: user.name }),
			{ id: 'password' }
		);
		const { currentPassword, newPassword } = form.data;
		form.data.currentPassword = '';
		form.data.newPassword = '';
		form.data.confirm = '';
		if (!form.valid) return invalid(form);
		const db = await getDb();
		try {
			await changePassword(db, user.id, currentPassword, newPassword);
		} catch (e) {
			return domainFail(form, e);
		}
		// Every session ended, this one too: start a fresh one for this browser.
		await startSession(db, event, user.id, null, { secondFactorDone: true });
		return message(form, { type: 'success', text: m.account_password_changed() });
	},
	// Two-step verification (the confirm form is shared with /account/tweestaps).
	totpStart: totpStartAction,
	totpConfirm: totpConfirmAction,
	totpDisable: async ({ locals, request }) => {
		const user = requireUser(locals);
		const form = await readForm(request, totpDisableSchema, { id: 'totpDisable' });
		const password = form.data.password;
		form.data.password = '';
		if (!form.valid) return invalid(form);
		try {
			await disableTotp(await getDb(), user.id, password, locals.requestId);
		} catch (e) {
			return domainFail(form, e);
		}
		return message(form, { type: 'success', text: m.totp_disabled_now() });
	}
};
