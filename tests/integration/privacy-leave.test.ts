import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listMemberships } from '../../src/lib/server/auth/context';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { log } from '../../src/lib/server/log';
import { runAnonymisation } from '../../src/lib/server/privacy/anonymise';
import { STAND_IN_NAME } from '../../src/lib/server/privacy/anonymisation-plan';
import {
	applyDueMembershipEnds,
	cancelMembershipEnd,
	endMembership,
	leaveNotices,
	setRetentionMonths
} from '../../src/lib/server/privacy/leave';
import { passportFor } from '../../src/lib/server/trajectories/passport';
import { addMonths, daysFromToday, momentFromNow, today } from '../clock';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, userId } from './fixtures';
import * as records from './records';

/**
 * Leaving a company (issue 18). Fatima Yilmaz learns at Zorggroep De Linde (demo: a
 * trajectory with judgements, a note and a PDF, a signed conversation) and here also at
 * Bouwbedrijf Van Dijk. HR of De Linde ends her membership with a date; after the
 * company's retention period the daily job anonymises her records there: no search of any
 * De Linde table finds her name, e-mail or the marker text, her De Linde files are gone,
 * her Van Dijk records are untouched, every count stays, her passport still shows what she
 * achieved, and it runs once. Peter Dekker's anonymisation fails halfway: nothing changes.
 */
let t: TestDatabase;
let fatima: string;
let peter: string;
let linde: string;
let vanDijk: string;
const MARKER = 'LEAVE-MARKER-7Q';
const NAME = 'Fatima Yilmaz';
const EMAIL = 'lerende@delinde.example';

const find = (company: string, needle: string) => records.find(t.db, company, needle);
// The job adds its own audit entry; invitations to her address are deleted by design.
const figures = (company: string) =>
	records.figures(t.db, company, ['audit_log', 'invitation', 'culture_invitation']);
const addFile = (
	company: string,
	trajectory: string,
	wp: number,
	text: string,
	title = `Bestand ${MARKER}`
) => records.addFile(t.db, company, trajectory, wp, text, title);
const trajectoryOf = (user: string, company: string) => records.trajectoryOf(t.db, user, company);

let lindeFile: string;
let vanDijkFile: string;
let peterFile: string;

beforeAll(async () => {
	vi.spyOn(log, 'info').mockImplementation(() => undefined);
	vi.spyOn(log, 'error').mockImplementation(() => undefined);
	t = await createTestDatabase();
	await seedDemo(t.db);
	fatima = await userId(t.db, EMAIL);
	peter = await userId(t.db, 'p.dekker@delinde.example');
	const company = (slug: string) =>
		t.db.selectFrom('company').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
	linde = (await company('zorggroep-de-linde')).id;
	vanDijk = (await company('bouwbedrijf-van-dijk')).id;

	// Fatima at Van Dijk too, with a judgement, a note and a file carrying the marker.
	const bouw = await records.learnerAt(
		t.db,
		vanDijk,
		{ id: fatima, name: NAME, email: EMAIL },
		`Bouw ${MARKER}`
	);
	vanDijkFile = await addFile(vanDijk, bouw.trajectory, bouw.wp, `${NAME} bouw`);

	// De Linde: the marker in every kind of free text on her records.
	const mine = await trajectoryOf(fatima, linde);
	lindeFile = await addFile(linde, mine.id, mine.wp, `${NAME} ${MARKER}`);
	await t.db
		.insertInto('assessment')
		.values({
			company_id: linde,
			trajectory_id: mine.id,
			work_process_id: mine.wp,
			level: 3,
			assessor_kind: 'school',
			assessor_name: `Schoolbeoordelaar ${MARKER}`,
			assessed_on: daysFromToday(-10),
			comment: `Goed gedaan ${MARKER}`
		})
		.execute();
	await t.db
		.insertInto('exemption')
		.values({
			company_id: linde,
			trajectory_id: mine.id,
			work_process_id: (
				await t.db
					.selectFrom('trajectory_work_process')
					.select('work_process_id')
					.where('company_id', '=', linde)
					.where('trajectory_id', '=', mine.id)
					.where('work_process_id', '<>', mine.wp)
					.limit(1)
					.executeTakeFirstOrThrow()
			).work_process_id,
			basis: 'earlier_diploma',
			reference: `Diploma ${MARKER}`,
			granted_on: daysFromToday(-20)
		})
		.execute();
	await sql`update evidence set body = body || ${' ' + MARKER}
		where company_id = ${linde} and trajectory_id = ${mine.id} and kind = 'note'`.execute(t.db);
	await sql`update conversation_answer set answers = jsonb_set(answers, '{marker}', to_jsonb(${MARKER}::text))
		where company_id = ${linde} and conversation_id in
			(select id from conversation where company_id = ${linde} and learner_id = ${mine.learner})`.execute(
		t.db
	);
	const conversation = await t.db
		.selectFrom('conversation')
		.select('id')
		.where('company_id', '=', linde)
		.where('learner_id', '=', mine.learner)
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('conversation_action')
		.values({
			company_id: linde,
			conversation_id: conversation.id,
			learner_id: mine.learner,
			description: `Actie ${MARKER}`,
			owner_role: 'learner'
		})
		.execute();
	await t.db
		.insertInto('conversation_addendum')
		.values({
			company_id: linde,
			conversation_id: conversation.id,
			body: `Aanvulling ${MARKER}`,
			created_by: fatima
		})
		.execute();
	await t.db
		.insertInto('audit_log')
		.values({
			company_id: linde,
			action: 'invitation.created',
			entity_type: 'invitation',
			data: JSON.stringify({ email: EMAIL, roles: ['learner'] })
		})
		.execute();

	// Peter: a file of his own, for the failure case.
	const his = await trajectoryOf(peter, linde);
	peterFile = await addFile(linde, his.id, his.wp, 'Peter Dekker bestand', 'Bestand van Peter');
}, 180_000);
afterAll(() => t?.close());

