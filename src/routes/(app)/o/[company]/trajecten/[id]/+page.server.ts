import { error, fail } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { obtainedCertificateSchema, statusSchema } from '$lib/schemas/assessments';
import { requireCompany } from '$lib/server/auth/guard';
import { trajectoryAccess } from '$lib/server/trajectories/access';
import { getDb } from '$lib/server/db/app';
import { formTokenOf } from '$lib/server/once';
import { domainFail, formFor, invalid, notFoundOr, readForm } from '$lib/server/forms';
import { recordObtainedCertificate } from '$lib/server/trajectories/achievements';
import { trajectoryPageData } from '$lib/server/trajectories/detail';
import { setTrajectoryStatus, STATUSES } from '$lib/server/trajectories/status';
import type { Actions, PageServerLoad } from './$types';
import { todayIso } from '$lib/time';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event);
	const data = await trajectoryPageData(await getDb(), ctx, event.params.id, event.url.pathname);
	if (!data) error(404, m.error_not_found());
	return {
		...data,
		statuses: STATUSES,
		today: todayIso(),
		certificateForm: await certificateForm(data.certificates, data.trajectory.school)
	};
};

/** The form to record an obtained certificate: the first ready one, today, the school. */
function certificateForm(
	certificates: { id: number; ready: boolean; obtained: unknown }[],
	school: string | null
) {
	const open = certificates.filter((c) => !c.obtained);
	return formFor(
		obtainedCertificateSchema,
		{
			certificateId: (open.find((c) => c.ready) ?? open[0])?.id ?? 0,
			obtainedOn: todayIso(),
			issuer: school ?? ''
		},
		{ id: 'certificate' }
	);
}

export const actions: Actions = {
	status: async (event) => {
		const ctx = requireCompany(event, 'hr');
		const form = await readForm(event.request, statusSchema);
		if (!form.valid) return fail(400, { statusError: m.v_choose() });
		try {
			await setTrajectoryStatus(await getDb(), ctx, event.params.id, form.data.status);
		} catch (e) {
			notFoundOr(e);
		}
		return { statusSaved: true };
	},
	certificate: async (event) => {
		const ctx = requireCompany(event, 'hr', 'trainer');
		const db = await getDb();
		const access = await trajectoryAccess(db, ctx, event.params.id);
		if (!access) error(404, m.error_not_found());
		const data = await event.request.formData();
		const form = await readForm(data, obtainedCertificateSchema, { id: 'certificate' });
		if (!form.valid) return invalid(form);
		try {
			await recordObtainedCertificate(
				db,
				ctx,
				{ learnerId: access.learnerId, ...form.data },
				formTokenOf(data)
			);
		} catch (e) {
			return domainFail(form, e);
		}
		return message(form, { type: 'success', text: m.certs_record_saved() });
	}
};
