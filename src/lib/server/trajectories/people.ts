import { testHooks } from '../db/test-hooks';
import { sql } from 'kysely';
import type { DB } from '../db';
import type { RequestContext } from '../auth/context';

/** The people of trajectories: the company's learners and trainers, for pickers and lists. */

/**
 * Learners of the company (with or without login), for pickers and lists: learner
 * records, plus active members with the learner role who have none yet (their id is
 * `user:<user id>`; a record is made when a trajectory is created for them).
 */
export async function listLearners(db: DB, ctx: RequestContext) {
	const [records, members] = await Promise.all([
		db
			.selectFrom('learner')
			.select(['id', 'name', 'email', 'user_id'])
			// The company filter; a test removes it to prove the second wall (test-hooks.ts).
			.$if(!testHooks.dropLearnerCompanyFilter, (q) => q.where('company_id', '=', ctx.company.id))
			.orderBy('name')
			.execute(),
		db
			.selectFrom('membership as m')
			.innerJoin('app_user as u', 'u.id', 'm.user_id')
			.select(['u.id', 'u.name', 'u.email'])
			.where('m.company_id', '=', ctx.company.id)
			.where('m.deactivated_at', 'is', null)
			.where(sql<boolean>`'learner' = any(m.roles)`)
			// eslint-disable-next-line @typescript-eslint/unbound-method -- Kysely's expression builder methods do not use `this`; destructuring them is its documented style
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('learner as l')
							.whereRef('l.company_id', '=', 'm.company_id')
							.whereRef('l.user_id', '=', 'm.user_id')
							.select(sql`1`.as('one'))
					)
				)
			)
			.execute()
	]);
	return [
		...records,
		...members.map((mb) => ({
			id: `user:${mb.id}`,
			name: mb.name,
			email: mb.email,
			user_id: mb.id
		}))
	].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** Active members with the trainer role, for assigning trainers. */
export async function listTrainers(db: DB, ctx: RequestContext) {
	return trainersQuery(db, ctx.company.id).select(['u.id', 'u.name']).execute();
}

/**
 * The company's active trainers (`m` their membership, `u` their account) by name, for a
 * statement to select from (also inside a bigger one: the conversation page, the adviser's
 * company page).
 */
export function trainersQuery(db: DB, companyId: string) {
	return db
		.selectFrom('membership as m')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.where('m.company_id', '=', companyId)
		.where('m.deactivated_at', 'is', null)
		.where(sql<boolean>`'trainer' = any(m.roles)`)
		.orderBy('u.name');
}

/**
 * The learner record of a member, created on first need: a member with the learner
 * role is a learner of the company, linked to their account.
 */
export async function learnerForMember(db: DB, companyId: string, userId: string) {
	const existing = await db
		.selectFrom('learner')
		.select(['id', 'name'])
		.where('company_id', '=', companyId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return existing ?? null;
}
