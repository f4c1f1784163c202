import { describe, expect, it } from 'vitest';
import { checkUpload, MAX_FILE_BYTES, sanitizeFileName } from '../../src/lib/server/files/check';

const bytes = (...parts: (string | number[])[]) =>
	Buffer.concat(
		parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))
	);
const zip = (...rest: string[]) => bytes([0x50, 0x4b, 0x03, 0x04], ...rest);

describe('sanitizeFileName', () => {
	it('drops paths, control and markup characters and keeps the extension in lower case', () => {
		expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
		expect(sanitizeFileName('C:\\Users\\x\\Verslag week 3.PDF')).toBe('Verslag week 3.pdf');
		expect(sanitizeFileName('a"b<c>\r\n.pdf')).toBe('a_b_c_.pdf');
		expect(sanitizeFileName('...pdf')).toBe('pdf');
		expect(sanitizeFileName('.pdf')).toBe('pdf');
		expect(sanitizeFileName('cliënt – overdracht.docx')).toBe('cliënt _ overdracht.docx');
		expect(sanitizeFileName('')).toBe('bestand');
		const long = sanitizeFileName(`${'x'.repeat(300)}.pdf`);
		expect(long).toHaveLength(120);
		expect(long.endsWith('.pdf')).toBe(true);
	});
});

describe('checkUpload', () => {
	const ok: [string, Buffer, string][] = [
		['a.pdf', bytes('%PDF-1.4\n'), 'application/pdf'],
		['a.png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'],
		['a.JPG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
		['a.jpeg', bytes([0xff, 0xd8, 0xff, 0xe1]), 'image/jpeg'],
		['a.gif', bytes('GIF89a..'), 'image/gif'],
		['a.webp', bytes('RIFF\x10\x00\x00\x00WEBPVP8 '), 'image/webp'],
		[
			'a.docx',
			zip('[Content_Types].xml', 'word/document.xml'),
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		],
		[
			'a.xlsx',
			zip('[Content_Types].xml', 'xl/workbook.xml'),
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		],
		[
			'a.pptx',
			zip('[Content_Types].xml', 'ppt/presentation.xml'),
			'application/vnd.openxmlformats-officedocument.presentationml.presentation'
		],
		[
			'a.odt',
			zip('\0'.repeat(26), 'mimetype', 'application/vnd.oasis.opendocument.text'),
			'application/vnd.oasis.opendocument.text'
		]
	];
	it.each(ok)('accepts %s by its content', (name, content, contentType) => {
		expect(checkUpload(name, content)).toEqual({
			ok: true,
			fileName: name.replace('JPG', 'jpg'),
			contentType
		});
	});

	it('refuses other types, renamed files, empty and oversized files', () => {
		const no = (name: string, content: Uint8Array) => checkUpload(name, content);
		expect(no('setup.pdf', bytes('MZ\x90\x00'))).toEqual({ ok: false, reason: 'type_not_allowed' });
		expect(no('a.exe', bytes('MZ\x90\x00'))).toEqual({ ok: false, reason: 'type_not_allowed' });
		expect(no('a.html', bytes('<html>'))).toEqual({ ok: false, reason: 'type_not_allowed' });
		expect(no('a.png', bytes([0xff, 0xd8, 0xff]))).toEqual({
			ok: false,
			reason: 'type_not_allowed'
		});
		expect(no('a.docx', zip('word/document.xml'))).toEqual({
			ok: false,
			reason: 'type_not_allowed'
		});
		expect(no('a.odt', zip('\0'.repeat(26), 'mimetype', 'application/zip'))).toEqual({
			ok: false,
			reason: 'type_not_allowed'
		});
		expect(no('constructor', bytes('%PDF-'))).toEqual({ ok: false, reason: 'type_not_allowed' });
		expect(no('a.__proto__', bytes('%PDF-'))).toEqual({ ok: false, reason: 'type_not_allowed' });
		expect(no('a.pdf', new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
		const big = Buffer.alloc(MAX_FILE_BYTES + 1);
		big.write('%PDF-1.4');
		expect(no('a.pdf', big)).toEqual({ ok: false, reason: 'too_large' });
	});
});
