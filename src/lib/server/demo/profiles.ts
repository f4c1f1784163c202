import { sql } from 'kysely';
import type { DB } from '../db';
import { hashPassword } from '../auth/password';
import { resolveCompanyContext } from '../auth/context';
import type { SessionUser } from '../auth/session';
import { createTrajectory } from '../trajectories/create';
import { refreshLloSummary } from '../profiles/completeness';
import { currentFramework } from '../profiles/framework';
import { daysFromToday } from '../../time';

const DAY = 24 * 3600 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const PASSWORD = 'Vakmaat-demo-2026';

async function user(db: DB, email: string): Promise<SessionUser | null> {
	const u = await db
		.selectFrom('app_user')
		.select(['id', 'email', 'name', 'locale'])
		.where(sql`lower(email)`, '=', email)
		.executeTakeFirst();
	return u ? { ...u, platformRoles: [] } : null;
}

/**
 * Trainer profiles at Zorggroep De Linde: Ahmed complete (two self-assessment rounds, so
 * the chart shows then and now, and a recent course), Ingrid incomplete (an assessment
 * older than a year, no recent activity). Learners' feedback: Fatima and Linda about
 * Ahmed, Peter about Ingrid, and Sophie (a learner added here, coached by Ahmed) about
 * Ahmed, so Ahmed reaches the three responses from which results are shown. Only when Ahmed has no
 * profile yet.
 */
