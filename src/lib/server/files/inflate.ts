import { createInflate, createInflateRaw } from 'node:zlib';

export interface InflateResult {
	/** Bytes of output seen (at most `cap`; `over` says there was more). */
	total: number;
	/** The stream ended properly (checksum included for zlib). */
	complete: boolean;
	/** The output went past `cap`: inflating stopped there. */
	over: boolean;
	/** Corrupt or truncated input, or `onChunk` refused the output. */
	failed: boolean;
}

/**
 * Inflates `input` (DEFLATE, raw or zlib-wrapped) on the thread pool without keeping the
 * output: every chunk goes to `onChunk` (which may refuse it by returning false) and is
 * dropped. Stops as soon as more than `cap` bytes come out, so a decompression bomb costs
 * at most `cap` bytes of work and one chunk of memory.
 */
export function inflateCapped(
	input: Uint8Array | Uint8Array[],
	opts: { raw: boolean; cap: number; onChunk?: (chunk: Buffer) => boolean | void }
): Promise<InflateResult> {
	const parts = Array.isArray(input) ? input : [input];
	return new Promise((resolve) => {
		const z = opts.raw ? createInflateRaw() : createInflate();
		let total = 0;
		let done = false;
		const finish = (r: Omit<InflateResult, 'total'>) => {
			if (done) return;
			done = true;
			resolve({ total, ...r });
			z.removeAllListeners('data');
			z.on('error', () => {});
			z.destroy();
		};
		z.on('data', (chunk: Buffer) => {
			if (done) return;
			const room = opts.cap - total;
			const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
			total += part.length;
			if (part.length && opts.onChunk?.(part) === false) {
				finish({ complete: false, over: false, failed: true });
			} else if (chunk.length > room) {
				finish({ complete: false, over: true, failed: false });
			}
		});
		z.on('end', () => finish({ complete: true, over: false, failed: false }));
		z.on('error', () => finish({ complete: false, over: false, failed: true }));
		for (const part of parts) {
			if (done) break;
			z.write(part);
		}
		z.end();
	});
}
