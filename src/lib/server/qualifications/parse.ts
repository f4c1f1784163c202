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
import { decodeInput } from './parse/input';
import { ExportReader } from './parse/reader';
import type { ParsedExport } from './parse/types';
import { readXmlTree } from './parse/xml-tree';

export { QualificationImportError } from './parse/errors';
export type { QualificationImportErrorCode, QualificationImportErrorDetails } from './parse/errors';
export { MAX_IMPORT_BYTES } from './parse/input';
export type * from './parse/types';

/**
 * Parses one SBB export. `input` may carry a UTF-8 BOM. `fileName` only goes into error
 * details. Throws QualificationImportError for anything it cannot take whole.
 */
export function parseQualificationXml(input: string | Uint8Array, fileName?: string): ParsedExport {
	const xml = decodeInput(input, fileName);
	const root = readXmlTree(xml, 'sbb', fileName);
	return new ExportReader(fileName).read(root);
}
