import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/lib/server/auth/context';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { leaveNotices } from '../../src/lib/server/privacy/leave';
import { ownProfile } from '../../src/lib/server/profiles/profile';
import {
	saveSelfAssessmentDraft,
	selfAssessmentForm,
	selfAssessmentHistory
} from '../../src/lib/server/profiles/self-assessment';
import { currentFramework } from '../../src/lib/server/profiles/framework';
import { listActivities, listGoals } from '../../src/lib/server/profiles/development';
import { getTrajectory } from '../../src/lib/server/trajectories/detail';
import { passportFor } from '../../src/lib/server/trajectories/passport';
import { readerOf, recordRead } from '../../src/lib/server/privacy/access-log';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor } from './fixtures';
import { pageStatements } from './statements';

/**
 * Issue 20 for the learner's passport, the assessment form (the trainer's judgement and
 * the learner's self-assessment) and the trainer's own profile pages: each load's
 * statements on the demo data, as the load runs them.
 */
const DELINDE = 'zorggroep-de-linde';
let t: TestDatabase;
let learner: RequestContext;
let trainer: RequestContext;
let ingrid: RequestContext;

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	learner = await contextFor(t.db, 'lerende@delinde.example', DELINDE);
	trainer = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
	ingrid = await contextFor(t.db, 'opleider2@delinde.example', DELINDE);
});
afterAll(() => t.close());

const page = <T>(name: string, run: (db: TestDatabase['db']) => Promise<T>) =>
	pageStatements(t.db, name, run);

