/**
 * Request bodies, before any route sees them (the `input` hook in hooks.server.ts):
 *
 * - **Size.** Every body is capped per route before anything parses it: 64 KB for
 *   ordinary forms, the upload routes their own limit. A declared Content-Length above
 *   the limit is refused at once; a chunked body is read at most up to the limit. The
 *   answer is a calm 413; a body up to 1 MB over the limit is read to its end and thrown
 *   away (so a browser sees that answer), a larger one is cut off with the connection.
 * - **Text.** `request.formData()` gives every text value (and file name) without
 *   control characters and without unpaired surrogates, in one place for every form:
 *   PostgreSQL refuses NUL in text and jsonb, and no one types the others. Tab, line
 *   feed and carriage return stay (multi-line text). Invalid UTF-8 already arrives as
 *   U+FFFD from the body decoder. A body that is not a form at all is a 400.
 */
import { error, json, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { MAX_FILE_BYTES } from './files/check';
import { MAX_IMPORT_BYTES } from './qualifications/parse';

const KB = 1024;
const MB = 1024 * KB;

/** Ordinary forms: far above the longest text field (a few thousand characters). */
export const FORM_BODY_LIMIT = 64 * KB;

/**
 * Routes whose forms carry files: the file's own limit plus room for the other fields
 * (the route itself refuses a file over its limit with a field error).
 */
export const UPLOAD_BODY_LIMITS: Readonly<Record<string, number>> = {
	// Room above the 10 MB file limit, so a file a little too large still gets the field's
	// own message ("groter dan 10 MB") rather than the 413 page.
	'/(app)/o/[company]/trajecten/[id]/bewijs': MAX_FILE_BYTES + 3 * MB,
	'/(app)/beheer/kwalificaties': MAX_IMPORT_BYTES + MB,
	// the certificate catalogue (JSON, at most 5 MB: beheer/kwalificaties/certificaten)
	'/(app)/beheer/kwalificaties/certificaten': 6 * MB
};

export function bodyLimit(routeId: string | null): number {
	return (routeId && UPLOAD_BODY_LIMITS[routeId]) || FORM_BODY_LIMIT;
}

function formatLimit(bytes: number): string {
	return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / KB)} KB`;
}

// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text without control characters (tab and line breaks kept) and without unpaired surrogates. */
export function cleanText(value: string): string {
	return value.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '');
}

/** A copy of the form with every text value, field name and file name cleaned. */
export function cleanFormData(data: FormData): FormData {
	const clean = new FormData();
	for (const [name, value] of data) {
		if (typeof value === 'string') {
			clean.append(cleanText(name), cleanText(value));
		} else {
			const fileName = cleanText(value.name);
			clean.append(
				cleanText(name),
				fileName === value.name
					? value
					: new File([value], fileName, { type: value.type, lastModified: value.lastModified })
			);
		}
	}
	return clean;
}

/**
 * Reads a body slightly over the limit to its end (so the client, a browser too, gets to
 * see the answer on a connection that stays usable); a body more than 1 MB over it is
 * cut off: the connection ends, as reading on would keep megabytes of an attack in flight.
 */
const DISCARD_BYTES = 1024 * 1024;
async function discard(body: ReadableStream<Uint8Array>, reader = body.getReader()) {
	try {
		let size = 0;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return;
			size += value.byteLength;
			if (size > DISCARD_BYTES) break;
		}
		await reader.cancel();
	} catch {
		// the client went away: nothing to discard
	}
}

/** The whole body if it has at most `limit` bytes, else null (the rest is discarded). */
async function readAtMost(body: ReadableStream<Uint8Array>, limit: number) {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await discard(body, reader);
			return null;
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}

export type GuardedRequest = { request: Request } | { tooLarge: number };

/**
 * The request with its body capped at `limit` bytes and a `formData()` that cleans the
 * text, or `tooLarge` when the body is over the limit.
 */
export async function guardRequest(request: Request, limit: number): Promise<GuardedRequest> {
	const body = request.body;
	if (!body) return { request };
	const declared = request.headers.get('content-length');
	let guarded = request;
	let overflow = false;
	if (declared !== null) {
		// adapter-node ends a body that runs past its declared length.
		if (!/^\d+$/.test(declared) || Number(declared) > limit) {
			if (Number(declared) > limit + DISCARD_BYTES) await body.cancel().catch(() => {});
			else await discard(body);
			return { tooLarge: limit };
		}
	} else if (limit <= FORM_BODY_LIMIT) {
		const bytes = await readAtMost(body, limit);
		if (!bytes) return { tooLarge: limit };
		guarded = new Request(request.url, {
			method: request.method,
			headers: request.headers,
			body: bytes
		});
	} else {
		// A chunked upload: counted while the route reads it.
		let size = 0;
		const counted = body.pipeThrough(
			new TransformStream<Uint8Array, Uint8Array>({
				transform(chunk, controller) {
					size += chunk.byteLength;
					if (size > limit) {
						overflow = true;
						controller.error(new Error('request body over its limit'));
					} else controller.enqueue(chunk);
				}
			})
		);
		guarded = new Request(request.url, {
			method: request.method,
			headers: request.headers,
			body: counted,
			duplex: 'half'
		} as RequestInit);
	}
	const parse = guarded.formData.bind(guarded);
	Object.defineProperty(guarded, 'formData', {
		configurable: true,
		value: async () => {
			let data: FormData;
			try {
				data = await parse();
			} catch (e) {
				if (overflow) error(413, { message: m.error_too_large({ max: formatLimit(limit) }) });
				if (e instanceof TypeError) error(400, { message: m.error_bad_request() });
				throw e;
			}
			return cleanFormData(data);
		}
	});
	return { request: guarded };
}

/**
 * The calm 413: for a form sent by `use:enhance` an action result (the page shows its
 * error page), else SvelteKit's error page.
 */
export function tooLargeResponse(event: RequestEvent, limit: number): Response {
	const body = {
		message: m.error_too_large({ max: formatLimit(limit) }),
		requestId: event.locals.requestId
	};
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return json({ type: 'error', error: body }, { status: 413 });
	}
	error(413, body);
}
