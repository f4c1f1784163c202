import { sql } from 'kysely';
import type { DB } from '../db';
import {
	FEEDBACK_THRESHOLD,
	averagesOf,
	feedbackFigures,
	type FeedbackFigures
} from '../profiles/feedback';
import { iso } from './export-iso';

/** The personal-data export (./export.ts): the user's part as a practice trainer. */
export async function trainerPart(db: DB, userId: string) {
	const [profile, sectors, qualifications, capacity, rounds, activities, goals, feedback, held] =
		await Promise.all([
			db
				.selectFrom('trainer_profile')
				.select(['bio', 'specialisms', 'languages', 'years_experience', 'updated_at'])
				.where('user_id', '=', userId)
				.executeTakeFirst(),
			db
				.selectFrom('trainer_profile_sector as s')
				.innerJoin('sector_chamber as sc', 'sc.id', 's.sector_chamber_id')
				.select('sc.name')
				.where('s.user_id', '=', userId)
				.execute(),
			db
				.selectFrom('trainer_profile_qualification as p')
				.innerJoin('qualification as q', 'q.id', 'p.qualification_id')
				.select(['q.crebo', 'q.title'])
				.where('p.user_id', '=', userId)
				.execute(),
			db
				.selectFrom('trainer_capacity as tc')
				.innerJoin('company as co', 'co.id', 'tc.company_id')
				.select(['co.name as company', 'tc.max_learners', 'tc.updated_at'])
				.where('tc.user_id', '=', userId)
				.execute(),
			db
				.selectFrom('self_assessment as s')
				.innerJoin('competence_framework_version as v', 'v.id', 's.version_id')
				.select(['s.id', 'v.number', 's.status', 's.created_at', 's.submitted_at'])
				.where('s.user_id', '=', userId)
				.orderBy('s.created_at')
				.execute(),
			db
				.selectFrom('development_activity')
				.select(['kind', 'title', 'provider', 'activity_date', 'hours', 'impact', 'created_at'])
				.where('user_id', '=', userId)
				.orderBy('activity_date')
				.execute(),
			db
				.selectFrom('development_goal')
				.select(['text', 'target_date', 'status', 'created_at'])
				.where('user_id', '=', userId)
				.orderBy('created_at')
				.execute(),
			sql<{ company: string } & FeedbackFigures>`
				select co.name as company, ${feedbackFigures}
				from trainer_feedback f join company co on co.id = f.company_id
				where f.trainer_user_id = ${userId}::uuid
				group by co.name
				having count(*) >= ${FEEDBACK_THRESHOLD}`.execute(db),
			db
				.selectFrom('conversation')
				.select('id')
				.where('trainer_user_id', '=', userId)
				.limit(1)
				.execute()
		]);
	const roundIds = rounds.length
		? rounds.map((r) => r.id)
		: ['00000000-0000-0000-0000-000000000000'];
	const answers = await db
		.selectFrom('self_assessment_answer as a')
		.innerJoin('competence_indicator as i', 'i.id', 'a.indicator_id')
		.innerJoin('competence_area as ar', 'ar.id', 'i.area_id')
		.select(['a.assessment_id', 'ar.code', 'i.text', 'a.level', 'a.reflection'])
		.where('a.assessment_id', 'in', roundIds)
		.orderBy('ar.position')
		.orderBy('i.position')
		.execute();
	const empty =
		!profile &&
		!sectors.length &&
		!qualifications.length &&
		!capacity.length &&
		!rounds.length &&
		!activities.length &&
		!goals.length &&
		!held.length;
	if (empty) return null;
	return {
		profile: profile
			? {
					bio: profile.bio,
					specialisms: profile.specialisms,
					languages: profile.languages,
					yearsExperience: profile.years_experience,
					updatedAt: iso(profile.updated_at)
				}
			: null,
		sectors: sectors.map((s) => s.name),
		qualifications: qualifications.map((q) => ({ crebo: q.crebo, title: q.title })),
		capacity: capacity.map((c) => ({
			company: c.company,
			maxLearners: c.max_learners,
			updatedAt: iso(c.updated_at)
		})),
		selfAssessments: rounds.map((r) => ({
			frameworkVersion: r.number,
			status: r.status,
			startedAt: iso(r.created_at),
			submittedAt: iso(r.submitted_at),
			answers: answers
				.filter((a) => a.assessment_id === r.id)
				.map((a) => ({ area: a.code, indicator: a.text, level: a.level, reflection: a.reflection }))
		})),
		developmentActivities: activities.map((a) => ({
			kind: a.kind,
			title: a.title,
			provider: a.provider,
			date: a.activity_date,
			hours: a.hours === null ? null : Number(a.hours),
			impact: a.impact,
			recordedAt: iso(a.created_at)
		})),
		developmentGoals: goals.map((g) => ({
			text: g.text,
			targetDate: g.target_date,
			status: g.status,
			recordedAt: iso(g.created_at)
		})),
		feedbackReceived: feedback.rows.map((f) => ({
			company: f.company,
			responses: f.responses,
			averages: averagesOf(f)
		}))
	};
}
