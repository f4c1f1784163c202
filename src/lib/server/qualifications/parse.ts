/**
 * Parser for SBB's kwalificatiestructuur XML export (see DESIGN.md, "Qualification
 * structure"). Pure: text in, plain data out, nothing stored. Every refusal is a
 * QualificationImportError with a stable code and the place in the file.
 *
 * Shape of the export, as far as it matters here:
 *
 *   sbb
 *   ├─ domeinen/domein[nr,titel]
 *   ├─ sectorkamers/sectorkamer[nr,titel]
 *   ├─ competenties/competentie[nr,code(A–Y),titel]
 *   └─ dossiers/dossier[nr,titel,versie,status,referentiedomein,referentievorigeversie]
 *      ├─ dossiercrebos/dossiercrebo[Geldig_vanaf,Datum_einde_instroom,Datum_einde_opleiding,prijsfactor] = crebo
 *      ├─ voorblad/omschrijving/penvoerder/sectorkamer[referentie]
 *      ├─ voorblad/omschrijving/verantwoording/vaststellingsinformatie/vastgesteldop = dd-mm-yyyy
 *      ├─ basis/basistaken/basiskerntaken/kerntaak[nr,titel,hoofdstuk]            → B1-K{k}
 *      │  ├─ complexiteit, verantwoordelijkheid (+ …perprofiel/aanvullend[profiel referentie])
 *      │  └─ basiswerkprocessen/werkproces[nr,titel,hoofdstuk]                     → B1-K{k}-W{w}
 *      │     ├─ werkprocesomschrijving, werkprocesresultaat, werkprocesgedrag (+ …perprofiel)
 *      │     └─ werkprocescompetenties/competentie[referentie] (+ …perprofiel)
 *      ├─ profielen/profiel[nr,titel,hoofdstuk,niveau,beroepsgroep]               → P{n}
 *      │  ├─ omschrijving/{typeringvanhetberoep,sbu,soortopleiding}
 *      │  ├─ creboinformatie/crebo[dates,prijsfactor] = crebo
 *      │  └─ profielkerntaken/kerntaak → profielwerkprocessen/werkproces            → P{n}-K{k}(-W{w})
 *      └─ verantwoordingsinformatie/…/profiel[referentie]  (back-references, checked only)
 *
 * Codes are derived from `hoofdstuk` attributes, never read. Texts are trimmed with their
 * line breaks kept; titles have their whitespace collapsed.
 */
import { contentHash } from './parse/content-hash';
import { QualificationImportError, type QualificationImportErrorDetails } from './parse/errors';
import {
	normaliseText,
	normaliseTitle,
	parseChapter,
	parseCrebo,
	parseDecimal,
	parseDutchDate,
	parseWholeNumber
} from './parse/values';
import {
	child,
	childrenNamed,
	descendants,
	elementPath,
	readXmlTree,
	type XmlElement
} from './parse/xml-tree';

export { QualificationImportError } from './parse/errors';
export type { QualificationImportErrorCode, QualificationImportErrorDetails } from './parse/errors';

/** Uploads and files above this size are refused before parsing. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export type QualificationLevel = 1 | 2 | 3 | 4;

/**
 * What a basisdeel werkproces adds for one profiel (SBB's "aanvullend" per profiel): extra
 * text to append to the common text, and extra competences. Only on basisdeel werkprocessen.
 */
export interface ParsedWorkProcessSupplement {
	profileNr: string;
	profileCode: string;
	description: string;
	result: string;
	behaviour: string;
	competenceCodes: string[];
}

export interface ParsedWorkProcess {
	nr: string;
	/** e.g. 'B1-K1-W3' */
	code: string;
	title: string;
	description: string;
	result: string;
	behaviour: string;
	/** e.g. ['A', 'F']: sorted, unique */
	competenceCodes: string[];
	/** Per-profiel additions (basisdeel only; empty ones left out), in profiel order. */
	profileSupplements: ParsedWorkProcessSupplement[];
}

/** What a basisdeel kerntaak adds for one profiel to its complexity and responsibility. */
export interface ParsedCoreTaskSupplement {
	profileNr: string;
	profileCode: string;
	complexity: string | null;
	responsibility: string | null;
}

