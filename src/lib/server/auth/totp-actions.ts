import { fail, type RequestEvent } from '@sveltejs/kit';
import { noFields } from '$lib/schemas/fields';
import { totpConfirmSchema } from '$lib/schemas/auth';
import { getDb } from '../db/app';
import { domainFail, formFor, readForm } from '../forms';
import { requireUser } from './guard';
import { confirmTotp, startTotpSetup } from './totp';

/**
 * The form actions that set up two-step verification, shared by the account page and the
 * setup page that admins and advisers must pass first (two-factor-policy.ts). The confirm
 * form is a superform with the id `totpConfirm` (its page loads it with `totpConfirmForm`).
 */
export async function totpStartAction({ locals, request }: RequestEvent) {
	const user = requireUser(locals);
	await readForm(request, noFields); // a button: nothing to read
	await startTotpSetup(await getDb(), user.id);
	return { totp: 'started' as const };
}

/** The empty confirm form, for `load`. */
export const totpConfirmForm = () => formFor(totpConfirmSchema, null, { id: 'totpConfirm' });

export async function totpConfirmAction({ locals, request }: RequestEvent) {
	const user = requireUser(locals);
	const form = await readForm(request, totpConfirmSchema, { id: 'totpConfirm' });
	const code = form.data.code;
	form.data.code = '';
	if (!form.valid) return fail(400, { form });
	try {
		const recoveryCodes = await confirmTotp(
			await getDb(),
			user.id,
			code,
			locals.requestId,
			locals.session?.id ?? null
		);
		return { form, recoveryCodes };
	} catch (e) {
		return domainFail(form, e);
	}
}
