import { crc32 } from 'node:zlib';
import { inflateCapped } from './inflate';

/**
 * Images checked on their structure, so a file that only starts like an image (a PNG
 * signature followed by HTML) is refused, and so are decompression bombs:
 *
 * - PNG: decoded as far as it takes to prove it is one — IHDR first with sane values,
 *   every chunk's CRC, no unknown critical chunk, IDAT inflated (streaming, thrown
 *   away) to exactly the size the header promises with a valid filter byte on every
 *   row, IEND, then nothing but whitespace;
 * - JPEG: SOI, every segment's length, one frame header (SOF) before the first scan,
 *   the entropy-coded data of every scan up to EOI; after EOI only what phones put
 *   there (further JPEGs: HDR gain maps, MPF previews; a motion photo's MP4; Samsung's
 *   SEF trailer) or whitespace;
 * - GIF: header, colour tables and every block up to the trailer, then whitespace;
 * - WebP: the RIFF size matches, the chunks fill it exactly, the first is an image.
 *
 * Width and height at most `MAX_IMAGE_SIDE`, pixels at most `MAX_IMAGE_PIXELS` (50 MP:
 * a phone's largest photo mode), which bounds what a viewer has to allocate.
 *
 * Our own structural checks rather than decoding libraries: node's zlib does the only
 * decompression PNG needs, a JPEG/WebP decoder in JavaScript would cost far more CPU
 * per upload than these walks and would add a dependency for little extra assurance
 * (the browser and the reader's viewer do the decoding, never the server).
 */

export const MAX_IMAGE_SIDE = 10_000;
export const MAX_IMAGE_PIXELS = 50_000_000;

export type ImageCheck =
	{ ok: true; width: number; height: number } | { ok: false; detail: string };

const fail = (detail: string): ImageCheck => ({ ok: false, detail });

function sane(width: number, height: number): boolean {
	return (
		width >= 1 &&
		height >= 1 &&
		width <= MAX_IMAGE_SIDE &&
		height <= MAX_IMAGE_SIDE &&
		width * height <= MAX_IMAGE_PIXELS
	);
}

const buf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const isPadding = (c: number) =>
	c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0;

/** Only whitespace (and NUL padding) from `from` to the end. */
export function onlyPadding(b: Uint8Array, from: number): boolean {
	for (let i = from; i < b.length; i++) if (!isPadding(b[i])) return false;
	return true;
}

// --- PNG ---------------------------------------------------------------------------

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Allowed bit depths per colour type. */
const PNG_DEPTHS: Record<number, { channels: number; depths: number[] }> = {
	0: { channels: 1, depths: [1, 2, 4, 8, 16] },
	2: { channels: 3, depths: [8, 16] },
	3: { channels: 1, depths: [1, 2, 4, 8] },
	4: { channels: 2, depths: [8, 16] },
	6: { channels: 4, depths: [8, 16] }
};
/** Adam7: x start, y start, x step, y step. */
const ADAM7 = [
	[0, 0, 8, 8],
	[4, 0, 8, 8],
	[0, 4, 4, 8],
	[2, 0, 4, 4],
	[0, 2, 2, 4],
	[1, 0, 2, 2],
	[0, 1, 1, 2]
];

/** The rows the image data holds: per (sub-)image, the bytes of a row (filter byte included) and the count. */
function pngRows(
	width: number,
	height: number,
	bitsPerPixel: number,
	interlaced: boolean
): [number, number][] {
	const rowBytes = (w: number) => 1 + Math.ceil((w * bitsPerPixel) / 8);
	if (!interlaced) return [[rowBytes(width), height]];
	const passes: [number, number][] = [];
	for (const [x0, y0, dx, dy] of ADAM7) {
		const w = width > x0 ? Math.ceil((width - x0) / dx) : 0;
		const h = height > y0 ? Math.ceil((height - y0) / dy) : 0;
		if (w && h) passes.push([rowBytes(w), h]);
	}
	return passes;
}

