import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	applyImport,
	planChangesAnything,
	planImport
} from '../../src/lib/server/qualifications/import';
import { getQualification, searchQualifications } from '../../src/lib/server/qualifications/browse';
import { QualificationImportError } from '../../src/lib/server/qualifications/parse';
import { parseFiles, type SourceFile } from '../../src/lib/server/qualifications/uploads';
import { createTestDatabase, type TestDatabase } from './db';

const DIR = 'tests/fixtures/sbb-kwalificatiestructuur-2016';
const NAMES = [
	'2635_Pedagogisch_Werk.xml',
	'2755_Dienstverlening.xml',
	'4156_Maatschappelijke_Zorg.xml'
];
const files: SourceFile[] = NAMES.map((name) => ({
	name,
	content: readFileSync(`${DIR}/${name}`, 'utf8')
}));
const meta = { userId: null, fileName: 'test', fileHash: 'h' };

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(() => t.close());

async function countRows() {
	const row = await sql<{ d: number; q: number; ct: number; wp: number; wpc: number }>`
		select (select count(*) from qualification_dossier)::int as d,
		       (select count(*) from qualification)::int as q,
		       (select count(*) from core_task)::int as ct,
		       (select count(*) from work_process)::int as wp,
		       (select count(*) from work_process_competence)::int as wpc`.execute(t.db);
	return row.rows[0];
}

describe('importing the SBB export', () => {
	it('imports the three real dossiers with their structure', async () => {
		const plan = await applyImport(t.db, parseFiles(files), meta);
		expect(plan.dossiers.map((d) => [d.nr, d.action])).toEqual([
			['2635', 'add'],
			['2755', 'add'],
			['4156', 'add']
		]);
		const counts = await countRows();
		expect(counts).toMatchObject({ d: 3, q: 12 });
		expect(counts.wp).toBe(plan.dossiers.reduce((n, d) => n + d.workProcesses, 0));
		expect(counts.wpc).toBeGreaterThan(counts.wp);
		const competences = await t.db.selectFrom('competence').select('code').execute();
		expect(competences).toHaveLength(25);
	});

	it('stores real facts: Helpende Zorg en Welzijn, 25498, niveau 2, Dienstverlening', async () => {
		const detail = await getQualification(t.db, '25498');
		expect(detail?.qualification).toMatchObject({
			title: 'Helpende Zorg en Welzijn',
			level: 2,
			dossier: 'Dienstverlening',
			code: 'P2',
			sector_chamber: 'zorg, welzijn en sport'
		});
		const b1k1 = detail!.coreTasks.find((ct) => ct.code === 'B1-K1')!;
		expect(b1k1.basis).toBe(true);
		expect(b1k1.workProcesses).toHaveLength(9);
		expect(b1k1.workProcesses.map((w) => w.code)).toEqual(
			Array.from({ length: 9 }, (_, i) => `B1-K1-W${i + 1}`)
		);
		const p2k1 = detail!.coreTasks.find((ct) => ct.code === 'P2-K1')!;
		expect(p2k1.basis).toBe(false);
		expect(p2k1.workProcesses).toHaveLength(3);
		// Only its own profile's core tasks, not those of sibling profiles.
		expect(detail!.coreTasks.map((ct) => ct.code).every((c) => /^(B1|P2)-/.test(c))).toBe(true);
		expect(detail!.competences.length).toBeGreaterThan(3);
		const maatschappelijk = await t.db
			.selectFrom('qualification as q')
			.innerJoin('qualification_dossier as d', 'd.id', 'q.dossier_id')
			.select(['q.title', 'q.level'])
			.where('d.title', '=', 'Maatschappelijke Zorg')
			.execute();
		expect(maatschappelijk).toHaveLength(6);
		expect(maatschappelijk).toContainEqual({ title: 'Begeleider gehandicaptenzorg', level: 3 });
	});

	it('adds per-profile supplements to basisdeel work processes for that qualification only', async () => {
		const supplements = await t.db
			.selectFrom('work_process_supplement')
			.select('qualification_id')
			.execute();
		expect(supplements.length).toBeGreaterThan(0);
		const p3 = await getQualification(t.db, '25477');
		const p1 = await getQualification(t.db, '25475');
		const w2 = (d: typeof p1) => d!.coreTasks.find((ct) => ct.code === 'B1-K1')!.workProcesses[1];
		expect(w2(p3).code).toBe('B1-K1-W2');
		expect(w2(p3).competences).toContain('C');
		const p1Text = w2(p1).description + w2(p1).behaviour;
		const p3Text = w2(p3).description + w2(p3).behaviour;
		expect(p3Text).not.toEqual(p1Text);
	});

	it('keeps every code unique per dossier and every work process under a core task', async () => {
		const dup = await sql`
			select dossier_id, code from work_process group by 1, 2 having count(*) > 1`.execute(t.db);
		expect(dup.rows).toHaveLength(0);
		const orphans = await sql`
			select wp.id from work_process wp left join core_task ct on ct.id = wp.core_task_id
			where ct.id is null or ct.dossier_id <> wp.dossier_id
			   or wp.code not like ct.code || '-W%'`.execute(t.db);
		expect(orphans.rows).toHaveLength(0);
	});

	it('changes nothing when the same files are imported again', async () => {
		const before = await countRows();
		const plan = await applyImport(t.db, parseFiles(files), meta);
		expect(plan.dossiers.every((d) => d.action === 'unchanged')).toBe(true);
		expect(plan.dossiers.every((d) => d.qualificationList.length === 0)).toBe(true);
		expect(planChangesAnything(plan)).toBe(false);
		expect(await countRows()).toEqual(before);
	});

	it('imports a changed dossier as a new version and keeps the old one', async () => {
		const oldDetail = await getQualification(t.db, '25498');
		const oldWp = oldDetail!.coreTasks[0].workProcesses[0];
		const changed = files.map((f) =>
			f.name.startsWith('2755')
				? {
						...f,
						content: f.content.replace(
							'titel="Bereidt werkzaamheden voor en stemt af"',
							'titel="Bereidt werkzaamheden voor en stemt zorgvuldig af"'
						)
					}
				: f
		);
		const parsed = parseFiles(changed);
		const plan = await planImport(t.db, parsed);
		const dienst = plan.dossiers.find((d) => d.nr === '2755')!;
		expect(dienst).toMatchObject({ action: 'new_version', currentVersion: 1, newVersion: 2 });
		expect(dienst.changed).toEqual([
			{ code: 'B1-K1-W1', title: 'Bereidt werkzaamheden voor en stemt zorgvuldig af' }
		]);
		expect(dienst.added).toEqual([]);
		// The qualifications it changes, by crebo and title, for the preview.
		expect(dienst.qualificationList).toEqual([
			{ crebo: '25498', title: 'Helpende Zorg en Welzijn', level: 2 },
			{ crebo: '25499', title: 'Medewerker facilitaire dienstverlening', level: 2 },
			{ crebo: '25500', title: 'Medewerker sport en recreatie', level: 2 }
		]);
		expect(planChangesAnything(plan)).toBe(true);
		expect(plan.dossiers.filter((d) => d.action === 'unchanged')).toHaveLength(2);

		await applyImport(t.db, parsed, meta);
		const versions = await t.db
			.selectFrom('qualification_dossier')
			.select(['id', 'version_no', 'superseded_at', 'superseded_by'])
			.where('nr', '=', '2755')
			.orderBy('version_no')
			.execute();
		expect(versions).toHaveLength(2);
		expect(versions[0].superseded_at).not.toBeNull();
		expect(versions[0].superseded_by).toBe(versions[1].id);
		expect(versions[1].superseded_at).toBeNull();

		// History is not rewritten: the old work process row is untouched.
		const old = await t.db
			.selectFrom('work_process')
			.select('title')
			.where('id', '=', oldWp.id)
			.executeTakeFirstOrThrow();
		expect(old.title).toBe('Bereidt werkzaamheden voor en stemt af');
		const current = await getQualification(t.db, '25498');
		expect(current!.coreTasks[0].workProcesses[0].title).toContain('zorgvuldig');
		expect(current!.versions.map((v) => v.version_no)).toEqual([2, 1]);
		const v1 = await getQualification(t.db, '25498', 1);
		expect(v1!.qualification.superseded_at).not.toBeNull();
	});

	it('refuses broken input precisely and imports nothing', async () => {
		const before = await countRows();
		const broken = [
			{
				...files[1],
				content: files[1].content
					.replace('<sbb>', '<kwalificaties>')
					.replace('</sbb>', '</kwalificaties>')
			}
		];
		expect(() => parseFiles(broken)).toThrow(QualificationImportError);
		try {
			parseFiles([{ name: 'kapot.xml', content: 'dit is geen xml' }]);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(QualificationImportError);
			expect((e as QualificationImportError).code).toBe('not_xml');
			expect((e as QualificationImportError).details.path).toContain('kapot.xml');
		}
		expect(() => parseFiles([files[1], files[1]])).toThrow(QualificationImportError);
		expect(await countRows()).toEqual(before);
	});
});

