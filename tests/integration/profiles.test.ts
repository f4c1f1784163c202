import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/lib/server/auth/context';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	lloShareByCompany,
	lloStatusOf,
	refreshLloSummary
} from '../../src/lib/server/profiles/completeness';
import { addActivity } from '../../src/lib/server/profiles/development';
import {
	feedbackAggregates,
	submitFeedback,
	type FeedbackInput
} from '../../src/lib/server/profiles/feedback';
import {
	createDraft,
	currentFramework,
	publishDraft,
	saveDraft
} from '../../src/lib/server/profiles/framework';
import {
	setCapacity,
	teamOverview,
	trainerDirectory,
	trainerForHr
} from '../../src/lib/server/profiles/team';
import {
	saveSelfAssessmentDraft,
	selfAssessmentForm,
	selfAssessmentHistory,
	submitSelfAssessment,
	type AnswerInput
} from '../../src/lib/server/profiles/self-assessment';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, userId } from './fixtures';
import { today } from '../clock';

const DELINDE = 'zorggroep-de-linde';
const VANDIJK = 'bouwbedrijf-van-dijk';

let t: TestDatabase;
let hr: RequestContext;
let otherHr: RequestContext;
let fatima: RequestContext;
let ids: Record<'ahmed' | 'ingrid' | 'sanne' | 'kees' | 'admin', string>;

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
	otherHr = await contextFor(t.db, 'hr@vandijkbouw.example', VANDIJK);
	fatima = await contextFor(t.db, 'lerende@delinde.example', DELINDE);
	ids = {
		ahmed: await userId(t.db, 'opleider@delinde.example'),
		ingrid: await userId(t.db, 'opleider2@delinde.example'),
		sanne: await userId(t.db, 'sanne@ervaringswerk.example'),
		kees: await userId(t.db, 'opleider@vandijkbouw.example'),
		admin: await userId(t.db, 'admin@vakmaat.example')
	};
});
afterAll(() => t?.close());

const status = async (id: string) => (await lloStatusOf(t.db, [id])).get(id)!;

async function allAnswers(level = 3): Promise<AnswerInput[]> {
	const f = await currentFramework(t.db);
	return f.areas.flatMap((a) =>
		a.indicators.map((i) => ({ indicatorId: i.id, level, reflection: '' }))
	);
}

describe('the competence framework', () => {
	it('is seeded by the migration: SBB’s eight competences and six llo areas, 2–4 indicators each', async () => {
		const f = await currentFramework(t.db);
		expect(f.number).toBe(1);
		expect(f.areas.filter((a) => a.source === 'sbb')).toHaveLength(8);
		expect(f.areas.filter((a) => a.source === 'llo')).toHaveLength(6);
		for (const a of f.areas) {
			expect(a.indicators.length).toBeGreaterThanOrEqual(2);
			expect(a.indicators.length).toBeLessThanOrEqual(4);
		}
	});
});

