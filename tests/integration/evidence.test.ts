import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPdf, seedDemo } from '../../src/lib/server/demo/seed';
import type { RequestContext } from '../../src/lib/server/auth/context';
import { filesDir, stageFile } from '../../src/lib/server/files/storage';
import { fileSystemNow, sweepOrphanFiles } from '../../src/lib/server/files/sweep';
import { runHousekeeping } from '../../src/lib/server/housekeeping';
import {
	addEvidence,
	evidenceFile,
	listEvidence,
	removeEvidence
} from '../../src/lib/server/trajectories/evidence';
import {
	listExemptions,
	recordExemptions,
	removeExemption
} from '../../src/lib/server/trajectories/exemptions';
import { getTrajectory } from '../../src/lib/server/trajectories/detail';
import { listTrajectories } from '../../src/lib/server/trajectories/list';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor } from './fixtures';
import { daysFromToday } from '../clock';
import { ooxml, pdf, png } from '../files';

/** An exemption granted before the trajectory started (prior learning). */
const GRANTED = daysFromToday(-400);

const DELINDE = 'zorggroep-de-linde';
const VANDIJK = 'bouwbedrijf-van-dijk';

let t: TestDatabase;
let hr: RequestContext;
let ahmed: RequestContext;
let ingrid: RequestContext;
let fatima: RequestContext;
let peter: RequestContext;
let otherHr: RequestContext;
let fatimaTrajectory: string;
let peterTrajectory: string;
let targetWps: { id: number; code: string; exempt: boolean; competent: boolean }[];
let outsideWp: number;

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
	ahmed = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
	ingrid = await contextFor(t.db, 'opleider2@delinde.example', DELINDE);
	fatima = await contextFor(t.db, 'lerende@delinde.example', DELINDE);
	peter = await contextFor(t.db, 'p.dekker@delinde.example', DELINDE);
	otherHr = await contextFor(t.db, 'hr@vandijkbouw.example', VANDIJK);
	const all = await listTrajectories(t.db, hr);
	fatimaTrajectory = all.find((x) => x.learnerName === 'Fatima Yilmaz')!.id;
	peterTrajectory = all.find((x) => x.learnerName === 'Peter Dekker')!.id;
	const detail = await getTrajectory(t.db, hr, fatimaTrajectory);
	targetWps = detail!.coreTasks
		.flatMap((ct) => ct.workProcesses)
		.map((wp) => ({
			id: wp.id,
			code: wp.code,
			exempt: !!wp.exemption,
			competent: wp.official?.level === 3
		}));
	outsideWp = (
		await t.db
			.selectFrom('work_process')
			.select('id')
			.where('code', '=', 'P1-K1-W1')
			.executeTakeFirstOrThrow()
	).id;
});
afterAll(() => t?.close());

const storedFiles = (companyId: string) => {
	const dir = join(filesDir(), companyId);
	return existsSync(dir) ? readdirSync(dir).sort() : [];
};
const evidenceCount = async () =>
	(await sql<{ n: number }>`select count(*)::int as n from evidence`.execute(t.db)).rows[0].n;

const PNG = png();
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)]);

