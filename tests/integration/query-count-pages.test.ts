import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/lib/server/auth/context';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { getQualification } from '../../src/lib/server/qualifications/browse';
import { targetOptions } from '../../src/lib/server/trajectories/create';
import { listLearners, listTrainers } from '../../src/lib/server/trajectories/people';
import { trainerForHr } from '../../src/lib/server/profiles/team';
import { listActivities, listGoals } from '../../src/lib/server/profiles/development';
import { selfAssessmentHistory } from '../../src/lib/server/profiles/self-assessment';
import { readerOf, recordRead } from '../../src/lib/server/privacy/access-log';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, userId } from './fixtures';
import { pageStatements } from './statements';

/**
 * Issue 20 for the pages the other query-count tests leave out: each load's statements
 * on the demo data, as the load runs them, for each role that opens the page.
 */
const DELINDE = 'zorggroep-de-linde';
let t: TestDatabase;
let hr: RequestContext;
let otherHr: RequestContext;

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
	otherHr = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
});
afterAll(() => t.close());

const page = <T>(name: string, run: (db: TestDatabase['db']) => Promise<T>) =>
	pageStatements(t.db, name, run);

describe('at most four statements per page', () => {
	it('HR’s trainer page (hr/praktijkopleiders/[userId]): three statements', async () => {
		const ahmed = await userId(t.db, 'opleider@delinde.example');
		const { statements, result } = await page('HR trainer page', async (db) => {
			const found = await trainerForHr(db, hr, ahmed);
			if (!found) return null;
			const [history] = await Promise.all([
				selfAssessmentHistory(db, found.userId),
				recordRead(db, readerOf(hr), { userId: found.userId }, 'trainer_profile', '/t')
			]);
			return { ...found, history };
		});
		expect(statements).toBe(3);
		expect(result).not.toBeNull();
		const trainer = result!;
		expect(trainer.name).toBe('Ahmed El Amrani');
		expect(trainer.hasProfile).toBe(true);
		expect(trainer.profile.languages).toContain('Arabisch');
		expect(trainer.profile.sectors.length).toBeGreaterThan(0);
		expect(trainer.caseload).toBeGreaterThan(0);
		expect(trainer.capacity).toBe(4);
		expect(trainer.status.complete).toBe(true);
		expect(trainer.complete).toBe(true);
		expect(trainer.feedback.enough).toBe(true);
		expect(trainer.lastSubmittedAt).toBeInstanceOf(Date);
		expect(trainer.history.submitted).toBeGreaterThanOrEqual(2);
		// The development log as the trainer's own page reads it.
		expect(trainer.activities).toEqual(await listActivities(t.db, ahmed));
		expect(trainer.goals).toEqual(await listGoals(t.db, ahmed));
		expect(trainer.activities.length).toBeGreaterThan(0);

		// Another company's HR, a learner, no uuid: nothing, in one statement.
		const refused = await page('HR trainer page, refused', (db) =>
			trainerForHr(db, otherHr, ahmed)
		);
		expect(refused.result).toBeNull();
		expect(refused.statements).toBe(1);
		const fatima = await userId(t.db, 'lerende@delinde.example');
		expect(await trainerForHr(t.db, hr, fatima)).toBeNull();
	});

	it('a qualification (kwalificaties/[crebo]) and the new certificate form on it: two statements', async () => {
		const { statements, result } = await page('qualification', (db) =>
			getQualification(db, '25498')
		);
		expect(statements).toBe(2);
		expect(result).not.toBeNull();
		const detail = result!;
		expect(detail.qualification.crebo).toBe('25498');
		expect(detail.qualification.superseded_at).toBeNull();
		expect(Object.keys(detail.qualification)).not.toContain('tasks');
		expect(detail.coreTasks.length).toBeGreaterThan(0);
		expect(detail.coreTasks.some((ct) => ct.basis)).toBe(true);
		expect(detail.coreTasks.every((ct) => ct.workProcesses.length > 0)).toBe(true);
		expect(detail.competences.length).toBeGreaterThan(0);
		expect(detail.certificates.length).toBeGreaterThan(0);
		expect(detail.certificates[0].workProcessCodes.length).toBeGreaterThan(0);
		expect(detail.versions.length).toBeGreaterThan(0);
		expect(detail.versions[0].imported_at).toBeInstanceOf(Date);
		// An unknown crebo or version: one statement, null.
		const none = await page('qualification, unknown', (db) => getQualification(db, '25498', 99));
		expect(none.result).toBeNull();
		expect(none.statements).toBe(1);
	});

	it('a new trajectory (hr/trajecten/nieuw): four statements', async () => {
		const { statements, result } = await page('new trajectory', (db) =>
			Promise.all([listLearners(db, hr), listTrainers(db, hr), targetOptions(db)])
		);
		expect(statements).toBe(4);
		const [learners, trainers, targets] = result;
		expect(learners.map((l) => l.name)).toContain('Fatima Yilmaz');
		expect(trainers.map((x) => x.name)).toContain('Ahmed El Amrani');
		const current = await t.db
			.selectFrom('qualification as q')
			.innerJoin('qualification_dossier as d', 'd.id', 'q.dossier_id')
			.select(['q.crebo', 'q.title', 'q.level'])
			.where('d.superseded_at', 'is', null)
			.orderBy('q.title')
			.execute();
		expect(targets.qualifications).toEqual(current);
		expect(targets.certificates).toEqual(
			await t.db
				.selectFrom('certificate')
				.select(['id', 'code', 'title'])
				.orderBy('title')
				.execute()
		);
		expect(targets.certificates.length).toBeGreaterThan(0);
	});
});
