/**
 * What may be uploaded as evidence, checked on the bytes and the name: the extension
 * picks the expected type and the content must carry that type's signature (magic
 * bytes). The browser's content type is never used. Office documents are ZIP
 * containers: the ZIP signature plus the container's own marker (OOXML: a
 * `[Content_Types].xml` part and the application's folder; ODF: the uncompressed
 * `mimetype` entry that the standard puts first).
 *
 * A small check of our own rather than the `file-type` package: its current major
 * needs Node 22 (we run on 20), and this list is short and fixed.
 */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface AllowedType {
	contentType: string;
	matches(bytes: Uint8Array): boolean;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, prefix: Uint8Array, offset = 0): boolean {
	if (bytes.length < offset + prefix.length) return false;
	for (let i = 0; i < prefix.length; i++) if (bytes[offset + i] !== prefix[i]) return false;
	return true;
}

function indexOf(bytes: Uint8Array, needle: Uint8Array, from = 0, to = bytes.length): number {
	return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(to, bytes.length)).indexOf(
		needle,
		from
	);
}

const PDF = ascii('%PDF-');
const PNG = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const JPEG = Uint8Array.of(0xff, 0xd8, 0xff);
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const ZIP = Uint8Array.of(0x50, 0x4b, 0x03, 0x04);
const OOXML_TYPES = ascii('[Content_Types].xml');
const ODF_MIMETYPE = ascii('mimetype');

/** A ZIP whose entry names include `[Content_Types].xml` and `<folder>/…`. */
function ooxml(folder: string) {
	const part = ascii(`${folder}/`);
	return (b: Uint8Array) =>
		startsWith(b, ZIP) && indexOf(b, OOXML_TYPES) >= 0 && indexOf(b, part) >= 0;
}

/** An ODF package: first entry `mimetype`, stored, with exactly this media type. */
function odf(mediaType: string) {
	const expected = ascii(mediaType);
	return (b: Uint8Array) =>
		startsWith(b, ZIP) && startsWith(b, ODF_MIMETYPE, 30) && startsWith(b, expected, 38);
}

const JPEG_TYPE: AllowedType = { contentType: 'image/jpeg', matches: (b) => startsWith(b, JPEG) };

/** By lower-case extension. */
export const ALLOWED_TYPES: Record<string, AllowedType> = {
	// The PDF header may follow a little junk; readers look in the first 1024 bytes.
	pdf: { contentType: 'application/pdf', matches: (b) => indexOf(b, PDF, 0, 1024) >= 0 },
	png: { contentType: 'image/png', matches: (b) => startsWith(b, PNG) },
	jpg: JPEG_TYPE,
	jpeg: JPEG_TYPE,
	gif: {
		contentType: 'image/gif',
		matches: (b) => startsWith(b, GIF87) || startsWith(b, GIF89)
	},
	webp: {
		contentType: 'image/webp',
		matches: (b) => startsWith(b, RIFF) && startsWith(b, WEBP, 8)
	},
	docx: {
		contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		matches: ooxml('word')
	},
	xlsx: {
		contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		matches: ooxml('xl')
	},
	pptx: {
		contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		matches: ooxml('ppt')
	},
	odt: {
		contentType: 'application/vnd.oasis.opendocument.text',
		matches: odf('application/vnd.oasis.opendocument.text')
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
	| { ok: false; reason: 'empty' | 'too_large' | 'type_not_allowed' };

/** Checks an upload: size, an allowed extension, and content that matches it. */
export function checkUpload(fileName: string, bytes: Uint8Array): FileCheck {
	if (!bytes.length) return { ok: false, reason: 'empty' };
	if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: 'too_large' };
	const safeName = sanitizeFileName(fileName);
	const ext = extensionOf(safeName);
	const type = Object.hasOwn(ALLOWED_TYPES, ext) ? ALLOWED_TYPES[ext] : null;
	if (!type || !type.matches(bytes)) return { ok: false, reason: 'type_not_allowed' };
	return { ok: true, fileName: safeName, contentType: type.contentType };
}
