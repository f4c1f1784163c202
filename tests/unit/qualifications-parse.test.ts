import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_QUALIFICATIONS_XML } from '../../src/lib/server/demo/qualifications-xml';
import {
	MAX_IMPORT_BYTES,
	parseQualificationXml,
	QualificationImportError,
	type ParsedCoreTask,
	type ParsedDossier,
	type ParsedExport,
	type QualificationImportErrorCode,
	type QualificationImportErrorDetails
} from '../../src/lib/server/qualifications/parse';
import { MAX_ATTRIBUTES, MAX_ELEMENTS } from '../../src/lib/server/qualifications/parse/xml-tree';

// The real 2016 export, a fixture in the repository (tests/fixtures/…/README.md). These
// files are the acceptance test of the parser, so they are required, not skipped.
const DATA_DIR = fileURLToPath(
	new URL('../fixtures/sbb-kwalificatiestructuur-2016/', import.meta.url)
);
const FILES = {
	pedagogischWerk: '2635_Pedagogisch_Werk.xml',
	dienstverlening: '2755_Dienstverlening.xml',
	maatschappelijkeZorg: '4156_Maatschappelijke_Zorg.xml'
} as const;
type FileKey = keyof typeof FILES;

const bytes = (key: FileKey): Buffer => readFileSync(DATA_DIR + FILES[key]);
/** The file as text, BOM included (Node keeps it). */
const text = (key: FileKey): string => bytes(key).toString('utf8');
const parse = (key: FileKey): ParsedExport => parseQualificationXml(bytes(key), FILES[key]);
const dossierOf = (key: FileKey): ParsedDossier => {
	const { dossiers } = parse(key);
	expect(dossiers).toHaveLength(1);
	return dossiers[0];
};

/** 1-based line of the first occurrence of `needle` in `source`. */
function lineOf(source: string, needle: string): number {
	const at = source.indexOf(needle);
	if (at < 0) throw new Error(`not in source: ${needle}`);
	return source.slice(0, at).split('\n').length;
}

/** `source` with `from` replaced by `to`, asserting `from` occurs exactly once. */
function replaceOnce(source: string, from: string, to: string): string {
	expect(source.split(from), `"${from}" should occur exactly once`).toHaveLength(2);
	return source.replace(from, () => to);
}

function importError(run: () => unknown): QualificationImportError {
	try {
		run();
	} catch (e) {
		expect(e).toBeInstanceOf(QualificationImportError);
		return e as QualificationImportError;
	}
	throw new Error('expected a QualificationImportError, but parsing succeeded');
}

function expectImportError(
	run: () => unknown,
	code: QualificationImportErrorCode,
	details: QualificationImportErrorDetails = {}
): QualificationImportError {
	const error = importError(run);
	expect(error.code, error.message).toBe(code);
	expect(error.details).toMatchObject(details);
	return error;
}

const allCoreTasks = (d: ParsedDossier): ParsedCoreTask[] => [
	...d.coreTasks,
	...d.profiles.flatMap((p) => p.coreTasks)
];
const allWorkProcesses = (d: ParsedDossier) => allCoreTasks(d).flatMap((k) => k.workProcesses);
const allCodes = (d: ParsedDossier): string[] => [
	...d.profiles.map((p) => p.code),
	...allCoreTasks(d).map((k) => k.code),
	...allWorkProcesses(d).map((w) => w.code)
];
const profileByCrebo = (d: ParsedDossier, crebo: string) => {
	const profile = d.profiles.find((p) => p.crebo === crebo);
	if (!profile) throw new Error(`no profiel with crebo ${crebo}`);
	return profile;
};
const coreTask = (d: ParsedDossier, code: string): ParsedCoreTask => {
	const task = allCoreTasks(d).find((k) => k.code === code);
	if (!task) throw new Error(`no kerntaak ${code}`);
	return task;
};
const workProcess = (d: ParsedDossier, code: string) => {
	const wp = allWorkProcesses(d).find((w) => w.code === code);
	if (!wp) throw new Error(`no werkproces ${code}`);
	return wp;
};
const countOf = (source: string, needle: string) => source.split(needle).length - 1;

