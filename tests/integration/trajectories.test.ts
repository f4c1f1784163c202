import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { createTrajectory } from '../../src/lib/server/trajectories/create';
import { getTrajectory } from '../../src/lib/server/trajectories/detail';
import { listTrajectories } from '../../src/lib/server/trajectories/list';
import { recordAssessments } from '../../src/lib/server/trajectories/assess';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, userId } from './fixtures';
import { daysFromToday, today as todayIso } from '../clock';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
});
afterAll(() => t.close());

const DELINDE = 'zorggroep-de-linde';

describe('demo trajectories', () => {
	it('are seeded once, with progress, stalled flags and differing self-assessments', async () => {
		await seedDemo(t.db);
		const hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
		const all = await listTrajectories(t.db, hr);
		expect(all).toHaveLength(5);
		const fatima = all.find((x) => x.learnerName === 'Fatima Yilmaz')!;
		expect(fatima.route).toBe('bbl_diploma');
		expect(fatima.progress.total).toBe(12); // B1-K1 (9) + P2-K1 (3) of Helpende Zorg en Welzijn
		expect(fatima.progress.covered).toBeGreaterThan(0);
		expect(fatima.progress.covered).toBeLessThan(12);
		expect(fatima.progress.stalled).toBe(false);
		const linda = all.find((x) => x.learnerName === 'Linda Smit')!;
		expect(linda.progress.stalled).toBe(true);
		const detail = await getTrajectory(t.db, hr, fatima.id);
		const wps = detail!.coreTasks.flatMap((ct) => ct.workProcesses);
		expect(wps.some((wp) => wp.self && wp.official && wp.self.level !== wp.official.level)).toBe(
			true
		);
	});
});

describe('who sees which trajectory', () => {
	it('HR sees all, a trainer their own learners, a learner only themselves; other companies nothing', async () => {
		const ahmed = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
		const mine = await listTrajectories(t.db, ahmed);
		expect(mine.map((x) => x.learnerName).sort()).toEqual([
			'Fatima Yilmaz',
			'Linda Smit',
			'Sophie Mertens'
		]);
		const fatima = await contextFor(t.db, 'lerende@delinde.example', DELINDE);
		const own = await listTrajectories(t.db, fatima);
		expect(own.map((x) => x.learnerName)).toEqual(['Fatima Yilmaz']);
		const peterTrajectory = (
			await listTrajectories(t.db, await contextFor(t.db, 'hr@delinde.example', DELINDE))
		).find((x) => x.learnerName === 'Peter Dekker')!;
		expect(await getTrajectory(t.db, fatima, peterTrajectory.id)).toBeNull();
		expect(await getTrajectory(t.db, ahmed, peterTrajectory.id)).toBeNull();
		const otherHr = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
		expect(await listTrajectories(t.db, otherHr)).toEqual([]);
		expect(await getTrajectory(t.db, otherHr, peterTrajectory.id)).toBeNull();
	});
});

