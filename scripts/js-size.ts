/**
 * Compressed JavaScript per route, from the client build (.svelte-kit/output): for each
 * page route, the gzip size of every chunk the browser loads before the page runs (the
 * client entry, the route's layouts and the page itself with their static imports).
 * Chunks that are only imported dynamically (chart.js behind the lazy chart components)
 * are reported separately. Used by scripts/bench.ts; `tsx scripts/js-size.ts` prints it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const OUT = '.svelte-kit/output';
const CLIENT = join(OUT, 'client');

interface ManifestChunk {
	file: string;
	imports?: string[];
	dynamicImports?: string[];
	name?: string;
}

export interface RouteJs {
	route: string;
	kb: number;
	files: number;
}

export interface JsReport {
	routes: RouteJs[];
	/** Chunks loaded only on demand (dynamic import), largest first. */
	lazy: { name: string; kb: number }[];
}

const gzipKb = (file: string) => gzipSync(readFileSync(join(CLIENT, file))).length / 1024;

export async function jsPerRoute(): Promise<JsReport> {
	const vite = JSON.parse(readFileSync(join(CLIENT, '.vite/manifest.json'), 'utf8')) as Record<
		string,
		ManifestChunk
	>;
	const keyOf = new Map(Object.entries(vite).map(([k, c]) => [c.file, k]));
	const { manifest } = (await import(
		pathToFileURL(resolve(OUT, 'server/manifest-full.js')).href
	)) as {
		manifest: {
			_: {
				client: { start: string; app: string };
				routes: { id: string; page: { layouts: (number | undefined)[]; leaf: number } | null }[];
			};
		};
	};
	const nodeKey = (n: number) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`;

	/** A chunk and everything it imports statically. */
	function closure(keys: string[]): Set<string> {
		const seen = new Set<string>();
		const stack = [...keys];
		while (stack.length) {
			const key = stack.pop()!;
			if (seen.has(key) || !vite[key]) continue;
			seen.add(key);
			stack.push(...(vite[key].imports ?? []));
		}
		return seen;
	}

	const entry = [manifest._.client.start, manifest._.client.app]
		.map((file) => keyOf.get(file) ?? '')
		.filter(Boolean);
	const statics = new Set<string>();
	const routes: RouteJs[] = [];
	for (const route of manifest._.routes) {
		if (!route.page) continue;
		const nodes = [
			...route.page.layouts.filter((n): n is number => n !== undefined),
			route.page.leaf
		];
		const chunks = closure([...entry, ...nodes.map(nodeKey)]);
		chunks.forEach((k) => statics.add(k));
		const kb = [...chunks].reduce((sum, k) => sum + gzipKb(vite[k].file), 0);
		routes.push({ route: route.id, kb, files: chunks.size });
	}
	const lazyKeys = new Set<string>();
	for (const key of statics) {
		for (const d of vite[key].dynamicImports ?? []) {
			if (!d.includes('client-optimized/nodes/') && !statics.has(d)) lazyKeys.add(d);
		}
	}
	// What a lazy chunk pulls in beyond the page's own chunks belongs to it.
	const lazy = [...lazyKeys].map((key) => {
		const own = [...closure([key])].filter((k) => !statics.has(k));
		return {
			name: vite[key].name ?? key,
			kb: own.reduce((sum, k) => sum + gzipKb(vite[k].file), 0)
		};
	});
	return {
		routes: routes.sort((a, b) => b.kb - a.kb),
		lazy: lazy.sort((a, b) => b.kb - a.kb)
	};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const { routes, lazy } = await jsPerRoute();
	for (const r of routes) console.log(`${r.kb.toFixed(1).padStart(7)} KB  ${r.route}`);
	for (const l of lazy) console.log(`${l.kb.toFixed(1).padStart(7)} KB  (lazy) ${l.name}`);
}