export interface ParsedCoreTask {
	nr: string;
	/** 'B1-K1' | 'P2-K1' */
	code: string;
	title: string;
	complexity: string | null;
	responsibility: string | null;
	workProcesses: ParsedWorkProcess[];
	/** Per-profiel additions (basisdeel only; empty ones left out), in profiel order. */
	profileSupplements: ParsedCoreTaskSupplement[];
}

/** A profiel is one kwalificatie (one crebo) of the dossier. */
export interface ParsedProfile {
	nr: string;
	/** 'P1' */
	code: string;
	title: string;
	level: QualificationLevel;
	occupationalGroup: string | null;
	crebo: string;
	/** 'YYYY-MM-DD' */
	validFrom: string | null;
	endIntake: string | null;
	endTraining: string | null;
	/** sbu */
	studyLoadHours: number | null;
	priceFactor: number | null;
	/** soortopleiding, e.g. 'middenkaderopleiding' */
	trainingType: string | null;
	/** typeringvanhetberoep */
	description: string;
	/** The profiel's own kerntaken only; the basisdeel's are on the dossier. */
	coreTasks: ParsedCoreTask[];
}

export interface ParsedDossier {
	nr: string;
	title: string;
	/** versie, e.g. 'Gewijzigd 2016' */
	version: string | null;
	status: string | null;
	/** referentievorigeversie: the nr of the dossier this one replaces */
	previousVersionNr: string | null;
	crebo: string | null;
	validFrom: string | null;
	endIntake: string | null;
	endTraining: string | null;
	priceFactor: number | null;
	/** vastgesteldop */
	adoptedOn: string | null;
	sectorChamber: { nr: string; title: string } | null;
	domain: { nr: string; title: string } | null;
	/** basisdeel, codes B1-K… */
	coreTasks: ParsedCoreTask[];
	profiles: ParsedProfile[];
	/**
	 * sha256 hex over a canonical JSON of everything above: equal content ⇒ equal hash,
	 * any change in titles, texts, codes, crebos or dates ⇒ a different hash.
	 */
	contentHash: string;
}

export interface ParsedCompetence {
	nr: string;
	/** A–Y */
	code: string;
	title: string;
}

export interface ParsedExport {
	competences: ParsedCompetence[];
	sectorChambers: { nr: string; title: string }[];
	dossiers: ParsedDossier[];
}

/**
 * Parses one SBB export. `input` may carry a UTF-8 BOM. `fileName` only goes into error
 * details. Throws QualificationImportError for anything it cannot take whole.
 */
export function parseQualificationXml(input: string | Uint8Array, fileName?: string): ParsedExport {
	const xml = decodeInput(input, fileName);
	const root = readXmlTree(xml, 'sbb', fileName);
	return new ExportReader(fileName).read(root);
}

function decodeInput(input: string | Uint8Array, fileName?: string): string {
	if (typeof input === 'string') {
		// A UTF-16 code unit is at least one UTF-8 byte, so the cheap length test comes first.
		const size = input.length > MAX_IMPORT_BYTES ? input.length : Buffer.byteLength(input, 'utf8');
		if (size > MAX_IMPORT_BYTES) tooLarge(size, fileName);
		return input.startsWith('\uFEFF') ? input.slice(1) : input;
	}
	if (input.byteLength > MAX_IMPORT_BYTES) tooLarge(input.byteLength, fileName);
	try {
		// Strips a UTF-8 BOM; refuses bytes that are not UTF-8 (SBB exports are UTF-8).
		return new TextDecoder('utf-8', { fatal: true }).decode(input);
	} catch {
		throw new QualificationImportError('not_xml', { value: 'not valid UTF-8', fileName });
	}
}

function tooLarge(size: number, fileName?: string): never {
	throw new QualificationImportError('too_large', { value: String(size), fileName });
}

const LEVELS: Record<string, QualificationLevel> = { '1': 1, '2': 2, '3': 3, '4': 4 };
const COMPETENCE_CODE = /^[A-Y]$/;

interface ProfileHeader {
	el: XmlElement;
	nr: string;
	code: string;
	chapter: number;
}

/** Per-dossier state: the profielen (for back-references) and the codes handed out. */
interface DossierScope {
	profiles: Map<string, ProfileHeader>;
	codes: Map<string, XmlElement>;
}

class ExportReader {
	private readonly competences = new Map<string, ParsedCompetence>();
	private readonly sectorChambers = new Map<string, { nr: string; title: string }>();
	private readonly domains = new Map<string, { nr: string; title: string }>();