describe('assessments', () => {
	it('a trainer records several work processes in one go; the latest judgement is official', async () => {
		const ahmed = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
		const [traj] = (await listTrajectories(t.db, ahmed)).filter(
			(x) => x.learnerName === 'Fatima Yilmaz'
		);
		const before = await getTrajectory(t.db, ahmed, traj.id);
		const open = before!.coreTasks
			.flatMap((ct) => ct.workProcesses)
			.filter((wp) => wp.official?.level !== 3);
		const today = todayIso();
		await recordAssessments(t.db, ahmed, traj.id, {
			kind: 'trainer',
			assessedOn: today,
			entries: open
				.slice(0, 2)
				.map((wp) => ({ workProcessId: wp.id, level: 3, comment: 'Goed gedaan' }))
		});
		const after = await getTrajectory(t.db, ahmed, traj.id);
		expect(after!.progress.covered).toBe(before!.progress.covered + 2);
		const wp = after!.coreTasks.flatMap((ct) => ct.workProcesses).find((w) => w.id === open[0].id)!;
		expect(wp.official).toMatchObject({ level: 3, comment: 'Goed gedaan', by: 'Ahmed El Amrani' });
		expect(wp.assessments).toBe(open[0].assessments + 1);
	});

	it('refuses work processes outside the target, self-assessment by the trainer, and foreign trajectories', async () => {
		const ahmed = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
		const hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
		const all = await listTrajectories(t.db, hr);
		const fatima = all.find((x) => x.learnerName === 'Fatima Yilmaz')!;
		const peter = all.find((x) => x.learnerName === 'Peter Dekker')!;
		const today = todayIso();
		const outside = await t.db
			.selectFrom('work_process')
			.select('id')
			.where('code', '=', 'P1-K1-W1')
			.executeTakeFirstOrThrow();
		await expect(
			recordAssessments(t.db, ahmed, fatima.id, {
				kind: 'trainer',
				assessedOn: today,
				entries: [{ workProcessId: outside.id, level: 2 }]
			})
		).rejects.toMatchObject({ code: 'work_process_not_in_target' });
		await expect(
			recordAssessments(t.db, ahmed, fatima.id, {
				kind: 'self',
				assessedOn: today,
				entries: [{ workProcessId: 1, level: 2 }]
			})
		).rejects.toMatchObject({ code: 'not_allowed' });
		await expect(
			recordAssessments(t.db, ahmed, peter.id, { kind: 'trainer', assessedOn: today, entries: [] })
		).rejects.toMatchObject({ code: 'trajectory_not_found' });
		// HR sees but does not assess.
		await expect(
			recordAssessments(t.db, hr, fatima.id, { kind: 'trainer', assessedOn: today, entries: [] })
		).rejects.toMatchObject({ code: 'not_allowed' });
	});

	it('the learner self-assesses; two trainers assessing at once both land', async () => {
		const fatimaCtx = await contextFor(t.db, 'lerende@delinde.example', DELINDE);
		const [traj] = await listTrajectories(t.db, fatimaCtx);
		const detail = await getTrajectory(t.db, fatimaCtx, traj.id);
		expect(detail!.can).toEqual({ assess: false, selfAssess: true, manage: false });
		const wp = detail!.coreTasks[0].workProcesses[0];
		const today = todayIso();
		await recordAssessments(t.db, fatimaCtx, traj.id, {
			kind: 'self',
			assessedOn: today,
			entries: [{ workProcessId: wp.id, level: 1 }]
		});

		const linda = (
			await listTrajectories(t.db, await contextFor(t.db, 'hr@delinde.example', DELINDE))
		).find((x) => x.learnerName === 'Linda Smit')!;
		const ahmed = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
		const sanne = await contextFor(t.db, 'sanne@ervaringswerk.example', DELINDE);
		const lindaWp = (await getTrajectory(t.db, ahmed, linda.id))!.coreTasks[0].workProcesses[0];
		await Promise.all([
			recordAssessments(t.db, ahmed, linda.id, {
				kind: 'trainer',
				assessedOn: today,
				entries: [{ workProcessId: lindaWp.id, level: 2 }]
			}),
			recordAssessments(t.db, sanne, linda.id, {
				kind: 'trainer',
				assessedOn: today,
				entries: [{ workProcessId: lindaWp.id, level: 3 }]
			})
		]);
		const after = (await getTrajectory(t.db, ahmed, linda.id))!.coreTasks[0].workProcesses[0];
		expect(after.assessments).toBe(lindaWp.assessments + 2);
		expect(
			(await listTrajectories(t.db, ahmed)).find((x) => x.id === linda.id)!.progress.stalled
		).toBe(false);
	});
});

describe('creating trajectories', () => {
	it('HR creates one for a new learner without login, with a trainer, on a qualification', async () => {
		const hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
		const ingrid = await userId(t.db, 'opleider2@delinde.example');
		const id = await createTrajectory(t.db, hr, {
			newLearnerName: 'Joyce Nieuw',
			route: 'bbl_diploma',
			targetKind: 'qualification',
			crebo: '25476',
			startDate: daysFromToday(-60),
			trainerIds: [ingrid]
		});
		const detail = await getTrajectory(t.db, hr, id);
		expect(detail!.trajectory.learnerName).toBe('Joyce Nieuw');
		expect(detail!.progress).toMatchObject({ covered: 0 });
		expect(detail!.coreTasks[0].code).toBe('B1-K1');
	});

	it('refuses a trainer who is not a trainer of the company, and an unknown crebo', async () => {
		const hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
		const other = await userId(t.db, 'opleider@vandijkbouw.example');
		const learner = await userId(t.db, 'lerende@delinde.example');
		const base = {
			newLearnerName: 'X',
			route: 'informal' as const,
			targetKind: 'qualification' as const,
			crebo: '25498',
			startDate: daysFromToday(-60)
		};
		await expect(
			createTrajectory(t.db, hr, { ...base, trainerIds: [other] })
		).rejects.toMatchObject({
			code: 'trainer_required'
		});
		await expect(
			createTrajectory(t.db, hr, { ...base, trainerIds: [learner] })
		).rejects.toMatchObject({
			code: 'trainer_required'
		});
		const ingrid = await userId(t.db, 'opleider2@delinde.example');
		await expect(
			createTrajectory(t.db, hr, { ...base, crebo: '11111', trainerIds: [ingrid] })
		).rejects.toMatchObject({ code: 'qualification_unknown', field: 'crebo' });
		const joyces = await t.db.selectFrom('learner').select('id').where('name', '=', 'X').execute();
		expect(joyces).toHaveLength(0);
	});
});

