/**
 * Small real files built in memory for the upload tests (and, for the bombs, files
 * that lie): PDFs with exact cross-reference offsets, PNGs with real CRCs and image
 * data, ZIP containers (OOXML, ODF). A JPEG and a WebP made by Chromium's encoders are
 * in tests/fixtures/files (less than 1 KB each).
 */
import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';

const fixture = (name: string) =>
	readFileSync(new URL(`./fixtures/files/${name}`, import.meta.url));

/** 16 × 12, baseline, from Chromium (libjpeg-turbo). */
export const JPEG = fixture('tiny.jpg');
/** 16 × 12, VP8X + VP8, from Chromium (libwebp). */
export const WEBP = fixture('tiny.webp');
/** The smallest GIF: 1 × 1, one colour. */
export const GIF = Buffer.from(
	'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==',
	'base64'
);

/**
 * A one-page PDF with exact offsets. `padTo` pads it to exactly that many bytes with a
 * stream of zeros; `xrefStream` writes a cross-reference stream instead of a table.
 */
export function pdf(opts: { padTo?: number; xrefStream?: boolean; text?: string } = {}): Buffer {
	const content = `BT /F1 12 Tf 56 780 Td (${opts.text ?? 'Verslag'}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
		`<< /Length ${content.length} >>\nstream\n${content}\nendstream`
	];
	const build = (padding: number) => {
		const all = padding
			? [...objects, `<< /Length ${padding} >>\nstream\n${'\0'.repeat(padding)}\nendstream`]
			: objects;
		let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
		const offsets: number[] = [];
		all.forEach((body, i) => {
			offsets.push(out.length);
			out += `${i + 1} 0 obj\n${body}\nendobj\n`;
		});
		const xref = out.length;
		if (opts.xrefStream) {
			// Uncompressed cross-reference stream: type (1 byte), offset (4), generation (1).
			const rows = [Buffer.from([0, 0, 0, 0, 0, 0xff])];
			for (const o of [...offsets, xref]) {
				const row = Buffer.alloc(6);
				row[0] = 1;
				row.writeUInt32BE(o, 1);
				rows.push(row);
			}
			const data = Buffer.concat(rows).toString('latin1');
			const n = all.length + 2;
			out += `${n - 1} 0 obj\n<< /Type /XRef /Size ${n} /W [1 4 1] /Root 1 0 R /Length ${data.length} >>\nstream\n${data}\nendstream\nendobj\n`;
		} else {
			out += `xref\n0 ${all.length + 1}\n0000000000 65535 f \n`;
			for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
			out += `trailer\n<< /Size ${all.length + 1} /Root 1 0 R >>\n`;
		}
		out += `startxref\n${xref}\n%%EOF\n`;
		return Buffer.from(out, 'latin1');
	};
	if (!opts.padTo) return build(0);
	// The padding object's own length digits change the size: converge in a few steps.
	let padding = Math.max(1, opts.padTo - build(1).length);
	for (let i = 0; i < 5; i++) {
		const size = build(padding).length;
		if (size === opts.padTo) break;
		padding += opts.padTo - size;
	}
	const out = build(padding);
	if (out.length !== opts.padTo) throw new Error('could not pad the PDF');
	return out;
}

/** A PNG chunk with its CRC. */
export function pngChunk(type: string, data: Uint8Array = new Uint8Array()): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0);
	return Buffer.concat([head, data, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * An 8-bit RGB PNG, non-interlaced, every row filter 0; `raw` replaces the image data
 * before compression, `declare` the width and height in IHDR.
 */
export function png(
	width = 3,
	height = 2,
	opts: { raw?: Buffer; declare?: [number, number]; after?: Buffer } = {}
): Buffer {
	const ihdr = Buffer.alloc(13);
	const [w, h] = opts.declare ?? [width, height];
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8;
	ihdr[9] = 2;
	const rows: Buffer[] = [];
	for (let y = 0; y < height; y++) {
		const row = Buffer.alloc(1 + 3 * width);
		for (let x = 0; x < width; x++) row.set([x * 40, y * 80, 200], 1 + 3 * x);
		rows.push(row);
	}
	const raw = opts.raw ?? Buffer.concat(rows);
	return Buffer.concat([
		PNG_SIGNATURE,
		pngChunk('IHDR', ihdr),
		pngChunk('tEXt', Buffer.from('Comment\0test', 'latin1')),
		pngChunk('IDAT', deflateSync(raw)),
		pngChunk('IEND'),
		opts.after ?? Buffer.alloc(0)
	]);
}

export interface ZipInput {
	name: string;
	data: Buffer | string;
	/** Stored rather than deflated. */
	store?: boolean;
	/** Lies in the directory (and local header) about the uncompressed size. */
	declaredSize?: number;
	flags?: number;
}

/** A ZIP file as Office and LibreOffice write them (sizes in the local headers). */
export function zip(inputs: ZipInput[], opts: { before?: Buffer; after?: Buffer } = {}): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const input of inputs) {
		const data = typeof input.data === 'string' ? Buffer.from(input.data) : input.data;
		const body = input.store ? data : deflateRawSync(data);
		const name = Buffer.from(input.name);
		const size = input.declaredSize ?? data.length;
		const crc = crc32(data) >>> 0;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(input.flags ?? 0, 6);
		local.writeUInt16LE(input.store ? 0 : 8, 8);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(body.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(input.flags ?? 0, 8);
		central.writeUInt16LE(input.store ? 0 : 8, 10);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(body.length, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, body);
		centrals.push(central, name);
		offset += 30 + name.length + body.length;
	}
	const cd = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(inputs.length, 8);
	end.writeUInt16LE(inputs.length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([
		opts.before ?? Buffer.alloc(0),
		...locals,
		cd,
		end,
		opts.after ?? Buffer.alloc(0)
	]);
}

const CONTENT_TYPES =
	'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
	'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
	'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
	'<Default Extension="xml" ContentType="application/xml"/></Types>';
const RELS =
	'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
	'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
	'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** A minimal OOXML package with a main part in `folder` (word, xl, ppt). */
export function ooxml(folder = 'word', extra: ZipInput[] = []): Buffer {
	const part = { word: 'document', xl: 'workbook', ppt: 'presentation' }[folder] ?? 'document';
	return zip([
		{ name: '[Content_Types].xml', data: CONTENT_TYPES },
		{ name: '_rels/.rels', data: RELS },
		{
			name: `${folder}/${part}.xml`,
			data: `<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Verslag</w:t></w:r></w:p></w:body></w:document>`
		},
		...extra
	]);
}

/** A minimal ODF text document: `mimetype` first and stored. */
export function odt(mediaType = 'application/vnd.oasis.opendocument.text'): Buffer {
	return zip([
		{ name: 'mimetype', data: mediaType, store: true },
		{ name: 'content.xml', data: '<office:document-content/>' },
		{ name: 'META-INF/manifest.xml', data: '<manifest:manifest/>' }
	]);
}