	constructor(private readonly fileName: string | undefined) {}

	read(root: XmlElement): ParsedExport {
		this.readCompetences(root);
		this.readNamedList(root, 'sectorkamers', 'sectorkamer', this.sectorChambers);
		this.readNamedList(root, 'domeinen', 'domein', this.domains);

		const dossiersEl = this.requireChild(root, 'dossiers');
		const dossiers: ParsedDossier[] = [];
		const dossierNrs = new Set<string>();
		const crebos = new Map<string, string>();
		for (const el of childrenNamed(dossiersEl, 'dossier')) {
			const dossier = this.readDossier(el);
			if (dossierNrs.has(dossier.nr))
				this.fail('duplicate_code', el, { attribute: 'nr', value: dossier.nr });
			dossierNrs.add(dossier.nr);
			for (const profile of dossier.profiles) {
				const seenIn = crebos.get(profile.crebo);
				if (seenIn !== undefined) {
					const profileEl = childrenNamed(this.requireChild(el, 'profielen'), 'profiel').find(
						(p) => p.attributes.nr === profile.nr
					);
					this.fail('duplicate_code', profileEl ?? el, {
						element: 'crebo',
						value: profile.crebo
					});
				}
				crebos.set(profile.crebo, dossier.nr);
			}
			dossiers.push(dossier);
		}
		return {
			competences: [...this.competences.values()],
			sectorChambers: [...this.sectorChambers.values()],
			dossiers
		};
	}

	// ── reference lists ────────────────────────────────────────────────────────

	private readCompetences(root: XmlElement): void {
		const list = child(root, 'competenties');
		if (!list) return;
		const codes = new Set<string>();
		for (const el of childrenNamed(list, 'competentie')) {
			const nr = this.attr(el, 'nr');
			const code = this.attr(el, 'code');
			if (!COMPETENCE_CODE.test(code))
				this.fail('bad_value', el, { attribute: 'code', value: code });
			if (this.competences.has(nr)) this.fail('duplicate_code', el, { attribute: 'nr', value: nr });
			if (codes.has(code)) this.fail('duplicate_code', el, { attribute: 'code', value: code });
			codes.add(code);
			this.competences.set(nr, { nr, code, title: normaliseTitle(this.attr(el, 'titel')) });
		}
	}

	private readNamedList(
		root: XmlElement,
		listName: string,
		itemName: string,
		into: Map<string, { nr: string; title: string }>
	): void {
		const list = child(root, listName);
		if (!list) return;
		for (const el of childrenNamed(list, itemName)) {
			const nr = this.attr(el, 'nr');
			if (into.has(nr)) this.fail('duplicate_code', el, { attribute: 'nr', value: nr });
			into.set(nr, { nr, title: normaliseTitle(this.attr(el, 'titel')) });
		}
	}

	// ── dossier ────────────────────────────────────────────────────────────────

