import { sql } from 'kysely';
import type { DB } from '../db';
import type { Updateable } from 'kysely';
import type { MemberRole, MembershipTable } from '../db/schema';
import type { RequestContext } from '../auth/context';
import { invalidateUserSessions } from '../auth/session';
import { DomainError, isUuid } from '../errors';
import { auditAs } from './audit';
import { createInvitation } from './invitations';
import { deliverNow } from '../mail/outbox';
import { once, type FormToken } from '../once';

export interface MemberRow {
	userId: string;
	name: string;
	email: string;
	roles: MemberRole[];
	since: Date;
	deactivatedAt: Date | null;
	/** A planned end (HR set it; privacy/leave.ts): inactive from this date. */
	endsOn: string | null;
}

export interface OpenInvitation {
	id: string;
	email: string;
	roles: MemberRole[];
	createdAt: Date;
	expiresAt: Date;
}

/**
 * The company's members as HR sees them (the list and one member read the same columns):
 * anonymised memberships are gone for good, so they never show.
 */
function memberQuery(db: DB, ctx: RequestContext) {
	return db
		.selectFrom('membership as m')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.select([
			'u.id as userId',
			'u.name',
			'u.email',
			'm.roles',
			'm.created_at as since',
			'm.deactivated_at as deactivatedAt',
			'm.ends_on as endsOn'
		])
		.where('m.company_id', '=', ctx.company.id)
		.where('m.anonymised_at', 'is', null);
}

/** Members of the context's company (active first), and its open invitations. */
export async function listMembers(
	db: DB,
	ctx: RequestContext
): Promise<{ members: MemberRow[]; invitations: OpenInvitation[] }> {
	const [members, invitations] = await Promise.all([
		memberQuery(db, ctx)
			.orderBy(sql`m.deactivated_at is not null`)
			.orderBy('u.name')
			.execute(),
		db
			.selectFrom('invitation')
			.select(['id', 'email', 'roles', 'created_at', 'expires_at'])
			.where('company_id', '=', ctx.company.id)
			.where('accepted_at', 'is', null)
			.where('revoked_at', 'is', null)
			.where('expires_at', '>', new Date())
			.orderBy('created_at', 'desc')
			.execute()
	]);
	return {
		members,
		invitations: invitations.map((i) => ({
			id: i.id,
			email: i.email,
			roles: i.roles,
			createdAt: i.created_at,
			expiresAt: i.expires_at
		}))
	};
}

export async function inviteMember(
	db: DB,
	ctx: RequestContext,
	input: { email: string; roles: MemberRole[] },
	origin: string,
	token?: FormToken
): Promise<void> {
	let mails: number[] = [];
	await db.transaction().execute((trx) =>
		// A double submit sends one invitation (a second would revoke the first link).
		once(trx, ctx.user.id, `invitation:${ctx.company.id}`, token, async () => {
			mails = await createInvitation(trx, ctx, input, origin);
			return null;
		})
	);
	await deliverNow(db, mails);
}

export async function lockMember(trx: DB, ctx: RequestContext, userId: string) {
	if (!isUuid(userId)) throw new DomainError('member_not_found');
	const member = await trx
		.selectFrom('membership')
		.select(['roles', 'deactivated_at', 'ends_on'])
		.where('company_id', '=', ctx.company.id)
		.where('user_id', '=', userId)
		// Once anonymised, the company no longer knows the person (privacy/anonymise.ts).
		.where('anonymised_at', 'is', null)
		.forUpdate()
		.executeTakeFirst();
	if (!member) throw new DomainError('member_not_found');
	return member;
}

/**
 * HR's change to one member's membership, with its audit entry (the membership named by
 * the member's user id); inside the caller's transaction, after lockMember.
 */
export async function changeMembership(
	trx: DB,
	ctx: RequestContext,
	userId: string,
	values: Updateable<MembershipTable>,
	action: string,
	data?: Record<string, unknown>
): Promise<void> {
	await trx
		.updateTable('membership')
		.set(values)
		.where('company_id', '=', ctx.company.id)
		.where('user_id', '=', userId)
		.execute();
	await auditAs(trx, ctx, { action, entityType: 'membership', entityId: userId, data });
}

export async function otherActiveHrCount(
	trx: DB,
	ctx: RequestContext,
	userId: string
): Promise<number> {
	const row = await trx
		.selectFrom('membership')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('company_id', '=', ctx.company.id)
		.where('user_id', '<>', userId)
		.where('deactivated_at', 'is', null)
		// An HR manager who is leaving (a planned end) does not count as the one who stays.
		.where('ends_on', 'is', null)
		.where(sql<boolean>`'hr' = any(roles)`)
		.executeTakeFirstOrThrow();
	return row.n;
}