describe('ending a membership', () => {
	it('plans an end date, can take it back, and keeps access until the date', async () => {
		const hr = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		const endsOn = daysFromToday(30);
		expect(await endMembership(t.db, hr, fatima, endsOn)).toBe('planned');
		expect((await listMemberships(t.db, fatima)).map((m) => m.company.id)).toContain(linde);
		const notices = await leaveNotices(t.db, fatima);
		expect(notices).toEqual([
			expect.objectContaining({
				company: 'Zorggroep De Linde',
				state: 'planned',
				endsOn,
				keptUntil: addMonths(endsOn, 24)
			})
		]);

		await cancelMembershipEnd(t.db, hr, fatima);
		expect(await leaveNotices(t.db, fatima)).toEqual([]);
		await expect(endMembership(t.db, hr, hr.user.id, endsOn)).rejects.toMatchObject({
			code: 'cannot_deactivate_self'
		});
		expect(await endMembership(t.db, hr, fatima, endsOn)).toBe('planned');
	});

	it('ends it on the date: no access, open trajectories stopped', async () => {
		// On the date itself, before the job round: no access already.
		await sql`update membership set ends_on = current_date
			where company_id = ${linde} and user_id = ${fatima}`.execute(t.db);
		expect((await listMemberships(t.db, fatima)).map((m) => m.company.id)).not.toContain(linde);
		expect((await listMemberships(t.db, fatima)).map((m) => m.company.id)).toContain(vanDijk);

		expect(await applyDueMembershipEnds(t.db)).toBe(1);
		expect(await applyDueMembershipEnds(t.db)).toBe(0);
		const m = await t.db
			.selectFrom('membership')
			.select(['deactivated_at', 'ends_on'])
			.where('company_id', '=', linde)
			.where('user_id', '=', fatima)
			.executeTakeFirstOrThrow();
		expect(m.deactivated_at).not.toBeNull();
		expect(m.ends_on).toBe(today());
		const open = await sql<{ n: number }>`select count(*)::int as n from trajectory tr
			join learner l on l.company_id = tr.company_id and l.id = tr.learner_id
			where l.user_id = ${fatima} and tr.company_id = ${linde} and tr.status in ('active', 'paused')`.execute(
			t.db
		);
		expect(open.rows[0].n).toBe(0);
		// Van Dijk's trajectory goes on.
		const bouw = await sql<{ status: string }>`select tr.status from trajectory tr
			where tr.company_id = ${vanDijk}`.execute(t.db);
		expect(bouw.rows.map((r) => r.status)).toEqual(['active']);
		expect(await leaveNotices(t.db, fatima)).toEqual([
			expect.objectContaining({ state: 'ended', keptUntil: addMonths(today(), 24) })
		]);
	});
});

