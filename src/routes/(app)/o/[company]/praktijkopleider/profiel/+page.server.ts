import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { trainerProfileSchema } from '$lib/schemas/profiles';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, readForm } from '$lib/server/forms';
import { ownProfile, saveProfile } from '$lib/server/profiles/profile';
import { selfAssessmentHistory } from '$lib/server/profiles/self-assessment';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'trainer');
	const db = await getDb();
	// Two statements: the profile with everything around it, and the self-assessment history.
	const [own, history] = await Promise.all([
		ownProfile(db, ctx),
		selfAssessmentHistory(db, ctx.user.id)
	]);
	const p = own.profile;
	const form = await formFor(trainerProfileSchema, {
		bio: p.bio,
		specialisms: p.specialisms.join(', '),
		languages: p.languages.join(', '),
		yearsExperience: p.yearsExperience === null ? '' : String(p.yearsExperience),
		crebos: p.qualifications.map((q) => q.crebo).join(', '),
		sectorIds: p.sectors.map((s) => s.id)
	});
	return {
		form,
		profile: p,
		status: own.status,
		history,
		sectors: own.sectors,
		feedback: own.feedback,
		caseload: own.caseload,
		capacity: own.capacity
	};
};

export const actions: Actions = {
	save: async (event) => {
		const ctx = requireCompany(event, 'trainer');
		const form = await readForm(event.request, trainerProfileSchema);
		if (!form.valid) return invalid(form);
		const { yearsExperience } = form.data;
		try {
			await saveProfile(await getDb(), ctx.user.id, {
				...form.data,
				yearsExperience: yearsExperience === '' ? null : Number(yearsExperience)
			});
		} catch (e) {
			return domainFail(form, e);
		}
		return message(form, { type: 'success', text: m.profile_saved() });
	}
};
