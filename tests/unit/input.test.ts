import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
	bodyLimit,
	cleanFormData,
	cleanText,
	FORM_BODY_LIMIT,
	guardRequest,
	UPLOAD_BODY_LIMITS
} from '../../src/lib/server/input';
import { attachment } from '../../src/lib/server/download';

const URL_ = 'http://localhost/x?/save';

/** A request as adapter-node makes it: a stream body, with or without Content-Length. */
function post(body: string | Uint8Array, { length = true, type = 'form' } = {}) {
	const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
	const headers: Record<string, string> = {
		'content-type':
			type === 'form' ? 'application/x-www-form-urlencoded' : 'multipart/form-data; boundary=zz'
	};
	if (length) headers['content-length'] = String(bytes.byteLength);
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			for (let i = 0; i < bytes.byteLength; i += 16 * 1024) {
				controller.enqueue(bytes.slice(i, i + 16 * 1024));
			}
			controller.close();
		}
	});
	return new Request(URL_, {
		method: 'POST',
		headers,
		body: stream,
		duplex: 'half'
	} as RequestInit);
}

async function formOf(request: Request, limit = FORM_BODY_LIMIT) {
	const guarded = await guardRequest(request, limit);
	if (!('request' in guarded)) throw new Error('refused as too large');
	return guarded.request.formData();
}

describe('cleanText', () => {
	it('drops control characters, keeps tab and line breaks', () => {
		expect(cleanText('a\u0000b\u0001c\u001bd\u007fe\u0085f')).toBe('abcdef');
		expect(cleanText('regel 1\r\nregel 2\n\tingesprongen')).toBe(
			'regel 1\r\nregel 2\n\tingesprongen'
		);
	});
	it('replaces unpaired surrogates, keeps pairs and other text', () => {
		expect(cleanText('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
		expect(cleanText('😀 ë ß 中文 <script>')).toBe('😀 ë ß 中文 <script>');
	});
});

describe('cleanFormData', () => {
	it('cleans values, names and file names; files keep their bytes', async () => {
		const data = new FormData();
		data.append('bio\u0000', 'x\u0000y');
		data.append('file', new File(['inhoud'], 'bewijs\u0000.pdf', { type: 'application/pdf' }));
		const clean = cleanFormData(data);
		expect(clean.get('bio')).toBe('xy');
		const file = clean.get('file') as File;
		expect(file.name).toBe('bewijs.pdf');
		expect(file.type).toBe('application/pdf');
		expect(await file.text()).toBe('inhoud');
	});
});

describe('guardRequest', () => {
	it('gives the form with its text cleaned', async () => {
		const form = await formOf(post('bio=a%00b%0D%0Ac&name=%ED%A0%80'));
		expect(form.get('bio')).toBe('ab\r\nc');
		// Invalid UTF-8 (an encoded lone surrogate) arrives as replacement characters.
		expect(form.get('name')).not.toMatch(/[\uD800-\uDFFF]/);
	});

	it('refuses a declared length over the limit without reading the body', async () => {
		const request = post('a='.padEnd(FORM_BODY_LIMIT + 1, 'x'));
		expect(await guardRequest(request, FORM_BODY_LIMIT)).toEqual({ tooLarge: FORM_BODY_LIMIT });
	});

	it('reads a chunked body at most up to the limit', async () => {
		const big = post('a='.padEnd(FORM_BODY_LIMIT + 1, 'x'), { length: false });
		expect(await guardRequest(big, FORM_BODY_LIMIT)).toEqual({ tooLarge: FORM_BODY_LIMIT });
		const small = await formOf(post('a=b%00c', { length: false }));
		expect(small.get('a')).toBe('bc');
	});

	it('a chunked upload over its limit is a 413 when the route reads it', async () => {
		const limit = 256 * 1024;
		const guarded = await guardRequest(post('a='.padEnd(limit + 1, 'x'), { length: false }), limit);
		if (!('request' in guarded)) throw new Error('expected a request');
		const failure = await guarded.request.formData().catch((e: unknown) => e);
		expect(isHttpError(failure) && failure.status).toBe(413);
	});

	it('a body that is no form is a 400, not a crash', async () => {
		const failure = await formOf(post('--zz\r\nkapot', { type: 'multipart' })).catch(
			(e: unknown) => e
		);
		expect(isHttpError(failure) && failure.status).toBe(400);
	});

	it('leaves requests without a body alone', async () => {
		const request = new Request(URL_);
		expect(await guardRequest(request, FORM_BODY_LIMIT)).toEqual({ request });
	});
});

describe('bodyLimit', () => {
	it('64 KB for forms, more for the upload routes only', () => {
		expect(bodyLimit('/(auth)/login')).toBe(64 * 1024);
		expect(bodyLimit(null)).toBe(64 * 1024);
		expect(bodyLimit('/(app)/beheer/kwalificaties')).toBeGreaterThan(20 * 1024 * 1024);
		expect(bodyLimit('/(app)/o/[company]/trajecten/[id]/bewijs')).toBeGreaterThan(10 * 1024 * 1024);
		for (const limit of Object.values(UPLOAD_BODY_LIMITS)) {
			// adapter-node's own limit (BODY_SIZE_LIMIT=25M in scripts/serve.js) is the outer one.
			expect(limit).toBeLessThan(25 * 1024 * 1024);
		}
	});
});

describe('attachment', () => {
	it('never gives a header value that cannot be sent', () => {
		for (const name of ['llo-paspoort.json', 'Zoë "bewijs".pdf', '中文\r\n报告.docx', '😀', '']) {
			const value = attachment(name);
			expect(() => new Headers({ 'content-disposition': value })).not.toThrow();
			expect(value).toMatch(
				/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[\x21-\x7e]*$/
			);
			expect(decodeURIComponent(value.split("''")[1])).toBe(name);
		}
		expect(attachment('Zoë.pdf')).toBe(
			`attachment; filename="Zoe.pdf"; filename*=UTF-8''Zo%C3%AB.pdf`
		);
	});
});
