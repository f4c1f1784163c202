import { fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { lloStatusOf } from '$lib/server/profiles/completeness';
import { feedbackAggregates } from '$lib/server/profiles/feedback';
import { getProfile, saveProfile, sectorOptions, trainerForHr } from '$lib/server/profiles/profile';
import { selfAssessmentHistory } from '$lib/server/profiles/self-assessment';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/form-data';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'trainer');
	const db = await getDb();
	const [profile, status, history, sectors, feedback, team] = await Promise.all([
		getProfile(db, ctx.user.id),
		lloStatusOf(db, [ctx.user.id]),
		selfAssessmentHistory(db, ctx.user.id),
		sectorOptions(db),
		feedbackAggregates(db, ctx.company.id, [ctx.user.id]),
		trainerForHr(db, ctx, ctx.user.id)
	]);
	return {
		profile: profile!,
		status: status.get(ctx.user.id)!,
		history,
		sectors,
		feedback: feedback.get(ctx.user.id)!,
		caseload: team?.caseload ?? 0,
		capacity: team?.capacity ?? null
	};
};

export const actions: Actions = {
	save: async (event) => {
		const ctx = requireCompany(event, 'trainer');
		const form = await event.request.formData();
		const values = {
			bio: formText(form, 'bio'),
			specialisms: formText(form, 'specialisms'),
			languages: formText(form, 'languages'),
			yearsExperience: formText(form, 'yearsExperience').trim(),
			crebos: formText(form, 'crebos'),
			sectorIds: form.getAll('sectorIds').map(Number)
		};
		try {
			await saveProfile(await getDb(), ctx.user.id, {
				...values,
				yearsExperience: values.yearsExperience === '' ? null : Number(values.yearsExperience)
			});
		} catch (e) {
			if (e instanceof DomainError) {
				return fail(400, { values, errors: { [e.field ?? 'bio']: domainErrorMessage(e.code) } });
			}
			throw e;
		}
		return { saved: true };
	}
};
