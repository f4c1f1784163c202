import { crc32, inflateRawSync } from 'node:zlib';
import { inflateCapped } from './inflate';

/**
 * A ZIP container (Office documents) read from its central directory and checked
 * before anyone opens it:
 *
 * - the end-of-central-directory record ends the file exactly, the central directory
 *   sits right before it and its entries all parse; one disk, no ZIP64 (a 10 MB upload
 *   never needs it), no encryption, only "stored" and "deflate";
 * - the file starts with the first entry's local header (nothing put before it), every
 *   local header matches its central entry, entries do not overlap (overlapping entries
 *   are how the best-known bombs multiply one compressed block), no duplicate names;
 * - at most `maxEntries` entries, at most `maxTotalBytes` declared uncompressed in all,
 *   no entry over 1 MB that claims more than `maxRatio`:1;
 * - then every entry is inflated, streaming and thrown away, with a cap of its declared
 *   size: it must come out at exactly that size with the declared CRC-32. So the
 *   declared sizes are true, and a bomb costs at most `maxTotalBytes` of inflating —
 *   a 2 GiB bomb that says so is refused on its directory without inflating anything.
 */

export const ZIP_LIMITS = {
	maxEntries: 5_000,
	maxTotalBytes: 100 * 1024 * 1024,
	maxRatio: 100,
	/** Smaller entries may compress as well as they like (a few KB of spaces is no bomb). */
	ratioFromBytes: 1024 * 1024
};

export interface ZipEntry {
	name: string;
	method: number;
	crc: number;
	compressedSize: number;
	size: number;
	localOffset: number;
	dataOffset: number;
}

export type ZipCheck = { ok: true; entries: ZipEntry[] } | { ok: false; detail: string };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Entries up to this size are inflated in one go; larger ones stream. */
const SYNC_INFLATE_BYTES = 256 * 1024;

const fail = (detail: string): ZipCheck => ({ ok: false, detail });

export async function checkZip(bytes: Uint8Array, limits = ZIP_LIMITS): Promise<ZipCheck> {
	const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const n = b.length;
	if (n < 22) return fail('zip: too short');

	// The end record: its comment must run exactly to the end of the file.
	let eocd = -1;
	for (let p = n - 22; p >= Math.max(0, n - 22 - 0xffff); p--) {
		if (b.readUInt32LE(p) === EOCD && p + 22 + b.readUInt16LE(p + 20) === n) {
			eocd = p;
			break;
		}
	}
	if (eocd < 0) return fail('zip: no end of central directory at the end');
	if (eocd >= 20 && b.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) return fail('zip: zip64');
	const disk = b.readUInt16LE(eocd + 4);
	const cdDisk = b.readUInt16LE(eocd + 6);
	const onDisk = b.readUInt16LE(eocd + 8);
	const count = b.readUInt16LE(eocd + 10);
	const cdSize = b.readUInt32LE(eocd + 12);
	const cdOffset = b.readUInt32LE(eocd + 16);
	if (disk !== 0 || cdDisk !== 0 || onDisk !== count) return fail('zip: multi-disk');
	if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
		return fail('zip: zip64');
	}
	if (count === 0) return fail('zip: empty');
	if (count > limits.maxEntries) return fail('zip: too many entries');
	if (cdOffset + cdSize !== eocd) return fail('zip: central directory not before its end');

	const entries: ZipEntry[] = [];
	const names = new Set<string>();
	let declared = 0;
	let p = cdOffset;
	for (let i = 0; i < count; i++) {
		if (p + 46 > eocd || b.readUInt32LE(p) !== CENTRAL) return fail('zip: bad central entry');
		const flags = b.readUInt16LE(p + 8);
		const method = b.readUInt16LE(p + 10);
		const crc = b.readUInt32LE(p + 16);
		const compressedSize = b.readUInt32LE(p + 20);
		const size = b.readUInt32LE(p + 24);
		const nameLength = b.readUInt16LE(p + 28);
		const extraLength = b.readUInt16LE(p + 30);
		const commentLength = b.readUInt16LE(p + 32);
		const localOffset = b.readUInt32LE(p + 42);
		const end = p + 46 + nameLength + extraLength + commentLength;
		if (end > eocd) return fail('zip: central entry overruns');
		const name = b.toString('utf8', p + 46, p + 46 + nameLength);
		p = end;
		if (flags & 0x41) return fail('zip: encrypted');
		if (method !== 0 && method !== 8) return fail(`zip: method ${method}`);
		if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
			return fail('zip: zip64');
		}
		if (method === 0 && compressedSize !== size) return fail('zip: stored sizes differ');
		if (!name || names.has(name)) return fail('zip: empty or duplicate name');
		names.add(name);
		declared += size;
		if (declared > limits.maxTotalBytes) return fail('zip: too large uncompressed');
		if (size > limits.ratioFromBytes && size > compressedSize * limits.maxRatio) {
			return fail('zip: compression ratio of a bomb');
		}
		entries.push({ name, method, crc, compressedSize, size, localOffset, dataOffset: 0 });
	}
	if (p !== eocd) return fail('zip: central directory size');

	// Local headers: in order from byte 0, matching, not overlapping.
	const ordered = [...entries].sort((x, y) => x.localOffset - y.localOffset);
	if (ordered[0].localOffset !== 0) return fail('zip: data before the first entry');
	for (let i = 0; i < ordered.length; i++) {
		const e = ordered[i];
		const at = e.localOffset;
		if (at + 30 > cdOffset || b.readUInt32LE(at) !== LOCAL) return fail('zip: bad local header');
		const nameLength = b.readUInt16LE(at + 26);
		const extraLength = b.readUInt16LE(at + 28);
		if (b.readUInt16LE(at + 8) !== e.method) return fail('zip: local method differs');
		if (b.toString('utf8', at + 30, at + 30 + nameLength) !== e.name) {
			return fail('zip: local name differs');
		}
		e.dataOffset = at + 30 + nameLength + extraLength;
		const next = i + 1 < ordered.length ? ordered[i + 1].localOffset : cdOffset;
		if (e.dataOffset + e.compressedSize > next) return fail('zip: entries overlap');
	}

	// The contents: exactly the declared size and CRC, inflating no more than declared.
	for (const e of entries) {
		const data = b.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
		if (!(await entryIsIntact(e, data))) return fail(`zip: entry ${e.name} damaged or lying`);
	}
	return { ok: true, entries };
}

async function entryIsIntact(e: ZipEntry, data: Buffer): Promise<boolean> {
	if (e.method === 0) return crc32(data) >>> 0 === e.crc;
	if (e.size <= SYNC_INFLATE_BYTES) {
		let out: Buffer;
		try {
			out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
		} catch {
			return false;
		}
		return out.length === e.size && crc32(out) >>> 0 === e.crc;
	}
	let crc = 0;
	const r = await inflateCapped(data, {
		raw: true,
		cap: e.size,
		onChunk: (chunk) => {
			crc = crc32(chunk, crc);
		}
	});
	return r.complete && r.total === e.size && crc >>> 0 === e.crc;
}

/** The entry of this name, or undefined. */
export function entryNamed(entries: ZipEntry[], name: string): ZipEntry | undefined {
	return entries.find((e) => e.name === name);
}