describe('LLO-profiel compleet', () => {
	it('the demo: Ahmed complete, Ingrid not', async () => {
		expect((await status(ids.ahmed)).complete).toBe(true);
		expect((await status(ids.ingrid)).complete).toBe(false);
	});

	it('needs every area, a recent assessment and a recent activity', async () => {
		const sanne = ids.sanne;
		expect((await status(sanne)).complete).toBe(false);

		// An area missing: a draft never counts, and a submission needs every indicator.
		const answers = await allAnswers();
		const f = await currentFramework(t.db);
		const lastArea = f.areas.at(-1)!;
		const partial = answers.filter((a) => !lastArea.indicators.some((i) => i.id === a.indicatorId));
		const result = await submitSelfAssessment(t.db, sanne, partial);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.missing.map((m) => m.indicatorId)).toEqual(
				lastArea.indicators.map((i) => i.id)
			);
		}
		// The answers were kept as the draft.
		const form = await selfAssessmentForm(t.db, sanne);
		expect(Object.keys(form.answers)).toHaveLength(partial.length);
		await addActivity(t.db, sanne, {
			kind: 'webinar',
			title: 'Webinar evc',
			provider: 'SBB',
			activityDate: today(),
			hours: 1.5,
			impact: ''
		});
		expect((await status(sanne)).complete).toBe(false);

		// Every area answered: complete.
		expect((await submitSelfAssessment(t.db, sanne, answers)).ok).toBe(true);
		expect((await status(sanne)).complete).toBe(true);

		// The assessment older than 12 months: incomplete.
		await sql`update self_assessment set submitted_at = now() - interval '13 months' where user_id = ${sanne}`.execute(
			t.db
		);
		await refreshLloSummary(t.db, [sanne]);
		expect((await status(sanne)).complete).toBe(false);
		await sql`update self_assessment set submitted_at = now() - interval '2 months' where user_id = ${sanne}`.execute(
			t.db
		);
		await refreshLloSummary(t.db, [sanne]);
		expect((await status(sanne)).complete).toBe(true);

		// No activity in the last 12 months: incomplete.
		await sql`update development_activity set activity_date = current_date - 400 where user_id = ${sanne}`.execute(
			t.db
		);
		await refreshLloSummary(t.db, [sanne]);
		expect((await status(sanne)).complete).toBe(false);
	});

	it('is computed for many trainers in one query', async () => {
		const map = await lloStatusOf(t.db, [ids.ahmed, ids.ingrid, ids.kees]);
		expect([...map.values()].map((s) => s.complete)).toEqual([true, false, false]);
	});

	it('the share of complete profiles per company, for many companies at once', async () => {
		const shares = await lloShareByCompany(t.db, [hr.company.id, otherHr.company.id]);
		const linde = shares.find((x) => x.companyId === hr.company.id)!;
		const vandijk = shares.find((x) => x.companyId === otherHr.company.id)!;
		// De Linde: Ahmed, Ingrid and Sanne; Ahmed and (by now) Sanne complete.
		expect(linde).toMatchObject({
			trainers: 3,
			complete: 1 + Number((await status(ids.sanne)).complete)
		});
		expect(vandijk).toMatchObject({ trainers: 2, complete: 0 });
	});
});

