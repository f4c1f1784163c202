/**
 * One click, one record (issue 16): every create service, called twice at once with the
 * same form token (a double click, Promise.all), stores exactly one record and answers
 * both calls with the same result; a third call with that token later (a resubmit after
 * Back) creates nothing either. PGlite serialises the two transactions, PostgreSQL runs
 * them concurrently (the second waits on the token's primary key): both must hold.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inviteMember } from '../../src/lib/server/accounts/members';
import { createCompanyWithHr, inviteHrForCompany } from '../../src/lib/server/accounts/companies';
import { companyForAdviser } from '../../src/lib/server/adviser/company';
import { addContact } from '../../src/lib/server/adviser/contacts';
import { addJuror, addPanel } from '../../src/lib/server/awards/panels';
import { MIN_MOTIVATION, nominate } from '../../src/lib/server/awards/nominations';
import { createRound, criteriaOf } from '../../src/lib/server/awards/rounds';
import { createDraft } from '../../src/lib/server/profiles/framework';
import {
	createCertificate,
	importCatalogue
} from '../../src/lib/server/qualifications/certificates';
import { confirmUpload, stageUpload } from '../../src/lib/server/qualifications/uploads';
import { recordObtainedCertificate } from '../../src/lib/server/trajectories/achievements';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/lib/server/auth/context';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	addAction,
	addAddendum,
	getConversation,
	planConversation,
	saveAgreed,
	signConversation
} from '../../src/lib/server/conversations/conversations';
import {
	copyTemplate,
	createTemplate,
	listTemplates
} from '../../src/lib/server/conversations/templates';
import { runHousekeeping } from '../../src/lib/server/housekeeping';
import { once } from '../../src/lib/server/once';
import { addActivity, addGoal } from '../../src/lib/server/profiles/development';
import { currentFramework } from '../../src/lib/server/profiles/framework';
import {
	selfAssessmentHistory,
	submitSelfAssessment
} from '../../src/lib/server/profiles/self-assessment';
import { addEvidence } from '../../src/lib/server/trajectories/evidence';
import { recordExemptions } from '../../src/lib/server/trajectories/exemptions';
import {
	createTrajectory,
	getTrajectory,
	listTrajectories,
	recordAssessments
} from '../../src/lib/server/trajectories/trajectories';
import { daysFromToday, thisYear, today } from '../clock';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, sessionUser } from './fixtures';
import { png } from '../files';

const DELINDE = 'zorggroep-de-linde';
const ORIGIN = 'https://vakmaat.test';

let t: TestDatabase;
let hr: RequestContext;
let ahmed: RequestContext;
let fatima: RequestContext;
let fatimaLearner: string;
let fatimaTrajectory: string;
let openWps: number[];

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
	ahmed = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
	fatima = await contextFor(t.db, 'lerende@delinde.example', DELINDE);
	fatimaLearner = (
		await t.db
			.selectFrom('learner')
			.select('id')
			.where('company_id', '=', fatima.company.id)
			.where('user_id', '=', fatima.user.id)
			.executeTakeFirstOrThrow()
	).id;
	const all = await listTrajectories(t.db, hr);
	fatimaTrajectory = all.find((x) => x.learnerName === 'Fatima Yilmaz')!.id;
	const detail = await getTrajectory(t.db, hr, fatimaTrajectory);
	openWps = detail!.coreTasks
		.flatMap((ct) => ct.workProcesses)
		.filter((wp) => !wp.exemption)
		.map((wp) => wp.id);
});
afterAll(() => t?.close());

const rows = async (table: string) =>
	(await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db))
		.rows[0].n;

/**
 * Two identical calls at once, then a third with the same token: `added` new rows in
 * `table` in all, and every call answers with the same result.
 */
async function expectOnce<T>(
	table: string,
	create: (token: string) => Promise<T>,
	added = 1
): Promise<T> {
	const before = await rows(table);
	const token = randomUUID();
	const [a, b] = await Promise.all([create(token), create(token)]);
	expect(b).toEqual(a);
	expect(await rows(table)).toBe(before + added);
	expect(await create(token)).toEqual(a);
	expect(await rows(table)).toBe(before + added);
	return a;
}

