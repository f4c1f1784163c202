import { audit } from '../accounts/audit';
import type { DB } from '../db';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';

/**
 * Erasure on request (issue 18, docs/privacy.md "Erasure on request"): the request. A user
 * asks on /account for their account to be deleted (and may take it back while it is
 * open); admins see the open requests (/beheer/verwijderverzoeken). What carrying one out
 * means and does is ./erase.ts.
 */

export interface ErasureRequest {
	id: string;
	requestedAt: Date;
}

/** The user's open request, if any. */
export async function openErasureRequest(db: DB, userId: string): Promise<ErasureRequest | null> {
	const row = await db
		.selectFrom('erasure_request')
		.select(['id', 'requested_at'])
		.where('user_id', '=', userId)
		.where('cancelled_at', 'is', null)
		.where('executed_at', 'is', null)
		.executeTakeFirst();
	return row ? { id: row.id, requestedAt: row.requested_at } : null;
}

/**
 * The user asks for their account to be deleted. Twice (a double submit, a second tab)
 * stores one request: the partial unique index allows one open request per account.
 */
export async function requestErasure(db: DB, userId: string, requestId?: string): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('erasure_request')
			.values({ user_id: userId })
			.onConflict((oc) =>
				oc
					.column('user_id')
					.where('cancelled_at', 'is', null)
					.where('executed_at', 'is', null)
					.doNothing()
			)
			.returning('id')
			.executeTakeFirst();
		if (!row) return;
		await audit(trx, {
			actorUserId: userId,
			action: 'erasure.requested',
			entityType: 'erasure_request',
			entityId: row.id,
			requestId
		});
	});
}

/** The user takes their request back (nothing happens when there is none). */
export async function cancelErasure(db: DB, userId: string, requestId?: string): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const row = await trx
			.updateTable('erasure_request')
			.set({ cancelled_at: new Date() })
			.where('user_id', '=', userId)
			.where('cancelled_at', 'is', null)
			.where('executed_at', 'is', null)
			.returning('id')
			.executeTakeFirst();
		if (!row) return;
		await audit(trx, {
			actorUserId: userId,
			action: 'erasure.cancelled',
			entityType: 'erasure_request',
			entityId: row.id,
			requestId
		});
	});
}

/** How many requests wait for an admin (the admin home's link). */
export async function openErasureCount(db: DB): Promise<number> {
	const row = await db
		.selectFrom('erasure_request')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('cancelled_at', 'is', null)
		.where('executed_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export interface OpenErasure {
	id: string;
	requestedAt: Date;
	name: string;
	email: string;
	companies: number;
}

/** The admin's list: every open request, oldest first, with how many companies it touches. */
export async function openErasureRequests(db: DB): Promise<OpenErasure[]> {
	// Memberships of every company are counted: the wall opens for this one query.
	const rows = await acrossCompanies(CROSS_COMPANY.erasure, () =>
		db
			.selectFrom('erasure_request as r')
			.innerJoin('app_user as u', 'u.id', 'r.user_id')
			.select((eb) => [
				'r.id',
				'r.requested_at',
				'u.name',
				'u.email',
				eb
					.selectFrom('membership as m')
					.select(eb.fn.countAll<number>().as('n'))
					.whereRef('m.user_id', '=', 'u.id')
					.where('m.anonymised_at', 'is', null)
					.as('companies')
			])
			.where('r.cancelled_at', 'is', null)
			.where('r.executed_at', 'is', null)
			.orderBy('r.requested_at')
			.execute()
	);
	return rows.map((r) => ({
		id: r.id,
		requestedAt: r.requested_at,
		name: r.name,
		email: r.email,
		companies: Number(r.companies ?? 0)
	}));
}
