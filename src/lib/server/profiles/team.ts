import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import { auditAs } from '../accounts/audit';
import { DomainError, isUuid } from '../errors';
import type { LloStatus } from './completeness';
import { aggregateOf, feedbackAggregates, feedbackFiguresJson } from './feedback';
import { currentFramework } from './framework';
import { profileOf, profileQuery } from './profile';

/**
 * A company's trainers as others see them: HR's team overview (profile status, caseload
 * against capacity, the team's weak competence areas) and the capacity HR sets, one
 * trainer as HR sees them, and the directory of trainers for the company's learners. The
 * trainer's own profile is ./profile.ts.
 */

/** Whether `userId` is an active trainer of the request's company. */
export async function isCompanyTrainer(db: DB, companyId: string, userId: string) {
	if (!isUuid(userId)) return false;
	const row = await db
		.selectFrom('membership')
		.select('user_id')
		.where('company_id', '=', companyId)
		.where('user_id', '=', userId)
		.where('deactivated_at', 'is', null)
		.where(sql<boolean>`'trainer' = any(roles)`)
		.executeTakeFirst();
	return !!row;
}

/**
 * HR sets how many learners a trainer can coach in this company. `maxLearners` is a whole
 * number 0–200, checked by capacitySchema (src/lib/schemas/profiles.ts).
 */
export async function setCapacity(
	db: DB,
	ctx: RequestContext,
	userId: string,
	maxLearners: number
): Promise<void> {
	if (!(await isCompanyTrainer(db, ctx.company.id, userId)))
		throw new DomainError('member_not_found');
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('trainer_capacity')
			.values({
				company_id: ctx.company.id,
				user_id: userId,
				max_learners: maxLearners,
				updated_by: ctx.user.id
			})
			.onConflict((oc) =>
				oc.columns(['company_id', 'user_id']).doUpdateSet({
					max_learners: maxLearners,
					updated_by: ctx.user.id,
					updated_at: new Date()
				})
			)
			.execute();
		await auditAs(trx, ctx, {
			action: 'trainer_capacity.set',
			entityType: 'membership',
			entityId: userId,
			data: { maxLearners }
		});
	});
}

export interface TeamRow {
	userId: string;
	name: string;
	complete: boolean;
	hasProfile: boolean;
	caseload: number;
	capacity: number | null;
	lastSubmittedAt: Date | null;
}

/** The company's trainers with profile status and caseload vs capacity, in one query. */
async function teamRows(db: DB, companyId: string, onlyUserId?: string): Promise<TeamRow[]> {
	const rows = await sql<{
		user_id: string;
		name: string;
		complete: boolean | null;
		has_profile: boolean;
		caseload: number;
		capacity: number | null;
		last_submitted_at: Date | null;
	}>`
		select u.id as user_id, u.name,
			st.complete,
			(p.user_id is not null) as has_profile,
			(select count(distinct t.learner_id)::int from trajectory_trainer tt
				join trajectory t on t.company_id = tt.company_id and t.id = tt.trajectory_id
				where tt.company_id = m.company_id and tt.user_id = m.user_id and t.status = 'active') as caseload,
			c.max_learners as capacity,
			(select max(submitted_at) from self_assessment s where s.user_id = u.id and s.status = 'submitted') as last_submitted_at
		from membership m
		join app_user u on u.id = m.user_id
		left join trainer_profile p on p.user_id = m.user_id
		left join trainer_llo_status st on st.user_id = m.user_id
		left join trainer_capacity c on c.company_id = m.company_id and c.user_id = m.user_id
		where m.company_id = ${companyId} and m.deactivated_at is null and 'trainer' = any(m.roles)
			${onlyUserId ? sql`and m.user_id = ${onlyUserId}` : sql``}
		order by u.name`.execute(db);
	return rows.rows.map((r) => ({
		userId: r.user_id,
		name: r.name,
		complete: r.complete === true,
		hasProfile: r.has_profile,
		caseload: r.caseload,
		capacity: r.capacity,
		lastSubmittedAt: r.last_submitted_at
	}));
}

export interface TeamArea {
	code: string;
	name: string;
	average: number;
	trainers: number;
}

/**
 * Per area of the current framework: the average level of the trainers' latest
 * submitted self-assessments (areas matched by code), lowest first.
 */
async function teamAreas(db: DB, companyId: string): Promise<TeamArea[]> {
	const framework = await currentFramework(db);
	const rows = await sql<{ code: string; average: number; trainers: number }>`
		with latest as (
			select distinct on (s.user_id) s.id, s.user_id
			from membership m
			join self_assessment s on s.user_id = m.user_id and s.status = 'submitted'
			where m.company_id = ${companyId} and m.deactivated_at is null and 'trainer' = any(m.roles)
			order by s.user_id, s.submitted_at desc
		), per_trainer as (
			select l.user_id, a.code, avg(ans.level) as level
			from latest l
			join self_assessment_answer ans on ans.assessment_id = l.id and ans.level is not null
			join competence_indicator i on i.id = ans.indicator_id
			join competence_area a on a.id = i.area_id
			group by l.user_id, a.code
		)
		select code, round(avg(level), 1)::float8 as average, count(*)::int as trainers
		from per_trainer group by code`.execute(db);
	return framework.areas
		.map((a) => {
			const r = rows.rows.find((x) => x.code === a.code);
			return r ? { code: a.code, name: a.name, average: r.average, trainers: r.trainers } : null;
		})
		.filter((a): a is TeamArea => a !== null)
		.sort((a, b) => a.average - b.average || a.name.localeCompare(b.name));
}

/** Below this team average an area counts as "low" (the 4-step scale: between Redelijk and Goed). */
export const LOW_AREA = 2.5;

