import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { assessmentEntriesOf, assessmentFieldsSchema } from '$lib/schemas/assessments';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, readForm } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import { trajectoryAccess } from '$lib/server/trajectories/access';
import { getTrajectory } from '$lib/server/trajectories/detail';
import { recordAssessments } from '$lib/server/trajectories/assess';
import { recordPageRead } from '$lib/server/privacy/access-log';
import type { Actions, PageServerLoad } from './$types';
import { todayIso } from '$lib/time';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'trainer', 'learner');
	const db = await getDb();
	const detail = await getTrajectory(db, ctx, event.params.id);
	if (!detail) error(404, m.error_not_found());
	if (!detail.can.assess && !detail.can.selfAssess) error(403, m.error_forbidden());
	// The judgement page shows the whole trajectory: a read of it (issue 18).
	await recordPageRead(db, ctx, event, { trajectoryId: detail.trajectory.id }, 'trajectory');
	const today = todayIso();
	return { ...detail, today, form: await formFor(assessmentFieldsSchema, { assessedOn: today }) };
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = requireCompany(event, 'trainer', 'learner');
		const db = await getDb();
		const access = await trajectoryAccess(db, ctx, event.params.id);
		if (!access) error(404, m.error_not_found());
		const data = await event.request.formData();
		const form = await readForm(data, assessmentFieldsSchema);
		// The judgements per work process: beside the form, kept on an error.
		const { entries, error: entriesError, values } = assessmentEntriesOf(data);
		if (!form.valid) return fail(400, { form, values });
		if (!entries) {
			form.message = { type: 'error', text: entriesError ?? m.err_assessment_required() };
			return fail(400, { form, values });
		}
		// The learner always self-assesses; a trainer records their own or a school's judgement.
		const kind = !access.can.assess
			? 'self'
			: form.data.kind === 'self'
				? 'trainer'
				: form.data.kind;
		let count: number;
		try {
			count = await recordAssessments(
				db,
				ctx,
				event.params.id,
				{ ...form.data, kind, entries },
				formTokenOf(data)
			);
		} catch (e) {
			const failure = domainFail(form, e);
			return fail(failure.status, { ...failure.data, values });
		}
		redirect(303, `/o/${ctx.company.slug}/trajecten/${event.params.id}?beoordeeld=${count}`);
	}
};