describe('versioning', () => {
	it('a new version keeps earlier answers on their version; completeness then needs the new one', async () => {
		const before = await currentFramework(t.db);
		const ahmedBefore = await sql<{ version_id: number; n: number }>`
			select s.version_id, count(*)::int as n from self_assessment s
			join self_assessment_answer a on a.assessment_id = s.id
			where s.user_id = ${ids.ahmed} group by s.version_id`.execute(t.db);
		// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers (expect.any, expect.stringMatching) as any
		expect(ahmedBefore.rows).toEqual([{ version_id: before.id, n: expect.any(Number) }]);

		// Ingrid has a draft on the current version when the next one is published.
		const oldAnswers = (await allAnswers(3)).slice(0, 2);
		await saveSelfAssessmentDraft(t.db, ids.ingrid, oldAnswers);

		const draftId = await createDraft(t.db, ids.admin);
		await expect(
			saveDraft(t.db, ids.admin, [
				{ code: 'leren', name: 'Leren', description: '', indicators: ['Alleen één indicator'] }
			])
		).rejects.toMatchObject({ code: 'framework_indicator_count' });
		await saveDraft(t.db, ids.admin, [
			{
				code: 'leren',
				name: 'Leren en ontwikkelen',
				description: 'Blijft leren.',
				indicators: ['Ik vraag om feedback.', 'Ik volg scholing.', 'Ik deel wat ik leer.']
			}
		]);
		// The draft is not current yet.
		expect((await currentFramework(t.db)).id).toBe(before.id);
		expect(await publishDraft(t.db, ids.admin)).toBe(draftId);
		const after = await currentFramework(t.db);
		expect(after.id).toBe(draftId);
		expect(after.number).toBe(before.number + 1);
		expect(after.areas.find((a) => a.code === 'leren')!.name).toBe('Leren en ontwikkelen');
		// The old version and its indicators are untouched; Ahmed's answers still point there.
		const old = await sql<{ n: number }>`select count(*)::int as n from competence_indicator i
			join competence_area a on a.id = i.area_id where a.version_id = ${before.id}`.execute(t.db);
		expect(old.rows[0].n).toBe(before.areas.reduce((n, a) => n + a.indicators.length, 0));
		const ahmedAfter = await sql<{ version_id: number }>`
			select distinct s.version_id from self_assessment s where s.user_id = ${ids.ahmed}`.execute(t.db);
		expect(ahmedAfter.rows).toEqual([{ version_id: before.id }]);
		// Her draft could not be submitted any more: saving again moves it to the new
		// version, and the answers on the old version's indicators go.
		const newIndicator = after.areas[0].indicators[0].id;
		await saveSelfAssessmentDraft(t.db, ids.ingrid, [
			...oldAnswers,
			{ indicatorId: newIndicator, level: 3, reflection: '' }
		]);
		const moved = await sql<{ version_id: number; indicator_id: number }>`
			select s.version_id, a.indicator_id from self_assessment s
			join self_assessment_answer a on a.assessment_id = s.id
			where s.user_id = ${ids.ingrid} and s.status = 'draft'`.execute(t.db);
		expect(moved.rows).toEqual([{ version_id: after.id, indicator_id: newIndicator }]);

		expect((await status(ids.ahmed)).complete).toBe(false);
		// The chart still shows the earlier rounds, matched by area code.
		const history = await selfAssessmentHistory(t.db, ids.ahmed);
		expect(history.areas.find((a) => a.code === 'leren')!.latest).not.toBeNull();

		expect((await submitSelfAssessment(t.db, ids.ahmed, await allAnswers(4))).ok).toBe(true);
		expect((await status(ids.ahmed)).complete).toBe(true);
	});

	it('saving a draft twice keeps one draft', async () => {
		const answers = (await allAnswers(2)).slice(0, 3);
		await saveSelfAssessmentDraft(t.db, ids.ingrid, answers);
		await saveSelfAssessmentDraft(t.db, ids.ingrid, answers.slice(0, 2));
		const drafts = await t.db
			.selectFrom('self_assessment')
			.select('id')
			.where('user_id', '=', ids.ingrid)
			.where('status', '=', 'draft')
			.execute();
		expect(drafts).toHaveLength(1);
		expect(Object.keys((await selfAssessmentForm(t.db, ids.ingrid)).answers)).toHaveLength(2);
	});
});

const ANSWERS: FeedbackInput = { explains: 4, listens: 5, recognises: 3, available: 4 };

