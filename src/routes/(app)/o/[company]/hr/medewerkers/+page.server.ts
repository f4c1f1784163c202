import { fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { inviteMemberSchema } from '$lib/schemas/company';
import { inviteMember, listMembers, revokeInvitation } from '$lib/server/accounts/members';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { formTokenOf } from '$lib/server/once';
import { DomainError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/form-data';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = requireCompany({ locals, params }, 'hr');
	const { members, invitations } = await listMembers(await getDb(), ctx);
	return {
		members,
		invitations,
		form: await superValidate({ roles: ['learner'] }, zod4(inviteMemberSchema), { errors: false })
	};
};

export const actions: Actions = {
	invite: async ({ locals, params, request, url }) => {
		const ctx = requireCompany({ locals, params }, 'hr');
		const data = await request.formData();
		const form = await superValidate(data, zod4(inviteMemberSchema));
		if (!form.valid) return fail(400, { form });
		try {
			await inviteMember(await getDb(), ctx, form.data, url.origin, formTokenOf(data));
		} catch (e) {
			if (e instanceof DomainError) return setError(form, 'email', domainErrorMessage(e.code));
			throw e;
		}
		const email = form.data.email;
		form.data.email = '';
		return message(form, { type: 'success', text: m.members_invited({ email }) });
	},
	revoke: async ({ locals, params, request }) => {
		const ctx = requireCompany({ locals, params }, 'hr');
		const data = await request.formData();
		try {
			await revokeInvitation(await getDb(), ctx, formText(data, 'invitationId'));
		} catch (e) {
			if (e instanceof DomainError) return fail(404, { revokeError: domainErrorMessage(e.code) });
			throw e;
		}
		return { revoked: true };
	}
};
