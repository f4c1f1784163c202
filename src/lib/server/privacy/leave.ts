import { sql } from 'kysely';
import type { DB } from '../db';
import type { RequestContext } from '../auth/context';
import { invalidateUserSessions } from '../auth/session';
import { audit, auditAs } from '../accounts/audit';
import { changeMembership, lockMember, otherActiveHrCount } from '../accounts/members';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { DomainError, isUuid } from '../errors';
import { addMonths, amsterdamDateSql, todayIso } from '../../time';

/**
 * Leaving a company (issue 18, docs/privacy.md "Leaving a company").
 *
 * HR ends a membership with a date: today ends it at once, a later date plans it. Until
 * that date the person works as before; from it the membership gives no access (the
 * session's membership list leaves a due planned end out, auth/session.ts), and the next
 * job round marks it ended: `deactivated_at`, the person's open trajectories in the
 * company `stopped`. HR can take a planned end back until it takes effect.
 *
 * The company keeps the person's records for its retention period (`company.
 * retention_months`, 6–84 months, default 24) counted from the end date; then the daily
 * anonymisation (./anonymise.ts) removes the person from them.
 */

/** The day the membership ended (or ends): a planned end, else the day it was deactivated. */
export const endDateSql = sql<string>`coalesce(m.ends_on, ${amsterdamDateSql(sql<Date>`m.deactivated_at`)})`;

/** Until when a company keeps a former member's records: the end date plus its retention. */
export function keptUntil(endDate: string, retentionMonths: number): string {
	return addMonths(endDate, retentionMonths);
}

/**
 * Ends the membership now, inside the caller's transaction: inactive from this moment,
 * the person's open (active or paused) trajectories in the company stopped. `actor` null:
 * the job round (a planned end that came due). Returns whether it ended it (false: it
 * already was).
 */
export async function endNow(
	trx: DB,
	companyId: string,
	userId: string,
	now: Date,
	actor: RequestContext | null
): Promise<boolean> {
	const ended = await trx
		.updateTable('membership')
		// The end date: a planned one that already passed, else today.
		.set({
			deactivated_at: now,
			ends_on: sql<string>`least(coalesce(ends_on, ${todayIso(now)}::date), ${todayIso(now)}::date)`
		})
		.where('company_id', '=', companyId)
		.where('user_id', '=', userId)
		.where('deactivated_at', 'is', null)
		.executeTakeFirst();
	if (!ended.numUpdatedRows) return false;
	const stopped = await trx
		.updateTable('trajectory')
		.set({ status: 'stopped', status_changed_at: now })
		.where('company_id', '=', companyId)
		.where('status', 'in', ['active', 'paused'])
		.where((eb) =>
			eb(
				'learner_id',
				'in',
				eb
					.selectFrom('learner')
					.select('id')
					.where('company_id', '=', companyId)
					.where('user_id', '=', userId)
			)
		)
		.returning('id')
		.execute();
	const entry = {
		action: 'membership.ended',
		entityType: 'membership',
		entityId: userId,
		data: { trajectoriesStopped: stopped.length }
	};
	if (actor) await auditAs(trx, actor, entry);
	else await audit(trx, { ...entry, companyId });
	return true;
}

/**
 * HR ends a member's membership on `endsOn` ('YYYY-MM-DD', today or later: the form's
 * schema checks that): today ends it at once (and logs the person out everywhere, as a
 * deactivation does), a later date plans it. Not oneself; not the last HR manager.
 */
export async function endMembership(
	db: DB,
	ctx: RequestContext,
	userId: string,
	endsOn: string,
	now: Date = new Date()
): Promise<'ended' | 'planned'> {
	if (!isUuid(userId)) throw new DomainError('member_not_found');
	if (userId === ctx.user.id) throw new DomainError('cannot_deactivate_self', 'endsOn');
	return db.transaction().execute(async (trx): Promise<'ended' | 'planned'> => {
		const member = await lockMember(trx, ctx, userId);
		if (member.deactivated_at) throw new DomainError('membership_already_ended', 'endsOn');
		if (member.roles.includes('hr') && (await otherActiveHrCount(trx, ctx, userId)) === 0) {
			throw new DomainError('last_hr', 'endsOn');
		}
		if (endsOn <= todayIso(now)) {
			await endNow(trx, ctx.company.id, userId, now, ctx);
			await invalidateUserSessions(trx, userId);
			return 'ended';
		}
		await changeMembership(trx, ctx, userId, { ends_on: endsOn }, 'membership.end_planned', {
			endsOn,
			previous: member.ends_on
		});
		return 'planned';
	});
}

/** HR takes a planned end back (before it took effect; after, "Weer activeren" applies). */
export async function cancelMembershipEnd(
	db: DB,
	ctx: RequestContext,
	userId: string
): Promise<void> {
	if (!isUuid(userId)) throw new DomainError('member_not_found');
	await db.transaction().execute(async (trx) => {
		const member = await lockMember(trx, ctx, userId);
		if (member.deactivated_at || !member.ends_on) return;
		await changeMembership(trx, ctx, userId, { ends_on: null }, 'membership.end_cancelled', {
			endsOn: member.ends_on
		});
	});
}