	private readDossier(el: XmlElement): ParsedDossier {
		const nr = this.attr(el, 'nr');
		const title = normaliseTitle(this.attr(el, 'titel'));
		const profilesEl = this.requireChild(el, 'profielen');

		// First the profielen' numbers and codes: the basisdeel, which comes before them,
		// refers to them.
		const scope: DossierScope = { profiles: new Map(), codes: new Map() };
		for (const p of childrenNamed(profilesEl, 'profiel')) {
			const header: ProfileHeader = {
				el: p,
				nr: this.attr(p, 'nr'),
				chapter: this.chapter(p),
				code: ''
			};
			header.code = `P${header.chapter}`;
			if (scope.profiles.has(header.nr))
				this.fail('duplicate_code', p, { attribute: 'nr', value: header.nr });
			scope.profiles.set(header.nr, header);
			this.claimCode(scope, header.code, p);
		}
		this.checkReferences(el, scope);

		const domainRef = this.optAttr(el, 'referentiedomein');
		let domain: ParsedDossier['domain'] = null;
		if (domainRef !== null) {
			domain = this.domains.get(domainRef) ?? null;
			if (!domain)
				this.fail('bad_reference', el, { attribute: 'referentiedomein', reference: domainRef });
		}

		const creboEl = child(el, 'dossiercrebos', 'dossiercrebo');
		const crebo = creboEl
			? { crebo: this.crebo(creboEl, false), ...this.creboDates(creboEl) }
			: null;

		const chamberEl = child(el, 'voorblad', 'omschrijving', 'penvoerder', 'sectorkamer');
		const chamberRef = chamberEl ? this.optAttr(chamberEl, 'referentie') : null;
		const sectorChamber =
			chamberRef === null ? null : (this.sectorChambers.get(chamberRef) ?? null);
		if (chamberEl && chamberRef !== null && !sectorChamber)
			this.fail('bad_reference', chamberEl, { attribute: 'referentie', reference: chamberRef });

		const adoptedEl = child(
			el,
			'voorblad',
			'omschrijving',
			'verantwoording',
			'vaststellingsinformatie',
			'vastgesteldop'
		);
		const adoptedOn = adoptedEl ? this.date(adoptedEl, adoptedEl.text) : null;

		const basisTasksEl = child(el, 'basis', 'basistaken', 'basiskerntaken');
		const coreTasks = basisTasksEl
			? childrenNamed(basisTasksEl, 'kerntaak').map((k) =>
					this.readCoreTask(k, 'B1', 'basiswerkprocessen', scope)
				)
			: [];

		const profiles = [...scope.profiles.values()].map((h) => this.readProfile(h, scope));

		const dossier: Omit<ParsedDossier, 'contentHash'> = {
			nr,
			title,
			version: this.optAttr(el, 'versie'),
			status: this.optAttr(el, 'status'),
			previousVersionNr: this.optAttr(el, 'referentievorigeversie'),
			crebo: crebo?.crebo ?? null,
			validFrom: crebo?.validFrom ?? null,
			endIntake: crebo?.endIntake ?? null,
			endTraining: crebo?.endTraining ?? null,
			priceFactor: crebo?.priceFactor ?? null,
			adoptedOn,
			sectorChamber,
			domain,
			coreTasks,
			profiles
		};
		return { ...dossier, contentHash: contentHash(dossier) };
	}

	/**
	 * Every `referentie` to a profiel, competentie or sectorkamer anywhere in the dossier
	 * (including verantwoordingsinformatie, which is otherwise not read) must resolve.
	 */
	private checkReferences(dossierEl: XmlElement, scope: DossierScope): void {
		for (const el of descendants(dossierEl)) {
			const ref = el.attributes.referentie;
			if (ref === undefined) continue;
			const target =
				el.name === 'profiel'
					? scope.profiles
					: el.name === 'competentie'
						? this.competences
						: el.name === 'sectorkamer'
							? this.sectorChambers
							: null;
			if (target && !target.has(ref.trim()))
				this.fail('bad_reference', el, { attribute: 'referentie', reference: ref });
		}
	}

	private readProfile(header: ProfileHeader, scope: DossierScope): ParsedProfile {
		const el = header.el;
		const levelText = this.attr(el, 'niveau');
		const level = LEVELS[levelText];
		if (!level) this.fail('bad_value', el, { attribute: 'niveau', value: levelText });

		const creboEl = this.requireChild(el, 'creboinformatie', 'crebo');
		const crebo = this.creboDates(creboEl);
		const about = child(el, 'omschrijving');
		const sbuEl = about && child(about, 'sbu');
		let studyLoadHours: number | null = null;
		if (sbuEl) {
			const hours = parseWholeNumber(sbuEl.text);
			if (hours === undefined) this.fail('bad_value', sbuEl, { value: sbuEl.text.trim() });
			studyLoadHours = hours;
		}
		const trainingType = about && child(about, 'soortopleiding');
		const tasksEl = child(el, 'profielkerntaken');

		return {
			nr: header.nr,
			code: header.code,
			title: normaliseTitle(this.attr(el, 'titel')),
			level,
			occupationalGroup: this.optTitleAttr(el, 'beroepsgroep'),
			crebo: this.crebo(creboEl, true),
			validFrom: crebo.validFrom,
			endIntake: crebo.endIntake,
			endTraining: crebo.endTraining,
			studyLoadHours,
			priceFactor: crebo.priceFactor,
			trainingType: trainingType ? normaliseTitle(trainingType.text) || null : null,
			description: textOf(about && child(about, 'typeringvanhetberoep')),
			coreTasks: tasksEl
				? childrenNamed(tasksEl, 'kerntaak').map((k) =>
						this.readCoreTask(k, header.code, 'profielwerkprocessen', scope)
					)
				: []
		};
	}