export async function checkPng(bytes: Uint8Array): Promise<ImageCheck> {
	const b = buf(bytes);
	if (b.length < 8 + 25 + 12 || !b.subarray(0, 8).equals(PNG_SIGNATURE))
		return fail('png: signature');
	let p = 8;
	let width = 0;
	let height = 0;
	let rows: [number, number][] = [];
	let colorType = -1;
	let palette = false;
	const idat: Buffer[] = [];
	let idatEnded = false;
	let ended = false;
	for (let index = 0; !ended; index++) {
		if (p + 12 > b.length) return fail('png: truncated');
		const length = b.readUInt32BE(p);
		const type = b.toString('latin1', p + 4, p + 8);
		if (length > 0x7fffffff || p + 12 + length > b.length) return fail('png: chunk overruns');
		if (!/^[A-Za-z]{4}$/.test(type)) return fail('png: chunk type');
		const data = b.subarray(p + 8, p + 8 + length);
		if (crc32(data, crc32(b.subarray(p + 4, p + 8))) >>> 0 !== b.readUInt32BE(p + 8 + length)) {
			return fail(`png: CRC of ${type}`);
		}
		p += 12 + length;
		if (index === 0 && type !== 'IHDR') return fail('png: IHDR not first');
		if (idat.length && type !== 'IDAT') idatEnded = true;
		switch (type) {
			case 'IHDR': {
				if (index !== 0 || length !== 13) return fail('png: IHDR');
				width = data.readUInt32BE(0);
				height = data.readUInt32BE(4);
				const depth = data[8];
				colorType = data[9];
				const kind = PNG_DEPTHS[colorType];
				if (!kind || !kind.depths.includes(depth)) return fail('png: colour type or depth');
				if (data[10] !== 0 || data[11] !== 0 || data[12] > 1) return fail('png: IHDR methods');
				if (!sane(width, height)) return fail('png: dimensions');
				rows = pngRows(width, height, kind.channels * depth, data[12] === 1);
				break;
			}
			case 'PLTE':
				if (idat.length || length === 0 || length % 3 || length > 768) return fail('png: PLTE');
				palette = true;
				break;
			case 'IDAT':
				if (idatEnded) return fail('png: IDAT not consecutive');
				idat.push(data);
				break;
			case 'IEND':
				if (length !== 0) return fail('png: IEND');
				ended = true;
				break;
			default:
				// Bit 5 of the first letter: lower case is ancillary (may be skipped).
				if (!(type.charCodeAt(0) & 0x20)) return fail(`png: unknown critical chunk ${type}`);
		}
	}
	if (!idat.length) return fail('png: no image data');
	if (colorType === 3 && !palette) return fail('png: no palette');
	if (!onlyPadding(b, p)) return fail('png: data after IEND');

	// Inflate the image data: exactly as many bytes as the rows need, each row's filter 0–4.
	const expected = rows.reduce((sum, [rowLength, count]) => sum + rowLength * count, 0);
	let pass = 0;
	let row = 0;
	let inRow = 0;
	const r = await inflateCapped(idat, {
		raw: false,
		cap: expected,
		onChunk: (chunk) => {
			let i = 0;
			while (i < chunk.length) {
				const [rowLength, count] = rows[pass];
				if (inRow === 0 && chunk[i] > 4) return false;
				const step = Math.min(rowLength - inRow, chunk.length - i);
				i += step;
				inRow += step;
				if (inRow === rowLength) {
					inRow = 0;
					if (++row === count) {
						row = 0;
						pass++;
					}
				}
			}
		}
	});
	// Readers tolerate extra data after the last row ("too much image data"); not too little.
	if (r.failed || r.total < expected) return fail('png: image data does not decode');
	return { ok: true, width, height };
}

// --- JPEG --------------------------------------------------------------------------

