import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	achievementsOf,
	certificateStates,
	distanceToDiploma,
	recordObtainedCertificate,
	relatedForLearner
} from '../../src/lib/server/trajectories/achievements';
import { passportFor } from '../../src/lib/server/trajectories/passport';
import { getTrajectory, targetQualificationId } from '../../src/lib/server/trajectories/detail';
import { listTrajectories } from '../../src/lib/server/trajectories/list';
import { recordAssessments } from '../../src/lib/server/trajectories/assess';
import { setTrajectoryStatus } from '../../src/lib/server/trajectories/status';
import { createCertificate } from '../../src/lib/server/qualifications/certificates';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, userId } from './fixtures';
import { today as todayIso } from '../clock';

const DELINDE = 'zorggroep-de-linde';
const today = todayIso();
let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
});
afterAll(() => t.close());

async function trajectoryOf(name: string) {
	const hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
	const item = (await listTrajectories(t.db, hr)).find((x) => x.learnerName === name)!;
	return (await getTrajectory(t.db, hr, item.id))!;
}

describe('distance to a diploma', () => {
	it('stacks competent judgements, exemptions and obtained certificates', async () => {
		const linda = await trajectoryOf('Linda Smit');
		const hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
		const qualificationId = (await targetQualificationId(t.db, linda.trajectory))!;
		const before = await distanceToDiploma(
			t.db,
			hr.company.id,
			linda.trajectory.learnerId,
			qualificationId
		);
		expect(before.items.length).toBe(linda.progress.total);
		expect(before.covered).toBe(linda.progress.covered);
		const open = before.items.filter((i) => !i.source);
		expect(open.length).toBeGreaterThan(4);

		// An exemption (evc) covers one.
		await t.db
			.insertInto('exemption')
			.values({
				company_id: hr.company.id,
				trajectory_id: linda.trajectory.id,
				work_process_id: open[0].id,
				basis: 'experience_certificate',
				reference: 'EVC-2026-001',
				granted_on: today
			})
			.execute();
		// A certificate on the same qualification covering two more, obtained at school.
		await createCertificate(
			t.db,
			{ userId: null },
			{
				code: 'TEST-BGZ',
				title: 'Test certificaat',
				crebo: '25475',
				workProcessCodes: [open[1].code, open[2].code]
			}
		);
		const states = await certificateStates(t.db, hr.company.id, linda.trajectory.learnerId);
		const cert = states.find((c) => c.code === 'TEST-BGZ')!;
		expect(cert).toMatchObject({ total: 2, covered: 0, ready: false, obtained: null });
		await recordObtainedCertificate(t.db, hr, {
			learnerId: linda.trajectory.learnerId,
			certificateId: cert.id,
			obtainedOn: today,
			issuer: 'ROC Midden Nederland'
		});
		await expect(
			recordObtainedCertificate(t.db, hr, {
				learnerId: linda.trajectory.learnerId,
				certificateId: cert.id,
				obtainedOn: today,
				issuer: 'ROC'
			})
		).rejects.toMatchObject({ code: 'certificate_already_obtained' });

		const after = await distanceToDiploma(
			t.db,
			hr.company.id,
			linda.trajectory.learnerId,
			qualificationId
		);
		expect(after.covered).toBe(before.covered + 3);
		expect(after.remaining).toBe(before.remaining - 3);
		expect(after.items.find((i) => i.id === open[0].id)!.source).toBe('exempt');
		expect(after.items.find((i) => i.id === open[1].id)!.source).toBe('certificate');
	});
});

describe('ready for certificate', () => {
	it('says ready when every work process of a certificate is competent', async () => {
		const fatima = await trajectoryOf('Fatima Yilmaz');
		const ahmed = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
		const states = () => certificateStates(t.db, ahmed.company.id, fatima.trajectory.learnerId);
		const demo = (await states()).find((c) => c.code === 'DEMO-HZW-WONEN')!;
		expect(demo.ready).toBe(false);
		const wps = fatima.coreTasks
			.flatMap((ct) => ct.workProcesses)
			.filter((w) => /^P2-K1-W[12]$/.test(w.code));
		await recordAssessments(t.db, ahmed, fatima.trajectory.id, {
			kind: 'trainer',
			assessedOn: today,
			entries: wps.map((w) => ({ workProcessId: w.id, level: 3 }))
		});
		expect((await states()).find((c) => c.code === 'DEMO-HZW-WONEN')).toMatchObject({
			covered: 2,
			total: 2,
			ready: true
		});
		// A trainer of another learner may not record it.
		const ingrid = await contextFor(t.db, 'opleider2@delinde.example', DELINDE);
		await expect(
			recordObtainedCertificate(t.db, ingrid, {
				learnerId: fatima.trajectory.learnerId,
				certificateId: demo.id,
				obtainedOn: today,
				issuer: 'ROC'
			})
		).rejects.toMatchObject({ code: 'trajectory_not_found' });
	});
});

