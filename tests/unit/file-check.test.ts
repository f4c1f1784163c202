import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkUpload, MAX_FILE_BYTES, sanitizeFileName } from '../../src/lib/server/files/check';
import { ZIP_LIMITS } from '../../src/lib/server/files/zip';
import { GIF, JPEG, odt, ooxml, pdf, png, pngChunk, PNG_SIGNATURE, WEBP, zip } from '../files';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const HTML = '<html><body><script>alert(document.cookie)</script></body></html>\n';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const accepted = async (name: string, bytes: Uint8Array) => {
	const r = await checkUpload(name, bytes);
	if (!r.ok) throw new Error(`${name} refused: ${r.detail ?? r.reason}`);
	return r;
};
/** Refused as "not allowed"; returns the logged reason. */
const refused = async (name: string, bytes: Uint8Array) => {
	const r = await checkUpload(name, bytes);
	expect(r, `${name} should be refused`).toMatchObject({ ok: false, reason: 'type_not_allowed' });
	return r.ok ? '' : (r.detail ?? '');
};

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

describe('checkUpload: real files of every allowed type', () => {
	const ok: [string, Buffer, string][] = [
		['a.pdf', pdf(), 'application/pdf'],
		['xref-stream.pdf', pdf({ xrefStream: true }), 'application/pdf'],
		['a.png', png(), 'image/png'],
		['a.JPG', JPEG, 'image/jpeg'],
		['a.jpeg', JPEG, 'image/jpeg'],
		['a.gif', GIF, 'image/gif'],
		['a.webp', WEBP, 'image/webp'],
		['a.docx', ooxml('word'), DOCX],
		['a.xlsx', ooxml('xl'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
		[
			'a.pptx',
			ooxml('ppt'),
			'application/vnd.openxmlformats-officedocument.presentationml.presentation'
		],
		['a.odt', odt(), 'application/vnd.oasis.opendocument.text']
	];
	it.each(ok)('accepts %s', async (name, content, contentType) => {
		expect(await checkUpload(name, content)).toEqual({
			ok: true,
			fileName: name.replace('JPG', 'jpg'),
			contentType
		});
	});

	it('accepts what real files carry: a newline after the end, a PNG palette or interlace', async () => {
		await accepted('a.pdf', Buffer.concat([pdf(), latin1('\r\n\0\0')]));
		await accepted('a.png', png(3, 2, { after: latin1('\n') }));
		await accepted('a.gif', Buffer.concat([GIF, latin1('\n')]));
		// Interlaced grey 1-bit 9 × 9: seven passes of different row lengths.
		const ihdr = Buffer.from([0, 0, 0, 9, 0, 0, 0, 9, 1, 0, 0, 0, 1]);
		// Per pass: bytes per row (filter byte + pixels), rows.
		const passes = [
			[2, 2],
			[2, 2],
			[2, 1],
			[2, 3],
			[2, 2],
			[2, 5],
			[3, 4]
		];
		const raw = Buffer.concat(passes.map(([len, rows]) => Buffer.alloc(len * rows)));
		await accepted(
			'i.png',
			Buffer.concat([
				PNG_SIGNATURE,
				pngChunk('IHDR', ihdr),
				pngChunk('IDAT', deflateSync(raw)),
				pngChunk('IEND')
			])
		);
		// Indexed colour needs its palette.
		const indexed = Buffer.from([0, 0, 0, 2, 0, 0, 0, 1, 8, 3, 0, 0, 0]);
		const idat = pngChunk('IDAT', deflateSync(Buffer.from([0, 0, 1])));
		const plte = pngChunk('PLTE', Buffer.from([0, 0, 0, 255, 255, 255]));
		const head = [PNG_SIGNATURE, pngChunk('IHDR', indexed)];
		await accepted('p.png', Buffer.concat([...head, plte, idat, pngChunk('IEND')]));
		await refused('p.png', Buffer.concat([...head, idat, pngChunk('IEND')]));
	});

	it("accepts a phone's JPEG with a gain map, a motion photo or Samsung's trailer after it", async () => {
		await accepted('hdr.jpg', Buffer.concat([JPEG, JPEG]));
		const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 16]), latin1('ftypisom\0\0\0\0')]);
		const mdat = Buffer.concat([Buffer.from([0, 0, 0, 12]), latin1('mdat'), Buffer.alloc(4)]);
		await accepted('motion.jpg', Buffer.concat([JPEG, ftyp, mdat]));
		const directory = latin1('SEFH\0\0\0\0');
		const size = Buffer.alloc(4);
		size.writeUInt32LE(directory.length);
		const sef = Buffer.concat([
			latin1('Image_UTC_Data1700000000000'),
			directory,
			size,
			latin1('SEFT')
		]);
		await accepted('samsung.jpg', Buffer.concat([JPEG, sef]));
	});
});