const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** Parses one JPEG from `start`; the offset just after its EOI, or a reason. */
function jpegEnd(b: Buffer, start: number): number | string {
	const n = b.length;
	if (n - start < 4 || b[start] !== 0xff || b[start + 1] !== 0xd8) return 'jpeg: SOI';
	let p = start + 2;
	let frame = false;
	let scans = 0;
	for (;;) {
		if (p >= n) return 'jpeg: truncated';
		if (b[p] !== 0xff) return 'jpeg: segment expected';
		while (p < n && b[p] === 0xff) p++;
		if (p >= n) return 'jpeg: truncated';
		const marker = b[p++];
		if (marker === 0xd9) return scans ? p : 'jpeg: EOI before any scan';
		if (marker === 0xd8 || marker === 0x00) return 'jpeg: unexpected marker';
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
		if (p + 2 > n) return 'jpeg: truncated';
		const length = b.readUInt16BE(p);
		if (length < 2 || p + length > n) return 'jpeg: segment overruns';
		if (isSof(marker)) {
			if (frame) return 'jpeg: second frame';
			const components = b[p + 7];
			if (length < 8 || length !== 8 + 3 * components || components < 1 || components > 4) {
				return 'jpeg: frame header';
			}
			if (!sane(b.readUInt16BE(p + 5), b.readUInt16BE(p + 3))) return 'jpeg: dimensions';
			frame = true;
		}
		if (marker === 0xda) {
			if (!frame) return 'jpeg: scan before frame';
			const components = b[p + 2];
			if (length !== 6 + 2 * components || components < 1 || components > 4) {
				return 'jpeg: scan header';
			}
			p += length;
			// Entropy-coded data: runs to the next marker that is not a stuffed 0 or a restart.
			for (;;) {
				p = b.indexOf(0xff, p);
				if (p < 0 || p + 1 >= n) return 'jpeg: truncated scan';
				const next = b[p + 1];
				if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) p += 2;
				else if (next === 0xff) p++;
				else break;
			}
			scans++;
			continue;
		}
		p += length;
	}
}

/** What may follow a phone's JPEG: more JPEGs, an MP4 (motion photo), a Samsung trailer. */
function jpegTrailerOk(b: Buffer, from: number, depth = 0): boolean {
	let p = from;
	for (;;) {
		if (p >= b.length) return true;
		if (b[p] === 0xff && b[p + 1] === 0xd8) {
			if (depth > 8) return false;
			const end = jpegEnd(b, p);
			if (typeof end === 'string') return false;
			p = end;
			depth++;
		} else if (b.toString('latin1', p + 4, p + 8) === 'ftyp') {
			const end = isoBoxesEnd(b, p);
			if (end < 0) return false;
			p = end;
		} else if (isPadding(b[p]) || b[p] === 0xff) {
			// Some cameras pad with 0xFF after EOI.
			p++;
		} else {
			return samsungTrailerFrom(b, p);
		}
	}
}

/** Walks ISO-BMFF boxes from `p` (an MP4) to the end or to what is not a box; -1 if broken. */
function isoBoxesEnd(b: Buffer, p: number): number {
	while (p + 8 <= b.length) {
		const type = b.toString('latin1', p + 4, p + 8);
		if (!/^[\x20-\x7e]{4}$/.test(type)) break;
		let size = b.readUInt32BE(p);
		if (size === 1) {
			if (p + 16 > b.length) return -1;
			size = Number(b.readBigUInt64BE(p + 8));
		} else if (size === 0) {
			size = b.length - p;
		}
		if (size < 8 || p + size > b.length) return -1;
		p += size;
	}
	return p;
}

/** Samsung's SEF trailer: ends in "SEFT" after the length of its "SEFH" directory. */
function samsungTrailerFrom(b: Buffer, p: number): boolean {
	const n = b.length;
	if (n - p < 16 || b.toString('latin1', n - 4) !== 'SEFT') return false;
	const dir = n - 8 - b.readUInt32LE(n - 8);
	return dir >= p && b.toString('latin1', dir, dir + 4) === 'SEFH';
}

export function checkJpeg(bytes: Uint8Array): ImageCheck {
	const b = buf(bytes);
	const end = jpegEnd(b, 0);
	if (typeof end === 'string') return fail(end);
	if (!jpegTrailerOk(b, end)) return fail('jpeg: data after EOI');
	return { ok: true, width: 0, height: 0 };
}

// --- GIF ---------------------------------------------------------------------------