	// ── kerntaken and werkprocessen ────────────────────────────────────────────

	private readCoreTask(
		el: XmlElement,
		prefix: string,
		workProcessList: string,
		scope: DossierScope
	): ParsedCoreTask {
		const code = `${prefix}-K${this.chapter(el)}`;
		this.claimCode(scope, code, el);
		const complexityEl = child(el, 'complexiteit');
		const responsibilityEl = child(el, 'verantwoordelijkheid');

		const complexityExtra = this.supplements(
			scope,
			complexityEl,
			'complexiteitperprofiel',
			'complexiteit'
		);
		const responsibilityExtra = this.supplements(
			scope,
			responsibilityEl,
			'verantwoordelijkheidperprofiel',
			'verantwoordelijkheid'
		);
		const profileSupplements: ParsedCoreTaskSupplement[] = [];
		for (const p of scope.profiles.values()) {
			const complexity = textOf(complexityExtra.get(p.nr)) || null;
			const responsibility = textOf(responsibilityExtra.get(p.nr)) || null;
			if (complexity || responsibility)
				profileSupplements.push({
					profileNr: p.nr,
					profileCode: p.code,
					complexity,
					responsibility
				});
		}

		const listEl = child(el, workProcessList);
		return {
			nr: this.attr(el, 'nr'),
			code,
			title: normaliseTitle(this.attr(el, 'titel')),
			complexity: textOf(complexityEl) || null,
			responsibility: textOf(responsibilityEl) || null,
			workProcesses: listEl
				? childrenNamed(listEl, 'werkproces').map((w) => this.readWorkProcess(w, code, scope))
				: [],
			profileSupplements
		};
	}

	private readWorkProcess(
		el: XmlElement,
		coreTaskCode: string,
		scope: DossierScope
	): ParsedWorkProcess {
		const code = `${coreTaskCode}-W${this.chapter(el)}`;
		this.claimCode(scope, code, el);
		const descriptionEl = child(el, 'werkprocesomschrijving');
		const resultEl = child(el, 'werkprocesresultaat');
		const behaviourEl = child(el, 'werkprocesgedrag');
		const competencesEl = child(el, 'werkprocescompetenties');

		const extra = {
			description: this.supplements(
				scope,
				descriptionEl,
				'werkprocesomschrijvingperprofiel',
				'omschrijving'
			),
			result: this.supplements(scope, resultEl, 'werkprocesresultaatperprofiel', 'omschrijving'),
			behaviour: this.supplements(scope, behaviourEl, 'werkprocesgedragperprofiel', 'omschrijving'),
			competences: this.supplements(
				scope,
				competencesEl,
				'werkprocescompetentiesperprofiel',
				'omschrijving'
			)
		};
		const profileSupplements: ParsedWorkProcessSupplement[] = [];
		for (const p of scope.profiles.values()) {
			const supplement: ParsedWorkProcessSupplement = {
				profileNr: p.nr,
				profileCode: p.code,
				description: textOf(extra.description.get(p.nr)),
				result: textOf(extra.result.get(p.nr)),
				behaviour: textOf(extra.behaviour.get(p.nr)),
				competenceCodes: this.competenceCodes(extra.competences.get(p.nr) ?? null)
			};
			if (
				supplement.description ||
				supplement.result ||
				supplement.behaviour ||
				supplement.competenceCodes.length > 0
			)
				profileSupplements.push(supplement);
		}

		return {
			nr: this.attr(el, 'nr'),
			code,
			title: normaliseTitle(this.attr(el, 'titel')),
			description: textOf(descriptionEl),
			result: textOf(resultEl),
			behaviour: textOf(behaviourEl),
			competenceCodes: this.competenceCodes(competencesEl),
			profileSupplements
		};
	}

	/** Codes of the `competentie referentie` children of `list`: sorted, unique. */
	private competenceCodes(list: XmlElement | null): string[] {
		if (!list) return [];
		const codes = new Set<string>();
		for (const c of childrenNamed(list, 'competentie')) {
			const ref = this.attr(c, 'referentie');
			const competence = this.competences.get(ref);
			if (!competence) this.fail('bad_reference', c, { attribute: 'referentie', reference: ref });
			codes.add(competence.code);
		}
		return [...codes].sort();
	}

