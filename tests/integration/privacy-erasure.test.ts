import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { DomainError, NotFoundError } from '../../src/lib/server/errors';
import { log } from '../../src/lib/server/log';
import {
	cancelErasure,
	openErasureCount,
	openErasureRequest,
	openErasureRequests,
	requestErasure
} from '../../src/lib/server/privacy/erasure';
import {
	erasureConsequences,
	executeErasure,
	isOpenErasure
} from '../../src/lib/server/privacy/erase';
import { createTestDatabase, type TestDatabase } from './db';
import { userId } from './fixtures';
import * as records from './records';

/**
 * Erasure on request (issue 18). Fatima Yilmaz learns at Zorggroep De Linde (demo: a
 * trajectory with judgements, a note and a PDF, a signed conversation) and here also at
 * Bouwbedrijf Van Dijk, with free text carrying a marker and a file in both. She asks for
 * her account to be deleted; the admin sees what it means per company and carries it out.
 * Afterwards no table of the database holds her name, e-mail, account id or the marker,
 * her files are gone, and every count and summary of both companies is as before. Peter
 * Dekker's erasure fails halfway: nothing changes, and a retry completes it.
 */
let t: TestDatabase;
let fatima: string;
let peter: string;
let admin: string;
let linde: string;
let vanDijk: string;
const MARKER = 'ERASE-MARKER-4K';
const NAME = 'Fatima Yilmaz';
const EMAIL = 'lerende@delinde.example';
const files: string[] = [];
let peterFile: string;

// The erasure deletes her membership and adds its own audit entries; invitations and
// scan links to her address are deleted by design.
const SKIP = ['audit_log', 'invitation', 'culture_invitation', 'membership'];
const figures = (company: string) => records.figures(t.db, company, SKIP);
const everywhere = (needle: string) => records.find(t.db, null, needle);

beforeAll(async () => {
	vi.spyOn(log, 'info').mockImplementation(() => undefined);
	vi.spyOn(log, 'warn').mockImplementation(() => undefined);
	t = await createTestDatabase();
	await seedDemo(t.db);
	fatima = await userId(t.db, EMAIL);
	peter = await userId(t.db, 'p.dekker@delinde.example');
	admin = await userId(t.db, 'admin@vakmaat.example');
	const company = (slug: string) =>
		t.db.selectFrom('company').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
	linde = (await company('zorggroep-de-linde')).id;
	vanDijk = (await company('bouwbedrijf-van-dijk')).id;

	// Fatima at Van Dijk too: a trajectory with a judgement and a file.
	const bouw = await records.learnerAt(
		t.db,
		vanDijk,
		{ id: fatima, name: NAME, email: EMAIL },
		`Bouw ${MARKER}`
	);
	files.push(
		await records.addFile(
			t.db,
			vanDijk,
			bouw.trajectory,
			bouw.wp,
			`${NAME} bouw`,
			`Bestand ${MARKER}`
		)
	);

	// De Linde: a file, the marker in a note and an answer; a mail and a sign-in record.
	const mine = await records.trajectoryOf(t.db, fatima, linde);
	files.push(
		await records.addFile(t.db, linde, mine.id, mine.wp, `${NAME} ${MARKER}`, `Bestand ${MARKER}`)
	);
	await sql`update evidence set body = body || ${' ' + MARKER}
		where company_id = ${linde} and trajectory_id = ${mine.id} and kind = 'note'`.execute(t.db);
	await sql`update conversation_answer set answers = jsonb_set(answers, '{marker}', to_jsonb(${MARKER}::text))
		where company_id = ${linde} and conversation_id in
			(select id from conversation where company_id = ${linde} and learner_id = ${mine.learner})`.execute(
		t.db
	);
	await t.db
		.insertInto('mail_outbox')
		.values({ kind: 'test', recipient: EMAIL, subject: 'Hallo', body: `Beste ${NAME}` })
		.execute();
	await t.db
		.insertInto('login_attempt')
		.values({ email: EMAIL, ip: '192.0.2.1', success: true })
		.execute();

	// Peter: a file of his own, for the failure case.
	const his = await records.trajectoryOf(t.db, peter, linde);
	peterFile = await records.addFile(
		t.db,
		linde,
		his.id,
		his.wp,
		'Peter Dekker bestand',
		'Bestand van Peter'
	);
}, 180_000);
afterAll(() => t?.close());

