import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { invitationRefSchema, inviteMemberSchema } from '$lib/schemas/company';
import { inviteMember, listMembers, revokeInvitation } from '$lib/server/accounts/members';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, notFoundOr, readForm, requireIds } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = requireCompany({ locals, params }, 'hr');
	const { members, invitations } = await listMembers(await getDb(), ctx);
	return {
		members,
		invitations,
		form: await formFor(inviteMemberSchema, { roles: ['learner'] })
	};
};

export const actions: Actions = {
	invite: async ({ locals, params, request, url }) => {
		const ctx = requireCompany({ locals, params }, 'hr');
		const data = await request.formData();
		const form = await readForm(data, inviteMemberSchema);
		if (!form.valid) return invalid(form);
		try {
			await inviteMember(await getDb(), ctx, form.data, url.origin, formTokenOf(data));
		} catch (e) {
			return domainFail(form, e);
		}
		const email = form.data.email;
		form.data.email = '';
		return message(form, { type: 'success', text: m.members_invited({ email }) });
	},
	revoke: async ({ locals, params, request }) => {
		const ctx = requireCompany({ locals, params }, 'hr');
		const form = await readForm(request, invitationRefSchema);
		requireIds(form, 'invitationId');
		try {
			await revokeInvitation(await getDb(), ctx, form.data.invitationId);
		} catch (e) {
			notFoundOr(e);
		}
		return { revoked: true };
	}
};