describe('at most four statements per page', () => {
	it('the passport (paspoort) and its download: one statement, two with the leaving notices', async () => {
		const id = learner.user.id;
		// Kept from a company that anonymised her records: merged in.
		await t.db
			.insertInto('passport_snapshot')
			.values({
				user_id: id,
				company_name: 'Oud Bedrijf',
				left_on: '2020-01-01',
				trajectories: JSON.stringify([]),
				certificates: JSON.stringify([
					{
						company: 'Oud Bedrijf',
						code: 'X-1',
						title: 'Oud',
						obtainedOn: '2019-05-05',
						issuer: 'SBB'
					}
				])
			})
			.execute();
		const { statements, result } = await page('passport', (db) =>
			Promise.all([passportFor(db, id), leaveNotices(db, id)])
		);
		expect(statements).toBe(2);
		const [passport] = result;
		expect(passport.name).toBe('Fatima Yilmaz');
		expect(passport.trajectories.length).toBeGreaterThan(0);
		expect(passport.trajectories[0].company).toBe('Zorggroep De Linde');
		expect(passport.trajectories[0].achievements.length).toBeGreaterThan(0);
		expect(passport.certificates.map((c) => c.code)).toContain('X-1');

		const download = await page('passport download', (db) => passportFor(db, id));
		expect(download.statements).toBe(1);
		// One company's part (the anonymisation's snapshot) leaves the snapshots out.
		const part = await passportFor(t.db, id, { companyId: learner.company.id });
		expect(part.certificates.map((c) => c.code)).not.toContain('X-1');
		expect(part.trajectories).toEqual(passport.trajectories);
	});

	it('the assessment form (beoordelen): the learner self-assesses, the trainer judges', async () => {
		const [own] = await t.db
			.selectFrom('trajectory as t')
			.innerJoin('learner as l', (j) =>
				j.onRef('l.company_id', '=', 't.company_id').onRef('l.id', '=', 't.learner_id')
			)
			.select('t.id')
			.where('l.user_id', '=', learner.user.id)
			.execute();
		const counts = [];
		for (const [who, ctx, can] of [
			['learner', learner, 'selfAssess'],
			['trainer', trainer, 'assess']
		] as const) {
			const { statements, result } = await page(`assessment form (${who})`, async (db) => {
				const detail = await getTrajectory(db, ctx, own.id);
				if (!detail) return null;
				await recordRead(db, readerOf(ctx), { trajectoryId: own.id }, 'trajectory', '/b');
				return detail;
			});
			expect(result?.can[can]).toBe(true);
			expect(result?.coreTasks.length).toBeGreaterThan(0);
			counts.push(statements);
		}
		// The learner's own record leaves no read record.
		expect(counts).toEqual([1, 2]);
	});

	it('the trainer’s own profile: two statements', async () => {
		const { statements, result } = await page('trainer profile', (db) =>
			Promise.all([ownProfile(db, trainer), selfAssessmentHistory(db, trainer.user.id)])
		);
		expect(statements).toBe(2);
		const [own, history] = result;
		expect(own.profile.name).toBe('Ahmed El Amrani');
		expect(own.profile.languages).toContain('Arabisch');
		expect(own.profile.sectors.length).toBeGreaterThan(0);
		expect(own.sectors.length).toBeGreaterThan(own.profile.sectors.length);
		expect(own.status.complete).toBe(true);
		expect(own.feedback.enough).toBe(true);
		expect(own.caseload).toBeGreaterThan(0);
		expect(own.capacity).not.toBeNull();
		expect(history.submitted).toBeGreaterThanOrEqual(2);
		expect(history.latestAt).toBeInstanceOf(Date);
		expect(history.areas.every((a) => a.latest !== null)).toBe(true);

		// Below the feedback threshold nothing is told, not even the count.
		const other = await ownProfile(t.db, ingrid);
		expect(other.feedback).toEqual({ enough: false, responses: null, averages: null });
	});

	it('the trainer’s self-assessment form (zelfbeoordeling): two statements', async () => {
		const framework = await currentFramework(t.db);
		const indicator = framework.areas[0].indicators[0].id;
		await saveSelfAssessmentDraft(t.db, ingrid.user.id, [
			{ indicatorId: indicator, level: 2, reflection: 'Concept' }
		]);
		const { statements, result } = await page('self-assessment form', (db) =>
			selfAssessmentForm(db, ingrid.user.id)
		);
		expect(statements).toBe(2);
		expect(result.framework.id).toBe(framework.id);
		expect(result.framework.areas.every((a) => a.indicators.length > 0)).toBe(true);
		expect(result.draftSavedAt).toBeInstanceOf(Date);
		expect(result.answers).toEqual({ [indicator]: { level: 2, reflection: 'Concept' } });
		const none = await selfAssessmentForm(t.db, trainer.user.id);
		expect(none.draftSavedAt).toBeNull();
		expect(none.answers).toEqual({});
	});

	it('saving the self-assessment draft: one statement, whatever the draft held before', async () => {
		const framework = await currentFramework(t.db);
		const [first, second, third] = framework.areas.flatMap((a) => a.indicators.map((i) => i.id));
		const save = (answers: { indicatorId: number; level: number | null; reflection: string }[]) =>
			page('self-assessment draft', (db) => saveSelfAssessmentDraft(db, trainer.user.id, answers));
		// No draft yet: created with its answers; an indicator of no version is ignored.
		const created = await save([
			{ indicatorId: first, level: 1, reflection: '' },
			{ indicatorId: second, level: null, reflection: 'Eerst' },
			{ indicatorId: -1, level: 3, reflection: '' }
		]);
		expect(created.statements).toBe(1);
		expect((await selfAssessmentForm(t.db, trainer.user.id)).answers).toEqual({
			[first]: { level: 1, reflection: '' },
			[second]: { level: null, reflection: 'Eerst' }
		});
		// Saved again: one answer changed, one dropped, one added; still one draft.
		const again = await save([
			{ indicatorId: first, level: 4, reflection: 'Later' },
			{ indicatorId: third, level: 2, reflection: '' }
		]);
		expect(again.statements).toBe(1);
		expect((await selfAssessmentForm(t.db, trainer.user.id)).answers).toEqual({
			[first]: { level: 4, reflection: 'Later' },
			[third]: { level: 2, reflection: '' }
		});
		// Nothing given: the draft stays, empty.
		expect((await save([])).statements).toBe(1);
		const drafts = await t.db
			.selectFrom('self_assessment')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('user_id', '=', trainer.user.id)
			.where('status', '=', 'draft')
			.executeTakeFirstOrThrow();
		expect(Number(drafts.n)).toBe(1);
		expect((await selfAssessmentForm(t.db, trainer.user.id)).answers).toEqual({});
	});

	it('the trainer’s development log (ontwikkeling)', async () => {
		const { statements, result } = await page('development log', (db) =>
			Promise.all([listActivities(db, trainer.user.id), listGoals(db, trainer.user.id)])
		);
		expect(statements).toBe(2);
		expect(result[0].length).toBeGreaterThan(0);
	});
});