async function templateId(name: string) {
	return (await listTemplates(t.db, ahmed)).find((x) => x.name === name && x.isDefault)!.id;
}

async function plan(days: number, token?: string) {
	return planConversation(
		t.db,
		ahmed,
		{
			learnerId: fatimaLearner,
			templateId: await templateId('Loopbaan-APK'),
			plannedDate: daysFromToday(days),
			plannedTime: '14:30',
			trainerId: ahmed.user.id
		},
		ORIGIN,
		token
	);
}

describe('once()', () => {
	it('runs the create without a token, and refuses to run outside a transaction', async () => {
		expect(await once(t.db, ahmed.user.id, 'x', null, () => Promise.resolve(1))).toBe(1);
		await expect(
			once(t.db, ahmed.user.id, 'x', randomUUID(), () => Promise.resolve(1))
		).rejects.toThrow(/transaction/);
	});

	it('a failed create leaves the token unused: the corrected form goes through', async () => {
		const token = randomUUID();
		await expect(
			t.db
				.transaction()
				.execute((trx) =>
					once(trx, ahmed.user.id, 'x', token, () => Promise.reject(new Error('invalid')))
				)
		).rejects.toThrow('invalid');
		expect(
			await t.db
				.transaction()
				.execute((trx) => once(trx, ahmed.user.id, 'x', token, () => Promise.resolve(2)))
		).toBe(2);
	});

	it('a token is per user and per purpose', async () => {
		const token = randomUUID();
		const run = (user: string, purpose: string, value: number) =>
			t.db
				.transaction()
				.execute((trx) => once(trx, user, purpose, token, () => Promise.resolve(value)));
		expect(await run(ahmed.user.id, 'a', 1)).toBe(1);
		expect(await run(ahmed.user.id, 'b', 2)).toBe(2);
		expect(await run(hr.user.id, 'a', 3)).toBe(3);
		expect(await run(ahmed.user.id, 'a', 4)).toBe(1);
	});
});