export function checkGif(bytes: Uint8Array): ImageCheck {
	const b = buf(bytes);
	const n = b.length;
	const header = b.toString('latin1', 0, 6);
	if (n < 14 || (header !== 'GIF87a' && header !== 'GIF89a')) return fail('gif: header');
	const width = b.readUInt16LE(6);
	const height = b.readUInt16LE(8);
	if (!sane(width, height)) return fail('gif: dimensions');
	const table = (packed: number) => (packed & 0x80 ? 3 * (1 << ((packed & 7) + 1)) : 0);
	let p = 13 + table(b[10]);
	/** Skips data sub-blocks up to their terminator; -1 when they overrun. */
	const subBlocks = (q: number) => {
		while (q < n && b[q] !== 0) q += 1 + b[q];
		return q < n ? q + 1 : -1;
	};
	let images = 0;
	for (;;) {
		if (p >= n) return fail('gif: truncated');
		const block = b[p];
		if (block === 0x3b) break;
		if (block === 0x21) {
			p = subBlocks(p + 2);
		} else if (block === 0x2c) {
			if (p + 10 > n) return fail('gif: truncated');
			const w = b.readUInt16LE(p + 5);
			const h = b.readUInt16LE(p + 7);
			if (!sane(w, h)) return fail('gif: frame dimensions');
			p += 10 + table(b[p + 9]);
			if (p >= n || b[p] < 2 || b[p] > 11) return fail('gif: LZW code size');
			p = subBlocks(p + 1);
			images++;
		} else {
			return fail('gif: unknown block');
		}
		if (p < 0) return fail('gif: block overruns');
	}
	if (!images) return fail('gif: no image');
	if (!onlyPadding(b, p + 1)) return fail('gif: data after trailer');
	return { ok: true, width, height };
}

// --- WebP --------------------------------------------------------------------------

export function checkWebp(bytes: Uint8Array): ImageCheck {
	const b = buf(bytes);
	if (
		b.length < 30 ||
		b.toString('latin1', 0, 4) !== 'RIFF' ||
		b.toString('latin1', 8, 12) !== 'WEBP'
	) {
		return fail('webp: header');
	}
	const end = 8 + b.readUInt32LE(4);
	if (end > b.length || end < 20) return fail('webp: RIFF size');
	if (!onlyPadding(b, end)) return fail('webp: data after RIFF');
	let p = 12;
	let first = '';
	let width = 0;
	let height = 0;
	let image = false;
	while (p < end) {
		if (p + 8 > end) return fail('webp: chunk header');
		const type = b.toString('latin1', p, p + 4);
		const size = b.readUInt32LE(p + 4);
		if (p + 8 + size > end) return fail('webp: chunk overruns');
		const d = b.subarray(p + 8, p + 8 + size);
		first ||= type;
		if (type === 'VP8 ') {
			if (size < 10 || d[3] !== 0x9d || d[4] !== 0x01 || d[5] !== 0x2a) return fail('webp: VP8');
			if (first === type)
				[width, height] = [d.readUInt16LE(6) & 0x3fff, d.readUInt16LE(8) & 0x3fff];
			image = true;
		} else if (type === 'VP8L') {
			if (size < 5 || d[0] !== 0x2f) return fail('webp: VP8L');
			if (first === type) {
				width = 1 + (((d[2] & 0x3f) << 8) | d[1]);
				height = 1 + (((d[4] & 0x0f) << 10) | (d[3] << 2) | ((d[2] & 0xc0) >> 6));
			}
			image = true;
		} else if (type === 'VP8X') {
			if (first !== type || size < 10) return fail('webp: VP8X');
			width = 1 + d.readUIntLE(4, 3);
			height = 1 + d.readUIntLE(7, 3);
		} else if (type === 'ANMF') {
			image = true;
		}
		p += 8 + size + (size & 1);
	}
	if (p !== end && p !== end + 1) return fail('webp: chunks do not fill the file');
	if (!['VP8 ', 'VP8L', 'VP8X'].includes(first) || !image) return fail('webp: no image');
	if (!sane(width, height)) return fail('webp: dimensions');
	return { ok: true, width, height };
}
