import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { awardFail, text } from '$lib/server/actions/award-fail';
import { formValues, roundInputFrom } from '$lib/server/awards/admin-form';
import { addJuror, addPanel, panelsOfRound, replaceJuror } from '$lib/server/awards/panels';
import { juryProgress, publishRound, roundResults } from '$lib/server/awards/tally';
import { phaseAt, toAmsterdamLocal } from '$lib/server/awards/phase';
import {
	criteriaOf,
	getRound,
	updateCriteria,
	updateRound,
	updateRules
} from '$lib/server/awards/rounds';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { formTokenOf } from '$lib/server/once';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	requirePlatformRole(locals, 'admin');
	const db = await getDb();
	const round = await getRound(db, params.id);
	if (!round) error(404, m.error_not_found());
	const [criteria, panels, results, regions] = await Promise.all([
		criteriaOf(db, round.id),
		panelsOfRound(db, round.id),
		roundResults(db, round),
		db.selectFrom('region').select(['id', 'name']).orderBy('name').execute()
	]);
	const progress = await juryProgress(db, round, results);
	return {
		round: {
			id: round.id,
			year: round.year,
			title: round.title,
			eligibility: round.eligibility,
			published: round.results_published_at !== null
		},
		roundValues: {
			title: round.title,
			nominationsOpenAt: toAmsterdamLocal(round.nominations_open_at),
			nominationsCloseAt: toAmsterdamLocal(round.nominations_close_at),
			regionalJuryUntil: toAmsterdamLocal(round.regional_jury_until),
			nationalJuryUntil: toAmsterdamLocal(round.national_jury_until),
			finalistsPerPanel: String(round.finalists_per_panel)
		},
		state: phaseAt(round, new Date()),
		criteria,
		panels,
		results: results.map((r) => ({ panelId: r.panel.id, name: r.panel.name, results: r.results })),
		progress,
		regions
	};
};

async function roundOr404(locals: App.Locals, id: string) {
	const user = requirePlatformRole(locals, 'admin');
	const db = await getDb();
	const round = await getRound(db, id);
	if (!round) error(404, m.error_not_found());
	return { user, db, round };
}

const int = (v: string) =>
	/^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : v.trim() === '' ? 0 : NaN;

export const actions: Actions = {
	dates: async ({ locals, params, request }) => {
		const { db, round } = await roundOr404(locals, params.id);
		const form = await request.formData();
		try {
			await updateRound(db, round.id, roundInputFrom(form));
		} catch (e) {
			return awardFail(e, 'dates', formValues(form));
		}
		return { saved: 'dates' };
	},
	rules: async ({ locals, params, request }) => {
		const { db, round } = await roundOr404(locals, params.id);
		const form = await request.formData();
		try {
			await updateRules(db, round.id, {
				llo_profile_complete: form.get('llo_profile_complete') === 'on',
				min_years_experience: int(text(form, 'min_years_experience')),
				coached_adult_months: int(text(form, 'coached_adult_months')),
				no_win_in_last_years: int(text(form, 'no_win_in_last_years'))
			});
		} catch (e) {
			return awardFail(e, 'rules', formValues(form));
		}
		return { saved: 'rules' };
	},
	criteria: async ({ locals, params, request }) => {
		const { db, round } = await roundOr404(locals, params.id);
		const form = await request.formData();
		const criteria = await criteriaOf(db, round.id);
		try {
			await updateCriteria(
				db,
				round.id,
				criteria.map((c) => ({
					id: c.id,
					name: text(form, `name_${c.id}`),
					description: text(form, `description_${c.id}`),
					weight: /^\d{1,2}([.,]\d)?$/.test(text(form, `weight_${c.id}`).trim())
						? Number(text(form, `weight_${c.id}`).trim().replace(',', '.'))
						: NaN
				}))
			);
		} catch (e) {
			return awardFail(e, 'criteria', formValues(form));
		}
		return { saved: 'criteria' };
	},
	addPanel: async ({ locals, params, request }) => {
		const { user, db, round } = await roundOr404(locals, params.id);
		const form = await request.formData();
		try {
			await addPanel(
				db,
				round.id,
				{
					kind: text(form, 'kind') === 'national' ? 'national' : 'regional',
					name: text(form, 'name'),
					regionIds: form
						.getAll('regionIds')
						.map((v) => Number(v))
						.filter((n) => Number.isInteger(n))
				},
				undefined,
				{ userId: user.id, token: formTokenOf(form) }
			);
		} catch (e) {
			return awardFail(e, 'addPanel', formValues(form));
		}
		return { saved: 'addPanel' };
	},
	addJuror: async ({ locals, params, request }) => {
		const { user, db, round } = await roundOr404(locals, params.id);
		const form = await request.formData();
		const panelId = text(form, 'panelId');
		const panels = await panelsOfRound(db, round.id);
		if (!panels.some((p) => p.id === panelId)) error(404, m.error_not_found());
		try {
			await addJuror(db, panelId, text(form, 'email'), {
				userId: user.id,
				token: formTokenOf(form)
			});
		} catch (e) {
			return awardFail(e, `addJuror:${panelId}`, formValues(form));
		}
		return { saved: 'addJuror' };
	},
	replaceJuror: async ({ locals, params, request }) => {
		const { db, round } = await roundOr404(locals, params.id);
		const form = await request.formData();
		const memberId = text(form, 'memberId');
		const panels = await panelsOfRound(db, round.id);
		if (!panels.some((p) => p.members.some((mb) => mb.id === memberId))) {
			error(404, m.error_not_found());
		}
		try {
			await replaceJuror(db, memberId, text(form, 'email'));
		} catch (e) {
			return awardFail(e, `replaceJuror:${memberId}`, formValues(form));
		}
		return { saved: 'replaceJuror' };
	},
	publish: async ({ locals, params }) => {
		const { db, round } = await roundOr404(locals, params.id);
		try {
			await publishRound(db, round.id);
		} catch (e) {
			return awardFail(e, 'publish');
		}
		return { saved: 'publish' };
	}
};