describe('the daily anonymisation', () => {
	let before: Awaited<ReturnType<typeof figures>>;
	let passportBefore: Awaited<ReturnType<typeof passportFor>>;
	let vanDijkBefore: string[];
	// Each run is a day after the previous one (the job runs once a day).
	let run = 0;
	const nextRun = (days: number) => momentFromNow(days + run++);

	it('waits for the retention period', async () => {
		expect(await find(linde, NAME)).not.toEqual([]);
		expect(await find(linde, MARKER)).not.toEqual([]);
		before = await figures(linde);
		passportBefore = await passportFor(t.db, fatima);
		vanDijkBefore = await find(vanDijk, MARKER);
		expect(vanDijkBefore.length).toBeGreaterThan(0);

		const result = await runAnonymisation(t.db, { now: nextRun(30) });
		expect(result).toMatchObject({ skipped: false, anonymised: 0 });
		expect(await runAnonymisation(t.db, { now: momentFromNow(30) })).toMatchObject({
			skipped: true
		});
	});

	it('anonymises her De Linde records once the retention period passed', async () => {
		// A shorter period counts too: 6 months.
		const hr = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		await setRetentionMonths(t.db, hr, 6);
		const when = new Date(`${addMonths(today(), 6)}T12:00:00Z`);
		const result = await runAnonymisation(t.db, { now: when });
		expect(result).toMatchObject({ skipped: false, anonymised: 1, failed: 0, files: 2 });
	});

	it('leaves no name, e-mail or free text of hers in any De Linde table', async () => {
		expect(await find(linde, NAME)).toEqual([]);
		expect(await find(linde, EMAIL)).toEqual([]);
		expect(await find(linde, MARKER)).toEqual([]);
		// Her account id stays only on her own membership (hidden from the company) and on
		// award nominations (kept for the election's own retention).
		const ids = await find(linde, fatima);
		expect(new Set(ids.map((h) => h.split(':')[0]))).toEqual(
			new Set(['membership', 'nomination'].filter((x) => ids.some((h) => h.startsWith(x))))
		);
		expect(ids.some((h) => h.startsWith('membership'))).toBe(true);
		expect(existsSync(lindeFile)).toBe(false);
		const learner = await t.db
			.selectFrom('learner')
			.select(['name', 'email', 'user_id'])
			.where('company_id', '=', linde)
			.where('name', '=', STAND_IN_NAME)
			.execute();
		expect(learner).toEqual([{ name: STAND_IN_NAME, email: null, user_id: null }]);
	});

	it('keeps every count and summary', async () => {
		expect(await figures(linde)).toEqual(before);
	});

	it('leaves her Van Dijk records as they were', async () => {
		expect(await find(vanDijk, MARKER)).toEqual(vanDijkBefore);
		expect(await find(vanDijk, NAME)).not.toEqual([]);
		expect(existsSync(vanDijkFile)).toBe(true);
		expect((await listMemberships(t.db, fatima)).map((m) => m.company.id)).toEqual([vanDijk]);
	});

	it('keeps what she achieved in her passport', async () => {
		const after = await passportFor(t.db, fatima);
		const strip = (p: typeof after) =>
			p.trajectories
				.map((tr) => ({ ...tr, status: undefined }))
				.sort((a, b) => (a.company + a.title).localeCompare(b.company + b.title));
		expect(strip(after)).toEqual(strip(passportBefore));
		const certs = (p: typeof after) =>
			[...p.certificates].sort((a, b) => (a.company + a.code).localeCompare(b.company + b.code));
		expect(certs(after)).toEqual(certs(passportBefore));
		const linde = after.trajectories.find((tr) => tr.company === 'Zorggroep De Linde')!;
		expect(linde.achievements.length).toBeGreaterThan(0);
		expect(await leaveNotices(t.db, fatima)).toEqual([
			expect.objectContaining({ company: 'Zorggroep De Linde', state: 'anonymised' })
		]);
	});

	it('runs once, and audits only that it happened', async () => {
		const again = await runAnonymisation(t.db, { now: momentFromNow(400 + run++) });
		expect(again).toMatchObject({ skipped: false, anonymised: 0 });
		const entries = await t.db
			.selectFrom('audit_log')
			.select(['actor_user_id', 'subject_user_id', 'entity_id', 'data'])
			.where('company_id', '=', linde)
			.where('action', '=', 'membership.anonymised')
			.execute();
		expect(entries).toEqual([
			{ actor_user_id: null, subject_user_id: null, entity_id: null, data: {} }
		]);
	});

	it('changes nothing when it fails halfway, and retries', async () => {
		const his = await trajectoryOf(peter, linde);
		await sql`update membership set deactivated_at = now() - interval '8 months'
			where company_id = ${linde} and user_id = ${peter}`.execute(t.db);
		const snapshot = async () => ({
			hits: await find(linde, 'Peter Dekker'),
			learner: await t.db.selectFrom('learner').selectAll().where('id', '=', his.learner).execute(),
			evidence: await t.db
				.selectFrom('evidence')
				.selectAll()
				.where('company_id', '=', linde)
				.where('trajectory_id', '=', his.id)
				.orderBy('id')
				.execute(),
			snapshots: await t.db
				.selectFrom('passport_snapshot')
				.select('id')
				.where('user_id', '=', peter)
				.execute()
		});
		const beforeFail = await snapshot();
		expect(beforeFail.hits.length).toBeGreaterThan(0);
		// The last step, marking the membership, fails.
		await sql`create function fail_anonymised() returns trigger language plpgsql as $$
			begin
				if new.anonymised_at is not null then raise exception 'injected failure'; end if;
				return new;
			end $$`.execute(t.db);
		await sql`create trigger fail_anonymised before update on membership
			for each row execute function fail_anonymised()`.execute(t.db);
		const failed = await runAnonymisation(t.db, { now: momentFromNow(500 + run++) });
		expect(failed).toMatchObject({ anonymised: 0, failed: 1, files: 0 });
		expect(await snapshot()).toEqual(beforeFail);
		expect(existsSync(peterFile)).toBe(true);

		await sql`drop trigger fail_anonymised on membership`.execute(t.db);
		const retried = await runAnonymisation(t.db, { now: momentFromNow(501 + run++) });
		expect(retried).toMatchObject({ anonymised: 1, failed: 0 });
		expect(await find(linde, 'Peter Dekker')).toEqual([]);
		expect(existsSync(peterFile)).toBe(false);
	});
});