describe('SBB export 2016: facts per dossier', () => {
	it('Dienstverlening: Helpende Zorg en Welzijn is crebo 25498, niveau 2', () => {
		const d = dossierOf('dienstverlening');
		expect(d).toMatchObject({
			nr: '2755',
			title: 'Dienstverlening',
			version: null,
			status: 'Vastgesteld',
			previousVersionNr: null,
			crebo: '23189',
			validFrom: '2015-08-01',
			endIntake: null,
			endTraining: null,
			priceFactor: 1.1,
			adoptedOn: '2015-11-26',
			sectorChamber: { nr: '5674', title: 'Sectorkamer zorg, welzijn en sport' },
			domain: { nr: '4135', title: 'Zorg en welzijn' }
		});
		const helpende = profileByCrebo(d, '25498');
		expect(helpende).toMatchObject({
			nr: '986409',
			code: 'P2',
			title: 'Helpende Zorg en Welzijn',
			level: 2,
			occupationalGroup: 'Zorg',
			validFrom: '2015-08-01',
			endIntake: null,
			endTraining: null,
			studyLoadHours: 3200,
			priceFactor: 1.1,
			trainingType: 'basisberoepsopleiding'
		});
		// Its basisdeel kerntaak has nine werkprocessen, its own profiel kerntaak three.
		expect(d.coreTasks.map((k) => k.code)).toEqual(['B1-K1']);
		expect(coreTask(d, 'B1-K1').title).toBe('Voert dienstverlenende werkzaamheden uit');
		expect(coreTask(d, 'B1-K1').workProcesses.map((w) => w.code)).toEqual(
			[1, 2, 3, 4, 5, 6, 7, 8, 9].map((w) => `B1-K1-W${w}`)
		);
		expect(helpende.coreTasks.map((k) => k.code)).toEqual(['P2-K1']);
		expect(helpende.coreTasks[0].workProcesses.map((w) => [w.code, w.title])).toEqual([
			['P2-K1-W1', 'Ondersteunt bij wonen en huishouden'],
			['P2-K1-W2', 'Ondersteunt bij persoonlijke zorg en ADL'],
			['P2-K1-W3', 'Assisteert bij de uitvoering van sociale en recreatieve activiteiten']
		]);
		expect(d.profiles.map((p) => [p.code, p.title, p.crebo, p.level, p.priceFactor])).toEqual([
			['P1', 'Medewerker facilitaire dienstverlening', '25499', 2, 1.3],
			['P2', 'Helpende Zorg en Welzijn', '25498', 2, 1.1],
			['P3', 'Medewerker sport en recreatie', '25500', 2, 1.3]
		]);
	});

	it('Dienstverlening: werkproces texts and competences', () => {
		const d = dossierOf('dienstverlening');
		const w3 = workProcess(d, 'B1-K1-W3');
		expect(w3).toMatchObject({
			nr: '986401',
			title: 'Treedt op als aanspreekpunt',
			// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers (expect.any, expect.stringMatching) as any
			description: expect.stringMatching(
				/^De beroepsbeoefenaar begroet de klant en staat hem te woord\./
			),
			result:
				'De klant is gastvrij ontvangen en juist geïnformeerd. Indien van toepassing zijn gegevens geregistreerd.',
			competenceCodes: ['I', 'R', 'T'],
			profileSupplements: []
		});
		// Line breaks kept (SBB's "- " lists), trailing spaces and blank tail lines gone.
		expect(w3.behaviour).toBe(
			[
				'De beroepsbeoefenaar:',
				'- staat de klant vriendelijk en duidelijk te woord;',
				'- handelt gastvrij en servicegericht;',
				'- achterhaalt proactief de wensen van de klant;',
				'- maakt een juiste vertaling van de wensen van de klant naar passende informatie;',
				'- werkt nauwgezet volgens procedures en richtlijnen van de organisatie.'
			].join('\n')
		);
		// Competence referenties (3088, 3094, 3100, 3103) resolve to codes, sorted.
		expect(workProcess(d, 'B1-K1-W1').competenceCodes).toEqual(['E', 'K', 'Q', 'T']);
		expect(workProcess(d, 'P2-K1-W3').competenceCodes).toEqual(['D', 'R', 'T', 'U', 'V']);
		expect(coreTask(d, 'P2-K1').complexity).toMatch(
			/^De helpende zorg en welzijn voert uitvoerende, laagcomplexe werkzaamheden uit/
		);
		expect(coreTask(d, 'P2-K1').responsibility).toMatch(/^De helpende zorg en welzijn heeft/);
	});

	it('Maatschappelijke Zorg: six profielen, e.g. Begeleider gehandicaptenzorg niveau 3', () => {
		const d = dossierOf('maatschappelijkeZorg');
		expect(d).toMatchObject({
			nr: '4156',
			title: 'Maatschappelijke Zorg',
			version: 'Gewijzigd 2016',
			previousVersionNr: '2631',
			crebo: '23181',
			validFrom: '2015-08-01',
			adoptedOn: '2015-11-26'
		});
		expect(
			d.profiles.map((p) => [
				p.code,
				p.title,
				p.crebo,
				p.level,
				p.studyLoadHours,
				p.coreTasks.map((k) => `${k.code}:${k.workProcesses.length}`)
			])
		).toEqual([
			['P1', 'Begeleider gehandicaptenzorg', '25475', 3, 4800, ['P1-K1:4']],
			['P2', 'Begeleider specifieke doelgroepen', '25476', 3, 4800, ['P2-K1:3']],
			['P3', 'Persoonlijk begeleider gehandicaptenzorg', '25477', 4, 6400, ['P3-K1:8']],
			['P4', 'Agogisch medewerker GGZ', '25474', 4, 6400, ['P4-K1:6']],
			['P5', 'Thuisbegeleider', '25479', 4, 6400, ['P5-K1:7']],
			['P6', 'Persoonlijk begeleider specifieke doelgroepen', '25478', 4, 6400, ['P6-K1:6']]
		]);
		expect(d.coreTasks.map((k) => [k.code, k.title, k.workProcesses.length])).toEqual([
			['B1-K1', 'Bieden van ondersteunende, activerende begeleiding en zorg', 7],
			['B1-K2', 'Werken aan kwaliteit en deskundigheid', 2]
		]);
		expect(workProcess(d, 'P1-K1-W3')).toMatchObject({
			title: 'Voert verpleegtechnische handelingen uit',
			competenceCodes: ['K', 'L', 'T']
		});
	});

	it('Maatschappelijke Zorg: per-profiel additions to the basisdeel are kept', () => {
		const d = dossierOf('maatschappelijkeZorg');
		const w2 = workProcess(d, 'B1-K1-W2');
		expect(w2.competenceCodes).toEqual(['C', 'D', 'F', 'K']);
		expect(w2.profileSupplements.map((s) => s.profileCode)).toEqual(['P3', 'P4', 'P5', 'P6']);
		expect(w2.profileSupplements[0]).toEqual({
			profileNr: '1216566',
			profileCode: 'P3',
			description:
				'De persoonlijk begeleider gehandicaptenzorg schakelt zo nodig andere disciplines in.',
			result: '',
			// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers (expect.any, expect.stringMatching) as any
			behaviour: expect.stringMatching(/^De persoonlijk begeleider gehandicaptenzorg:\n- daagt/),
			competenceCodes: ['C']
		});
		const k1 = coreTask(d, 'B1-K1');
		expect(k1.profileSupplements.map((s) => s.profileCode)).toEqual([
			'P1',
			'P2',
			'P3',
			'P4',
			'P5',
			'P6'
		]);
		// P1 and P2 add to the responsibility only (their complexity addition is empty).
		expect(k1.profileSupplements[0].complexity).toBeNull();
		expect(k1.profileSupplements[0].responsibility).toMatch(
			/^De begeleider gehandicaptenzorg werkt/
		);
		expect(k1.profileSupplements[2].complexity).toBe(
			'De persoonlijk begeleider gehandicaptenzorg beschikt over specialistische kennis.\n' +
				'Bij calamiteiten of onregelmatigheden moet ze snel en creatief oplossingen bedenken en verantwoorde keuzes maken.'
		);
		// Profiel kerntaken have no per-profiel additions.
		for (const p of d.profiles) {
			for (const k of p.coreTasks) {
				expect(k.profileSupplements).toEqual([]);
				for (const w of k.workProcesses) expect(w.profileSupplements).toEqual([]);
			}
		}
	});

	it('Pedagogisch Werk: three profielen at niveau 3 and 4', () => {
		const d = dossierOf('pedagogischWerk');
		expect(d).toMatchObject({ nr: '2635', title: 'Pedagogisch Werk', crebo: '23183' });
		expect(
			d.profiles.map((p) => [
				p.code,
				p.title,
				p.crebo,
				p.level,
				p.trainingType,
				p.coreTasks.map((k) => `${k.code}:${k.workProcesses.length}`)
			])
		).toEqual([
			['P1', 'Pedagogisch medewerker kinderopvang', '25486', 3, 'vakopleiding', ['P1-K1:6']],
			[
				'P2',
				'Gespecialiseerd pedagogisch medewerker',
				'25484',
				4,
				'middenkaderopleiding',
				['P2-K1:7', 'P2-K2:4']
			],
			['P3', 'Onderwijsassistent', '25485', 4, 'middenkaderopleiding', ['P3-K1:3', 'P3-K2:4']]
		]);
		expect(d.coreTasks.map((k) => [k.code, k.title, k.workProcesses.length])).toEqual([
			['B1-K1', 'Begeleiden van kinderen bij hun ontwikkeling', 8],
			['B1-K2', 'Werken aan kwaliteit en deskundigheid', 2]
		]);
		expect(workProcess(d, 'P2-K2-W4')).toMatchObject({
			title: 'Voert beheertaken uit',
			competenceCodes: ['G', 'L', 'T', 'Y']
		});
		// The raw text ends in " \n  \n\n\t\n": trimmed away.
		expect(workProcess(d, 'B1-K1-W1').description).toMatch(
			/rapporteert hierover aan haar leidinggevende en\/of het team\.$/
		);
	});

	it.each([
		// file, profielen, kerntaken (basis + profiel), werkprocessen (basis + profiel), crebos
		['pedagogischWerk', 3, [2, 5], [10, 24], ['25486', '25484', '25485']],
		['dienstverlening', 3, [1, 3], [9, 9], ['25499', '25498', '25500']],
		[
			'maatschappelijkeZorg',
			6,
			[2, 6],
			[9, 34],
			['25475', '25476', '25477', '25474', '25479', '25478']
		]
	] as const)('%s: counts per dossier', (key, profiles, coreTasks, workProcesses, crebos) => {
		const d = dossierOf(key);
		const source = text(key);
		expect(d.profiles).toHaveLength(profiles);
		expect(d.profiles.map((p) => p.crebo)).toEqual(crebos);
		expect([d.coreTasks.length, d.profiles.flatMap((p) => p.coreTasks).length]).toEqual(coreTasks);
		expect([
			d.coreTasks.flatMap((k) => k.workProcesses).length,
			d.profiles.flatMap((p) => p.coreTasks).flatMap((k) => k.workProcesses).length
		]).toEqual(workProcesses);
		// Every werkproces and kerntaak element of the file is read, none elsewhere.
		expect(allWorkProcesses(d)).toHaveLength(countOf(source, '<werkproces nr='));
		expect(allCoreTasks(d)).toHaveLength(countOf(source, '<kerntaak nr='));
		expect(d.profiles).toHaveLength(countOf(source, '<profiel nr='));
	});
});

