import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { totpResetSchema } from '$lib/schemas/platform-admin';
import { audit } from '$lib/server/accounts/audit';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { accountByEmail, resetTotpByAdmin } from '$lib/server/auth/totp';
import { getDb } from '$lib/server/db/app';
import { formFor, readForm, requireIds } from '$lib/server/forms';
import { readSearch } from '$lib/server/search';
import { emailSearch } from '$lib/schemas/search';
import type { Actions, PageServerLoad } from './$types';

/**
 * The admin's help desk for accounts: find one by email and see its two-step status; turn
 * two-step verification off for someone who lost their phone and recovery codes.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const admin = requirePlatformRole(locals, 'admin');
	const { email } = readSearch(url, emailSearch);
	const db = await getDb();
	const account = email ? await accountByEmail(db, email) : null;
	// An admin reading a person's account and companies: audited.
	if (account) {
		await audit(db, {
			actorUserId: admin.id,
			action: 'admin.account_viewed',
			entityType: 'app_user',
			entityId: account.id,
			requestId: locals.requestId
		});
	}
	return {
		email,
		account,
		resetForm: await formFor(totpResetSchema, account ? { userId: account.id } : null)
	};
};

export const actions: Actions = {
	resetTotp: async ({ locals, request }) => {
		const admin = requirePlatformRole(locals, 'admin');
		const form = await readForm(request, totpResetSchema);
		requireIds(form, 'userId');
		const done = await resetTotpByAdmin(
			await getDb(),
			admin.id,
			form.data.userId,
			locals.requestId
		);
		// no account with two-step verification on: said on the page, nothing changed
		if (!done)
			return message(form, { type: 'error', text: m.admin_totp_not_on() }, { status: 404 });
		return message(form, { type: 'success', text: m.admin_totp_reset_done() });
	}
};
