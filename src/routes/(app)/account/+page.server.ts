import { redirect } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { changePasswordSchema, profileSchema, totpDisableSchema } from '$lib/schemas/auth';
import { accountSearch } from '$lib/schemas/search';
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
import { cancelErasure, openErasureRequest, requestErasure } from '$lib/server/privacy/erasure';
import { erasureRequestSchema } from '$lib/schemas/platform-admin';
import { noFields } from '$lib/schemas/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const db = await getDb();
	const search = readSearch(url, accountSearch);
	const [totp, leaving, erasure] = await Promise.all([
		totpStatus(db, user.id),
		leaveNotices(db, user.id),
		openErasureRequest(db, user.id)
	]);
	return {
		email: user.email,
		totp,
		/** Companies the user leaves or left, and what each keeps until when (issue 18). */
		leaving,
		/** The user's open request to delete their account (issue 18), if any. */
		erasure,
		// An admin or adviser cannot turn it off (auth/two-factor-policy.ts).
		totpRequired: roleRequiresTwoFactor(user.platformRoles),
		/** Back from saving the profile (a redirect, so the language applies at once). */
		saved: search.opgeslagen !== undefined,
		/** Back from withdrawing the erasure request. */
		erasureCancelled: search.ingetrokken !== undefined,
		profileForm: await formFor(
			profileSchema,
			{ name: user.name, locale: user.locale === 'en' ? 'en' : 'nl' },
			{ id: 'profile' }
		),
		passwordForm: await formFor(changePasswordSchema(), null, { id: 'password' }),
		totpConfirmForm: await totpConfirmForm(),
		totpDisableForm: await formFor(totpDisableSchema, null, { id: 'totpDisable' }),
		erasureForm: await formFor(erasureRequestSchema, null, { id: 'erasure' })
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
	},
	/** The user asks for their account to be deleted; an admin carries it out (privacy/erasure.ts). */
	requestErasure: async ({ locals, request }) => {
		const user = requireUser(locals);
		const form = await readForm(request, erasureRequestSchema, { id: 'erasure' });
		if (!form.valid) return invalid(form);
		await requestErasure(await getDb(), user.id, locals.requestId);
		return message(form, { type: 'success', text: m.erasure_requested_done() });
	},
	cancelErasure: async ({ locals, request }) => {
		const user = requireUser(locals);
		await readForm(request, noFields); // a button: nothing to read
		await cancelErasure(await getDb(), user.id, locals.requestId);
		redirect(303, '/account?ingetrokken=1');
	}
};