describe('every create, submitted twice at once, stores one record', () => {
	it('a self-assessment round', async () => {
		const f = await currentFramework(t.db);
		const answers = f.areas.flatMap((a) =>
			a.indicators.map((i) => ({ indicatorId: i.id, level: 3, reflection: '' }))
		);
		const first = await expectOnce('self_assessment', (token) =>
			submitSelfAssessment(t.db, ahmed.user.id, answers, token)
		);
		expect(first.ok).toBe(true);
	});

	it('a second round on the same day replaces that day’s round (one round per day)', async () => {
		const f = await currentFramework(t.db);
		const answers = (level: number) =>
			f.areas.flatMap((a) =>
				a.indicators.map((i) => ({ indicatorId: i.id, level, reflection: '' }))
			);
		const before = await selfAssessmentHistory(t.db, ahmed.user.id);
		const second = await submitSelfAssessment(t.db, ahmed.user.id, answers(4), randomUUID());
		const after = await selfAssessmentHistory(t.db, ahmed.user.id);
		expect(after.submitted).toBe(before.submitted);
		expect(after.areas.every((a) => a.latest === 4)).toBe(true);
		// then-vs-now compares today with an earlier day, never today with itself
		expect(after.previousAt?.getTime()).not.toBe(after.latestAt?.getTime());
		expect(second.ok && second.id).toBeTruthy();
		const drafts = await t.db
			.selectFrom('self_assessment')
			.select('id')
			.where('user_id', '=', ahmed.user.id)
			.where('status', '=', 'draft')
			.execute();
		expect(drafts).toEqual([]);
		// The database refuses a second submitted round on one day, whatever the code path.
		await expect(
			sql`insert into self_assessment (user_id, version_id, status, submitted_at)
				values (${ahmed.user.id}, ${f.id}, 'submitted', now())`.execute(t.db)
		).rejects.toThrow(/self_assessment_one_per_day|unique/);
	});

	it('a development activity and a goal', async () => {
		await expectOnce('development_activity', (token) =>
			addActivity(
				t.db,
				ahmed.user.id,
				{
					kind: 'workshop',
					title: 'Coachen van volwassenen',
					provider: 'SBB',
					activityDate: today(),
					hours: 3,
					impact: ''
				},
				token
			)
		);
		await expectOnce('development_goal', (token) =>
			addGoal(t.db, ahmed.user.id, { text: 'Intervisie opzetten', targetDate: null }, token)
		);
	});

	it('a trajectory', async () => {
		const ingrid = (await contextFor(t.db, 'opleider2@delinde.example', DELINDE)).user.id;
		const learnersBefore = await rows('learner');
		await expectOnce('trajectory', (token) =>
			createTrajectory(
				t.db,
				hr,
				{
					newLearnerName: 'Joyce Eenmaal',
					route: 'bbl_diploma',
					targetKind: 'qualification',
					crebo: '25476',
					startDate: daysFromToday(-10),
					trainerIds: [ingrid]
				},
				token
			)
		);
		expect(await rows('learner')).toBe(learnersBefore + 1);
	});

	it('assessments (quick-assess)', async () => {
		const count = await expectOnce(
			'assessment',
			(token) =>
				recordAssessments(
					t.db,
					ahmed,
					fatimaTrajectory,
					{
						kind: 'trainer',
						assessedOn: today(),
						entries: openWps.slice(0, 2).map((id) => ({ workProcessId: id, level: 2 }))
					},
					token
				),
			2
		);
		expect(count).toBe(2);
	});

	it('evidence: a note and a file (the duplicate’s file is not kept)', async () => {
		await expectOnce('evidence', (token) =>
			addEvidence(
				t.db,
				fatima,
				fatimaTrajectory,
				{ workProcessId: openWps[0], kind: 'note', body: 'Vandaag zelf de overdracht gedaan' },
				token
			)
		);
		const files = await import('node:fs').then((fs) => {
			const dir = `${process.env.FILES_DIR}/${fatima.company.id}`;
			return () => (fs.existsSync(dir) ? fs.readdirSync(dir).length : 0);
		});
		const before = files();
		// A real image: uploads are checked by decoding them (files/check.ts).
		const PNG = png();
		await expectOnce('evidence', (token) =>
			addEvidence(
				t.db,
				fatima,
				fatimaTrajectory,
				{ workProcessId: openWps[0], kind: 'file', file: { name: 'foto.png', bytes: PNG } },
				token
			)
		);
		expect(files()).toBe(before + 1);
	});

	it('exemptions (both answers name the work processes recorded)', async () => {
		const count = await expectOnce(
			'exemption',
			(token) =>
				recordExemptions(
					t.db,
					ahmed,
					fatimaTrajectory,
					{
						workProcessIds: [openWps.at(-1)!],
						basis: 'experience_certificate',
						reference: 'EVC-1',
						grantedOn: daysFromToday(-400)
					},
					token
				),
			1
		);
		expect(count).toBe(1);
	});

	it('a conversation (planned once, one mail)', async () => {
		const mailsBefore = await rows('mail_outbox');
		await expectOnce('conversation', (token) => plan(10, token));
		expect(await rows('mail_outbox')).toBe(mailsBefore + 1);
	});

	it('an action in a conversation, and an addendum after signing', async () => {
		const id = await plan(20);
		await expectOnce('conversation_action', (token) =>
			addAction(
				t.db,
				ahmed,
				id,
				{
					description: 'Cursus tillen volgen',
					ownerRole: 'learner',
					dueDate: null,
					workProcessId: null
				},
				token
			)
		);
		const view = await getConversation(t.db, ahmed, id);
		await saveAgreed(t.db, ahmed, id, {
			raw: {
				werk_nu: 'Zorg',
				tevreden: '4',
				belasting: '3',
				sterk: 'Geduld',
				richting: 'Dat weet ik nog niet',
				scholing: 'Certificaat wondzorg',
				stappen: 'Informatie opvragen bij school'
			},
			version: view!.answers.agreed!.version,
			hold: true
		});
		const held = await getConversation(t.db, ahmed, id);
		await signConversation(t.db, ahmed, id, held!.answers.agreed!.version);
		const v2 = await getConversation(t.db, fatima, id);
		await signConversation(t.db, fatima, id, v2!.answers.agreed!.version);
		await expectOnce('conversation_addendum', (token) =>
			addAddendum(t.db, fatima, id, 'Aanvulling: de cursus is in maart.', token)
		);
	});
});

