import { fail } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { formTokenOf } from '$lib/server/once';
import {
	ACTIVITY_KINDS,
	GOAL_STATUSES,
	addActivity,
	addGoal,
	listActivities,
	listGoals,
	removeActivity,
	setGoalStatus
} from '$lib/server/profiles/development';
import type { ActivityKind, GoalStatus } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/form-data';
import { todayIso } from '$lib/time';
import { checkDate, checked, confirmName, DATE_RULES, type DateRule } from '$lib/schemas/dates';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'trainer');
	const db = await getDb();
	const [activities, goals] = await Promise.all([
		listActivities(db, ctx.user.id),
		listGoals(db, ctx.user.id)
	]);
	return {
		activities,
		goals,
		kinds: ACTIVITY_KINDS,
		statuses: GOAL_STATUSES,
		today: todayIso()
	};
};

/**
 * A date of this page under its rule (src/lib/schemas/dates.ts): a refusal on the field,
 * or, for an unusual date not yet confirmed, the question on its checkbox.
 */
function dateErrors(
	errors: Record<string, string>,
	form: FormData,
	field: string,
	value: string,
	rule: DateRule
) {
	const r = checkDate(value, rule);
	if (r.kind === 'unusual') {
		if (!checked(form.get(confirmName(field)))) errors[confirmName(field)] = r.message;
	} else if (r.kind !== 'ok') errors[field] = r.message;
}

export const actions: Actions = {
	activity: async (event) => {
		const ctx = requireCompany(event, 'trainer');
		const form = await event.request.formData();
		const values = {
			kind: formText(form, 'kind'),
			title: formText(form, 'title').trim(),
			provider: formText(form, 'provider').trim(),
			activityDate: formText(form, 'activityDate'),
			hours: formText(form, 'hours').trim().replace(',', '.'),
			impact: formText(form, 'impact').trim(),
			activityDateConfirmed: checked(form.get('activityDateConfirmed'))
		};
		const errors: Record<string, string> = {};
		if (!ACTIVITY_KINDS.includes(values.kind as ActivityKind)) errors.kind = m.v_choose();
		if (!values.title) errors.title = m.v_required();
		else if (values.title.length > 200) errors.title = m.v_too_long({ max: 200 });
		if (values.provider.length > 160) errors.provider = m.v_too_long({ max: 160 });
		dateErrors(errors, form, 'activityDate', values.activityDate, DATE_RULES.activity);
		const hours = Number(values.hours);
		if (!values.hours || !(hours > 0 && hours <= 1000)) errors.hours = m.err_hours_invalid();
		if (values.impact.length > 2000) errors.impact = m.v_too_long({ max: 2000 });
		if (Object.keys(errors).length) return fail(400, { activity: { values, errors } });
		await addActivity(
			await getDb(),
			ctx.user.id,
			{
				...values,
				kind: values.kind as ActivityKind,
				hours: Math.round(hours * 10) / 10
			},
			formTokenOf(form)
		);
		return { activityAdded: true };
	},
	removeActivity: async (event) => {
		const ctx = requireCompany(event, 'trainer');
		const form = await event.request.formData();
		try {
			await removeActivity(await getDb(), ctx.user.id, formText(form, 'id'));
		} catch (e) {
			if (e instanceof DomainError) return fail(404, { removeError: domainErrorMessage(e.code) });
			throw e;
		}
		return { activityRemoved: true };
	},
	goal: async (event) => {
		const ctx = requireCompany(event, 'trainer');
		const form = await event.request.formData();
		const values = {
			text: formText(form, 'text').trim(),
			targetDate: formText(form, 'targetDate'),
			targetDateConfirmed: checked(form.get('targetDateConfirmed'))
		};
		const errors: Record<string, string> = {};
		if (!values.text) errors.text = m.v_required();
		else if (values.text.length > 500) errors.text = m.v_too_long({ max: 500 });
		if (values.targetDate) {
			dateErrors(errors, form, 'targetDate', values.targetDate, DATE_RULES.goal);
		}
		if (Object.keys(errors).length) return fail(400, { goal: { values, errors } });
		await addGoal(
			await getDb(),
			ctx.user.id,
			{ text: values.text, targetDate: values.targetDate || null },
			formTokenOf(form)
		);
		return { goalAdded: true };
	},
	goalStatus: async (event) => {
		const ctx = requireCompany(event, 'trainer');
		const form = await event.request.formData();
		try {
			await setGoalStatus(
				await getDb(),
				ctx.user.id,
				formText(form, 'id'),
				formText(form, 'status') as GoalStatus
			);
		} catch (e) {
			if (e instanceof DomainError) {
				return fail(e.code === 'goal_not_found' ? 404 : 400, {
					removeError: domainErrorMessage(e.code)
				});
			}
			throw e;
		}
		return { goalUpdated: true };
	}
};
