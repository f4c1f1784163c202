import { error } from '@sveltejs/kit';
import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import {
	criteriaSchema,
	jurorAddSchema,
	jurorReplaceSchema,
	panelSchema,
	roundDatesSchema,
	roundMoments,
	rulesSchema,
	weightOf
} from '$lib/schemas/award-admin';
import { noFields } from '$lib/schemas/fields';
import { addJuror, addPanel, panelsOfRound, replaceJuror } from '$lib/server/awards/panels';
import { publishRound } from '$lib/server/awards/tally';
import { phaseAt, toAmsterdamLocal } from '$lib/server/awards/phase';
import { roundAdminPage } from '$lib/server/awards/round-page';
import {
	criteriaOf,
	getRound,
	updateCriteria,
	updateRound,
	updateRules
} from '$lib/server/awards/rounds';
import { requirePlatformRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, postedText, readForm, requireIds } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	requirePlatformRole(locals, 'admin');
	const page = await roundAdminPage(await getDb(), params.id);
	if (!page) error(404, m.error_not_found());
	const { round, criteria, panels, results, progress, regions } = page;
	const rules = round.eligibility;
	const criteriaValues: Record<string, string> = {};
	for (const c of criteria) {
		criteriaValues[`name_${c.id}`] = c.name;
		criteriaValues[`description_${c.id}`] = c.description;
		criteriaValues[`weight_${c.id}`] = String(c.weight);
	}
	// One form per panel (add a juror) and per active juror (replace): each its own id.
	const jurorForms = Object.fromEntries(
		await Promise.all(
			panels.map(
				async (p) =>
					[p.id, await formFor(jurorAddSchema, null, { id: `addJuror-${p.id}` })] as const
			)
		)
	);
	const active = panels.flatMap((p) => p.members.filter((mb) => !mb.replacedAt));
	const replaceForms = Object.fromEntries(
		await Promise.all(
			active.map(
				async (mb) =>
					[mb.id, await formFor(jurorReplaceSchema, null, { id: `replaceJuror-${mb.id}` })] as const
			)
		)
	);
	return {
		round: {
			id: round.id,
			year: round.year,
			title: round.title,
			published: round.results_published_at !== null
		},
		state: phaseAt(round, new Date()),
		criteria,
		panels,
		results: results.map((r) => ({ panelId: r.panel.id, name: r.panel.name, results: r.results })),
		progress,
		regions,
		datesForm: await formFor(
			roundDatesSchema,
			{
				title: round.title,
				nominationsOpenAt: toAmsterdamLocal(round.nominations_open_at),
				nominationsCloseAt: toAmsterdamLocal(round.nominations_close_at),
				regionalJuryUntil: toAmsterdamLocal(round.regional_jury_until),
				nationalJuryUntil: toAmsterdamLocal(round.national_jury_until),
				finalistsPerPanel: round.finalists_per_panel
			},
			{ id: 'dates' }
		),
		rulesForm: await formFor(
			rulesSchema,
			{
				llo_profile_complete: rules.llo_profile_complete === true,
				min_years_experience: rules.min_years_experience ?? 0,
				coached_adult_months: rules.coached_adult_months ?? 0,
				no_win_in_last_years: rules.no_win_in_last_years ?? 0,
				culture_scan_months: rules.culture_scan_months ?? 0
			},
			{ id: 'rules' }
		),
		criteriaForm: await formFor(criteriaSchema(criteria.map((c) => c.id)), criteriaValues, {
			id: 'criteria'
		}),
		panelForm: await formFor(panelSchema, { kind: 'regional', regionIds: [] }, { id: 'panel' }),
		jurorForms,
		replaceForms,
		publishForm: await formFor(noFields, null, { id: 'publish' })
	};
};

async function roundOr404(locals: App.Locals, id: string) {
	const user = requirePlatformRole(locals, 'admin');
	const db = await getDb();
	const round = await getRound(db, id);
	if (!round) error(404, m.error_not_found());
	return { user, db, round };
}

