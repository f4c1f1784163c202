import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import { audit } from '../accounts/audit';
import { DomainError } from '../errors';
import type { LloStatus } from './completeness';
import { aggregateOf, feedbackFiguresJson } from './feedback';

export interface ProfileInput {
	bio: string;
	specialisms: string;
	languages: string;
	yearsExperience: number | null;
	sectorIds: number[];
	crebos: string;
}

export interface TrainerProfile {
	userId: string;
	name: string;
	bio: string;
	specialisms: string[];
	languages: string[];
	yearsExperience: number | null;
	sectors: { id: number; name: string }[];
	qualifications: { id: number; crebo: string; title: string }[];
}

/** Splits a comma-separated list into distinct, trimmed items. */
export function splitList(value: string, max = 20, maxLength = 80): string[] {
	const items = [
		...new Set(
			value
				.split(/[,;\n]/)
				.map((s) => s.trim())
				.filter(Boolean)
		)
	];
	if (items.length > max || items.some((s) => s.length > maxLength)) {
		throw new DomainError('list_too_long');
	}
	return items;
}

/**
 * The person's row with their profile, its sectors and qualifications (JSON arrays): the
 * start of getProfile's and ownProfile's statements.
 */
export function profileQuery(db: DB, userId: string) {
	return db
		.selectFrom('app_user as u')
		.leftJoin('trainer_profile as p', 'p.user_id', 'u.id')
		.select((eb) => [
			'u.id',
			'u.name',
			'p.bio',
			'p.specialisms',
			'p.languages',
			'p.years_experience',
			jsonArrayFrom(
				eb
					.selectFrom('trainer_profile_sector as s')
					.innerJoin('sector_chamber as c', 'c.id', 's.sector_chamber_id')
					.select(['c.id', 'c.name'])
					.whereRef('s.user_id', '=', 'u.id')
					.orderBy('c.id')
			).as('sectors'),
			jsonArrayFrom(
				eb
					.selectFrom('trainer_profile_qualification as tq')
					.innerJoin('qualification as q', 'q.id', 'tq.qualification_id')
					.select(['q.id', 'q.crebo', 'q.title'])
					.whereRef('tq.user_id', '=', 'u.id')
					.orderBy('q.title')
			).as('qualifications')
		])
		.where('u.id', '=', userId);
}

type ProfileRow = Awaited<ReturnType<ReturnType<typeof profileQuery>['executeTakeFirstOrThrow']>>;

export function profileOf(row: ProfileRow): TrainerProfile {
	return {
		userId: row.id,
		name: row.name,
		bio: row.bio ?? '',
		specialisms: row.specialisms ?? [],
		languages: row.languages ?? [],
		yearsExperience: row.years_experience ?? null,
		sectors: row.sectors,
		qualifications: row.qualifications
	};
}

/** The profile of a person (empty fields when they never filled it in): one statement. */
export async function getProfile(db: DB, userId: string): Promise<TrainerProfile | null> {
	const row = await profileQuery(db, userId).executeTakeFirst();
	return row ? profileOf(row) : null;
}

/**
 * The trainer's own profile page (praktijkopleider/profiel) but its self-assessment
 * history, in one statement: the profile, the LLO status (trainer_llo_status), the
 * sectors to choose from, the learners' feedback in this company (above the threshold
 * only) and the caseload against the capacity HR set. The page's guard made sure the
 * user is an active trainer of the company (what teamRows checks for HR).
 */