describe('every create, submitted twice at once, stores one record (HR, adviser, admin, election)', () => {
	it('templates: a copy and a new one', async () => {
		await expectOnce('conversation_template', async (token) =>
			copyTemplate(t.db, hr, await templateId('Loopbaan-APK'), token)
		);
		await expectOnce('conversation_template', (token) =>
			createTemplate(t.db, hr, 'Exitgesprek', 'other', token)
		);
	});

	it('an invitation (one mail; the first link is not revoked by a second)', async () => {
		const mails = await rows('mail_outbox');
		await expectOnce('invitation', (token) =>
			inviteMember(t.db, hr, { email: 'nieuw@delinde.example', roles: ['learner'] }, ORIGIN, token)
		);
		expect(await rows('mail_outbox')).toBe(mails + 1);
		const open = await t.db
			.selectFrom('invitation')
			.select('id')
			.where('email', '=', 'nieuw@delinde.example')
			.where('revoked_at', 'is', null)
			.execute();
		expect(open).toHaveLength(1);
		const admin = await sessionUser(t.db, 'admin@vakmaat.example');
		await expectOnce('invitation', (token) =>
			inviteHrForCompany(
				t.db,
				{ user: admin, requestId: 'r' },
				hr.company.id,
				'hr2@delinde.example',
				ORIGIN,
				token
			)
		);
	});

	it('a company with its first HR manager', async () => {
		const admin = await sessionUser(t.db, 'admin@vakmaat.example');
		const created = await expectOnce('company', (token) =>
			createCompanyWithHr(
				t.db,
				{ user: admin, requestId: 'r' },
				{
					name: 'Garage Eenmaal',
					kvkNumber: '87654321',
					sbbNumber: '',
					street: 'Industrieweg 1',
					postcode: '5611ab',
					city: 'Eindhoven',
					regionId: 33,
					sectorChamberId: 2
				},
				'hr@eenmaal.example',
				ORIGIN,
				token
			)
		);
		expect(created.slug).toBe('garage-eenmaal');
	});

	it('an adviser’s contact', async () => {
		const adviser = await sessionUser(t.db, 'adviseur@sbb.example');
		const company = (await companyForAdviser(t.db, adviser, hr.company.id))!;
		await expectOnce('adviser_contact', (token) =>
			addContact(
				t.db,
				adviser,
				company,
				{
					contactedOn: today(),
					kind: 'workshop',
					notes: '',
					agreements: '',
					followUpOn: ''
				},
				'r',
				token
			)
		);
	});

	it('an election: round, panel, juror, nomination', async () => {
		const admin = await sessionUser(t.db, 'admin@vakmaat.example');
		const at = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000);
		const year = thisYear() + 20;
		const roundId = await expectOnce('award_round', (token) =>
			createRound(
				t.db,
				admin.id,
				{
					year,
					title: `Beste LLO-praktijkopleider ${year}`,
					nominationsOpenAt: at(-1),
					nominationsCloseAt: at(10),
					regionalJuryUntil: at(20),
					nationalJuryUntil: at(30),
					finalistsPerPanel: 1
				},
				token
			)
		);
		const panel = await expectOnce('jury_panel', (token) =>
			addPanel(t.db, roundId, { kind: 'national', name: 'Landelijk', regionIds: [] }, undefined, {
				userId: admin.id,
				token
			})
		);
		await expectOnce('jury_member', (token) =>
			addJuror(t.db, panel, 'adviseur@sbb.example', { userId: admin.id, token })
		);
		const criteria = await criteriaOf(t.db, roundId);
		await expectOnce('nomination', (token) =>
			nominate(
				t.db,
				fatima.user.id,
				roundId,
				{ userId: ahmed.user.id, companyId: ahmed.company.id },
				{
					motivations: Object.fromEntries(criteria.map((c) => [c.id, 'x'.repeat(MIN_MOTIVATION)])),
					evidence: '',
					nominatorNamed: false
				},
				ORIGIN,
				undefined,
				token
			)
		);
	});

	it('a certificate, a certificate catalogue, an obtained certificate', async () => {
		const admin = await sessionUser(t.db, 'admin@vakmaat.example');
		const actor = { userId: admin.id, requestId: 'r' };
		const wps = await t.db
			.selectFrom('trajectory_work_process as twp')
			.innerJoin('work_process as wp', 'wp.id', 'twp.work_process_id')
			.select('wp.code')
			.where('twp.trajectory_id', '=', fatimaTrajectory)
			.orderBy('wp.code')
			.execute();
		const crebo = (
			await t.db
				.selectFrom('trajectory as tr')
				.innerJoin('qualification as q', 'q.id', 'tr.qualification_id')
				.select('q.crebo')
				.where('tr.id', '=', fatimaTrajectory)
				.executeTakeFirstOrThrow()
		).crebo;
		const certificateId = await expectOnce('certificate', (token) =>
			createCertificate(
				t.db,
				actor,
				{ code: 'ONCE-1', title: 'Eenmaal', crebo, workProcessCodes: [wps[0].code] },
				token
			)
		);
		await expectOnce(
			'certificate',
			(token) =>
				importCatalogue(
					t.db,
					actor,
					{
						electives: [],
						certificates: [
							{ code: 'ONCE-2', title: 'Twee', crebo, workProcessCodes: [wps[1].code] }
						]
					},
					token
				),
			1
		);
		await expectOnce('obtained_certificate', (token) =>
			recordObtainedCertificate(
				t.db,
				hr,
				{ learnerId: fatimaLearner, certificateId, obtainedOn: today(), issuer: 'ROC' },
				token
			)
		);
	});

	it('a qualification upload and its confirmation (the upload id is the token)', async () => {
		const admin = await sessionUser(t.db, 'admin@vakmaat.example');
		const file = {
			name: '2755_Dienstverlening.xml',
			content: readFileSync(
				'tests/fixtures/sbb-kwalificatiestructuur-2016/2755_Dienstverlening.xml',
				'utf8'
			)
		};
		const uploadId = await expectOnce('qualification_upload', (token) =>
			stageUpload(t.db, admin, [file], token)
		);
		const dossiers = await rows('qualification_dossier');
		const [a, b] = await Promise.all([
			confirmUpload(t.db, admin, uploadId, 'r'),
			confirmUpload(t.db, admin, uploadId, 'r')
		]);
		expect(a).not.toBeNull();
		expect(b).toEqual(a);
		const changed = a!.dossiers.filter((d) => d.action !== 'unchanged').length;
		expect(await rows('qualification_dossier')).toBe(dossiers + changed);
		expect(await rows('qualification_upload')).toBe(0);
	});

	it('a draft of the competence framework', async () => {
		const admin = await sessionUser(t.db, 'admin@vakmaat.example');
		await expectOnce('competence_framework_version', (token) => createDraft(t.db, admin.id, token));
	});
});

describe('housekeeping', () => {
	it('removes form tokens after two days', async () => {
		const token = randomUUID();
		await sql`insert into form_token (user_id, purpose, token, created_at)
			values (${ahmed.user.id}, 'old', ${token}, now() - interval '3 days')`.execute(t.db);
		const tokens = await rows('form_token');
		const result = await runHousekeeping(t.db);
		expect(result.deleted.formTokens).toBe(1);
		expect(await rows('form_token')).toBe(tokens - 1);
	});
});