const saved = () => ({ type: 'success' as const, text: m.award_saved() });

export const actions: Actions = {
	dates: async ({ locals, params, request }) => {
		const { db, round } = await roundOr404(locals, params.id);
		const form = await readForm(request, roundDatesSchema, { id: 'dates' });
		if (!form.valid) return invalid(form);
		try {
			await updateRound(db, round.id, roundMoments(form.data));
		} catch (e) {
			return domainFail(form, e);
		}
		return message(form, saved());
	},
	rules: async ({ locals, params, request }) => {
		const { db, round } = await roundOr404(locals, params.id);
		const form = await readForm(request, rulesSchema, { id: 'rules' });
		if (!form.valid) return invalid(form);
		try {
			await updateRules(db, round.id, form.data);
		} catch (e) {
			return domainFail(form, e);
		}
		return message(form, saved());
	},
	criteria: async ({ locals, params, request }) => {
		const { db, round } = await roundOr404(locals, params.id);
		const criteria = await criteriaOf(db, round.id);
		const form = await readForm(request, criteriaSchema(criteria.map((c) => c.id)), {
			id: 'criteria'
		});
		if (!form.valid) return invalid(form);
		try {
			await updateCriteria(
				db,
				round.id,
				criteria.map((c) => ({
					id: c.id,
					name: form.data[`name_${c.id}`],
					description: form.data[`description_${c.id}`],
					weight: weightOf(form.data[`weight_${c.id}`])
				}))
			);
		} catch (e) {
			return domainFail(form, e);
		}
		return message(form, saved());
	},
	addPanel: async ({ locals, params, request }) => {
		const { user, db, round } = await roundOr404(locals, params.id);
		const data = await request.formData();
		const form = await readForm(data, panelSchema, { id: 'panel' });
		if (!form.valid) return invalid(form);
		try {
			await addPanel(db, round.id, form.data, undefined, {
				userId: user.id,
				token: formTokenOf(data)
			});
		} catch (e) {
			return domainFail(form, e);
		}
		// the new panel's heading says it
		return { form };
	},
	addJuror: async ({ locals, params, request }) => {
		const { user, db, round } = await roundOr404(locals, params.id);
		const data = await request.formData();
		const form = await readForm(data, jurorAddSchema, {
			id: `addJuror-${postedText(data, 'panelId')}`
		});
		requireIds(form, 'panelId');
		const panels = await panelsOfRound(db, round.id);
		if (!panels.some((p) => p.id === form.data.panelId)) error(404, m.error_not_found());
		if (!form.valid) return invalid(form);
		try {
			await addJuror(db, form.data.panelId, form.data.email, {
				userId: user.id,
				token: formTokenOf(data)
			});
		} catch (e) {
			return domainFail(form, e);
		}
		// the new juror in the panel's list says it
		return { form };
	},
	replaceJuror: async ({ locals, params, request }) => {
		const { db, round } = await roundOr404(locals, params.id);
		const data = await request.formData();
		const form = await readForm(data, jurorReplaceSchema, {
			id: `replaceJuror-${postedText(data, 'memberId')}`
		});
		requireIds(form, 'memberId');
		const panels = await panelsOfRound(db, round.id);
		if (!panels.some((p) => p.members.some((mb) => mb.id === form.data.memberId))) {
			error(404, m.error_not_found());
		}
		if (!form.valid) return invalid(form);
		try {
			await replaceJuror(db, form.data.memberId, form.data.email);
		} catch (e) {
			return domainFail(form, e);
		}
		return { form };
	},
	publish: async ({ locals, params, request }) => {
		const { db, round } = await roundOr404(locals, params.id);
		const form = await readForm(request, noFields, { id: 'publish' });
		try {
			await publishRound(db, round.id);
		} catch (e) {
			return domainFail(form, e);
		}
		return message(form, { type: 'success', text: m.award_published_notice() });
	}
};
