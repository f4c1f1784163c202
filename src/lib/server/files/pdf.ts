/**
 * A PDF checked as far as a reader gets before it shows anything:
 *
 * - `%PDF-1.0` … `%PDF-1.7` or `%PDF-2.0` at byte 0 (readers tolerate junk before the
 *   header, which is exactly how an HTML page passes for a PDF: we do not);
 * - `%%EOF` in the last 1 KB with only whitespace after it, and before it `startxref`
 *   with an offset inside the file;
 * - a cross-reference section: a table (`xref` … `trailer`) or a cross-reference stream
 *   (`/Type /XRef`) at that offset — or, as readers repair slightly wrong offsets,
 *   anywhere in the file — and a `/Root` (the document catalogue);
 * - at least one object, and no markup (`<html`, `<script`, …) before the first.
 *
 * Not a full parser: it does not inflate streams or resolve objects. A PDF that passes
 * is a PDF to every reader; its contents are the reader's business (and a download is
 * always an attachment served as application/pdf with nosniff).
 */

export type PdfCheck = { ok: true } | { ok: false; detail: string };

const fail = (detail: string): PdfCheck => ({ ok: false, detail });

const HEADER = /^%PDF-(?:1\.[0-7]|2\.0)[\r\n\t\f %]/;
const OBJECT = /\d+[ \t\r\n\f\0]+\d+[ \t\r\n\f\0]+obj\b/;
const MARKUP =
	/<\s*\/?\s*(?:!doctype|html|head|body|script|iframe|svg|meta|object|embed|style|form)\b/i;
const XREF_TABLE = /(?:^|[\r\n])[ \t]*xref[ \t]*\r?\n[ \t]*\d+[ \t]+\d+/;
const XREF_STREAM = /\/Type\s*\/XRef\b/;

export function checkPdf(bytes: Uint8Array): PdfCheck {
	const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const n = b.length;
	if (!HEADER.test(b.toString('latin1', 0, 9))) return fail('pdf: header not at byte 0');

	const tailStart = Math.max(0, n - 1024);
	const tail = b.toString('latin1', tailStart);
	const eof = tail.lastIndexOf('%%EOF');
	if (eof < 0) return fail('pdf: no %%EOF in the last 1 KB');
	if (!/^[\s\0]*$/.test(tail.slice(eof + 5))) return fail('pdf: data after %%EOF');
	const startxref = /startxref\s+(\d{1,10})\s*$/.exec(tail.slice(0, eof));
	if (!startxref) return fail('pdf: no startxref');
	const offset = Number(startxref[1]);
	if (offset >= n) return fail('pdf: startxref outside the file');

	const text = b.toString('latin1');
	const first = OBJECT.exec(text);
	if (!first) return fail('pdf: no object');
	if (MARKUP.test(text.slice(0, first.index))) return fail('pdf: markup before the first object');
	if (text.indexOf('/Root') < 0) return fail('pdf: no catalogue');

	const at = text.slice(offset, offset + 1024).replace(/^[\s\0]+/, '');
	const tableAtOffset = /^xref\s/.test(at) && text.indexOf('trailer', offset) > 0;
	const streamAtOffset = /^\d+\s+\d+\s+obj\b/.test(at) && XREF_STREAM.test(at);
	if (tableAtOffset || streamAtOffset) return { ok: true };
	const table = XREF_TABLE.test(text) && text.indexOf('trailer') > 0;
	if (table || XREF_STREAM.test(text)) return { ok: true };
	return fail('pdf: no cross-reference section');
}
