import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** SHA-256 of the style attribute of SvelteKit's #svelte-announcer (see kit.csp). */
export const ANNOUNCER_STYLE_HASH = 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		alias: { $migrations: 'migrations' },
		csrf: { trustedOrigins: [] },
		// Sent as a header with every rendered page (frame-ancestors only works in a header).
		// 'auto': a fresh nonce per response for SvelteKit's own inline script (hashes for
		// prerendered pages; there are none). No 'unsafe-inline' for scripts or styles: no
		// component uses style attributes (sizes go through the CSSOM or SVG attributes;
		// eslint's svelte/no-inline-styles keeps it so). No 'unsafe-eval' either: zod runs
		// jitless in the browser (src/hooks.client.ts).
		// Other responses get a fallback policy in src/lib/server/security-headers.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// Exactly one style attribute is allowed: the one on SvelteKit's own route
				// announcer (a visually hidden live region it adds after hydration), by its
				// SHA-256. tests/unit/security-headers.test.ts recomputes it from SvelteKit.
				'style-src-attr': ['unsafe-hashes', ANNOUNCER_STYLE_HASH],
				'img-src': ['self'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