	/**
	 * SBB's per-profiel additions: `<x><xperprofiel><aanvullend><profiel referentie="…"/>
	 * <content>…</content></aanvullend>…` → profiel nr → content element.
	 */
	private supplements(
		scope: DossierScope,
		owner: XmlElement | null,
		perProfileName: string,
		contentName: string
	): Map<string, XmlElement> {
		const result = new Map<string, XmlElement>();
		const perProfile = owner && child(owner, perProfileName);
		if (!perProfile) return result;
		for (const extra of childrenNamed(perProfile, 'aanvullend')) {
			const profileEl = this.requireChild(extra, 'profiel');
			const ref = this.attr(profileEl, 'referentie');
			if (!scope.profiles.has(ref))
				this.fail('bad_reference', profileEl, { attribute: 'referentie', reference: ref });
			const content = child(extra, contentName);
			if (content) result.set(ref, content);
		}
		return result;
	}

	// ── values ─────────────────────────────────────────────────────────────────

	/** The crebo number, the element's text: five digits; may be empty unless required. */
	private crebo(el: XmlElement, required: true): string;
	private crebo(el: XmlElement, required: false): string | null;
	private crebo(el: XmlElement, required: boolean): string | null {
		const text = el.text.trim();
		if (text === '' && !required) return null;
		const crebo = parseCrebo(text);
		if (crebo === undefined) this.fail('bad_value', el, { value: text });
		return crebo;
	}

	private creboDates(el: XmlElement) {
		return {
			validFrom: this.dateAttr(el, 'Geldig_vanaf'),
			endIntake: this.dateAttr(el, 'Datum_einde_instroom'),
			endTraining: this.dateAttr(el, 'Datum_einde_opleiding'),
			priceFactor: this.decimalAttr(el, 'prijsfactor')
		};
	}

	private dateAttr(el: XmlElement, name: string): string | null {
		const value = el.attributes[name];
		if (value === undefined) return null;
		const date = parseDutchDate(value);
		if (date === undefined) this.fail('bad_value', el, { attribute: name, value });
		return date;
	}

	private date(el: XmlElement, value: string): string | null {
		const date = parseDutchDate(value);
		if (date === undefined) this.fail('bad_value', el, { value: value.trim() });
		return date;
	}

	private decimalAttr(el: XmlElement, name: string): number | null {
		const value = el.attributes[name];
		if (value === undefined) return null;
		const n = parseDecimal(value);
		if (n === undefined) this.fail('bad_value', el, { attribute: name, value });
		return n;
	}

	private chapter(el: XmlElement): number {
		const value = this.attr(el, 'hoofdstuk');
		const n = parseChapter(value);
		if (n === undefined) this.fail('bad_value', el, { attribute: 'hoofdstuk', value });
		return n;
	}

	private claimCode(scope: DossierScope, code: string, el: XmlElement): void {
		if (scope.codes.has(code))
			this.fail('duplicate_code', el, { attribute: 'hoofdstuk', value: code });
		scope.codes.set(code, el);
	}

	/** A required attribute: present and not blank. Returned trimmed. */
	private attr(el: XmlElement, name: string): string {
		const value = el.attributes[name]?.trim();
		if (!value) this.fail('missing_attribute', el, { attribute: name });
		return value;
	}

	/** An optional attribute: blank or absent → null. */
	private optAttr(el: XmlElement, name: string): string | null {
		return el.attributes[name]?.trim() || null;
	}

	private optTitleAttr(el: XmlElement, name: string): string | null {
		const value = el.attributes[name];
		return value === undefined ? null : normaliseTitle(value) || null;
	}

	private requireChild(el: XmlElement, ...names: string[]): XmlElement {
		let current = el;
		for (const name of names) {
			const next = child(current, name);
			if (!next) this.fail('missing_element', current, { element: name });
			current = next;
		}
		return current;
	}

	private fail(
		code: QualificationImportError['code'],
		el: XmlElement,
		details: QualificationImportErrorDetails
	): never {
		throw new QualificationImportError(code, {
			element: el.name,
			line: el.line,
			path: elementPath(el),
			...details,
			...(this.fileName === undefined ? {} : { fileName: this.fileName })
		});
	}
}

function textOf(el: XmlElement | null | undefined): string {
	return el ? normaliseText(el.text) : '';
}