describe.each(Object.keys(FILES) as FileKey[])('SBB export 2016 (%s): invariants', (key) => {
	it('has every derived code unique, each werkproces under its kerntaak', () => {
		const d = dossierOf(key);
		const codes = allCodes(d);
		expect(new Set(codes).size).toBe(codes.length);
		for (const k of d.coreTasks) expect(k.code).toMatch(/^B1-K\d+$/);
		for (const p of d.profiles) {
			expect(p.code).toMatch(/^P\d+$/);
			for (const k of p.coreTasks) expect(k.code).toMatch(new RegExp(`^${p.code}-K\\d+$`));
		}
		for (const k of allCoreTasks(d)) {
			expect(k.workProcesses.length).toBeGreaterThan(0);
			for (const w of k.workProcesses) expect(w.code).toMatch(new RegExp(`^${k.code}-W\\d+$`));
		}
		// Numbered from 1 without gaps, in document order.
		for (const k of allCoreTasks(d)) {
			expect(k.workProcesses.map((w) => w.code)).toEqual(
				k.workProcesses.map((_, i) => `${k.code}-W${i + 1}`)
			);
		}
	});

	it('has competence codes A–Y only, sorted and unique, on every werkproces', () => {
		const d = dossierOf(key);
		for (const w of allWorkProcesses(d)) {
			expect(w.competenceCodes.length, w.code).toBeGreaterThan(0);
			expect(w.competenceCodes).toEqual([...new Set(w.competenceCodes)].sort());
			for (const c of w.competenceCodes) expect(c).toMatch(/^[A-Y]$/);
			for (const s of w.profileSupplements)
				for (const c of s.competenceCodes) expect(c).toMatch(/^[A-Y]$/);
		}
	});

	it('lists the 25 competences A–Y and the 9 sector chambers', () => {
		const parsed = parse(key);
		expect(parsed.competences).toHaveLength(25);
		expect(parsed.competences.map((c) => c.code).join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXY');
		expect(parsed.competences[0]).toEqual({
			nr: '3084',
			code: 'A',
			title: 'Beslissen en activiteiten initiëren'
		});
		// &quot; entities are decoded.
		expect(parsed.competences.find((c) => c.code === 'R')?.title).toBe(
			'Op de behoeften en verwachtingen van de "klant" richten'
		);
		expect(parsed.sectorChambers).toHaveLength(9);
		expect(parsed.sectorChambers.map((s) => s.nr)).toContain('5674');
	});

	it('has normalised titles, trimmed texts and ISO dates', () => {
		const d = dossierOf(key);
		const titles = [
			d.title,
			...d.profiles.map((p) => p.title),
			...allCoreTasks(d).map((k) => k.title),
			...allWorkProcesses(d).map((w) => w.title)
		];
		for (const t of titles) {
			expect(t).toBe(t.trim());
			expect(t).not.toMatch(/\s\s|[\n\t]/);
		}
		for (const w of allWorkProcesses(d)) {
			for (const t of [w.description, w.result, w.behaviour]) {
				expect(t.length, w.code).toBeGreaterThan(0);
				expect(t).toBe(t.trim());
				expect(t).not.toMatch(/\r|[ \t]\n|\n[ \t]|\n{3}/);
			}
		}
		for (const date of [
			d.validFrom,
			d.adoptedOn,
			...d.profiles.flatMap((p) => [p.validFrom, p.endIntake, p.endTraining])
		]) {
			if (date !== null) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
	});

	it('handles the UTF-8 BOM, as bytes and as text', () => {
		const raw = bytes(key);
		expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const source = text(key);
		expect(source.charCodeAt(0)).toBe(0xfeff);
		const fromBytes = parseQualificationXml(raw);
		expect(parseQualificationXml(source)).toEqual(fromBytes);
		expect(parseQualificationXml(source.slice(1))).toEqual(fromBytes);
	});

	it('gives a stable content hash', () => {
		const first = dossierOf(key);
		const second = dossierOf(key);
		expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
		expect(second.contentHash).toBe(first.contentHash);
	});
});

describe('content hash', () => {
	const source = text('dienstverlening');
	const base = parseQualificationXml(source).dossiers[0];
	const hashAfter = (from: string, to: string) =>
		parseQualificationXml(replaceOnce(source, from, to)).dossiers[0].contentHash;

	it('differs between dossiers', () => {
		const hashes = (Object.keys(FILES) as FileKey[]).map((k) => dossierOf(k).contentHash);
		expect(new Set(hashes).size).toBe(3);
	});

	it('changes when one werkproces title changes', () => {
		const from = 'titel="Treedt op als aanspreekpunt"';
		const changed = parseQualificationXml(
			replaceOnce(source, from, 'titel="Treedt op als eerste aanspreekpunt"')
		).dossiers[0];
		expect(workProcess(changed, 'B1-K1-W3').title).toBe('Treedt op als eerste aanspreekpunt');
		expect(changed.contentHash).not.toBe(base.contentHash);
	});

	it('changes with a text, a crebo, a date, a code or a competence', () => {
		const changes: [string, string][] = [
			['De voorraad is op peil.', 'De voorraad is op orde.'],
			['Datum_einde_opleiding="">25498<', 'Datum_einde_opleiding="">25497<'],
			[
				'Datum_einde_instroom="" Datum_einde_opleiding="">25498<',
				'Datum_einde_instroom="01-08-2020" Datum_einde_opleiding="">25498<'
			],
			[
				'titel="Evalueert de werkzaamheden" hoofdstuk="9"',
				'titel="Evalueert de werkzaamheden" hoofdstuk="10"'
			],
			['<vastgesteldop>26-11-2015<', '<vastgesteldop>27-11-2015<']
		];
		const hashes = changes.map(([from, to]) => hashAfter(from, to));
		for (const h of hashes) expect(h).not.toBe(base.contentHash);
		expect(new Set(hashes).size).toBe(changes.length);
	});

	it('ignores what normalisation removes and what is not parsed', () => {
		// An extra stray space in a title, or a changed kennis-en-vaardigheid, is no change.
		expect(
			hashAfter('titel="Maakt ruimtes gebruiksklaar"', 'titel="Maakt  ruimtes gebruiksklaar "')
		).toBe(base.contentHash);
		expect(
			hashAfter(
				'titel="kan voor zichzelf opkomen in werkrelaties"',
				'titel="kan voor zichzelf opkomen"'
			)
		).toBe(base.contentHash);
	});
});

describe('title normalisation on real titles', () => {
	it.each([
		['dienstverlening', 'P2-K1', 'Ondersteunt bij  dagelijkse activiteiten in zorg en welzijn '],
		['dienstverlening', 'B1-K1-W6', 'Draagt bij aan een veilige situatie '],
		[
			'maatschappelijkeZorg',
			'P3-K1-W4',
			'Ondersteunt de cliënt bij het leggen en onderhouden van contacten en betrekt naastbetrokkenen    '
		],
		[
			'maatschappelijkeZorg',
			'P2-K1-W2',
			'Begeleidt specifieke doelgroepen en hun naastbetrokkenen bij (dagelijkse) activiteiten  '
		],
		[
			'pedagogischWerk',
			'P3-K1-W3',
			'Biedt (specifieke) ontwikkelingsgerichte  lesactiviteiten aan'
		],
		['pedagogischWerk', 'P2-K1', 'Opvoeden en ontwikkelen van het kind/de kinderen ']
	] as const)('%s %s', (key, code, raw) => {
		expect(text(key)).toContain(`titel="${raw}"`);
		const d = dossierOf(key);
		const item = code.includes('-W') ? workProcess(d, code) : coreTask(d, code);
		expect(item.title).toBe(raw.replace(/\s+/g, ' ').trim());
	});

	it('cleans a profiel title with a trailing space', () => {
		expect(text('pedagogischWerk')).toContain('titel="Gespecialiseerd pedagogisch medewerker "');
		expect(profileByCrebo(dossierOf('pedagogischWerk'), '25484').title).toBe(
			'Gespecialiseerd pedagogisch medewerker'
		);
	});
});

describe('broken input is refused with a precise QualificationImportError', () => {
	const FILE = FILES.dienstverlening;
	const source = text('dienstverlening');
	const parseText = (xml: string) => () => parseQualificationXml(xml, FILE);
	const broken = (from: string, to: string) => parseText(replaceOnce(source, from, to));

	it('not XML', () => {
		expectImportError(parseText('Dit is geen XML'), 'not_xml', { line: 1, fileName: FILE });
		expectImportError(parseText(''), 'not_xml');
		expectImportError(parseText('{"sbb": []}'), 'not_xml');
		expectImportError(
			() => parseQualificationXml(new Uint8Array([0x3c, 0x73, 0x62, 0x62, 0x3e, 0xff, 0xfe])),
			'not_xml',
			{ value: 'not valid UTF-8' }
		);
	});

	it('malformed XML, with the line of the fault', () => {
		const closing = '              </basiswerkprocessen>';
		const error = expectImportError(
			broken(closing, '              </basiswerkproces>'),
			'not_xml',
			{
				line: lineOf(source, closing),
				fileName: FILE
			}
		);
		expect(error.message).toContain(`${FILE}:${lineOf(source, closing)}`);
		// Cut off half-way.
		const half = source.slice(0, Math.floor(source.length / 2));
		expectImportError(parseText(half), 'not_xml', { line: half.split('\n').length });
	});

	it('wrong root element', () => {
		const renamed = source
			.replace('<sbb>', '<kwalificaties>')
			.replace('</sbb>', '</kwalificaties>');
		expectImportError(parseText(renamed), 'wrong_root', {
			element: 'kwalificaties',
			value: 'kwalificaties',
			line: 2
		});
		expectImportError(parseText('<html><body><p>Hallo</p></body></html>'), 'wrong_root', {
			element: 'html',
			line: 1
		});
	});

	it('a werkproces without hoofdstuk: element, attribute, line and path', () => {
		const tag = '<werkproces nr="986401" titel="Treedt op als aanspreekpunt" hoofdstuk="3">';
		expect(lineOf(source, tag)).toBe(253);
		const error = expectImportError(
			broken(tag, '<werkproces nr="986401" titel="Treedt op als aanspreekpunt">'),
			'missing_attribute',
			{
				element: 'werkproces',
				attribute: 'hoofdstuk',
				line: 253,
				path: 'dossier[nr=2755]/basis/basistaken/basiskerntaken/kerntaak[nr=986398]/basiswerkprocessen/werkproces[nr=986401]',
				fileName: FILE
			}
		);
		expect(error.message).toContain('<werkproces> lacks the required attribute "hoofdstuk"');
		expect(error.message).toContain(`${FILE}:253`);
	});

	it('a profiel without nr is located by position', () => {
		const tag = '<profiel nr="986409" titel="Helpende Zorg en Welzijn"';
		expectImportError(
			broken(tag, '<profiel titel="Helpende Zorg en Welzijn"'),
			'missing_attribute',
			{
				element: 'profiel',
				attribute: 'nr',
				line: lineOf(source, tag),
				path: 'dossier[nr=2755]/profielen/profiel[2]'
			}
		);
	});

	it('a profiel referentie to a profiel that does not exist', () => {
		// In verantwoordingsinformatie (otherwise not read) …
		const ref = '<profiel referentie="986414">';
		expect(lineOf(source, ref)).toBe(850);
		expectImportError(
			parseText(source.replace(ref, '<profiel referentie="999999">')),
			'bad_reference',
			{
				element: 'profiel',
				attribute: 'referentie',
				reference: '999999',
				line: lineOf(source, ref)
			}
		);
		// … and in a per-profiel addition inside the basisdeel.
		const mz = text('maatschappelijkeZorg');
		const extra =
			'<aanvullend><profiel referentie="1216553" /><omschrijving><![CDATA[De begeleider gehandicaptenzorg ondersteunt';
		expectImportError(
			() =>
				parseQualificationXml(
					replaceOnce(mz, extra, extra.replace('1216553', '1216999')),
					FILES.maatschappelijkeZorg
				),
			'bad_reference',
			{ element: 'profiel', reference: '1216999', line: lineOf(mz, extra) }
		);
	});

	it('a competentie or sectorkamer referentie that does not exist', () => {
		const first = '<competentie referentie="3092" />';
		expectImportError(
			parseText(source.replace(first, '<competentie referentie="3999" />')),
			'bad_reference',
			{ element: 'competentie', reference: '3999', line: lineOf(source, first) }
		);
		expectImportError(
			broken('<sectorkamer referentie="5674" />', '<sectorkamer referentie="1" />'),
			'bad_reference',
			{ element: 'sectorkamer', reference: '1' }
		);
		expectImportError(broken('referentiedomein="4135"', 'referentiedomein="9"'), 'bad_reference', {
			element: 'dossier',
			attribute: 'referentiedomein',
			reference: '9',
			line: 62
		});
	});

	it('niveau out of range or not a number', () => {
		const tag = 'hoofdstuk="2" niveau="2" beroepsgroep="Zorg"';
		for (const niveau of ['7', '0', 'twee', '2.5']) {
			expectImportError(
				broken(tag, `hoofdstuk="2" niveau="${niveau}" beroepsgroep="Zorg"`),
				'bad_value',
				{
					element: 'profiel',
					attribute: 'niveau',
					value: niveau,
					line: lineOf(source, tag),
					path: 'dossier[nr=2755]/profielen/profiel[nr=986409]'
				}
			);
		}
		expectImportError(broken(tag, 'hoofdstuk="2" beroepsgroep="Zorg"'), 'missing_attribute', {
			attribute: 'niveau'
		});
	});

	it('other bad values: dates, crebo, hoofdstuk, price factor', () => {
		const crebo =
			'prijsfactor="1,10" Geldig_vanaf="01-08-2015" Datum_einde_instroom="" Datum_einde_opleiding="">25498</crebo>';
		expectImportError(broken(crebo, crebo.replace('01-08-2015', '31-02-2015')), 'bad_value', {
			element: 'crebo',
			attribute: 'Geldig_vanaf',
			value: '31-02-2015'
		});
		expectImportError(broken(crebo, crebo.replace('01-08-2015', '2015-08-01')), 'bad_value', {
			attribute: 'Geldig_vanaf'
		});
		expectImportError(broken(crebo, crebo.replace('25498', '2549X')), 'bad_value', {
			element: 'crebo',
			value: '2549X'
		});
		expectImportError(broken(crebo, crebo.replace('1,10', 'veel')), 'bad_value', {
			attribute: 'prijsfactor',
			value: 'veel'
		});
		expectImportError(
			broken('titel="Houdt toezicht" hoofdstuk="3"', 'titel="Houdt toezicht" hoofdstuk="drie"'),
			'bad_value',
			{ element: 'werkproces', attribute: 'hoofdstuk', value: 'drie' }
		);
	});

	it('missing required elements', () => {
		const crebo =
			'<crebo ministerie="OCW" prijsfactor="1,10" Geldig_vanaf="01-08-2015" Datum_einde_instroom="" Datum_einde_opleiding="">25498</crebo>';
		expectImportError(broken(crebo, ''), 'missing_element', {
			element: 'crebo',
			path: 'dossier[nr=2755]/profielen/profiel[nr=986409]/creboinformatie'
		});
		expectImportError(parseText('<?xml version="1.0"?>\n<sbb>\n</sbb>'), 'missing_element', {
			element: 'dossiers',
			line: 2
		});
	});

	it('duplicate derived codes within a dossier', () => {
		const tag = '<werkproces nr="986400" titel="Maakt ruimtes gebruiksklaar" hoofdstuk="2">';
		expectImportError(
			broken(tag, tag.replace('hoofdstuk="2"', 'hoofdstuk="1"')),
			'duplicate_code',
			{
				element: 'werkproces',
				value: 'B1-K1-W1',
				line: lineOf(source, tag)
			}
		);
		const profile = 'titel="Medewerker sport en recreatie" hoofdstuk="3"';
		expectImportError(
			broken(profile, 'titel="Medewerker sport en recreatie" hoofdstuk="2"'),
			'duplicate_code',
			{ element: 'profiel', value: 'P2' }
		);
	});

	it('the same dossier twice in one file', () => {
		const start = source.indexOf('    <dossier nr="2755"');
		const end = source.indexOf('</dossiers>');
		const twice = source.slice(0, end) + source.slice(start, end) + source.slice(end);
		expectImportError(parseText(twice), 'duplicate_code', { element: 'dossier', value: '2755' });
	});

	it('input over MAX_IMPORT_BYTES, as text or bytes', () => {
		expect(MAX_IMPORT_BYTES).toBe(20 * 1024 * 1024);
		const padding = MAX_IMPORT_BYTES - Buffer.byteLength(source) + 1;
		const oversized = source + ' '.repeat(padding);
		expectImportError(parseText(oversized), 'too_large', {
			value: String(MAX_IMPORT_BYTES + 1),
			fileName: FILE
		});
		expectImportError(
			() => parseQualificationXml(new Uint8Array(MAX_IMPORT_BYTES + 1)),
			'too_large'
		);
		// Counted in UTF-8 bytes, not characters: 'ë' is two bytes.
		const wide = `<sbb><!--${'ë'.repeat(MAX_IMPORT_BYTES / 2)}--></sbb>`;
		expect(wide.length).toBeLessThan(MAX_IMPORT_BYTES);
		expectImportError(parseText(wide), 'too_large');
	});

	it('never leaks a raw library error', () => {
		const inputs = [
			'<',
			'<sbb',
			'<?xml version="1.0"?>',
			'<sbb><dossiers></sbb>',
			'<sbb a=1></sbb>',
			'<sbb>&nbsp;</sbb>',
			'<sbb/><sbb/>',
			// Entity expansion ("billion laughs") is not performed.
			'<!DOCTYPE sbb [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><sbb>&b;</sbb>',
			`<sbb>${'<a>'.repeat(500)}${'</a>'.repeat(500)}</sbb>`
		];
		for (const input of inputs) {
			const error = importError(parseText(input));
			expect(['not_xml', 'missing_element']).toContain(error.code);
		}
	});

	it('millions of empty elements or attributes are refused while streaming', () => {
		// The attack: 4.9 million empty elements in 19.5 MB, under the 20 MB limit.
		const empties = `<sbb>${'<a/>'.repeat(4_900_000)}</sbb>`;
		expect(empties.length).toBeLessThan(MAX_IMPORT_BYTES);
		const many = importError(parseText(empties));
		expect(many.code).toBe('too_many_elements');
		expect(many.details.value).toBe(String(MAX_ELEMENTS));
		expect(many.details.fileName).toBe(FILE);
		const attributes = `<sbb>${'<a b="" c="" d="" e=""/>'.repeat(MAX_ATTRIBUTES / 4 + 1)}</sbb>`;
		expect(importError(parseText(attributes)).code).toBe('too_many_elements');
		const wide = `<sbb ${Array.from({ length: MAX_ATTRIBUTES + 1 }, (_, i) => `a${i}=""`).join(' ')}/>`;
		expect(importError(parseText(wide)).code).toBe('too_many_elements');
	});

	it('the real dossiers stay far below the element and attribute caps', () => {
		for (const key of Object.keys(FILES) as FileKey[]) {
			const source = text(key);
			expect(source.match(/<[A-Za-z_]/g)!.length).toBeLessThan(MAX_ELEMENTS / 50);
			expect(source.match(/ [A-Za-z_]+="/g)!.length).toBeLessThan(MAX_ATTRIBUTES / 100);
		}
	});
});

describe('demo set', () => {
	const demo = parseQualificationXml(DEMO_QUALIFICATIONS_XML, 'demo-set');

	it('is small and parses', () => {
		expect(Buffer.byteLength(DEMO_QUALIFICATIONS_XML)).toBeLessThan(60 * 1024);
		expect(demo.competences).toHaveLength(25);
		expect(demo.dossiers.map((d) => [d.nr, d.title])).toEqual([
			['2755', 'Dienstverlening'],
			['4156', 'Maatschappelijke Zorg'],
			['2635', 'Pedagogisch Werk']
		]);
		expect(
			demo.dossiers.flatMap((d) => d.profiles.map((p) => [p.crebo, p.code, p.title, p.level]))
		).toEqual([
			['25498', 'P2', 'Helpende Zorg en Welzijn', 2],
			['25475', 'P1', 'Begeleider gehandicaptenzorg', 3],
			['25476', 'P2', 'Begeleider specifieke doelgroepen', 3],
			['25486', 'P1', 'Pedagogisch medewerker kinderopvang', 3]
		]);
		for (const d of demo.dossiers) {
			const codes = allCodes(d);
			expect(new Set(codes).size).toBe(codes.length);
		}
	});

	it('uses the real codes, titles and competences of the 2016 export', () => {
		const real = new Map(
			(Object.keys(FILES) as FileKey[]).map((k) => {
				const d = dossierOf(k);
				return [d.nr, d];
			})
		);
		expect(demo.competences).toEqual(parse('dienstverlening').competences);
		for (const d of demo.dossiers) {
			const r = real.get(d.nr)!;
			expect([d.title, d.crebo, d.validFrom, d.sectorChamber, d.domain]).toEqual([
				r.title,
				r.crebo,
				r.validFrom,
				r.sectorChamber,
				r.domain
			]);
			for (const p of d.profiles) {
				const rp = r.profiles.find((x) => x.code === p.code)!;
				expect([p.nr, p.title, p.crebo, p.level, p.studyLoadHours]).toEqual([
					rp.nr,
					rp.title,
					rp.crebo,
					rp.level,
					rp.studyLoadHours
				]);
				expect(p.coreTasks.map((k) => k.code)).toEqual(rp.coreTasks.map((k) => k.code));
			}
			expect(d.coreTasks.map((k) => k.code)).toEqual(r.coreTasks.map((k) => k.code));
			for (const k of allCoreTasks(d)) {
				const rk = coreTask(r, k.code);
				expect([k.nr, k.title]).toEqual([rk.nr, rk.title]);
				expect(k.workProcesses.map((w) => [w.code, w.nr, w.title, w.competenceCodes])).toEqual(
					rk.workProcesses.map((w) => [w.code, w.nr, w.title, w.competenceCodes])
				);
			}
		}
	});
});
