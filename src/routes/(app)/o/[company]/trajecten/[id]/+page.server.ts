import { error, fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { obtainedCertificateSchema, statusSchema } from '$lib/schemas/assessments';
import { checked } from '$lib/schemas/dates';
import { requireCompany } from '$lib/server/auth/guard';
import { trajectoryAccess } from '$lib/server/trajectories/access';
import { getDb } from '$lib/server/db/app';
import { formTokenOf } from '$lib/server/once';
import { DomainError } from '$lib/server/errors';
import { recordObtainedCertificate } from '$lib/server/trajectories/achievements';
import { trajectoryPageData } from '$lib/server/trajectories/detail';
import { setTrajectoryStatus, STATUSES } from '$lib/server/trajectories/status';
import type { Actions, PageServerLoad } from './$types';
import { todayIso } from '$lib/time';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event);
	const data = await trajectoryPageData(await getDb(), ctx, event.params.id, event.url.pathname);
	if (!data) error(404, m.error_not_found());
	return { ...data, statuses: STATUSES, today: todayIso() };
};

export const actions: Actions = {
	status: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const parsed = statusSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { statusError: m.v_choose() });
		try {
			await setTrajectoryStatus(await getDb(), ctx, event.params.id, parsed.data.status);
		} catch (e) {
			if (e instanceof DomainError) error(404, m.error_not_found());
			throw e;
		}
		return { statusSaved: true };
	},
	certificate: async (event) => {
		const ctx = requireCompany(event, 'hr', 'trainer');
		const db = await getDb();
		const access = await trajectoryAccess(db, ctx, event.params.id);
		if (!access) error(404, m.error_not_found());
		const data = await event.request.formData();
		const values = Object.fromEntries(data);
		const parsed = obtainedCertificateSchema.safeParse({
			...values,
			obtainedOnConfirmed: checked(data.get('obtainedOnConfirmed'))
		});
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
			return fail(400, { certificateErrors: errors, certificateValues: values });
		}
		try {
			await recordObtainedCertificate(
				db,
				ctx,
				{ learnerId: access.learnerId, ...parsed.data },
				formTokenOf(data)
			);
		} catch (e) {
			if (e instanceof DomainError) {
				if (e.code === 'trajectory_not_found') error(404, m.error_not_found());
				return fail(400, {
					certificateErrors: { [e.field ?? 'form']: domainErrorMessage(e.code) },
					certificateValues: values
				});
			}
			throw e;
		}
		return { certificateSaved: true };
	}
};
