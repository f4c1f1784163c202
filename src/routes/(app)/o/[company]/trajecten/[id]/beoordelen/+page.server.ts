import { error, fail, redirect } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { assessmentFormSchema, readAssessmentForm } from '$lib/schemas/assessments';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { isNotFound, notFoundOr } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import { trajectoryAccess } from '$lib/server/trajectories/access';
import { getTrajectory } from '$lib/server/trajectories/detail';
import { recordAssessments } from '$lib/server/trajectories/assess';
import type { Actions, PageServerLoad } from './$types';
import { todayIso } from '$lib/time';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'trainer', 'learner');
	const detail = await getTrajectory(await getDb(), ctx, event.params.id);
	if (!detail) error(404, m.error_not_found());
	if (!detail.can.assess && !detail.can.selfAssess) error(403, m.error_forbidden());
	return { ...detail, today: todayIso() };
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = requireCompany(event, 'trainer', 'learner');
		const db = await getDb();
		const access = await trajectoryAccess(db, ctx, event.params.id);
		if (!access) error(404, m.error_not_found());
		const data = await event.request.formData();
		const { input, values } = readAssessmentForm(data);
		// The learner always self-assesses; a trainer records their own or a school's judgement.
		if (!access.can.assess) input.kind = 'self';
		else if (input.kind === 'self') input.kind = 'trainer';
		const parsed = assessmentFormSchema.safeParse(input);
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) {
				const key =
					issue.path[0] === 'entries' && issue.path.length > 1
						? `entries`
						: String(issue.path[0] ?? 'form');
				errors[key] ??= issue.message;
			}
			return fail(400, { errors, values });
		}
		let count: number;
		try {
			count = await recordAssessments(db, ctx, event.params.id, parsed.data, formTokenOf(data));
		} catch (e) {
			if (e instanceof DomainError) {
				if (isNotFound(e)) notFoundOr(e);
				return fail(400, { errors: { [e.field ?? 'form']: domainErrorMessage(e.code) }, values });
			}
			throw e;
		}
		redirect(303, `/o/${ctx.company.slug}/trajecten/${event.params.id}?beoordeeld=${count}`);
	}
};