describe('learner feedback', () => {
	it('only from three responses on, enforced in the query', async () => {
		// The demo: Fatima, Linda and Sophie about Ahmed, Peter about Ingrid.
		const seeded = await feedbackAggregates(t.db, hr.company.id, [ids.ahmed, ids.ingrid]);
		expect(seeded.get(ids.ahmed)!.enough).toBe(true);
		expect(seeded.get(ids.ahmed)!.responses).toBe(3);
		expect(seeded.get(ids.ingrid)).toEqual({ enough: false, responses: null, averages: null });

		// Without Sophie's answer two remain: nothing is shown, not even the count.
		const sophie = await contextFor(t.db, 's.mertens@delinde.example', DELINDE);
		await t.db
			.deleteFrom('trainer_feedback')
			.where('trainer_user_id', '=', ids.ahmed)
			.where('learner_id', 'in', (eb) =>
				eb.selectFrom('learner').select('id').where('user_id', '=', sophie.user.id)
			)
			.execute();
		const two = await feedbackAggregates(t.db, hr.company.id, [ids.ahmed]);
		expect(two.get(ids.ahmed)).toEqual({ enough: false, responses: null, averages: null });

		// She answers again: the figures appear.
		await submitFeedback(t.db, sophie, ids.ahmed, {
			explains: 2,
			listens: 2,
			recognises: 2,
			available: 2
		});
		const after = await feedbackAggregates(t.db, hr.company.id, [ids.ahmed]);
		expect(after.get(ids.ahmed)!.enough).toBe(true);
		expect(after.get(ids.ahmed)!.responses).toBe(3);

		// Giving feedback again updates the learner's answer: still three responses.
		await submitFeedback(t.db, sophie, ids.ahmed, ANSWERS);
		expect(
			(await feedbackAggregates(t.db, hr.company.id, [ids.ahmed])).get(ids.ahmed)!.responses
		).toBe(3);
	});

	it('is refused about oneself and about a trainer who does not coach the learner', async () => {
		await expect(submitFeedback(t.db, fatima, ids.ingrid, ANSWERS)).rejects.toMatchObject({
			code: 'feedback_not_your_trainer'
		});
		await expect(submitFeedback(t.db, fatima, fatima.user.id, ANSWERS)).rejects.toMatchObject({
			code: 'feedback_self'
		});
		// Jan de Groot is learner and trainer at the hotel: not about himself.
		const jan = await contextFor(t.db, 'j.groot@zeeuwsekust.example', 'hotel-de-zeeuwse-kust');
		await expect(submitFeedback(t.db, jan, jan.user.id, ANSWERS)).rejects.toMatchObject({
			code: 'feedback_self'
		});
		// HR of another company cannot reach a De Linde trainer.
		await expect(submitFeedback(t.db, otherHr, ids.ahmed, ANSWERS)).rejects.toMatchObject({
			code: 'feedback_not_your_trainer'
		});
		// An out-of-range answer is refused.
		await expect(
			submitFeedback(t.db, fatima, ids.ahmed, { ...ANSWERS, listens: 7 })
		).rejects.toMatchObject({ code: 'feedback_answer_required' });
	});
});

describe('HR and learners', () => {
	it('HR sees the team: status, caseload vs capacity, low areas', async () => {
		const team = await teamOverview(t.db, hr);
		const names = team.trainers.map((x) => x.name);
		expect(names).toEqual(['Ahmed El Amrani', 'Ingrid Visser', 'Sanne de Vries']);
		const ahmed = team.trainers.find((x) => x.userId === ids.ahmed)!;
		expect(ahmed.capacity).toBe(4);
		expect(ahmed.caseload).toBeGreaterThanOrEqual(2);
		expect(team.areas.length).toBeGreaterThan(0);
		expect(team.areas[0].average).toBeLessThanOrEqual(team.areas.at(-1)!.average);
	});

	it('HR of another company gets nothing (404) for a De Linde trainer; non-trainers are 404', async () => {
		expect(await trainerForHr(t.db, otherHr, ids.ahmed)).toBeNull();
		expect(await trainerForHr(t.db, hr, fatima.user.id)).toBeNull();
		expect(await trainerForHr(t.db, hr, 'geen-uuid')).toBeNull();
		expect((await trainerForHr(t.db, hr, ids.ahmed))!.profile.languages).toContain('Arabisch');
		await expect(setCapacity(t.db, otherHr, ids.ahmed, 5)).rejects.toMatchObject({
			code: 'member_not_found'
		});
		await setCapacity(t.db, hr, ids.ingrid, 5);
		expect((await trainerForHr(t.db, hr, ids.ingrid))!.capacity).toBe(5);
	});

	it('the learner directory shows profiles, and who coaches the learner', async () => {
		const dir = await trainerDirectory(t.db, fatima);
		const ahmed = dir.find((d) => d.userId === ids.ahmed)!;
		expect(ahmed.coachesMe).toBe(true);
		expect(ahmed.specialisms).toContain('zij-instromers');
		expect(dir.find((d) => d.userId === ids.ingrid)!.coachesMe).toBe(false);
		expect(Object.keys(ahmed)).not.toContain('levels');
	});
});