describe('checkUpload: files that only pretend', () => {
	it('refuses an HTML page with a %PDF- comment, and PDFs that do not parse', async () => {
		// The attack as found: HTML named .pdf, the header within the first 1024 bytes.
		const disguised = latin1(
			`<!DOCTYPE html><!-- %PDF-1.4 -->\n${HTML}<!--\n1 0 obj << /Root 1 0 R >> endobj\nxref\n0 1\ntrailer << /Root 1 0 R >>\nstartxref\n0\n%%EOF -->\n`
		);
		expect(await refused('rapport.pdf', disguised)).toMatch(/header/);
		// The header at byte 0 and HTML before the first object.
		const htmlFirst = Buffer.concat([latin1(`%PDF-1.4\n${HTML}`), pdf().subarray(9)]);
		expect(await refused('rapport.pdf', htmlFirst)).toMatch(/markup/);
		// No %%EOF, no startxref, HTML after the end, no cross-reference, no objects.
		const good = pdf().toString('latin1');
		expect(await refused('a.pdf', latin1(good.replace('%%EOF', '')))).toMatch(/%%EOF/);
		expect(await refused('a.pdf', latin1(good.replace('startxref', 'startx')))).toMatch(
			/startxref/
		);
		expect(await refused('a.pdf', latin1(good + HTML))).toMatch(/after %%EOF/);
		expect(
			await refused('a.pdf', latin1(good.replace('xref\n0', 'xrof\n0').replace('trailer', 'x')))
		).toMatch(/cross-reference/);
		expect(await refused('a.pdf', latin1('%PDF-1.4\nstartxref\n0\n%%EOF\n'))).toMatch(/object/);
		expect(await refused('a.pdf', latin1('%PDF-9.9\n'))).toMatch(/header/);
		expect(await refused('setup.pdf', latin1('MZ\x90\x00'))).toMatch(/header/);
	});

	it('accepts a PDF whose startxref offset is slightly off (readers repair it)', async () => {
		const good = pdf().toString('latin1');
		const off = good.replace(/startxref\n(\d+)/, (_, n) => `startxref\n${Number(n) - 3}`);
		await accepted('a.pdf', latin1(off));
	});

	it('refuses a PNG header followed by HTML, and PNGs that do not decode', async () => {
		expect(await refused('a.png', Buffer.concat([PNG_SIGNATURE, latin1(HTML)]))).toMatch(/png/);
		expect(await refused('a.png', png(3, 2, { after: latin1(HTML) }))).toMatch(/after IEND/);
		// A broken CRC, missing IEND, truncated image data, a bad filter byte.
		const good = png();
		const crc = Buffer.from(good);
		crc[40] ^= 1;
		expect(await refused('a.png', crc)).toMatch(/CRC/);
		expect(await refused('a.png', good.subarray(0, good.length - 12))).toMatch(/truncated/);
		expect(await refused('a.png', png(3, 2, { raw: Buffer.alloc(10) }))).toMatch(/decode/);
		const badFilter = Buffer.alloc(2 * 10);
		badFilter[10] = 7;
		expect(await refused('a.png', png(3, 2, { raw: badFilter }))).toMatch(/decode/);
		// IHDR not first; a JPEG named .png.
		expect(
			await refused('a.png', Buffer.concat([PNG_SIGNATURE, pngChunk('IEND'), good.subarray(8)]))
		).toMatch(/IHDR/);
		await refused('a.png', JPEG);
	});

	it('refuses images too large to decode safely (decompression bombs)', async () => {
		// 20,000 × 1 and 9,000 × 9,000 (81 MP): refused on the header, nothing inflated.
		expect(await refused('a.png', png(1, 1, { declare: [20_000, 1] }))).toMatch(/dimensions/);
		expect(await refused('a.png', png(1, 1, { declare: [9_000, 9_000] }))).toMatch(/dimensions/);
		const jpeg = Buffer.from(JPEG);
		const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
		jpeg.writeUInt16BE(30_000, sof + 5);
		expect(await refused('a.jpg', jpeg)).toMatch(/dimensions/);
	});

	it('refuses JPEG, GIF and WebP that are not whole images or carry HTML after the end', async () => {
		expect(await refused('a.jpg', Buffer.concat([JPEG, latin1(HTML)]))).toMatch(/after EOI/);
		expect(await refused('a.jpg', latin1(`\xff\xd8\xff\xe0${HTML}`))).toMatch(/jpeg/);
		expect(await refused('a.jpg', JPEG.subarray(0, JPEG.length - 2))).toMatch(/truncated/);
		expect(await refused('a.jpg', Buffer.concat([JPEG, JPEG.subarray(0, 100)]))).toMatch(
			/after EOI/
		);
		expect(await refused('a.gif', Buffer.concat([GIF, latin1(HTML)]))).toMatch(/after trailer/);
		expect(await refused('a.gif', latin1(`GIF89a${HTML}`))).toMatch(/gif/);
		expect(await refused('a.webp', Buffer.concat([WEBP, latin1(HTML)]))).toMatch(/after RIFF/);
		expect(await refused('a.webp', WEBP.subarray(0, WEBP.length - 10))).toMatch(/webp/);
	});

	it('refuses Office files whose container is not what it claims', async () => {
		// No [Content_Types].xml; another application's package; an ODF of another type.
		expect(
			await refused('a.docx', zip([{ name: 'word/document.xml', data: '<w:document/>' }]))
		).toMatch(/Content_Types/);
		expect(await refused('werkstuk.xlsx', ooxml('word'))).toMatch(/xl\//);
		expect(await refused('a.odt', odt('application/zip'))).toMatch(/mimetype/);
		// A ZIP signature and nothing more; HTML before or after the container.
		await refused('a.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
		const docx = ooxml('word');
		expect(await refused('a.docx', Buffer.concat([latin1(HTML), docx]))).toMatch(/zip/);
		expect(await refused('a.docx', Buffer.concat([docx, latin1(HTML)]))).toMatch(/zip/);
		// A damaged entry (its CRC), an encrypted entry, a duplicate name.
		const damaged = Buffer.from(docx);
		damaged[60] ^= 0xff;
		expect(await refused('a.docx', damaged)).toMatch(/damaged|local/);
		expect(
			await refused('a.docx', ooxml('word', [{ name: 'word/x.xml', data: 'x', flags: 1 }]))
		).toMatch(/encrypted/);
		expect(
			await refused('a.docx', ooxml('word', [{ name: '_rels/.rels', data: 'again' }]))
		).toMatch(/duplicate/);
	});
});

describe('checkUpload: zip bombs', () => {
	/** Deflated, 4 MB of zeros are about 4 KB. */
	const zeros = Buffer.alloc(4 * 1024 * 1024);

	it('refuses a 2 GiB bomb on its directory, without inflating it', async () => {
		const bomb = ooxml('word', [{ name: 'word/media/a.bin', data: zeros, declaredSize: 2 ** 31 }]);
		const started = performance.now();
		expect(await refused('bom.docx', bomb)).toMatch(/too large uncompressed/);
		expect(performance.now() - started).toBeLessThan(200);
	});

	it('refuses entries that add up to more than the cap, and a bomb-like ratio', async () => {
		// 30 entries that declare 4 MB each at an innocent ratio: 120 MB > 100 MB.
		const noise = randomBytes(60_000);
		const many = Array.from({ length: 30 }, (_, i) => ({
			name: `word/media/${i}.bin`,
			data: noise,
			declaredSize: zeros.length
		}));
		expect(30 * zeros.length).toBeGreaterThan(ZIP_LIMITS.maxTotalBytes);
		expect(await refused('bom.docx', ooxml('word', many))).toMatch(/too large uncompressed/);
		// One entry of 4 MB of zeros, honestly declared, at about 1000:1.
		const ratio = ooxml('word', [{ name: 'word/media/a.bin', data: zeros }]);
		expect(await refused('bom.docx', ratio)).toMatch(/ratio/);
	});

	it('refuses an entry that inflates to more than it declares, stopping at the declared size', async () => {
		// Declares 1 KB (an innocent ratio), inflates to 4 MB: caught while inflating.
		const liar = ooxml('word', [{ name: 'word/media/a.bin', data: zeros, declaredSize: 60_000 }]);
		expect(await refused('bom.docx', liar)).toMatch(/lying/);
		// Same with an entry large enough to be streamed.
		const noise = Buffer.alloc(600_000);
		for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
		const streamed = ooxml('word', [
			{ name: 'word/media/b.bin', data: Buffer.concat([noise, zeros]), declaredSize: 700_000 }
		]);
		expect(await refused('bom.docx', streamed)).toMatch(/lying/);
	});

	it('refuses overlapping entries (one compressed block counted many times)', async () => {
		const docx = ooxml('word');
		// A second central entry for the first local header, under another name.
		const cdStart = docx.readUInt32LE(docx.length - 6);
		const first = docx.subarray(cdStart, cdStart + 46 + docx.readUInt16LE(cdStart + 28));
		const copy = Buffer.from(first);
		copy.write('[Content_Types].xmm', 46, 'latin1');
		const end = Buffer.from(docx.subarray(docx.length - 22));
		end.writeUInt16LE(end.readUInt16LE(8) + 1, 8);
		end.writeUInt16LE(end.readUInt16LE(10) + 1, 10);
		end.writeUInt32LE(end.readUInt32LE(12) + copy.length, 12);
		const overlapping = Buffer.concat([docx.subarray(0, docx.length - 22), copy, end]);
		expect(await refused('a.docx', overlapping)).toMatch(/overlap|local name/);
	});
});

describe('checkUpload: name and size', () => {
	it('refuses other extensions, empty and oversized files', async () => {
		const no = (name: string, content: Uint8Array) => checkUpload(name, content);
		expect(await no('a.exe', latin1('MZ\x90\x00'))).toMatchObject({ reason: 'type_not_allowed' });
		expect(await no('a.html', latin1('<html>'))).toMatchObject({ reason: 'type_not_allowed' });
		expect(await no('constructor', pdf())).toMatchObject({ reason: 'type_not_allowed' });
		expect(await no('a.__proto__', pdf())).toMatchObject({ reason: 'type_not_allowed' });
		expect(await no('a.pdf', new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
		expect(await no('a.pdf', pdf({ padTo: MAX_FILE_BYTES + 1 }))).toEqual({
			ok: false,
			reason: 'too_large'
		});
		await accepted('max.pdf', pdf({ padTo: MAX_FILE_BYTES }));
	});
});