export async function ownProfile(db: DB, ctx: RequestContext) {
	const companyId = ctx.company.id;
	const row = await profileQuery(db, ctx.user.id)
		.leftJoin('trainer_llo_status as st', 'st.user_id', 'u.id')
		.leftJoin('trainer_capacity as cap', (j) =>
			j.on('cap.company_id', '=', companyId).onRef('cap.user_id', '=', 'u.id')
		)
		.select((eb) => [
			'st.complete',
			'st.areas_assessed_on',
			'st.last_activity_on',
			'cap.max_learners as capacity',
			// As teamRows counts it: the distinct learners of the trainer's active trajectories.
			eb
				.selectFrom('trajectory_trainer as tt')
				.innerJoin('trajectory as t', (j) =>
					j.onRef('t.company_id', '=', 'tt.company_id').onRef('t.id', '=', 'tt.trajectory_id')
				)
				.select(sql<number>`count(distinct t.learner_id)::int`.as('n'))
				.where('tt.company_id', '=', companyId)
				.whereRef('tt.user_id', '=', 'u.id')
				.where('t.status', '=', 'active')
				.as('caseload'),
			jsonArrayFrom(eb.selectFrom('sector_chamber').select(['id', 'name']).orderBy('id')).as(
				'sector_options'
			),
			feedbackFiguresJson(companyId, ctx.user.id).as('feedback')
		])
		.executeTakeFirstOrThrow();
	const status: LloStatus = {
		complete: row.complete === true,
		areasAssessedOn: row.areas_assessed_on,
		lastActivityOn: row.last_activity_on
	};
	return {
		profile: profileOf(row),
		status,
		sectors: row.sector_options,
		feedback: aggregateOf(row.feedback),
		caseload: row.caseload ?? 0,
		capacity: row.capacity
	};
}

export async function sectorOptions(db: DB) {
	return db.selectFrom('sector_chamber').select(['id', 'name']).orderBy('id').execute();
}

/**
 * Saves the person's own profile; all or nothing. Unknown crebo numbers are named. The bio's
 * length and the years (a whole number 0–60) are trainerProfileSchema's (src/lib/schemas/profiles.ts).
 */
export async function saveProfile(db: DB, userId: string, input: ProfileInput): Promise<void> {
	let specialisms: string[];
	let languages: string[];
	try {
		specialisms = splitList(input.specialisms);
	} catch {
		throw new DomainError('list_too_long', 'specialisms');
	}
	try {
		languages = splitList(input.languages);
	} catch {
		throw new DomainError('list_too_long', 'languages');
	}
	const crebos = splitList(input.crebos, 30, 10);
	const qualifications = crebos.length
		? await db
				.selectFrom('qualification as q')
				.innerJoin('qualification_dossier as d', 'd.id', 'q.dossier_id')
				.select(['q.id', 'q.crebo'])
				.where('q.crebo', 'in', crebos)
				.where('d.superseded_at', 'is', null)
				.execute()
		: [];
	const unknown = crebos.filter((c) => !qualifications.some((q) => q.crebo === c));
	if (unknown.length) throw new DomainError('qualification_unknown', 'crebos');
	const sectors = await sectorOptions(db);
	const sectorIds = [...new Set(input.sectorIds)];
	if (sectorIds.some((id) => !sectors.some((s) => s.id === id))) {
		throw new DomainError('not_allowed', 'sectorIds');
	}
	await db.transaction().execute(async (trx) => {
		const values = {
			bio: input.bio.trim(),
			specialisms,
			languages,
			years_experience: input.yearsExperience,
			updated_at: new Date()
		};
		await trx
			.insertInto('trainer_profile')
			.values({ user_id: userId, ...values })
			.onConflict((oc) => oc.column('user_id').doUpdateSet(values))
			.execute();
		await trx.deleteFrom('trainer_profile_sector').where('user_id', '=', userId).execute();
		if (sectorIds.length) {
			await trx
				.insertInto('trainer_profile_sector')
				.values(sectorIds.map((id) => ({ user_id: userId, sector_chamber_id: id })))
				.execute();
		}
		await trx.deleteFrom('trainer_profile_qualification').where('user_id', '=', userId).execute();
		if (qualifications.length) {
			await trx
				.insertInto('trainer_profile_qualification')
				.values(qualifications.map((q) => ({ user_id: userId, qualification_id: q.id })))
				.execute();
		}
		await audit(trx, {
			actorUserId: userId,
			action: 'trainer_profile.saved',
			entityType: 'trainer_profile',
			entityId: userId
		});
	});
}
