import { contentHash } from './content-hash';
import { ElementReader, textOf } from './element-reader';
import { normaliseTitle, parseWholeNumber } from './values';
import { child, childrenNamed, descendants, type XmlElement } from './xml-tree';
import type {
	ParsedCompetence,
	ParsedCoreTask,
	ParsedCoreTaskSupplement,
	ParsedDossier,
	ParsedExport,
	ParsedProfile,
	ParsedWorkProcess,
	ParsedWorkProcessSupplement,
	QualificationLevel
} from './types';

/** The mapping from SBB's export to ParsedExport (the shape: ../parse.ts). */

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

export class ExportReader extends ElementReader {
	private readonly competences = new Map<string, ParsedCompetence>();
	private readonly sectorChambers = new Map<string, { nr: string; title: string }>();
	private readonly domains = new Map<string, { nr: string; title: string }>();

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

	private claimCode(scope: DossierScope, code: string, el: XmlElement): void {
		if (scope.codes.has(code))
			this.fail('duplicate_code', el, { attribute: 'hoofdstuk', value: code });
		scope.codes.set(code, el);
	}
}
