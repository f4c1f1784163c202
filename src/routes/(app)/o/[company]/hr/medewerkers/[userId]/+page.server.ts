import { error, fail } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { endMembershipSchema, memberRolesSchema } from '$lib/schemas/company';
import {
	deactivateMember,
	getMember,
	reactivateMember,
	updateMemberRoles
} from '$lib/server/accounts/members';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { domainFail, formFor, invalid, notFoundOr, readForm } from '$lib/server/forms';
import { cancelMembershipEnd, endMembership, retentionMonths } from '$lib/server/privacy/leave';
import { todayIso } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = requireCompany({ locals, params }, 'hr');
	const db = await getDb();
	const [member, retention] = await Promise.all([
		getMember(db, ctx, params.userId),
		retentionMonths(db, ctx)
	]);
	if (!member) error(404, m.error_not_found());
	return {
		member,
		isSelf: member.userId === ctx.user.id,
		retentionMonths: retention,
		today: todayIso(),
		form: await formFor(memberRolesSchema, { roles: member.roles }),
		endForm: await formFor(endMembershipSchema, { endsOn: todayIso() }, { id: 'end' })
	};
};

export const actions: Actions = {
	roles: async ({ locals, request, params }) => {
		const ctx = requireCompany({ locals, params }, 'hr');
		const form = await readForm(request, memberRolesSchema);
		if (!form.valid) return invalid(form);
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
	// Leaving the company (issue 18): an end date from today; today ends it at once.
	end: async ({ locals, request, params }) => {
		const ctx = requireCompany({ locals, params }, 'hr');
		const db = await getDb();
		// Someone else's member is a 404 whatever the form holds.
		if (!(await getMember(db, ctx, params.userId))) error(404, m.error_not_found());
		const form = await readForm(request, endMembershipSchema, { id: 'end' });
		if (!form.valid) return invalid(form);
		let outcome: 'ended' | 'planned';
		try {
			outcome = await endMembership(db, ctx, params.userId, form.data.endsOn);
		} catch (e) {
			return domainFail(form, e);
		}
		form.data.confirm = false;
		return message(form, {
			type: 'success',
			text: outcome === 'ended' ? m.member_end_done_now() : m.member_end_planned_done()
		});
	},
	cancelEnd: async ({ locals, params }) => {
		const ctx = requireCompany({ locals, params }, 'hr');
		try {
			await cancelMembershipEnd(await getDb(), ctx, params.userId);
		} catch (e) {
			notFoundOr(e);
		}
		return { statusMessage: m.member_end_cancelled_done() };
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
