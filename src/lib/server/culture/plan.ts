import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { addDays, todayIso } from '../../time';
import { auditAs } from '../accounts/audit';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import type { CultureActionStatus } from '../db/schema';
import { DomainError, isUuid } from '../errors';
import { createOnce, type FormToken } from '../once';
import { roundOf } from './rounds';

/**
 * The improvement plan (issue 15): HR turns a round's points of attention into actions,
 * each with an owner (a member of the company), a due date and a status. HR's dashboard
 * lists the open ones.
 */
export const ACTION_STATUSES: CultureActionStatus[] = ['open', 'in_progress', 'done', 'dropped'];
/** A due date at most this far ahead (a plan for the next scan or two). */
export const ACTION_MAX_DAYS_AHEAD = 730;

export interface CultureAction {
	id: string;
	dimensionCode: string | null;
	title: string;
	/** Null once the owner's account was erased (privacy/erasure.ts). */
	ownerId: string | null;
	ownerName: string | null;
	dueOn: string;
	status: CultureActionStatus;
	overdue: boolean;
}

export interface NewCultureAction {
	title: string;
	dimensionCode: string | null;
	ownerId: string;
	dueOn: string;
}

function actionsQuery(db: DB, ctx: RequestContext, roundId: string) {
	return actionSelect(db, ctx.company.id).where('a.round_id', '=', roundId);
}

/**
 * A company's plan actions (`a`) with their owners' names, soonest due first, for a
 * statement to narrow (also inside a bigger one: the culture briefing, briefing.ts).
 */
export function actionSelect(db: DB, companyId: string) {
	return db
		.selectFrom('culture_action as a')
		.leftJoin('app_user as u', 'u.id', 'a.owner_user_id')
		.select([
			'a.id',
			'a.dimension_code',
			'a.title',
			'a.owner_user_id',
			'u.name',
			'a.due_on',
			'a.status'
		])
		.where('a.company_id', '=', companyId)
		.orderBy('a.due_on')
		.orderBy('a.created_at');
}

type ActionRow = Awaited<ReturnType<ReturnType<typeof actionSelect>['execute']>>[number];

export function toAction(r: ActionRow, today: string): CultureAction {
	return {
		id: r.id,
		dimensionCode: r.dimension_code,
		title: r.title,
		ownerId: r.owner_user_id,
		ownerName: r.name,
		dueOn: r.due_on,
		status: r.status,
		overdue: (r.status === 'open' || r.status === 'in_progress') && r.due_on < today
	};
}

/** A round's actions, soonest due first. */
export async function listActions(
	db: DB,
	ctx: RequestContext,
	roundId: string,
	today = todayIso()
): Promise<CultureAction[]> {
	return (await actionsQuery(db, ctx, roundId).execute()).map((r) => toAction(r, today));
}

/** Members who can own an action: the company's active members, by name. */
/**
 * Who can own an action of the plan: the company's active HR managers and practice
 * trainers, the people who make learning a topic. (Every member would make a list of
 * 2,000 names in a large company, unusable in a select; an employee's idea is taken up
 * by one of them.)
 */
const OWNER_ROLES = sql<boolean>`ms.roles && array['hr', 'trainer']::text[]`;

function ownersQuery(db: DB, ctx: RequestContext) {
	return db
		.selectFrom('membership as ms')
		.innerJoin('app_user as u', 'u.id', 'ms.user_id')
		.select(['u.id', 'u.name'])
		.where('ms.company_id', '=', ctx.company.id)
		.where('ms.deactivated_at', 'is', null)
		.where(OWNER_ROLES)
		.orderBy('u.name');
}

export async function actionOwners(db: DB, ctx: RequestContext) {
	return ownersQuery(db, ctx).execute();
}

