import type { DB } from '../db';
import type { ActivityKind, GoalStatus } from '../db/schema';
import { DomainError } from '../errors';
import { refreshLloSummary } from './completeness';
import { createOnce, type FormToken } from '../once';

export { ACTIVITY_KINDS, GOAL_STATUSES } from '$lib/schemas/profiles';

export interface ActivityInput {
	kind: ActivityKind;
	title: string;
	provider: string;
	activityDate: string;
	hours: number;
	impact: string;
}

export async function listActivities(db: DB, userId: string) {
	return db
		.selectFrom('development_activity')
		.select(['id', 'kind', 'title', 'provider', 'activity_date as activityDate', 'hours', 'impact'])
		.where('user_id', '=', userId)
		.orderBy('activity_date', 'desc')
		.orderBy('created_at', 'desc')
		.execute();
}

/** `token`: the form's token (once.ts); a double submit answers with the first id. */
export async function addActivity(
	db: DB,
	userId: string,
	input: ActivityInput,
	token?: FormToken
): Promise<string> {
	return createOnce(db, userId, 'development_activity', token, async (trx) => {
		const row = await trx
			.insertInto('development_activity')
			.values({
				user_id: userId,
				kind: input.kind,
				title: input.title.trim(),
				provider: input.provider.trim(),
				activity_date: input.activityDate,
				hours: input.hours,
				impact: input.impact.trim()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await refreshLloSummary(trx, [userId]);
		return row.id;
	});
}

export async function removeActivity(db: DB, userId: string, id: string): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const removed = await trx
			.deleteFrom('development_activity')
			.where('user_id', '=', userId)
			.where('id', '=', id)
			.returning('id')
			.executeTakeFirst();
		if (!removed) throw new DomainError('activity_not_found');
		await refreshLloSummary(trx, [userId]);
	});
}

export async function listGoals(db: DB, userId: string) {
	return db
		.selectFrom('development_goal')
		.select(['id', 'text', 'target_date as targetDate', 'status'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
}

export async function addGoal(
	db: DB,
	userId: string,
	input: { text: string; targetDate: string | null },
	token?: FormToken
): Promise<string> {
	return createOnce(db, userId, 'development_goal', token, async (trx) => {
		const row = await trx
			.insertInto('development_goal')
			.values({ user_id: userId, text: input.text.trim(), target_date: input.targetDate || null })
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	});
}

export async function setGoalStatus(
	db: DB,
	userId: string,
	id: string,
	status: GoalStatus
): Promise<void> {
	const updated = await db
		.updateTable('development_goal')
		.set({ status })
		.where('user_id', '=', userId)
		.where('id', '=', id)
		.returning('id')
		.executeTakeFirst();
	if (!updated) throw new DomainError('goal_not_found');
}