describe('search', () => {
	it('finds by crebo, title and words of a work process (Dutch stemming)', async () => {
		const byCrebo = await searchQualifications(t.db, { q: '25498' });
		expect(byCrebo.map((h) => h.title)).toEqual(['Helpende Zorg en Welzijn']);
		const byTitle = await searchQualifications(t.db, { q: 'helpende' });
		expect(byTitle[0].crebo).toBe('25498');
		// "huishoudelijke" and "huishouden" share the stem.
		const byWork = await searchQualifications(t.db, { q: 'huishoud' });
		expect(byWork.map((h) => h.crebo)).toContain('25498');
		expect(byWork.find((h) => h.crebo === '25498')!.matches.length).toBeGreaterThan(0);
		expect(await searchQualifications(t.db, { q: 'xyzzyplugh' })).toEqual([]);
	});

	it('filters by level and sector chamber and shows only current versions', async () => {
		const level3 = await searchQualifications(t.db, { level: 3, limit: 100 });
		expect(level3.length).toBeGreaterThan(0);
		expect(level3.every((h) => h.level === 3)).toBe(true);
		const all = await searchQualifications(t.db, { limit: 100 });
		expect(all).toHaveLength(12);
		expect(new Set(all.map((h) => h.crebo)).size).toBe(12);
		const chamber = await t.db
			.selectFrom('sector_chamber')
			.select('id')
			.where('name', '=', 'handel')
			.executeTakeFirstOrThrow();
		expect(await searchQualifications(t.db, { sectorChamberId: chamber.id })).toEqual([]);
		expect(await searchQualifications(t.db, { q: "'; drop table qualification; --" })).toEqual([]);
	});

	it('lists related qualifications that share work processes', async () => {
		const detail = await getQualification(t.db, '25498');
		const related = detail!.related;
		expect(related.length).toBeGreaterThan(0);
		// Siblings in Dienstverlening share the whole basisdeel (9 work processes).
		const sibling = related.find((r) => r.dossier === 'Dienstverlening');
		expect(sibling?.shared).toBeGreaterThanOrEqual(9);
		expect(related.every((r) => r.crebo !== '25498')).toBe(true);
	});
});
