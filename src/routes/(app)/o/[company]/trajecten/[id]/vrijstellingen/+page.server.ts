import { error } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { exemptionFormSchema, exemptionRemoveSchema } from '$lib/schemas/evidence';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, notFoundOr, readForm, requireIds } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import {
	EXEMPTION_BASES,
	listExemptions,
	recordExemptions,
	removeExemption
} from '$lib/server/trajectories/exemptions';
import { trajectoryAccess } from '$lib/server/trajectories/access';
import { getTrajectory } from '$lib/server/trajectories/detail';
import { recordPageRead } from '$lib/server/privacy/access-log';
import type { Actions, PageServerLoad } from './$types';
import { todayIso } from '$lib/time';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event);
	const db = await getDb();
	const [detail, exemptions] = await Promise.all([
		getTrajectory(db, ctx, event.params.id),
		listExemptions(db, ctx, event.params.id)
	]);
	if (detail) {
		await recordPageRead(db, ctx, event, { trajectoryId: detail.trajectory.id }, 'exemptions');
	}
	if (!detail || !exemptions) error(404, m.error_not_found());
	const today = todayIso();
	const form = await formFor(exemptionFormSchema, {
		grantedOn: today,
		basis: 'experience_certificate',
		workProcessIds: []
	});
	return {
		trajectory: detail.trajectory,
		// The work processes that can still be exempted, per core task.
		coreTasks: detail.coreTasks
			.map((ct) => ({
				code: ct.code,
				title: ct.title,
				workProcesses: ct.workProcesses
					.filter((wp) => !wp.exemption)
					.map((wp) => ({ id: wp.id, code: wp.code, title: wp.title }))
			}))
			.filter((ct) => ct.workProcesses.length),
		exemptions,
		canRecord: detail.can.assess || detail.can.manage,
		bases: EXEMPTION_BASES,
		today,
		form
	};
};

/** Trainers of the trajectory and HR record and remove exemptions; others get 404/403. */
async function allowed(event: Parameters<Actions[string]>[0]) {
	const ctx = requireCompany(event, 'trainer', 'hr');
	const db = await getDb();
	const access = await trajectoryAccess(db, ctx, event.params.id ?? '');
	if (!access) error(404, m.error_not_found());
	if (!access.can.assess && !access.can.manage) error(403, m.error_forbidden());
	return { ctx, db };
}

export const actions: Actions = {
	record: async (event) => {
		const { ctx, db } = await allowed(event);
		const data = await event.request.formData();
		const form = await readForm(data, exemptionFormSchema);
		if (!form.valid) return invalid(form);
		let count: number;
		try {
			count = await recordExemptions(db, ctx, event.params.id, form.data, formTokenOf(data));
		} catch (e) {
			return domainFail(form, e);
		}
		form.data.workProcessIds = [];
		form.data.reference = '';
		return message(form, { type: 'success', text: m.exemptions_recorded({ count }) });
	},
	remove: async (event) => {
		const { ctx, db } = await allowed(event);
		const form = await readForm(event.request, exemptionRemoveSchema);
		requireIds(form, 'exemptionId');
		try {
			await removeExemption(db, ctx, event.params.id, form.data.exemptionId);
		} catch (e) {
			notFoundOr(e);
		}
		return { removed: true };
	}
};