/** HR changes a member's roles; the company always keeps at least one active HR manager. */
export async function updateMemberRoles(
	db: DB,
	ctx: RequestContext,
	userId: string,
	roles: MemberRole[]
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const member = await lockMember(trx, ctx, userId);
		if (member.roles.includes('hr') && !roles.includes('hr') && !member.deactivated_at) {
			if ((await otherActiveHrCount(trx, ctx, userId)) === 0)
				throw new DomainError('last_hr', 'roles');
		}
		await changeMembership(trx, ctx, userId, { roles }, 'membership.roles_changed', {
			from: member.roles,
			to: roles
		});
	});
}

/** HR deactivates a member: access to this company ends and all their sessions end at once. */
export async function deactivateMember(db: DB, ctx: RequestContext, userId: string): Promise<void> {
	if (userId === ctx.user.id) throw new DomainError('cannot_deactivate_self');
	await db.transaction().execute(async (trx) => {
		const member = await lockMember(trx, ctx, userId);
		if (member.deactivated_at) return;
		if (member.roles.includes('hr') && (await otherActiveHrCount(trx, ctx, userId)) === 0) {
			throw new DomainError('last_hr');
		}
		// An immediate end replaces a planned one: the retention period counts from now.
		await changeMembership(
			trx,
			ctx,
			userId,
			{ deactivated_at: new Date(), ends_on: null },
			'membership.deactivated'
		);
		await invalidateUserSessions(trx, userId);
	});
}

export async function reactivateMember(db: DB, ctx: RequestContext, userId: string): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await lockMember(trx, ctx, userId);
		await changeMembership(
			trx,
			ctx,
			userId,
			{ deactivated_at: null, ends_on: null },
			'membership.reactivated'
		);
	});
}

export async function revokeInvitation(
	db: DB,
	ctx: RequestContext,
	invitationId: string
): Promise<void> {
	if (!isUuid(invitationId)) throw new DomainError('member_not_found');
	await db.transaction().execute(async (trx) => {
		const res = await trx
			.updateTable('invitation')
			.set({ revoked_at: new Date() })
			.where('company_id', '=', ctx.company.id)
			.where('id', '=', invitationId)
			.where('accepted_at', 'is', null)
			.executeTakeFirst();
		if (!res.numUpdatedRows) throw new DomainError('member_not_found');
		await auditAs(trx, ctx, {
			action: 'invitation.revoked',
			entityType: 'invitation',
			entityId: invitationId
		});
	});
}

/** Counts for the HR home page, in one query. */
export async function memberSummary(db: DB, ctx: RequestContext) {
	return toMemberSummary(await memberSummaryQuery(db, ctx).executeTakeFirstOrThrow());
}

/** memberSummary's query (one row), for a statement that reads more (the HR home). */
export function memberSummaryQuery(db: DB, ctx: RequestContext) {
	return db
		.selectFrom('membership')
		.select((eb) => [
			eb.fn
				.countAll<number>()
				.filterWhere(sql<boolean>`'learner' = any(roles)`)
				.as('learners'),
			eb.fn
				.countAll<number>()
				.filterWhere(sql<boolean>`'trainer' = any(roles)`)
				.as('trainers'),
			eb.fn
				.countAll<number>()
				.filterWhere(sql<boolean>`'hr' = any(roles)`)
				.as('hr'),
			eb
				.selectFrom('invitation')
				.where('company_id', '=', ctx.company.id)
				.where('accepted_at', 'is', null)
				.where('revoked_at', 'is', null)
				.where('expires_at', '>', new Date())
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('open_invitations')
		])
		.where('company_id', '=', ctx.company.id)
		.where('deactivated_at', 'is', null);
}

export function toMemberSummary(row: {
	learners: number | string;
	trainers: number | string;
	hr: number | string;
	open_invitations: number | string | null;
}) {
	return {
		learners: Number(row.learners),
		trainers: Number(row.trainers),
		hr: Number(row.hr),
		openInvitations: Number(row.open_invitations ?? 0)
	};
}

export async function getMember(
	db: DB,
	ctx: RequestContext,
	userId: string
): Promise<MemberRow | null> {
	if (!isUuid(userId)) return null;
	return (await memberQuery(db, ctx).where('m.user_id', '=', userId).executeTakeFirst()) ?? null;
}
