import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { exemptionFormSchema } from '$lib/schemas/evidence';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { formTokenOf } from '$lib/server/once';
import {
	EXEMPTION_BASES,
	listExemptions,
	recordExemptions,
	removeExemption
} from '$lib/server/trajectories/exemptions';
import { trajectoryAccess } from '$lib/server/trajectories/access';
import { getTrajectory } from '$lib/server/trajectories/detail';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/form-data';
import { todayIso } from '$lib/time';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event);
	const db = await getDb();
	const [detail, exemptions] = await Promise.all([
		getTrajectory(db, ctx, event.params.id),
		listExemptions(db, ctx, event.params.id)
	]);
	if (!detail || !exemptions) error(404, m.error_not_found());
	const today = todayIso();
	const form = await superValidate(
		{ grantedOn: today, basis: 'experience_certificate', workProcessIds: [] },
		zod4(exemptionFormSchema),
		{ errors: false }
	);
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
		const form = await superValidate(data, zod4(exemptionFormSchema));
		if (!form.valid) return fail(400, { form });
		let count: number;
		try {
			count = await recordExemptions(db, ctx, event.params.id, form.data, formTokenOf(data));
		} catch (e) {
			if (e instanceof DomainError) {
				if (e.code === 'trajectory_not_found') error(404, m.error_not_found());
				const field = (
					e.field === 'workProcessIds' ? 'workProcessIds._errors' : (e.field ?? '')
				) as '';
				return setError(form, field, domainErrorMessage(e.code));
			}
			throw e;
		}
		form.data.workProcessIds = [];
		form.data.reference = '';
		return message(form, { type: 'success', text: m.exemptions_recorded({ count }) });
	},
	remove: async (event) => {
		const { ctx, db } = await allowed(event);
		const data = await event.request.formData();
		try {
			await removeExemption(db, ctx, event.params.id, formText(data, 'exemptionId'));
		} catch (e) {
			if (e instanceof DomainError) {
				if (e.code === 'trajectory_not_found') error(404, m.error_not_found());
				return fail(404, { removeError: domainErrorMessage(e.code) });
			}
			throw e;
		}
		return { removed: true };
	}
};
