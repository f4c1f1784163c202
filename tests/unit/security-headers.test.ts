import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config, { ANNOUNCER_STYLE_HASH } from '../../svelte.config.js';
import {
	applySecurityHeaders,
	FALLBACK_CSP,
	HSTS,
	isHttpsOrigin
} from '../../src/lib/server/security-headers';
import { checkSecurityHeaders } from '../e2e/security-headers';

const plain = { https: false, noStore: false };

describe('security headers', () => {
	it('HSTS only when ORIGIN is https', () => {
		expect(isHttpsOrigin('https://vakmaat.example.nl')).toBe(true);
		expect(isHttpsOrigin('http://localhost:4173')).toBe(false);
		expect(isHttpsOrigin(undefined)).toBe(false);
		const https = new Headers();
		applySecurityHeaders(https, { https: true, noStore: false });
		expect(https.get('strict-transport-security')).toBe(HSTS);
		const http = new Headers();
		applySecurityHeaders(http, plain);
		expect(http.get('strict-transport-security')).toBeNull();
	});

	it('no-store for personal responses, leaves public ones cacheable', () => {
		const personal = new Headers();
		applySecurityHeaders(personal, { https: false, noStore: true });
		expect(personal.get('cache-control')).toBe('private, no-store');
		const own = new Headers({ 'cache-control': 'no-store' });
		applySecurityHeaders(own, { https: false, noStore: true });
		expect(own.get('cache-control')).toBe('no-store');
		const cached = new Headers({ 'cache-control': 'public, max-age=60' });
		applySecurityHeaders(cached, { https: false, noStore: true });
		expect(cached.get('cache-control')).toBe('private, no-store');
		const open = new Headers();
		applySecurityHeaders(open, plain);
		expect(open.get('cache-control')).toBeNull();
	});

	it('a fallback CSP where SvelteKit sent none, frame-ancestors added to a route’s own', () => {
		const bare = new Headers();
		applySecurityHeaders(bare, plain);
		expect(bare.get('content-security-policy')).toBe(FALLBACK_CSP);
		const download = new Headers({ 'content-security-policy': "default-src 'none'; sandbox" });
		applySecurityHeaders(download, plain);
		expect(download.get('content-security-policy')).toBe(
			"default-src 'none'; sandbox; frame-ancestors 'none'"
		);
		expect(checkSecurityHeaders(Object.fromEntries(download), { noStore: false })).toEqual([]);
	});

	it('the page CSP (kit.csp) allows no inline script or style and no framing', () => {
		const directives = config.kit?.csp?.directives ?? {};
		expect(config.kit?.csp?.mode).toBe('auto');
		for (const name of ['script-src', 'style-src', 'default-src'] as const) {
			expect(directives[name], name).toEqual(['self']);
		}
		expect(directives['frame-ancestors']).toEqual(['none']);
		expect(directives['object-src']).toEqual(['none']);
		expect(directives['form-action']).toEqual(['self']);
		expect(directives['base-uri']).toEqual(['self']);
	});

	it('the one allowed style attribute is the one on SvelteKit’s route announcer', () => {
		expect(config.kit?.csp?.directives?.['style-src-attr']).toEqual([
			'unsafe-hashes',
			ANNOUNCER_STYLE_HASH
		]);
		// SvelteKit writes its root component (with the announcer) from this file.
		const kit = dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
		const source = readFileSync(join(kit, 'src/core/sync/write_root.js'), 'utf8');
		const style = source.match(/id="svelte-announcer"[^>]*\sstyle="([^"]+)"/)?.[1];
		expect(style, 'the announcer in SvelteKit’s write_root.js').toBeTruthy();
		const hash = `sha256-${createHash('sha256').update(style!).digest('base64')}`;
		expect(hash, 'update ANNOUNCER_STYLE_HASH in svelte.config.js').toBe(ANNOUNCER_STYLE_HASH);
	});

	it('the e2e check finds what is missing', () => {
		expect(checkSecurityHeaders({}, { noStore: true })).toHaveLength(3);
		expect(
			checkSecurityHeaders(
				{
					'content-security-policy': "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
					'x-content-type-options': 'nosniff',
					'cache-control': 'private, no-store'
				},
				{ noStore: true }
			)
		).toEqual([
			"CSP allows inline scripts or eval: script-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
		]);
	});
});
