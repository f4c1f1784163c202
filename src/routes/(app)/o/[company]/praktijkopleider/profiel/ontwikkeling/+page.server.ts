import { message } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import {
	activitySchema,
	goalSchema,
	goalStatusSchema,
	hoursOf,
	removeActivitySchema
} from '$lib/schemas/profiles';
import { requireCompany } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/app';
import { domainFail, formFor, invalid, notFoundOr, readForm, requireIds } from '$lib/server/forms';
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
import { todayIso } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event, 'trainer');
	const db = await getDb();
	const today = todayIso();
	const [activities, goals, activityForm, goalForm] = await Promise.all([
		listActivities(db, ctx.user.id),
		listGoals(db, ctx.user.id),
		formFor(activitySchema, { kind: 'course', activityDate: today }, { id: 'activity' }),
		formFor(goalSchema, null, { id: 'goal' })
	]);
	return {
		activities,
		goals,
		activityForm,
		goalForm,
		kinds: ACTIVITY_KINDS,
		statuses: GOAL_STATUSES,
		today
	};
};

export const actions: Actions = {
	activity: async (event) => {
		const ctx = requireCompany(event, 'trainer');
		const data = await event.request.formData();
		const form = await readForm(data, activitySchema, { id: 'activity' });
		if (!form.valid) return invalid(form);
		const hours = Math.round(hoursOf(form.data.hours) * 10) / 10;
		await addActivity(await getDb(), ctx.user.id, { ...form.data, hours }, formTokenOf(data));
		return message(form, { type: 'success', text: m.dev_activity_added() });
	},
	removeActivity: async (event) => {
		const ctx = requireCompany(event, 'trainer');
		const form = await readForm(event.request, removeActivitySchema);
		requireIds(form, 'id');
		try {
			await removeActivity(await getDb(), ctx.user.id, form.data.id);
		} catch (e) {
			notFoundOr(e);
		}
		return { activityRemoved: true };
	},
	goal: async (event) => {
		const ctx = requireCompany(event, 'trainer');
		const data = await event.request.formData();
		const form = await readForm(data, goalSchema, { id: 'goal' });
		if (!form.valid) return invalid(form);
		await addGoal(
			await getDb(),
			ctx.user.id,
			{ text: form.data.text, targetDate: form.data.targetDate || null },
			formTokenOf(data)
		);
		return message(form, { type: 'success', text: m.dev_goal_added() });
	},
	goalStatus: async (event) => {
		const ctx = requireCompany(event, 'trainer');
		const form = await readForm(event.request, goalStatusSchema);
		// an unknown goal or status is not there for this user
		requireIds(form, 'id', 'status');
		try {
			await setGoalStatus(await getDb(), ctx.user.id, form.data.id, form.data.status);
		} catch (e) {
			return domainFail(form, e);
		}
		return { goalUpdated: true };
	}
};
