/** Why an SBB export was refused. The whole file is refused: nothing of it is imported. */
export type QualificationImportErrorCode =
	| 'not_xml'
	| 'wrong_root'
	| 'missing_attribute'
	| 'missing_element'
	| 'bad_reference'
	| 'bad_value'
	| 'too_large'
	| 'too_many_elements'
	| 'duplicate_code';

/** Where and what: enough for an operator to find the spot in the file. */
export interface QualificationImportErrorDetails {
	/** The element at fault; for `missing_element` the one that is missing (line and path are then its parent's). */
	element?: string;
	attribute?: string;
	/** 1-based line of the element's start tag, or of the syntax error. */
	line?: number;
	/** 1-based column of the syntax error (only for `not_xml`). */
	column?: number;
	/** Readable path such as `dossier[nr=2755]/profielen/profiel[2]`. */
	path?: string;
	/** The `referentie` that points at nothing (for `bad_reference`). */
	reference?: string;
	/** The offending value, or what is missing / duplicated. */
	value?: string;
	/** The name of the uploaded file, when the caller gave one. */
	fileName?: string;
}

function describe(code: QualificationImportErrorCode, d: QualificationImportErrorDetails): string {
	const el = d.element ? `<${d.element}>` : 'an element';
	const what = {
		not_xml: `not well-formed XML${d.value ? `: ${d.value}` : ''}`,
		wrong_root: `root element ${el} is not <sbb>: not an SBB kwalificatiestructuur export`,
		missing_attribute: `${el} lacks the required attribute "${d.attribute ?? '?'}"`,
		missing_element: `required element ${el} is missing`,
		bad_reference: `${el} ${d.attribute ?? 'referentie'}="${d.reference ?? ''}" refers to nothing in the file`,
		bad_value: `${el}${d.attribute ? ` attribute "${d.attribute}"` : ''} has a value that is not allowed: "${d.value ?? ''}"`,
		too_large: `file too large${d.value ? ` (${d.value} bytes)` : ''}`,
		too_many_elements: `more than ${d.value ?? '?'} elements or attributes: not an SBB export`,
		duplicate_code: `duplicate code ${d.value ?? ''} on ${el}`
	}[code];
	let where = d.fileName ?? '';
	if (d.line !== undefined) where += `${where ? ':' : 'line '}${d.line}`;
	if (d.column !== undefined) where += `:${d.column}`;
	if (d.path) where += `${where ? ' ' : ''}(${d.path})`;
	return where ? `${what} at ${where}` : what;
}

/**
 * Thrown for any input the parser refuses; never a raw XML library error. `code` is
 * stable (callers translate it); `details` says where.
 */
export class QualificationImportError extends Error {
	constructor(
		readonly code: QualificationImportErrorCode,
		readonly details: QualificationImportErrorDetails
	) {
		super(describe(code, details));
		this.name = 'QualificationImportError';
	}
}