/** The plan's page: a round's actions and who can own one, in one statement. */
export async function planOf(db: DB, ctx: RequestContext, roundId: string, today = todayIso()) {
	const row = await db
		.selectNoFrom([
			jsonArrayFrom(actionsQuery(db, ctx, roundId)).as('actions'),
			jsonArrayFrom(ownersQuery(db, ctx)).as('owners')
		])
		.executeTakeFirstOrThrow();
	return { actions: row.actions.map((r) => toAction(r, today)), owners: row.owners };
}

export async function addAction(
	db: DB,
	ctx: RequestContext,
	roundId: string,
	input: NewCultureAction,
	token?: FormToken,
	today = todayIso()
): Promise<string> {
	const round = await roundOf(db, ctx, roundId);
	if (input.dueOn < today) throw new DomainError('culture_action_due_past', 'dueOn');
	if (input.dueOn > addDays(today, ACTION_MAX_DAYS_AHEAD)) {
		throw new DomainError('culture_action_due_far', 'dueOn');
	}
	return createOnce(db, ctx.user.id, `culture_action:${round.id}`, token, async (trx) => {
		// The owner must be one of actionOwners (a form field names them).
		const owner = isUuid(input.ownerId)
			? await trx
					.selectFrom('membership as ms')
					.select('ms.user_id')
					.where('ms.company_id', '=', ctx.company.id)
					.where('ms.user_id', '=', input.ownerId)
					.where('ms.deactivated_at', 'is', null)
					.where(OWNER_ROLES)
					.executeTakeFirst()
			: undefined;
		if (!owner) throw new DomainError('culture_action_owner_unknown', 'ownerId');
		if (input.dimensionCode) {
			const known = await trx
				.selectFrom('culture_dimension')
				.select('id')
				.where('version_id', '=', round.version_id)
				.where('code', '=', input.dimensionCode)
				.executeTakeFirst();
			if (!known) throw new DomainError('culture_dimension_unknown', 'dimensionCode');
		}
		const row = await trx
			.insertInto('culture_action')
			.values({
				company_id: ctx.company.id,
				round_id: round.id,
				dimension_code: input.dimensionCode,
				title: input.title,
				owner_user_id: owner.user_id,
				due_on: input.dueOn,
				created_by: ctx.user.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await auditAs(trx, ctx, {
			action: 'culture_action.created',
			entityType: 'culture_action',
			entityId: row.id,
			data: { roundId: round.id }
		});
		return row.id;
	});
}

export async function setActionStatus(
	db: DB,
	ctx: RequestContext,
	actionId: string,
	status: CultureActionStatus
): Promise<void> {
	if (!isUuid(actionId) || !ACTION_STATUSES.includes(status)) {
		throw new DomainError('culture_action_not_found');
	}
	const updated = await db
		.updateTable('culture_action')
		.set({ status, updated_at: sql`now()` })
		.where('id', '=', actionId)
		.where('company_id', '=', ctx.company.id)
		.executeTakeFirst();
	if (!updated.numUpdatedRows) throw new DomainError('culture_action_not_found');
}

/** HR's dashboard: the number of open actions and the first few, soonest due first. */
export async function openActions(db: DB, ctx: RequestContext, today = todayIso(), limit = 5) {
	return toOpenActions(await openActionsQuery(db, ctx, limit).execute(), today);
}

/** openActions' query, for a statement that reads more (the HR home). */
export function openActionsQuery(db: DB, ctx: RequestContext, limit = 5) {
	return actionSelect(db, ctx.company.id)
		.select(['a.round_id', sql<number>`count(*) over ()`.as('total')])
		.where('a.status', 'in', ['open', 'in_progress'])
		.limit(limit);
}

export function toOpenActions(
	rows: {
		id: string;
		round_id: string;
		title: string;
		name: string | null;
		due_on: string;
		total: number;
	}[],
	today = todayIso()
) {
	return {
		total: Number(rows[0]?.total ?? 0),
		items: rows.map((r) => ({
			id: r.id,
			roundId: r.round_id,
			title: r.title,
			ownerName: r.name,
			dueOn: r.due_on,
			overdue: r.due_on < today
		}))
	};
}