describe('related qualifications for a learner', () => {
	it('lists qualifications partly covered already, not the target itself', async () => {
		const linda = await trajectoryOf('Linda Smit');
		const hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
		const related = await relatedForLearner(t.db, hr.company.id, linda.trajectory.learnerId);
		const crebos = related.map((r) => r.crebo);
		expect(crebos).toContain('25476'); // shares the Maatschappelijke Zorg basisdeel
		expect(crebos).not.toContain('25475');
		for (const r of related) {
			expect(r.covered).toBeGreaterThan(0);
			expect(r.covered).toBeLessThanOrEqual(r.total);
		}
	});
});

describe('the trajectory page reads them in one statement', () => {
	it('achievementsOf gives what the three queries give, for every learner of the demo', async () => {
		const hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
		for (const item of await listTrajectories(t.db, hr)) {
			const detail = (await getTrajectory(t.db, hr, item.id))!;
			const { learnerId, targetQualificationId: target } = detail.trajectory;
			expect(target).toBe(await targetQualificationId(t.db, detail.trajectory));
			const one = await achievementsOf(t.db, hr.company.id, learnerId, target);
			expect(one).toEqual({
				distance: target ? await distanceToDiploma(t.db, hr.company.id, learnerId, target) : null,
				certificates: await certificateStates(t.db, hr.company.id, learnerId),
				related: await relatedForLearner(t.db, hr.company.id, learnerId)
			});
		}
	});
});

describe('LLO passport', () => {
	it('shows the learner their own achievements and certificates, and nobody else’s', async () => {
		const linda = await passportFor(t.db, await userId(t.db, 'l.smit@delinde.example'));
		expect(linda.name).toBe('Linda Smit');
		expect(linda.trajectories).toHaveLength(1);
		expect(linda.trajectories[0].company).toBe('Zorggroep De Linde');
		const sources = new Set(linda.trajectories[0].achievements.map((a) => a.source));
		expect(sources).toEqual(new Set(['competent', 'exempt']));
		expect(linda.certificates.map((c) => c.code)).toEqual(['TEST-BGZ']);
		// Self-explanatory: every achievement names its qualification (crebo, title, level),
		// kerntaak and dossier; the basisdeel counts for the trajectory's target.
		expect(linda.trajectories[0].target).toMatchObject({
			kind: 'qualification',
			qualification: { crebo: '25475', title: 'Begeleider gehandicaptenzorg', level: 3 }
		});
		for (const a of linda.trajectories[0].achievements) {
			expect(a.qualification).toEqual({
				crebo: '25475',
				title: 'Begeleider gehandicaptenzorg',
				level: 3
			});
			expect(a.coreTask.code).toMatch(/^[BP]\d-K\d$/);
			expect(a.dossier).toEqual({ nr: '4156', title: 'Maatschappelijke Zorg' });
		}
		const trainer = await passportFor(t.db, await userId(t.db, 'opleider@delinde.example'));
		expect(trainer.trajectories).toEqual([]);
		expect(trainer.certificates).toEqual([]);
	});
});

describe('trajectory status', () => {
	it('HR changes the status; a stopped trajectory is no longer stalled; others may not', async () => {
		const linda = await trajectoryOf('Linda Smit');
		const hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
		expect(linda.progress.stalled).toBe(true);
		const ahmed = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
		await expect(
			setTrajectoryStatus(t.db, ahmed, linda.trajectory.id, 'stopped')
		).rejects.toMatchObject({
			code: 'not_allowed'
		});
		await setTrajectoryStatus(t.db, hr, linda.trajectory.id, 'stopped');
		const after = await getTrajectory(t.db, hr, linda.trajectory.id);
		expect(after!.trajectory.status).toBe('stopped');
		expect(after!.progress.stalled).toBe(false);
		const otherHr = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
		await expect(
			setTrajectoryStatus(t.db, otherHr, linda.trajectory.id, 'active')
		).rejects.toMatchObject({
			code: 'trajectory_not_found'
		});
	});
});