describe('asking for erasure', () => {
	it('stores one request for a double submit, and can be taken back', async () => {
		await Promise.all([requestErasure(t.db, fatima), requestErasure(t.db, fatima)]);
		const rows = await t.db.selectFrom('erasure_request').selectAll().execute();
		expect(rows).toHaveLength(1);
		await cancelErasure(t.db, fatima);
		expect(await openErasureRequest(t.db, fatima)).toBeNull();
		await requestErasure(t.db, fatima);
		expect(await openErasureRequest(t.db, fatima)).not.toBeNull();
		expect(await openErasureCount(t.db)).toBe(1);
	});

	it('shows the admin what it means in each company', async () => {
		const [open] = await openErasureRequests(t.db);
		expect(open).toMatchObject({ name: NAME, email: EMAIL, companies: 2 });
		const c = await erasureConsequences(t.db, open.id, admin);
		expect(c.blockers).toEqual([]);
		expect(c.companies.map((x) => x.company)).toEqual([
			'Bouwbedrijf Van Dijk & Zonen',
			'Zorggroep De Linde'
		]);
		const vd = c.companies[0];
		expect(vd).toMatchObject({ trajectories: 1, assessments: 1, evidence: 1, files: 1 });
		expect(c.companies[1].trajectories).toBeGreaterThan(0);
		expect(c.companies[1].files).toBeGreaterThanOrEqual(1);
	});

	it('is 404 for an id that is not an open request', async () => {
		await expect(erasureConsequences(t.db, crypto.randomUUID(), admin)).rejects.toThrow(
			NotFoundError
		);
		await expect(erasureConsequences(t.db, 'not-a-uuid', admin)).rejects.toThrow(NotFoundError);
		expect(await isOpenErasure(t.db, crypto.randomUUID())).toBe(false);
		expect(await isOpenErasure(t.db, 'not-a-uuid')).toBe(false);
		expect(await isOpenErasure(t.db, (await openErasureRequest(t.db, fatima))!.id)).toBe(true);
	});

	it('cannot be carried out by the person who asked, nor for an admin', async () => {
		await requestErasure(t.db, admin);
		const own = (await openErasureRequest(t.db, admin))!;
		expect((await erasureConsequences(t.db, own.id, admin)).blockers).toContain('self');
		await expect(executeErasure(t.db, admin, own.id)).rejects.toThrow(DomainError);
		const other = await userId(t.db, 'hr@delinde.example');
		await t.db.insertInto('platform_role').values({ user_id: other, role: 'admin' }).execute();
		const blockers = (await erasureConsequences(t.db, own.id, other)).blockers;
		expect(blockers).toContain('admin');
		expect(blockers).not.toContain('self');
		await expect(executeErasure(t.db, other, own.id)).rejects.toMatchObject({
			code: 'erasure_blocked'
		});
		await t.db.deleteFrom('platform_role').where('user_id', '=', other).execute();
		await cancelErasure(t.db, admin);
	});
});

