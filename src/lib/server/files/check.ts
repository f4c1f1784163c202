import { checkGif, checkJpeg, checkPng, checkWebp } from './images';
import { checkPdf } from './pdf';
import { checkZip, entryNamed, type ZipEntry } from './zip';

/**
 * What may be uploaded as evidence, checked on the bytes and the name: the extension
 * picks the expected type and the content must be that type — not only start like it.
 * The browser's content type is never used.
 *
 * - PDF (pdf.ts): header at byte 0, `%%EOF` at the end, a cross-reference section, no
 *   markup before the first object;
 * - images (images.ts): the structure walked to its end marker with nothing but
 *   whitespace after it, PNG image data inflated, dimensions capped;
 * - Office documents (zip.ts): the ZIP container read from its central directory, the
 *   uncompressed size (100 MB), ratio and entry count capped and every entry inflated
 *   (streaming, capped) to its declared size and CRC; then the container's own marker
 *   (OOXML: a `[Content_Types].xml` part and the application's folder; ODF: the
 *   uncompressed `mimetype` entry first, holding the media type).
 *
 * Checks of our own rather than the `file-type` package (its current major needs Node
 * 22, we run on 20; and it looks at signatures only) or decoding libraries: the list is
 * short and fixed, and node's zlib does all the inflating these checks need.
 */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Why content was refused, for the log (never shown: the user sees "not allowed"). */
export type ContentCheck = { ok: true } | { ok: false; detail: string };

export interface AllowedType {
	contentType: string;
	check(bytes: Uint8Array): ContentCheck | Promise<ContentCheck>;
}

/** An OOXML package of this application (`word`, `xl`, `ppt`). */
function ooxml(folder: string) {
	return async (bytes: Uint8Array): Promise<ContentCheck> => {
		const zip = await checkZip(bytes);
		if (!zip.ok) return zip;
		if (!entryNamed(zip.entries, '[Content_Types].xml'))
			return { ok: false, detail: 'ooxml: no [Content_Types].xml' };
		if (!zip.entries.some((e) => e.name.startsWith(`${folder}/`))) {
			return { ok: false, detail: `ooxml: no ${folder}/ part` };
		}
		return { ok: true };
	};
}

/** An ODF package: first entry `mimetype`, stored, with exactly this media type. */
function odf(mediaType: string) {
	return async (bytes: Uint8Array): Promise<ContentCheck> => {
		const zip = await checkZip(bytes);
		if (!zip.ok) return zip;
		const first: ZipEntry = zip.entries.reduce((a, e) => (e.localOffset < a.localOffset ? e : a));
		const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
			'latin1',
			first.dataOffset,
			first.dataOffset + first.size
		);
		if (first.name !== 'mimetype' || first.method !== 0 || content !== mediaType) {
			return { ok: false, detail: 'odf: no mimetype entry first' };
		}
		return { ok: true };
	};
}

const JPEG_TYPE: AllowedType = { contentType: 'image/jpeg', check: checkJpeg };

/** By lower-case extension. */
export const ALLOWED_TYPES: Record<string, AllowedType> = {
	pdf: { contentType: 'application/pdf', check: checkPdf },
	png: { contentType: 'image/png', check: checkPng },
	jpg: JPEG_TYPE,
	jpeg: JPEG_TYPE,
	gif: { contentType: 'image/gif', check: checkGif },
	webp: { contentType: 'image/webp', check: checkWebp },
	docx: {
		contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		check: ooxml('word')
	},
	xlsx: {
		contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		check: ooxml('xl')
	},
	pptx: {
		contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		check: ooxml('ppt')
	},
	odt: {
		contentType: 'application/vnd.oasis.opendocument.text',
		check: odf('application/vnd.oasis.opendocument.text')
	}
};

export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED_TYPES);

/**
 * A file name that is safe to store and to send back in Content-Disposition: no path,
 * no control or markup characters, at most 120 characters, the extension kept.
 */
export function sanitizeFileName(raw: string): string {
	const base = raw.split(/[/\\]/).pop() ?? '';
	let name = base
		.normalize('NFC')
		.replace(/[^\p{L}\p{N} ._()+-]/gu, '_')
		.replace(/\s+/g, ' ')
		.replace(/_{2,}/g, '_')
		.replace(/^[\s.]+|[\s.]+$/g, '');
	const dot = name.lastIndexOf('.');
	const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
	let stem = dot > 0 ? name.slice(0, dot) : name;
	if (!stem) stem = 'bestand';
	const max = 120 - (ext ? ext.length + 1 : 0);
	stem = stem.slice(0, max).trim();
	name = ext ? `${stem}.${ext}` : stem;
	return name;
}

export function extensionOf(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

export type FileCheck =
	| { ok: true; fileName: string; contentType: string }
	| { ok: false; reason: 'empty' | 'too_large' | 'type_not_allowed'; detail?: string };

/** Checks an upload: size, an allowed extension, and content that is that type. */
export async function checkUpload(fileName: string, bytes: Uint8Array): Promise<FileCheck> {
	if (!bytes.length) return { ok: false, reason: 'empty' };
	if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: 'too_large' };
	const safeName = sanitizeFileName(fileName);
	const ext = extensionOf(safeName);
	const type = Object.hasOwn(ALLOWED_TYPES, ext) ? ALLOWED_TYPES[ext] : null;
	if (!type)
		return { ok: false, reason: 'type_not_allowed', detail: `extension ${ext || '(none)'}` };
	const content = await type.check(bytes);
	if (!content.ok) return { ok: false, reason: 'type_not_allowed', detail: content.detail };
	return { ok: true, fileName: safeName, contentType: type.contentType };
}