/** HR's overview of the company's trainers. */
export async function teamOverview(db: DB, ctx: RequestContext) {
	const trainers = await teamRows(db, ctx.company.id);
	const [areas, feedback] = await Promise.all([
		teamAreas(db, ctx.company.id),
		feedbackAggregates(
			db,
			ctx.company.id,
			trainers.map((t) => t.userId)
		)
	]);
	return {
		trainers: trainers.map((t) => ({ ...t, feedback: feedback.get(t.userId)! })),
		areas,
		complete: trainers.filter((t) => t.complete).length
	};
}

/**
 * One trainer of THIS company as HR sees them (the HR trainer page), in one statement:
 * the team row (as teamRows has it), the profile, the learners' feedback in this company
 * (above the threshold only), the LLO status and the development log (activities and
 * goals). The inner join on an active trainer membership of this company is the access
 * check: anyone else (another company's trainer, a non-trainer, unknown) gives no row,
 * so null (→ 404), and none of their data is read.
 */
export async function trainerForHr(db: DB, ctx: RequestContext, userId: string) {
	if (!isUuid(userId)) return null;
	const companyId = ctx.company.id;
	const row = await profileQuery(db, userId)
		.innerJoin('membership as m', (j) =>
			j
				.on('m.company_id', '=', companyId)
				.onRef('m.user_id', '=', 'u.id')
				.on('m.deactivated_at', 'is', null)
				.on(sql<boolean>`'trainer' = any(m.roles)`)
		)
		.leftJoin('trainer_llo_status as st', 'st.user_id', 'u.id')
		.leftJoin('trainer_capacity as cap', (j) =>
			j.onRef('cap.company_id', '=', 'm.company_id').onRef('cap.user_id', '=', 'u.id')
		)
		.select((eb) => [
			'st.complete',
			'st.areas_assessed_on',
			'st.last_activity_on',
			'cap.max_learners as capacity',
			sql<boolean>`p.user_id is not null`.as('has_profile'),
			// As teamRows counts it: the distinct learners of the trainer's active trajectories.
			eb
				.selectFrom('trajectory_trainer as tt')
				.innerJoin('trajectory as t', (j) =>
					j.onRef('t.company_id', '=', 'tt.company_id').onRef('t.id', '=', 'tt.trajectory_id')
				)
				.select(sql<number>`count(distinct t.learner_id)::int`.as('n'))
				.whereRef('tt.company_id', '=', 'm.company_id')
				.whereRef('tt.user_id', '=', 'u.id')
				.where('t.status', '=', 'active')
				.as('caseload'),
			eb
				.selectFrom('self_assessment as s')
				.select((e) => e.fn.max('s.submitted_at').as('at'))
				.whereRef('s.user_id', '=', 'u.id')
				.where('s.status', '=', 'submitted')
				.as('last_submitted_at'),
			feedbackFiguresJson(companyId, userId).as('feedback'),
			// As listActivities and listGoals (development.ts) read them for the trainer's own page.
			jsonArrayFrom(
				eb
					.selectFrom('development_activity as da')
					.select([
						'da.id',
						'da.kind',
						'da.title',
						'da.provider',
						'da.activity_date as activityDate',
						'da.hours',
						'da.impact'
					])
					.whereRef('da.user_id', '=', 'u.id')
					.orderBy('da.activity_date', 'desc')
					.orderBy('da.created_at', 'desc')
			).as('activities'),
			jsonArrayFrom(
				eb
					.selectFrom('development_goal as dg')
					.select(['dg.id', 'dg.text', 'dg.target_date as targetDate', 'dg.status'])
					.whereRef('dg.user_id', '=', 'u.id')
					.orderBy('dg.created_at')
			).as('goals')
		])
		.executeTakeFirst();
	if (!row) return null;
	const status: LloStatus = {
		complete: row.complete === true,
		areasAssessedOn: row.areas_assessed_on,
		lastActivityOn: row.last_activity_on
	};
	return {
		userId: row.id,
		name: row.name,
		complete: status.complete,
		hasProfile: row.has_profile,
		caseload: row.caseload ?? 0,
		capacity: row.capacity,
		lastSubmittedAt: row.last_submitted_at ?? null,
		profile: profileOf(row),
		feedback: aggregateOf(row.feedback),
		status,
		activities: row.activities,
		goals: row.goals
	};
}

/**
 * The trainers of the company for its learners: name, bio, specialisms, languages (no
 * self-assessments), and whether they coach the asking learner (feedback allowed).
 */
export async function trainerDirectory(db: DB, ctx: RequestContext) {
	const rows = await sql<{
		user_id: string;
		name: string;
		bio: string | null;
		specialisms: string[] | null;
		languages: string[] | null;
		coaches_me: boolean;
	}>`
		select u.id as user_id, u.name, p.bio, p.specialisms, p.languages,
			exists (select 1 from trajectory_trainer tt
				join trajectory t on t.company_id = tt.company_id and t.id = tt.trajectory_id
				join learner l on l.company_id = t.company_id and l.id = t.learner_id
				where tt.company_id = m.company_id and tt.user_id = m.user_id
					and l.user_id = ${ctx.user.id}) as coaches_me
		from membership m
		join app_user u on u.id = m.user_id
		left join trainer_profile p on p.user_id = m.user_id
		where m.company_id = ${ctx.company.id} and m.deactivated_at is null and 'trainer' = any(m.roles)
		order by u.name`.execute(db);
	return rows.rows.map((r) => ({
		userId: r.user_id,
		name: r.name,
		bio: r.bio ?? '',
		specialisms: r.specialisms ?? [],
		languages: r.languages ?? [],
		coachesMe: r.coaches_me && r.user_id !== ctx.user.id
	}));
}