describe('evidence', () => {
	it('the demo learner has a note and a PDF; HR, her trainer and she see and download it', async () => {
		for (const ctx of [hr, ahmed, fatima]) {
			const items = await listEvidence(t.db, ctx, fatimaTrajectory);
			expect(items!.map((e) => e.kind).sort()).toEqual(['file', 'note']);
		}
		const file = (await listEvidence(t.db, hr, fatimaTrajectory))!.find((e) => e.kind === 'file')!;
		expect(file).toMatchObject({
			fileName: 'verslag-werkweek.pdf',
			contentType: 'application/pdf',
			createdBy: 'Fatima Yilmaz'
		});
		const download = await evidenceFile(t.db, ahmed, fatimaTrajectory, file.id);
		expect(download!.bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
		expect(download!.bytes.length).toBe(file.sizeBytes);
	});

	it('the learner adds a note, a link and an image; a trainer adds too; HR may look, not add', async () => {
		const wp = targetWps[1].id;
		const before = (await listEvidence(t.db, fatima, fatimaTrajectory))!.length;
		await addEvidence(t.db, fatima, fatimaTrajectory, {
			workProcessId: wp,
			kind: 'note',
			body: 'Eerste regel\nmeer tekst'
		});
		await addEvidence(t.db, fatima, fatimaTrajectory, {
			workProcessId: wp,
			kind: 'link',
			title: 'Filmpje van de tilinstructie',
			url: 'https://video.example.nl/tillift?t=1'
		});
		const imageId = await addEvidence(t.db, fatima, fatimaTrajectory, {
			workProcessId: wp,
			kind: 'file',
			file: { name: '../../etc/Foto <1>.PNG', bytes: PNG }
		});
		await addEvidence(t.db, ahmed, fatimaTrajectory, {
			workProcessId: wp,
			kind: 'note',
			title: 'Observatie',
			body: 'Gezien tijdens de dienst.'
		});
		const items = (await listEvidence(t.db, hr, fatimaTrajectory))!;
		expect(items).toHaveLength(before + 4);
		const note = items.find((e) => e.body === 'Eerste regel\nmeer tekst')!;
		expect(note.title).toBe('Eerste regel');
		const image = items.find((e) => e.id === imageId)!;
		expect(image).toMatchObject({
			fileName: 'Foto _1_.png',
			contentType: 'image/png',
			title: 'Foto _1_.png'
		});
		expect(items.find((e) => e.kind === 'link')!.url).toBe('https://video.example.nl/tillift?t=1');
		expect(items.find((e) => e.title === 'Observatie')!.createdBy).toBe('Ahmed El Amrani');

		const stored = await t.db
			.selectFrom('evidence')
			.select(['storage_key', 'company_id'])
			.where('id', '=', imageId)
			.executeTakeFirstOrThrow();
		expect(stored.storage_key).toMatch(
			new RegExp(
				`^${stored.company_id}/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`
			)
		);
		const audits = await t.db
			.selectFrom('audit_log')
			.select('action')
			.where('action', '=', 'evidence.added')
			.where('company_id', '=', hr.company.id)
			.execute();
		expect(audits.length).toBeGreaterThanOrEqual(before + 4);

		await expect(
			addEvidence(t.db, hr, fatimaTrajectory, { workProcessId: wp, kind: 'note', body: 'x' })
		).rejects.toMatchObject({ code: 'not_allowed' });
	});

	it('refuses links that are not http(s), empty notes and a work process outside the target', async () => {
		const wp = targetWps[0].id;
		for (const url of [
			'javascript:alert(1)',
			'ftp://example.nl/x',
			'niet een url',
			'https://u:p@x.nl/'
		]) {
			await expect(
				addEvidence(t.db, fatima, fatimaTrajectory, { workProcessId: wp, kind: 'link', url })
			).rejects.toMatchObject({ code: 'url_invalid', field: 'url' });
		}
		await expect(
			addEvidence(t.db, fatima, fatimaTrajectory, { workProcessId: wp, kind: 'note', body: '  ' })
		).rejects.toMatchObject({ code: 'evidence_body_required', field: 'body' });
		await expect(
			addEvidence(t.db, fatima, fatimaTrajectory, {
				workProcessId: outsideWp,
				kind: 'note',
				body: 'x'
			})
		).rejects.toMatchObject({ code: 'work_process_not_in_target', field: 'workProcessId' });
	});

	it('refuses a disallowed or oversized file and stores nothing', async () => {
		const wp = targetWps[0].id;
		const files = storedFiles(hr.company.id);
		const rows = await evidenceCount();
		const refused = async (name: string, bytes: Uint8Array, code: string) =>
			expect(
				addEvidence(t.db, fatima, fatimaTrajectory, {
					workProcessId: wp,
					kind: 'file',
					file: { name, bytes }
				})
			).rejects.toMatchObject({ code, field: 'file' });
		await refused('rapport.pdf', EXE, 'file_type_not_allowed'); // an .exe renamed
		await refused('setup.exe', EXE, 'file_type_not_allowed');
		await refused('foto.jpg', PNG, 'file_type_not_allowed'); // content does not match the name
		await refused(
			'plaatje.svg',
			Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
			'file_type_not_allowed'
		);
		await refused(
			'archief.docx',
			Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
			'file_type_not_allowed'
		);
		await refused('werkstuk.xlsx', ooxml('word'), 'file_type_not_allowed');
		// What the attacker sent: HTML as a PDF, a PNG header with HTML, a zip bomb.
		await refused(
			'rapport.pdf',
			Buffer.from('<html><!-- %PDF-1.4 --><script>alert(1)</script></html>', 'latin1'),
			'file_type_not_allowed'
		);
		await refused(
			'foto.png',
			Buffer.concat([PNG.subarray(0, 8), Buffer.from('<html><script>x</script>')]),
			'file_type_not_allowed'
		);
		await refused(
			'bom.docx',
			ooxml('word', [
				{ name: 'word/media/a.bin', data: Buffer.alloc(1024 * 1024), declaredSize: 2 ** 31 }
			]),
			'file_type_not_allowed'
		);
		await refused('leeg.pdf', new Uint8Array(), 'file_required');
		const big = Buffer.alloc(10 * 1024 * 1024 + 1);
		big.write('%PDF-1.4', 'latin1');
		await refused('groot.pdf', big, 'file_too_large');
		expect(storedFiles(hr.company.id)).toEqual(files);
		expect(await evidenceCount()).toBe(rows);

		// Exactly 10 MB, and an Office document, are fine.
		const max = pdf({ padTo: 10 * 1024 * 1024 });
		await addEvidence(t.db, fatima, fatimaTrajectory, {
			workProcessId: wp,
			kind: 'file',
			file: { name: 'max.pdf', bytes: max }
		});
		await addEvidence(t.db, fatima, fatimaTrajectory, {
			workProcessId: wp,
			kind: 'file',
			file: { name: 'werkstuk.docx', bytes: ooxml('word') }
		});
		expect(storedFiles(hr.company.id)).toHaveLength(files.length + 2);
	});

	it('leaves no file behind when the insert fails, and no row when writing fails', async () => {
		const wp = targetWps[0].id;
		const files = storedFiles(hr.company.id);
		const rows = await evidenceCount();
		await sql`create function evidence_test_fail() returns trigger language plpgsql as $$
			begin raise exception 'insert refused by test'; end $$`.execute(t.db);
		await sql`create trigger evidence_test_fail before insert on evidence
			for each row when (new.title = 'FAIL') execute function evidence_test_fail()`.execute(t.db);
		try {
			await expect(
				addEvidence(t.db, fatima, fatimaTrajectory, {
					workProcessId: wp,
					kind: 'file',
					title: 'FAIL',
					file: { name: 'x.pdf', bytes: demoPdf(['x']) }
				})
			).rejects.toThrow(/insert refused by test/);
		} finally {
			await sql`drop trigger evidence_test_fail on evidence`.execute(t.db);
			await sql`drop function evidence_test_fail()`.execute(t.db);
		}
		expect(storedFiles(hr.company.id)).toEqual(files);
		expect(await evidenceCount()).toBe(rows);

		// Refused at COMMIT, after the file got its final name: the file goes too.
		await sql`create function evidence_test_fail_late() returns trigger language plpgsql as $$
			begin raise exception 'commit refused by test'; end $$`.execute(t.db);
		await sql`create constraint trigger evidence_test_fail_late after insert on evidence
			deferrable initially deferred
			for each row when (new.title = 'FAIL LATE') execute function evidence_test_fail_late()`.execute(
			t.db
		);
		try {
			await expect(
				addEvidence(t.db, fatima, fatimaTrajectory, {
					workProcessId: wp,
					kind: 'file',
					title: 'FAIL LATE',
					file: { name: 'x.pdf', bytes: demoPdf(['x']) }
				})
			).rejects.toThrow(/commit refused by test/);
		} finally {
			await sql`drop trigger evidence_test_fail_late on evidence`.execute(t.db);
			await sql`drop function evidence_test_fail_late()`.execute(t.db);
		}
		expect(storedFiles(hr.company.id)).toEqual(files);
		expect(await evidenceCount()).toBe(rows);

		const previous = process.env.FILES_DIR;
		const blocked = join(previous!, 'not-a-directory');
		writeFileSync(blocked, 'x');
		process.env.FILES_DIR = blocked;
		try {
			await expect(
				addEvidence(t.db, fatima, fatimaTrajectory, {
					workProcessId: wp,
					kind: 'file',
					file: { name: 'x.pdf', bytes: demoPdf(['x']) }
				})
			).rejects.toThrow();
		} finally {
			process.env.FILES_DIR = previous;
		}
		expect(await evidenceCount()).toBe(rows);
	});

	it('another company, a learner of another trajectory and an unassigned trainer get nothing', async () => {
		const file = (await listEvidence(t.db, hr, fatimaTrajectory))!.find((e) => e.kind === 'file')!;
		for (const ctx of [otherHr, peter, ingrid]) {
			expect(await listEvidence(t.db, ctx, fatimaTrajectory)).toBeNull();
			expect(await evidenceFile(t.db, ctx, fatimaTrajectory, file.id)).toBeNull();
			await expect(
				addEvidence(t.db, ctx, fatimaTrajectory, {
					workProcessId: targetWps[0].id,
					kind: 'note',
					body: 'x'
				})
			).rejects.toMatchObject({ code: 'trajectory_not_found' });
		}
		// The file's id under a trajectory it does not belong to, or a malformed id.
		expect(await evidenceFile(t.db, hr, peterTrajectory, file.id)).toBeNull();
		expect(await evidenceFile(t.db, hr, fatimaTrajectory, 'geen-uuid')).toBeNull();
		expect(await listEvidence(t.db, hr, 'geen-uuid')).toBeNull();
		// A note is not a file.
		const note = (await listEvidence(t.db, hr, fatimaTrajectory))!.find((e) => e.kind === 'note')!;
		expect(await evidenceFile(t.db, hr, fatimaTrajectory, note.id)).toBeNull();
	});

	it('removes evidence for whoever added it and the trainers, with the file, audited', async () => {
		const pdf = demoPdf(['Verkeerd bestand']);
		const fileId = await addEvidence(t.db, fatima, fatimaTrajectory, {
			workProcessId: targetWps[0].id,
			kind: 'file',
			file: { name: 'verkeerd-bestand.pdf', bytes: pdf }
		});
		const noteByAhmed = await addEvidence(t.db, ahmed, fatimaTrajectory, {
			workProcessId: targetWps[0].id,
			kind: 'note',
			body: 'Notitie van de opleider'
		});
		const mine = (await listEvidence(t.db, fatima, fatimaTrajectory))!;
		expect(mine.find((e) => e.id === fileId)?.canRemove).toBe(true);
		// The learner may not remove her trainer's note; HR sees, but removes nothing.
		expect(mine.find((e) => e.id === noteByAhmed)?.canRemove).toBe(false);
		await expect(removeEvidence(t.db, fatima, fatimaTrajectory, noteByAhmed)).rejects.toMatchObject(
			{
				code: 'not_allowed'
			}
		);
		await expect(removeEvidence(t.db, hr, fatimaTrajectory, fileId)).rejects.toMatchObject({
			code: 'not_allowed'
		});
		// Outside the trajectory, another company, an unknown or malformed id: not found.
		for (const [ctx, traj, id] of [
			[otherHr, fatimaTrajectory, fileId],
			[peter, fatimaTrajectory, fileId],
			[fatima, peterTrajectory, fileId],
			[fatima, fatimaTrajectory, '00000000-0000-4000-8000-000000000000'],
			[fatima, fatimaTrajectory, 'geen-uuid']
		] as const) {
			await expect(removeEvidence(t.db, ctx, traj, id)).rejects.toMatchObject({
				code: 'evidence_not_found'
			});
		}
		const key = (
			await t.db
				.selectFrom('evidence')
				.select('storage_key')
				.where('id', '=', fileId)
				.executeTakeFirstOrThrow()
		).storage_key!;
		const stored = () =>
			readdirSync(filesDir(), { recursive: true }).some((f) => String(f).includes(key));
		expect(stored()).toBe(true);

		await removeEvidence(t.db, fatima, fatimaTrajectory, fileId);
		await removeEvidence(t.db, ahmed, fatimaTrajectory, noteByAhmed);
		const left = (await listEvidence(t.db, fatima, fatimaTrajectory))!.map((e) => e.id);
		expect(left).not.toContain(fileId);
		expect(left).not.toContain(noteByAhmed);
		expect(stored()).toBe(false);
		const entries = await t.db
			.selectFrom('audit_log')
			.select(['action', 'entity_id'])
			.where('action', '=', 'evidence.removed')
			.execute();
		expect(entries.map((e) => e.entity_id).sort()).toEqual([fileId, noteByAhmed].sort());
	});
});

describe('orphan files', () => {
	const HOUR = 3600_000;
	/** Sets a file's modification time this long ago on the file system's clock (as the sweep). */
	const age = async (path: string, ms: number) => {
		const when = new Date((await fileSystemNow(filesDir())) - ms);
		utimesSync(path, when, when);
	};

	it('the sweep removes old temp files and files without a row, nothing else', async () => {
		const company = hr.company.id;
		const dir = join(filesDir(), company);
		// What a crash leaves: killed before the rename (a temp file), and after it but
		// before the commit (a final file without a row).
		const beforeRename = await stageFile(company, demoPdf(['kill -9 before rename']));
		const afterRename = await stageFile(company, demoPdf(['kill -9 before commit']));
		await afterRename.commit();
		const tempPath = join(filesDir(), `${beforeRename.key}.tmp`);
		const orphanPath = join(filesDir(), afterRename.key);
		// The same, but young: an upload in flight right now.
		const youngTemp = await stageFile(company, demoPdf(['in flight']));
		const youngFinal = await stageFile(company, demoPdf(['in flight, renamed']));
		await youngFinal.commit();
		// A file with its row (the demo PDF), old; and names the sweep does not know.
		const demo = await t.db
			.selectFrom('evidence')
			.select(['id', 'storage_key'])
			.where('company_id', '=', company)
			.where('file_name', '=', 'verslag-werkweek.pdf')
			.executeTakeFirstOrThrow();
		const demoPath = join(filesDir(), demo.storage_key!);
		const stranger = join(dir, 'notities.txt');
		writeFileSync(stranger, 'x');
		mkdirSync(join(filesDir(), 'geen-bedrijf'), { recursive: true });
		const strangerDir = join(filesDir(), 'geen-bedrijf', crypto.randomUUID());
		writeFileSync(strangerDir, 'x');
		for (const path of [tempPath, orphanPath, demoPath, stranger, strangerDir]) {
			await age(path, 2 * HOUR);
		}

		const result = await sweepOrphanFiles(t.db);
		expect(result).toEqual({ tempFiles: 1, orphanFiles: 1 });
		expect(existsSync(tempPath)).toBe(false);
		expect(existsSync(orphanPath)).toBe(false);
		for (const path of [
			demoPath,
			stranger,
			strangerDir,
			join(filesDir(), `${youngTemp.key}.tmp`),
			join(filesDir(), youngFinal.key)
		]) {
			expect(existsSync(path), path).toBe(true);
		}
		// Every file with a row is still there and downloads.
		const keys = await t.db
			.selectFrom('evidence')
			.select('storage_key')
			.where('storage_key', 'is not', null)
			.execute();
		for (const { storage_key } of keys)
			expect(existsSync(join(filesDir(), storage_key!))).toBe(true);
		expect(await evidenceFile(t.db, hr, fatimaTrajectory, demo.id)).not.toBeNull();

		// The daily housekeeping sweeps too, once they are an hour old.
		await age(join(filesDir(), `${youngTemp.key}.tmp`), 2 * HOUR);
		await age(join(filesDir(), youngFinal.key), 2 * HOUR);
		await sql`delete from job_run where job = 'housekeeping'`.execute(t.db);
		const housekeeping = await runHousekeeping(t.db);
		expect(housekeeping.deleted.files).toBe(2);
		expect(existsSync(join(filesDir(), youngFinal.key))).toBe(false);
		expect(existsSync(demoPath)).toBe(true);
		rmSync(stranger);
	});
});

describe('exemptions', () => {
	it('a trainer marks several work processes as recognised; they count as covered', async () => {
		const open = targetWps.filter((wp) => !wp.exempt && !wp.competent).slice(0, 2);
		expect(open).toHaveLength(2);
		const before = (await getTrajectory(t.db, ahmed, fatimaTrajectory))!.progress;
		const count = await recordExemptions(t.db, ahmed, fatimaTrajectory, {
			workProcessIds: open.map((wp) => wp.id),
			basis: 'experience_certificate',
			reference: 'EVC-2025-0142',
			grantedOn: GRANTED
		});
		expect(count).toBe(2);
		const after = await getTrajectory(t.db, hr, fatimaTrajectory);
		expect(after!.progress.covered).toBe(before.covered + 2);
		expect(after!.progress.exempt).toBe(before.exempt + 2);
		const wp = after!.coreTasks.flatMap((ct) => ct.workProcesses).find((w) => w.id === open[0].id)!;
		expect(wp.exemption).toMatchObject({
			basis: 'experience_certificate',
			reference: 'EVC-2025-0142',
			on: GRANTED
		});
		const list = (await listExemptions(t.db, fatima, fatimaTrajectory))!;
		expect(list.map((e) => e.code)).toEqual(open.map((w) => w.code));
		expect(list[0]).toMatchObject({ recordedBy: 'Ahmed El Amrani', grantedOn: GRANTED });
		const audit = await t.db
			.selectFrom('audit_log')
			.select(['data', 'entity_id'])
			.where('action', '=', 'exemption.recorded')
			.executeTakeFirstOrThrow();
		expect(audit.entity_id).toBe(fatimaTrajectory);
	});

	it('refuses an exempt, an outside or no work process, and people who may not', async () => {
		const exempt = (await listExemptions(t.db, hr, fatimaTrajectory))![0];
		const base = { basis: 'earlier_diploma' as const, grantedOn: daysFromToday(-500) };
		await expect(
			recordExemptions(t.db, ahmed, fatimaTrajectory, {
				...base,
				workProcessIds: [exempt.workProcessId]
			})
		).rejects.toMatchObject({ code: 'already_exempt', field: 'workProcessIds' });
		await expect(
			recordExemptions(t.db, ahmed, fatimaTrajectory, { ...base, workProcessIds: [outsideWp] })
		).rejects.toMatchObject({ code: 'work_process_not_in_target', field: 'workProcessIds' });
		await expect(
			recordExemptions(t.db, ahmed, fatimaTrajectory, { ...base, workProcessIds: [] })
		).rejects.toMatchObject({ code: 'work_processes_required' });
		await expect(
			recordExemptions(t.db, fatima, fatimaTrajectory, {
				...base,
				workProcessIds: [targetWps[0].id]
			})
		).rejects.toMatchObject({ code: 'not_allowed' });
		for (const ctx of [otherHr, ingrid, peter]) {
			await expect(
				recordExemptions(t.db, ctx, fatimaTrajectory, {
					...base,
					workProcessIds: [targetWps[0].id]
				})
			).rejects.toMatchObject({ code: 'trajectory_not_found' });
			expect(await listExemptions(t.db, ctx, fatimaTrajectory)).toBeNull();
			await expect(removeExemption(t.db, ctx, fatimaTrajectory, exempt.id)).rejects.toMatchObject({
				code: 'trajectory_not_found'
			});
		}
		await expect(removeExemption(t.db, fatima, fatimaTrajectory, exempt.id)).rejects.toMatchObject({
			code: 'not_allowed'
		});
		// The exemption's id under another trajectory is not found.
		await expect(removeExemption(t.db, hr, peterTrajectory, exempt.id)).rejects.toMatchObject({
			code: 'exemption_not_found'
		});
	});

	it('HR records one on any trajectory and removes one recorded by mistake, audited', async () => {
		const peterWp = (await getTrajectory(
			t.db,
			hr,
			peterTrajectory
		))!.coreTasks[0].workProcesses.find((wp) => !wp.exemption && wp.official?.level !== 3)!;
		const before = (await getTrajectory(t.db, hr, peterTrajectory))!.progress.covered;
		await recordExemptions(t.db, hr, peterTrajectory, {
			workProcessIds: [peterWp.id],
			basis: 'practice_statement',
			reference: null,
			grantedOn: daysFromToday(-200)
		});
		expect((await getTrajectory(t.db, ingrid, peterTrajectory))!.progress.covered).toBe(before + 1);
		const [exemption] = (await listExemptions(t.db, hr, peterTrajectory))!;
		expect(exemption).toMatchObject({
			basis: 'practice_statement',
			reference: null,
			recordedBy: 'Marieke Jansen'
		});
		// Her trainer removes it again.
		await removeExemption(t.db, ingrid, peterTrajectory, exemption.id);
		expect((await getTrajectory(t.db, hr, peterTrajectory))!.progress.covered).toBe(before);
		expect(await listExemptions(t.db, hr, peterTrajectory)).toEqual([]);
		await expect(removeExemption(t.db, hr, peterTrajectory, exemption.id)).rejects.toMatchObject({
			code: 'exemption_not_found'
		});
		const audit = await t.db
			.selectFrom('audit_log')
			.select(['data', 'actor_user_id'])
			.where('action', '=', 'exemption.removed')
			.where('entity_id', '=', exemption.id)
			.executeTakeFirstOrThrow();
		expect(audit.actor_user_id).toBe(ingrid.user.id);
		expect(audit.data).toMatchObject({
			trajectoryId: peterTrajectory,
			basis: 'practice_statement'
		});
	});
});
