import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { audit } from '$lib/server/accounts/audit';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { accountByEmail, resetTotpByAdmin } from '$lib/server/auth/totp';
import { getDb } from '$lib/server/db/app';
import { isUuid } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/form-data';

/**
 * The admin's help desk for accounts: find one by email and see its two-step status; turn
 * two-step verification off for someone who lost their phone and recovery codes.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const admin = requirePlatformRole(locals, 'admin');
	const email = (url.searchParams.get('email') ?? '').trim().slice(0, 254);
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
	return { email, account };
};

export const actions: Actions = {
	resetTotp: async ({ locals, request }) => {
		const admin = requirePlatformRole(locals, 'admin');
		const userId = formText(await request.formData(), 'userId');
		if (!isUuid(userId)) return fail(404, { resetError: m.error_not_found() });
		const done = await resetTotpByAdmin(await getDb(), admin.id, userId, locals.requestId);
		if (!done) return fail(404, { resetError: m.admin_totp_not_on() });
		return { reset: true };
	}
};
