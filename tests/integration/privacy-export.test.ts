import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { filesDir } from '../../src/lib/server/files/storage';
import { checkZip } from '../../src/lib/server/files/zip';
import { personalDataExport } from '../../src/lib/server/privacy/export';
import {
	claimExportLink,
	createExportLink,
	exportZip
} from '../../src/lib/server/privacy/download';
import { accessLog, readerOf, recordRead } from '../../src/lib/server/privacy/access-log';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, userId } from './fixtures';

/**
 * "Alles over mij" (issue 18): Fatima Yilmaz is a learner at Zorggroep De Linde (demo) and
 * here also at Bouwbedrijf Van Dijk, with a judgement, a note and a file there. Her export
 * holds both companies' records and nothing of Peter Dekker, Linda Smit or Tom Bos
 * (other learners of the same companies, with judgements and notes of their own), nor the
 * preparation her trainer has not shared with her.
 */
let t: TestDatabase;
let fatima: string;
let ahmed: string;
const FILE_TEXT = 'bewijs-inhoud van Fatima';

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	fatima = await userId(t.db, 'lerende@delinde.example');
	ahmed = await userId(t.db, 'opleider@delinde.example');
	const kees = await userId(t.db, 'opleider@vandijkbouw.example');
	const vanDijk = (
		await t.db
			.selectFrom('company')
			.select('id')
			.where('slug', '=', 'bouwbedrijf-van-dijk')
			.executeTakeFirstOrThrow()
	).id;
	const wp = (await t.db.selectFrom('work_process').select('id').limit(1).executeTakeFirstOrThrow())
		.id;
	await t.db
		.insertInto('membership')
		.values({ company_id: vanDijk, user_id: fatima, roles: ['learner'] })
		.execute();
	const learner = await t.db
		.insertInto('learner')
		.values({
			company_id: vanDijk,
			user_id: fatima,
			name: 'Fatima Yilmaz',
			email: 'lerende@delinde.example'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const trajectory = await t.db
		.insertInto('trajectory')
		.values({
			company_id: vanDijk,
			learner_id: learner.id,
			route: 'informal',
			target_kind: 'work_processes',
			title: 'Omscholing bouw (Fatima)',
			start_date: '2026-01-05',
			status: 'active'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('trajectory_work_process')
		.values({ company_id: vanDijk, trajectory_id: trajectory.id, work_process_id: wp })
		.execute();
	await t.db
		.insertInto('assessment')
		.values({
			company_id: vanDijk,
			trajectory_id: trajectory.id,
			work_process_id: wp,
			level: 2,
			assessor_kind: 'trainer',
			assessed_by: kees,
			assessed_on: '2026-02-01',
			comment: 'FATIMA-BOUW-OORDEEL'
		})
		.execute();
	const key = `${vanDijk}/${crypto.randomUUID()}`;
	mkdirSync(join(filesDir(), vanDijk), { recursive: true });
	writeFileSync(join(filesDir(), key), FILE_TEXT);
	await t.db
		.insertInto('evidence')
		.values([
			{
				company_id: vanDijk,
				trajectory_id: trajectory.id,
				work_process_id: wp,
				kind: 'file',
				title: 'Foto van de bekisting',
				file_name: 'bekisting.txt',
				content_type: 'text/plain',
				size_bytes: FILE_TEXT.length,
				storage_key: key,
				created_by: fatima
			},
			{
				company_id: vanDijk,
				trajectory_id: trajectory.id,
				work_process_id: wp,
				kind: 'note',
				title: 'Notitie',
				body: 'FATIMA-NOTITIE',
				created_by: fatima
			}
		])
		.execute();
	// Other learners' data in the same companies, which must not leak.
	const other = await t.db
		.selectFrom('trajectory as tr')
		.innerJoin('learner as l', (j) =>
			j.onRef('l.company_id', '=', 'tr.company_id').onRef('l.id', '=', 'tr.learner_id')
		)
		.innerJoin('app_user as u', 'u.id', 'l.user_id')
		.innerJoin('trajectory_work_process as tw', (j) =>
			j.onRef('tw.company_id', '=', 'tr.company_id').onRef('tw.trajectory_id', '=', 'tr.id')
		)
		.select(['tr.company_id', 'tr.id', 'tw.work_process_id'])
		.where('u.email', '=', 'p.dekker@delinde.example')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('assessment')
		.values({
			company_id: other.company_id,
			trajectory_id: other.id,
			work_process_id: other.work_process_id,
			level: 1,
			assessor_kind: 'trainer',
			assessed_by: ahmed,
			assessed_on: '2026-02-01',
			comment: 'PETER-GEHEIM'
		})
		.execute();
	// The trainer's preparation of Fatima's conversation, not shared with her.
	await sql`update conversation_answer set answers = '{"x": "AHMED-NIET-GEDEELD"}', shared_at = null
		where role = 'trainer' and conversation_id in (select c.id from conversation c
			join learner l on l.company_id = c.company_id and l.id = c.learner_id
			where l.user_id = ${fatima}::uuid)`.execute(t.db);
}, 180_000);
afterAll(() => t?.close());

const OTHERS = [
	'Peter Dekker',
	'p.dekker@delinde.example',
	'Linda Smit',
	'l.smit@delinde.example',
	'Tom Bos',
	'PETER-GEHEIM'
];

describe('personal data export', () => {
	it("holds the user's records in both companies", async () => {
		const { document, files } = await personalDataExport(t.db, fatima);
		const json = JSON.stringify(document);
		expect(document.account.email).toBe('lerende@delinde.example');
		expect(document.memberships.map((m) => m.company).sort()).toEqual([
			'Bouwbedrijf Van Dijk & Zonen',
			'Zorggroep De Linde'
		]);
		expect(document.learnerRecords.map((l) => l.company).sort()).toEqual([
			'Bouwbedrijf Van Dijk & Zonen',
			'Zorggroep De Linde'
		]);
		const bouw = document.learnerRecords.find((l) => l.company.startsWith('Bouwbedrijf'))!;
		expect(bouw.trajectories[0].assessments[0]).toMatchObject({
			level: 2,
			assessor: 'Kees Mulder',
			comment: 'FATIMA-BOUW-OORDEEL'
		});
		expect(json).toContain('FATIMA-NOTITIE');
		expect(files.map((f) => f.path)).toContainEqual(
			expect.stringMatching(/^bewijs\/[0-9a-f]{8}-bekisting\.txt$/)
		);
		// De Linde: the demo's signed conversation with Ahmed, with its actions.
		const conv = document.conversations.find((c) => c.role === 'learner');
		expect(conv).toBeDefined();
		expect(conv && 'trainer' in conv ? conv.trainer : null).toBe('Ahmed El Amrani');
		expect(Object.keys(conv!.answers)).not.toContain('trainer');
	});

	it('holds nothing of another person', async () => {
		const json = JSON.stringify((await personalDataExport(t.db, fatima)).document);
		for (const s of [...OTHERS, 'AHMED-NIET-GEDEELD']) expect(json, s).not.toContain(s);
	});

	it("gives a trainer their own part of a conversation, not the learner's", async () => {
		const { document } = await personalDataExport(t.db, ahmed);
		const json = JSON.stringify(document);
		const held = document.conversations.filter((c) => c.role === 'trainer');
		expect(held.length).toBeGreaterThan(0);
		for (const c of held) expect(Object.keys(c.answers)).toEqual(['trainer']);
		for (const s of [...OTHERS, 'lerende@delinde.example', 'FATIMA-']) {
			expect(json, s).not.toContain(s);
		}
		// Fatima's own answers in the conversation Ahmed held with her are hers, not his.
		const learnerAnswers = await t.db
			.selectFrom('conversation_answer')
			.select('answers')
			.where('role', '=', 'learner')
			.where(
				'conversation_id',
				'in',
				held.map((c) => c.id)
			)
			.execute();
		const texts = learnerAnswers.flatMap((a) =>
			Object.values(a.answers as Record<string, unknown>).filter(
				(v): v is string => typeof v === 'string' && v.length > 10
			)
		);
		expect(texts.length).toBeGreaterThan(0);
		const conversations = JSON.stringify(document.conversations);
		for (const text of texts) expect(conversations).not.toContain(text);
		expect(conversations).not.toContain('Fatima');
	});

	it('lists views by others in the audit part', async () => {
		const hr = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		const traj = await t.db
			.selectFrom('trajectory as tr')
			.innerJoin('learner as l', (j) =>
				j.onRef('l.company_id', '=', 'tr.company_id').onRef('l.id', '=', 'tr.learner_id')
			)
			.select('tr.id')
			.where('l.user_id', '=', fatima)
			.where('tr.company_id', '=', hr.company.id)
			.executeTakeFirstOrThrow();
		await recordRead(t.db, readerOf(hr), { trajectoryId: traj.id }, 'trajectory', '/x');
		const { document } = await personalDataExport(t.db, fatima);
		expect(document.audit.aboutMe[0]).toMatchObject({
			by: 'Marieke Jansen',
			roles: ['hr'],
			what: 'trajectory',
			company: 'Zorggroep De Linde'
		});
		const log = await accessLog(t.db, fatima, { from: null, to: null, limit: 10, offset: 0 });
		expect(log.entries[0].actor.name).toBe('Marieke Jansen');
	});
});

describe('the zip', () => {
	it('is single-use: another user, a second use and an unknown link are refused', async () => {
		const token = await createExportLink(t.db, fatima);
		expect(await claimExportLink(t.db, ahmed, token)).toBe('not_found');
		expect(await claimExportLink(t.db, fatima, 'nonsense')).toBe('not_found');
		expect(await claimExportLink(t.db, fatima, token)).toBe('ok');
		expect(await claimExportLink(t.db, fatima, token)).toBe('gone');
	});

	it('expires', async () => {
		const token = await createExportLink(t.db, fatima);
		await t.db
			.updateTable('personal_data_export')
			.set({ expires_at: sql`now() - interval '1 second'` })
			.where('user_id', '=', fatima)
			.execute();
		expect(await claimExportLink(t.db, fatima, token)).toBe('gone');
	});

	it('holds README.txt, gegevens.json and the evidence files, and is audited', async () => {
		const { stream, fileName } = await exportZip(t.db, fatima, 'req-1');
		expect(fileName).toMatch(/^vakmaat-mijn-gegevens-\d{4}-\d{2}-\d{2}\.zip$/);
		const bytes = Buffer.from(await new Response(stream).arrayBuffer());
		const entries = await unzip(bytes);
		const doc0 = (await personalDataExport(t.db, fatima)).files.map((f) => f.path);
		expect([...entries.keys()].sort()).toEqual(['README.txt', ...doc0, 'gegevens.json'].sort());
		const file = [...entries.entries()].find(([k]) => k.endsWith('-bekisting.txt'))![1];
		expect(file.toString()).toBe(FILE_TEXT);
		const doc = JSON.parse(entries.get('gegevens.json')!.toString()) as { format: string };
		expect(doc.format).toBe('vakmaat-persoonsgegevens');
		expect(entries.get('README.txt')!.toString()).toContain('Fatima Yilmaz');
		const logged = await t.db
			.selectFrom('audit_log')
			.select(['actor_user_id', 'data'])
			.where('action', '=', 'privacy.export_downloaded')
			.execute();
		expect(logged).toEqual([
			{ actor_user_id: fatima, data: { files: doc0.length, missingFiles: 0 } }
		]);
	});
});

/** The entries of a zip, read with the app's own checked reader (files/zip.ts). */
async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
	const check = await checkZip(bytes);
	if (!check.ok) throw new Error(check.detail);
	const out = new Map<string, Buffer>();
	for (const e of check.entries) {
		const data = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
		out.set(e.name, e.method === 0 ? Buffer.from(data) : inflateRawSync(data));
	}
	return out;
}
