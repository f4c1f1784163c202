import { fail, type RequestEvent } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { formText } from '$lib/form-data';
import { m } from '$lib/paraglide/messages';
import { getDb } from '../db/app';
import { DomainError } from '../errors';
import { requireUser } from './guard';
import { confirmTotp, startTotpSetup } from './totp';

/**
 * The form actions that set up two-step verification, shared by the account page and the
 * setup page that admins and advisers must pass first (two-factor-policy.ts). Plain forms,
 * one field each; errors stay next to the field.
 */
export async function totpStartAction({ locals }: RequestEvent) {
	const user = requireUser(locals);
	await startTotpSetup(await getDb(), user.id);
	return { totp: 'started' as const };
}

export async function totpConfirmAction({ locals, request }: RequestEvent) {
	const user = requireUser(locals);
	const code = formText(await request.formData(), 'code').trim();
	if (!code) return fail(400, { totp: 'confirm' as const, error: m.v_required() });
	try {
		const recoveryCodes = await confirmTotp(
			await getDb(),
			user.id,
			code,
			locals.requestId,
			locals.session?.id ?? null
		);
		return { totp: 'enabled' as const, recoveryCodes };
	} catch (e) {
		if (e instanceof DomainError) {
			return fail(400, { totp: 'confirm' as const, error: domainErrorMessage(e.code) });
		}
		throw e;
	}
}
