import { error, fail } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { memberRolesSchema } from '$lib/schemas/company';
import {
	deactivateMember,
	getMember,
	reactivateMember,
	updateMemberRoles
} from '$lib/server/accounts/members';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { domainFail, formFor, notFoundOr, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = requireCompany({ locals, params }, 'hr');
	const member = await getMember(await getDb(), ctx, params.userId);
	if (!member) error(404, m.error_not_found());
	return {
		member,
		isSelf: member.userId === ctx.user.id,
		form: await formFor(memberRolesSchema, { roles: member.roles })
	};
};

export const actions: Actions = {
	roles: async ({ locals, request, params }) => {
		const ctx = requireCompany({ locals, params }, 'hr');
		const form = await readForm(request, memberRolesSchema);
		if (!form.valid) return fail(400, { form });
		try {
			await updateMemberRoles(await getDb(), ctx, params.userId, form.data.roles);
		} catch (e) {
			return domainFail(form, e);
		}
		return message(form, { type: 'success', text: m.member_roles_saved() });
	},
	deactivate: async ({ locals, params }) => {
		const ctx = requireCompany({ locals, params }, 'hr');
		try {
			await deactivateMember(await getDb(), ctx, params.userId);
		} catch (e) {
			if (e instanceof DomainError) {
				if (e.code === 'member_not_found') error(404, m.error_not_found());
				return fail(400, { statusError: domainErrorMessage(e.code) });
			}
			throw e;
		}
		return { statusMessage: m.member_deactivated_done() };
	},
	reactivate: async ({ locals, params }) => {
		const ctx = requireCompany({ locals, params }, 'hr');
		try {
			await reactivateMember(await getDb(), ctx, params.userId);
		} catch (e) {
			notFoundOr(e);
		}
		return { statusMessage: m.member_reactivated_done() };
	}
};
