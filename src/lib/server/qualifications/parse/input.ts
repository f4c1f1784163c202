import { QualificationImportError } from './errors';

/** Limits on the input, checked before a byte is parsed (the element limits: xml-tree.ts). */

/** Uploads and files above this size are refused before parsing. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export function decodeInput(input: string | Uint8Array, fileName?: string): string {
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