describe('learners with and without a login', () => {
	it('lists members with the learner role who have no record yet, and links an invited learner', async () => {
		const { inviteMember } = await import('../../src/lib/server/accounts/members');
		const { acceptInvitation } = await import('../../src/lib/server/accounts/invitations');
		const { tokenFromLatestMail } = await import('./fixtures');
		const hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
		const ingrid = await userId(t.db, 'opleider2@delinde.example');
		// HR registers a learner by name and email before they have an account.
		const id = await createTrajectory(t.db, hr, {
			newLearnerName: 'Mo Later',
			newLearnerEmail: 'mo.later@example.nl',
			route: 'informal',
			targetKind: 'qualification',
			crebo: '25498',
			startDate: daysFromToday(-30),
			trainerIds: [ingrid]
		});
		await inviteMember(t.db, hr, { email: 'mo.later@example.nl', roles: ['learner'] }, 'http://x');
		const token = tokenFromLatestMail('mo.later@example.nl', '/uitnodiging');
		await acceptInvitation(
			t.db,
			token,
			{ kind: 'new', name: 'Mo Later', password: 'een lang wachtwoord' },
			'r'
		);
		const mo = await contextFor(t.db, 'mo.later@example.nl', DELINDE);
		const own = await listTrajectories(t.db, mo);
		expect(own.map((x) => x.id)).toEqual([id]);

		// A member with the learner role but no record shows up in the picker as user:<id>.
		await inviteMember(t.db, hr, { email: 'nog.geen@example.nl', roles: ['learner'] }, 'http://x');
		await acceptInvitation(
			t.db,
			tokenFromLatestMail('nog.geen@example.nl', '/uitnodiging'),
			{ kind: 'new', name: 'Nog Geen', password: 'een lang wachtwoord' },
			'r'
		);
		const { listLearners } = await import('../../src/lib/server/trajectories/people');
		const picker = await listLearners(t.db, hr);
		const entry = picker.find((l) => l.name === 'Nog Geen')!;
		expect(entry.id).toMatch(/^user:/);
		const trajectoryId = await createTrajectory(t.db, hr, {
			learnerId: entry.id,
			route: 'informal',
			targetKind: 'qualification',
			crebo: '25498',
			startDate: daysFromToday(-30),
			trainerIds: [ingrid]
		});
		const nogGeen = await contextFor(t.db, 'nog.geen@example.nl', DELINDE);
		expect((await listTrajectories(t.db, nogGeen)).map((x) => x.id)).toEqual([trajectoryId]);
		expect((await listLearners(t.db, hr)).find((l) => l.name === 'Nog Geen')!.id).not.toMatch(
			/^user:/
		);
	});
});

describe('a new learner with an email address', () => {
	it('is invited by the trajectory form (once, in the same transaction); the invitation links the account', async () => {
		const { startTrajectory } = await import('../../src/lib/server/trajectories/create');
		const { acceptInvitation } = await import('../../src/lib/server/accounts/invitations');
		const { mailsTo, tokenFromLatestMail } = await import('./fixtures');
		const hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
		const ingrid = await userId(t.db, 'opleider2@delinde.example');
		const input = {
			newLearnerName: 'Nina Nieuw',
			newLearnerEmail: 'nina.nieuw@example.nl',
			route: 'informal' as const,
			targetKind: 'qualification' as const,
			crebo: '25498',
			startDate: daysFromToday(-3),
			trainerIds: [ingrid]
		};
		const token = crypto.randomUUID();
		const [first, second] = await Promise.all([
			startTrajectory(t.db, hr, input, 'http://vakmaat.test', token),
			startTrajectory(t.db, hr, input, 'http://vakmaat.test', token)
		]);
		expect(first).toEqual(second);
		expect(first.invited).toBe('nina.nieuw@example.nl');
		const invitations = await t.db
			.selectFrom('invitation')
			.select(['roles', 'invited_by'])
			.where('email', '=', 'nina.nieuw@example.nl')
			.execute();
		expect(invitations).toEqual([{ roles: ['learner'], invited_by: hr.user.id }]);
		const mails = mailsTo('nina.nieuw@example.nl');
		expect(mails).toHaveLength(1);
		expect(mails[0].text).toContain('http://vakmaat.test/uitnodiging/');
		expect(mails[0].text).toContain('Marieke Jansen');

		await acceptInvitation(
			t.db,
			tokenFromLatestMail('nina.nieuw@example.nl', '/uitnodiging'),
			{ kind: 'new', name: 'Nina Nieuw', password: 'een lang wachtwoord' },
			'r'
		);
		const nina = await contextFor(t.db, 'nina.nieuw@example.nl', DELINDE);
		expect((await listTrajectories(t.db, nina)).map((x) => x.id)).toEqual([first.id]);

		// A colleague who already has an account is linked, not invited again; no email: no invitation.
		const again = await startTrajectory(
			t.db,
			hr,
			{ ...input, newLearnerName: 'Nina', startDate: todayIso() },
			'http://vakmaat.test'
		);
		expect(again.invited).toBeNull();
		expect(mailsTo('nina.nieuw@example.nl')).toHaveLength(1);
		const none = await startTrajectory(
			t.db,
			hr,
			{ ...input, newLearnerName: 'Zonder Mail', newLearnerEmail: '' },
			'http://vakmaat.test'
		);
		expect(none.invited).toBeNull();
	});
});
