import { sql } from 'kysely';
import type { DB } from '../db';
import type { SessionUser } from '../auth/session';
import { audit } from '../accounts/audit';
import { isUuid } from '../errors';

export interface AdviserAccount {
	userId: string;
	name: string;
	email: string;
	regionIds: number[];
}

/** Every user with the adviser role and their regions (admin page; two queries). */
export async function listAdvisers(db: DB): Promise<AdviserAccount[]> {
	const rows = await sql<{ id: string; name: string; email: string; region_ids: number[] }>`
		select u.id, u.name, u.email,
			coalesce(array_agg(ar.region_id order by ar.region_id)
				filter (where ar.region_id is not null), '{}') as region_ids
		from platform_role pr
		join app_user u on u.id = pr.user_id
		left join adviser_region ar on ar.user_id = u.id
		where pr.role = 'adviser'
		group by u.id, u.name, u.email
		order by u.name, u.email`.execute(db);
	return rows.rows.map((r) => ({
		userId: r.id,
		name: r.name,
		email: r.email,
		regionIds: r.region_ids.map(Number)
	}));
}

/** Gives an existing user the adviser role; null when there is no user with that email. */
export async function makeAdviser(
	db: DB,
	admin: SessionUser,
	email: string,
	requestId?: string | null
): Promise<{ userId: string; name: string } | null> {
	return db.transaction().execute(async (trx) => {
		const user = await trx
			.selectFrom('app_user')
			.select(['id', 'name'])
			.where(sql`lower(email)`, '=', email.trim().toLowerCase())
			.executeTakeFirst();
		if (!user) return null;
		await trx
			.insertInto('platform_role')
			.values({ user_id: user.id, role: 'adviser' })
			.onConflict((oc) => oc.doNothing())
			.execute();
		await audit(trx, {
			actorUserId: admin.id,
			action: 'adviser.role_granted',
			entityType: 'app_user',
			entityId: user.id,
			requestId
		});
		return { userId: user.id, name: user.name };
	});
}

/** Replaces an adviser's regions (unknown region ids are ignored). False: not an adviser. */
export async function setAdviserRegions(
	db: DB,
	admin: SessionUser,
	userId: string,
	regionIds: number[],
	requestId?: string | null
): Promise<boolean> {
	if (!isUuid(userId)) return false;
	return db.transaction().execute(async (trx) => {
		const adviser = await trx
			.selectFrom('platform_role')
			.select('user_id')
			.where('user_id', '=', userId)
			.where('role', '=', 'adviser')
			.executeTakeFirst();
		if (!adviser) return false;
		const valid = regionIds.length
			? (await trx.selectFrom('region').select('id').where('id', 'in', regionIds).execute()).map(
					(r) => r.id
				)
			: [];
		await trx.deleteFrom('adviser_region').where('user_id', '=', userId).execute();
		if (valid.length) {
			await trx
				.insertInto('adviser_region')
				.values(valid.map((id) => ({ user_id: userId, region_id: id })))
				.execute();
		}
		await audit(trx, {
			actorUserId: admin.id,
			action: 'adviser.regions_set',
			entityType: 'app_user',
			entityId: userId,
			data: { regionIds: valid },
			requestId
		});
		return true;
	});
}
