/** What the parser hands over: plain data of one SBB export, nothing stored yet. */

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