/**
 * The job round: every planned end that came due (its date is today or earlier) is made
 * effective, one short transaction per membership. Idempotent; two servers at once end
 * each membership once (the update re-checks `deactivated_at is null` under its row lock).
 * Runs with every company visible (the scheduler opens the wall for its jobs).
 */
export async function applyDueMembershipEnds(db: DB, now: Date = new Date()): Promise<number> {
	const due = await db
		.selectFrom('membership')
		.select(['company_id', 'user_id'])
		.where('ends_on', '<=', todayIso(now))
		.where('deactivated_at', 'is', null)
		.limit(1000)
		.execute();
	let n = 0;
	for (const m of due) {
		const ended = await db
			.transaction()
			.execute((trx) => endNow(trx, m.company_id, m.user_id, now, null));
		if (ended) n++;
	}
	return n;
}

/** The company's retention period in months. */
export async function retentionMonths(db: DB, ctx: RequestContext): Promise<number> {
	const row = await db
		.selectFrom('company')
		.select('retention_months')
		.where('id', '=', ctx.company.id)
		.executeTakeFirstOrThrow();
	return row.retention_months;
}

/** HR sets the retention period (bounds: the form's schema and the column's check). */
export async function setRetentionMonths(
	db: DB,
	ctx: RequestContext,
	months: number
): Promise<void> {
	if (!ctx.roles.includes('hr')) throw new DomainError('not_allowed');
	await db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('company')
			.select('retention_months')
			.where('id', '=', ctx.company.id)
			.forUpdate()
			.executeTakeFirstOrThrow();
		if (before.retention_months === months) return;
		await trx
			.updateTable('company')
			.set({ retention_months: months })
			.where('id', '=', ctx.company.id)
			.execute();
		await auditAs(trx, ctx, {
			action: 'company.retention_changed',
			entityType: 'company',
			entityId: ctx.company.id,
			data: { from: before.retention_months, to: months }
		});
	});
}

/** What a person is told about a company they leave or left. */
export interface LeaveNotice {
	company: string;
	/** 'planned': the end date is ahead; 'ended': records kept until `keptUntil`; 'anonymised'. */
	state: 'planned' | 'ended' | 'anonymised';
	endsOn: string;
	keptUntil: string;
	/** When the company's records were anonymised ('anonymised' only). */
	anonymisedOn: string | null;
}

/**
 * The user's own memberships that end or ended, with what each company keeps and until
 * when (the account page; the LLO passport). Only rows of the user's own id.
 */
export async function leaveNotices(
	db: DB,
	userId: string,
	now: Date = new Date()
): Promise<LeaveNotice[]> {
	const rows = await acrossCompanies(CROSS_COMPANY.privacyLeaving, () =>
		db
			.selectFrom('membership as m')
			.innerJoin('company as c', 'c.id', 'm.company_id')
			.select([
				'c.name',
				'c.retention_months',
				'm.deactivated_at',
				endDateSql.as('end_date'),
				sql<
					string | null
				>`to_char(${amsterdamDateSql(sql<Date>`m.anonymised_at`)}, 'YYYY-MM-DD')`.as(
					'anonymised_on'
				)
			])
			.where('m.user_id', '=', userId)
			.where((eb) =>
				eb.or([eb('m.ends_on', 'is not', null), eb('m.deactivated_at', 'is not', null)])
			)
			.orderBy('c.name')
			.execute()
	);
	const today = todayIso(now);
	return rows.map((r): LeaveNotice => {
		const endsOn = String(r.end_date).slice(0, 10);
		return {
			company: r.name,
			state: r.anonymised_on
				? 'anonymised'
				: endsOn > today && !r.deactivated_at
					? 'planned'
					: 'ended',
			endsOn,
			keptUntil: keptUntil(endsOn, r.retention_months),
			anonymisedOn: r.anonymised_on
		};
	});
}

/**
 * The export's part on leaving (`leaving` in gegevens.json, docs/privacy.md): the user's
 * ending or ended memberships with what each company keeps until when, and the passport
 * snapshots kept from companies whose records were anonymised.
 */
export async function leavingPart(db: DB, userId: string) {
	const [companies, snapshots] = await Promise.all([
		leaveNotices(db, userId),
		db
			.selectFrom('passport_snapshot')
			.select(['company_name', 'left_on', 'taken_at', 'trajectories', 'certificates'])
			.where('user_id', '=', userId)
			.orderBy('left_on', 'desc')
			.execute()
	]);
	return {
		companies,
		passportSnapshots: snapshots.map((s) => ({
			company: s.company_name,
			leftOn: s.left_on,
			keptAt: s.taken_at.toISOString(),
			trajectories: s.trajectories,
			certificates: s.certificates
		}))
	};
}