export async function seedDemoProfiles(db: DB): Promise<void> {
	const hr = await user(db, 'hr@delinde.example');
	const ahmed = await user(db, 'opleider@delinde.example');
	const ingrid = await user(db, 'opleider2@delinde.example');
	if (!hr || !ahmed || !ingrid) return;
	const ctx = await resolveCompanyContext(db, hr, 'zorggroep-de-linde', 'seed');
	if (!ctx) return;
	const done = await db
		.selectFrom('trainer_profile')
		.select('user_id')
		.where('user_id', '=', ahmed.id)
		.executeTakeFirst();
	if (done) return;
	const framework = await currentFramework(db);
	const indicators = framework.areas.flatMap((a) => a.indicators.map((i) => i.id));
	const zorg = await db
		.selectFrom('sector_chamber')
		.select('id')
		.where('name', '=', 'zorg, welzijn en sport')
		.executeTakeFirstOrThrow();
	const qualification = await db
		.selectFrom('qualification as q')
		.innerJoin('qualification_dossier as d', 'd.id', 'q.dossier_id')
		.select('q.id')
		.where('q.crebo', '=', '25498')
		.where('d.superseded_at', 'is', null)
		.executeTakeFirst();

	const sophie = await user(db, 's.mertens@delinde.example');
	if (!sophie) {
		const id = (
			await db
				.insertInto('app_user')
				.values({
					email: 's.mertens@delinde.example',
					name: 'Sophie Mertens',
					password_hash: await hashPassword(PASSWORD)
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		await db
			.insertInto('membership')
			.values({ company_id: ctx.company.id, user_id: id, roles: ['learner'] })
			.execute();
		await createTrajectory(db, ctx, {
			learnerId: `user:${id}`,
			route: 'bbl_diploma',
			targetKind: 'qualification',
			crebo: '25498',
			school: 'ROC Midden Nederland',
			startDate: daysFromToday(-60),
			plannedEndDate: daysFromToday(640),
			trainerIds: [ahmed.id]
		});
	}

	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('trainer_profile')
			.values([
				{
					user_id: ahmed.id,
					bio: 'Verpleegkundige en al negen jaar praktijkopleider. Ik begeleid vooral zij-instromers die naast werk en gezin een diploma halen.',
					specialisms: ['zij-instromers', 'evc-trajecten', 'ouderenzorg'],
					languages: ['Nederlands', 'Arabisch', 'Engels'],
					years_experience: 9
				},
				{
					user_id: ingrid.id,
					bio: 'Teamleider op de afdeling revalidatie.',
					specialisms: ['revalidatie'],
					languages: ['Nederlands'],
					years_experience: 3
				}
			])
			.execute();
		await trx
			.insertInto('trainer_profile_sector')
			.values([
				{ user_id: ahmed.id, sector_chamber_id: zorg.id },
				{ user_id: ingrid.id, sector_chamber_id: zorg.id }
			])
			.execute();
		if (qualification) {
			await trx
				.insertInto('trainer_profile_qualification')
				.values({ user_id: ahmed.id, qualification_id: qualification.id })
				.execute();
		}
		await trx
			.insertInto('trainer_capacity')
			.values([
				{ company_id: ctx.company.id, user_id: ahmed.id, max_learners: 4, updated_by: hr.id },
				{ company_id: ctx.company.id, user_id: ingrid.id, max_learners: 3, updated_by: hr.id }
			])
			.execute();

		// Self-assessments: Ahmed eight months ago and last month; Ingrid over a year ago.
		const rounds = [
			{ userId: ahmed.id, at: daysAgo(240), level: (i: number) => 1 + (i % 3) },
			{ userId: ahmed.id, at: daysAgo(30), level: (i: number) => Math.min(4, 2 + (i % 3)) },
			{ userId: ingrid.id, at: daysAgo(420), level: (i: number) => 1 + ((i + 1) % 2) }
		];
		for (const round of rounds) {
			const s = await trx
				.insertInto('self_assessment')
				.values({
					user_id: round.userId,
					version_id: framework.id,
					status: 'submitted',
					created_at: round.at,
					updated_at: round.at,
					submitted_at: round.at
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('self_assessment_answer')
				.values(
					indicators.map((id, i) => ({
						assessment_id: s.id,
						indicator_id: id,
						level: round.level(i),
						reflection: i === 0 ? 'Besproken in het werkoverleg met mijn leidinggevende.' : ''
					}))
				)
				.execute();
		}
		await trx
			.insertInto('development_activity')
			.values([
				{
					user_id: ahmed.id,
					kind: 'course',
					title: 'Begeleiden van volwassen lerenden',
					provider: 'SBB Academie',
					activity_date: daysFromToday(-95),
					hours: 8,
					impact:
						'Ik vraag nu in het eerste gesprek naar werk, gezin en eerdere opleidingen, en plan de begeleiding daaromheen.'
				},
				{
					user_id: ingrid.id,
					kind: 'intervision',
					title: 'Intervisie praktijkopleiders',
					provider: 'Zorggroep De Linde',
					activity_date: daysFromToday(-500),
					hours: 2,
					impact: ''
				}
			])
			.execute();
		await trx
			.insertInto('development_goal')
			.values([
				{
					user_id: ahmed.id,
					text: 'Een training laaggeletterdheid herkennen volgen.',
					target_date: daysFromToday(120)
				},
				{
					user_id: ahmed.id,
					text: 'Intervisie met praktijkopleiders van andere afdelingen.',
					status: 'in_progress'
				}
			])
			.execute();

		// Feedback from learners: every learner about each trainer of theirs, from the trajectories.
		const coached = await sql<{ trainer: string; learner: string }>`
			select distinct tt.user_id as trainer, t.learner_id as learner
			from trajectory_trainer tt
			join trajectory t on t.company_id = tt.company_id and t.id = tt.trajectory_id
			join learner l on l.company_id = t.company_id and l.id = t.learner_id
			where tt.company_id = ${ctx.company.id} and l.user_id is not null
				and tt.user_id in (${ahmed.id}, ${ingrid.id})
			order by 1, 2`.execute(trx);
		if (coached.rows.length) {
			await trx
				.insertInto('trainer_feedback')
				.values(
					coached.rows.map((r, i) => ({
						company_id: ctx.company.id,
						trainer_user_id: r.trainer,
						learner_id: r.learner,
						explains: 4 + (i % 2),
						listens: 5,
						recognises: 3 + (i % 3),
						available: 3 + (i % 2),
						submitted_at: daysAgo(10 + i)
					}))
				)
				.execute();
		}
		await refreshLloSummary(trx, [ahmed.id, ingrid.id]);
	});
}