describe('carrying it out', () => {
	let before: Record<string, Awaited<ReturnType<typeof figures>>>;
	let requestId: string;

	it('removes her from every company and the platform', async () => {
		expect(await everywhere(NAME)).not.toEqual([]);
		before = { [linde]: await figures(linde), [vanDijk]: await figures(vanDijk) };
		requestId = (await openErasureRequest(t.db, fatima))!.id;
		const planned = await erasureConsequences(t.db, requestId, admin);
		const result = await executeErasure(t.db, admin, requestId);
		// Her files: the two added here and the demo's PDF.
		expect(result).toEqual({
			companies: 2,
			files: planned.companies.reduce((n, c) => n + c.files, 0)
		});
		expect(result.files).toBe(3);
	});

	it('leaves no name, e-mail, account id or free text of hers in any table', async () => {
		expect(await everywhere(NAME)).toEqual([]);
		expect(await everywhere(EMAIL)).toEqual([]);
		expect(await everywhere(fatima)).toEqual([]);
		expect(await everywhere(MARKER)).toEqual([]);
		// Another learner of the same company keeps everything.
		expect(await everywhere('Peter Dekker')).not.toEqual([]);
		expect(existsSync(peterFile)).toBe(true);
	});

	it('removes her files', () => {
		for (const f of files) expect(existsSync(f)).toBe(false);
	});

	it('keeps every count, and every summary adds up', async () => {
		for (const company of [linde, vanDijk]) {
			const after = await figures(company);
			// Every row stays (anonymised), every judgement and progress figure too.
			expect({ ...after, summary: undefined }).toEqual({ ...before[company], summary: undefined });
			// Her active trajectories stopped with her membership: the adviser's summary, kept
			// up to date in the same transaction, equals one computed afresh.
			await sql`select refresh_company_overview(array[${company}]::uuid[])`.execute(t.db);
			expect((await figures(company)).summary).toEqual(after.summary);
		}
		expect(before[linde].summary.active_learners! - 1).toBe(
			(await figures(linde)).summary.active_learners
		);
	});

	it('audits only that it happened', async () => {
		const entries = await t.db
			.selectFrom('audit_log')
			.select(['actor_user_id', 'subject_user_id', 'entity_id', 'data'])
			.where('action', '=', 'erasure.executed')
			.execute();
		expect(entries).toEqual([
			{ actor_user_id: admin, subject_user_id: null, entity_id: requestId, data: { companies: 2 } }
		]);
		const request = await t.db
			.selectFrom('erasure_request')
			.select(['user_id', 'executed_by'])
			.where('id', '=', requestId)
			.executeTakeFirstOrThrow();
		expect(request).toEqual({ user_id: null, executed_by: admin });
	});

	it('runs once: a second submit is 404', async () => {
		await expect(executeErasure(t.db, admin, requestId)).rejects.toThrow(NotFoundError);
	});

	it('changes nothing when it fails halfway, and can be retried', async () => {
		await requestErasure(t.db, peter);
		const id = (await openErasureRequest(t.db, peter))!.id;
		const snapshot = async () => ({
			hits: await everywhere('Peter Dekker'),
			linde: await figures(linde)
		});
		const beforeFail = await snapshot();
		expect(beforeFail.hits.length).toBeGreaterThan(0);
		// The last step, deleting the account, fails.
		await sql`create function fail_erasure() returns trigger language plpgsql as $$
			begin raise exception 'injected failure'; end $$`.execute(t.db);
		await sql`create trigger fail_erasure before delete on app_user
			for each row execute function fail_erasure()`.execute(t.db);
		await expect(executeErasure(t.db, admin, id)).rejects.toThrow('injected failure');
		expect(await snapshot()).toEqual(beforeFail);
		expect(existsSync(peterFile)).toBe(true);
		expect(await openErasureRequest(t.db, peter)).not.toBeNull();

		await sql`drop trigger fail_erasure on app_user`.execute(t.db);
		expect(await executeErasure(t.db, admin, id)).toMatchObject({ companies: 1 });
		expect(await everywhere('Peter Dekker')).toEqual([]);
		expect(existsSync(peterFile)).toBe(false);
	});

	it('erases a trainer: profile, coaching and nominations received go, the rest adds up', async () => {
		const ahmed = await userId(t.db, 'opleider@delinde.example');
		const name = 'Ahmed El Amrani';
		expect(
			await t.db.selectFrom('nomination').where('nominee_id', '=', ahmed).execute()
		).not.toEqual([]);
		// Rows that exist only for him go by design (his coaching, capacity, feedback about him, the
		// nomination he received).
		const skip = [
			...SKIP,
			'trajectory_trainer',
			'trainer_capacity',
			'trainer_feedback',
			'nomination'
		];
		const lindeBefore = await records.figures(t.db, linde, skip);
		await requestErasure(t.db, ahmed);
		const id = (await openErasureRequest(t.db, ahmed))!.id;
		const planned = await erasureConsequences(t.db, id, admin);
		expect(planned.blockers).toEqual([]);
		expect(planned.own.trainerProfile).toBe(true);
		expect(planned.companies[0].coached).toBeGreaterThan(0);
		await executeErasure(t.db, admin, id);

		expect(await everywhere(name)).toEqual([]);
		expect(await everywhere('opleider@delinde.example')).toEqual([]);
		expect(await everywhere(ahmed)).toEqual([]);
		const after = await records.figures(t.db, linde, skip);
		expect({ ...after, summary: undefined }).toEqual({ ...lindeBefore, summary: undefined });
		await sql`select refresh_company_overview(array[${linde}]::uuid[])`.execute(t.db);
		expect((await records.figures(t.db, linde, skip)).summary).toEqual(after.summary);
	});
});
