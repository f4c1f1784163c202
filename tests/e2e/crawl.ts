import type { APIRequestContext } from '@playwright/test';

/**
 * The crawl behind the navigation test and the phone layout test: from a role's home,
 * follow every link (breadth first, over HTTP with the role's session).
 */

/** A link's shape: ids and numbers as `:id`, so a list of records is followed a few times only. */
export const shape = (path: string) =>
	path
		.split('/')
		.map((seg) => (/^[0-9a-f-]{36}$|^\d+$/.test(seg) ? ':id' : seg))
		.join('/');

export const pattern = (route: string) =>
	new RegExp(
		'^' + route.replace(/\[\.\.\.[^\]]+\]/g, '.*').replace(/\[[^\]]+\]/g, '[^/]+') + '/?$'
	);

/** Hrefs on a page (same origin, not fragments, not mail or tel). */
function linksOf(html: string, from: string, baseURL: string): string[] {
	const out: string[] = [];
	for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)) {
		const raw = m[1].replace(/&amp;/g, '&');
		if (raw.startsWith('#') || /^(mailto|tel|javascript):/i.test(raw)) continue;
		const url = new URL(raw, new URL(from, baseURL));
		if (url.origin !== new URL(baseURL).origin) continue;
		out.push(url.pathname + url.search);
	}
	return out;
}

export async function crawl(request: APIRequestContext, baseURL: string, home: string) {
	const reached = new Set<string>();
	const seenPaths = new Map<string, number>();
	const queue = [home, '/'];
	const fetched = new Set<string>();
	/** The HTML pages that answered 200, in the order they were found. */
	const pages: string[] = [];
	while (queue.length && fetched.size < 600) {
		const target = queue.shift()!;
		if (fetched.has(target)) continue;
		fetched.add(target);
		const response = await request.get(target, { maxRedirects: 0 });
		const path = new URL(target, baseURL).pathname;
		reached.add(path);
		if (response.status() >= 300 && response.status() < 400) {
			const location = response.headers()['location'];
			if (location) queue.push(location);
			continue;
		}
		if (!(response.headers()['content-type'] ?? '').includes('text/html')) continue;
		if (response.status() === 200) pages.push(target);
		for (const link of linksOf(await response.text(), target, baseURL)) {
			const p = link.split('?')[0];
			reached.add(p);
			// Some records of each kind are enough (lists link to many similar ones); the
			// same page with other filters (?regio=…) somewhat more.
			const key = shape(p) + (link.includes('?') ? '?' : '');
			const n = seenPaths.get(key) ?? 0;
			// Ten of a kind: records differ in what they link (only a held conversation has a
			// print view), and other specs add records in any order.
			if (n >= (link.includes('?') ? 40 : 10)) continue;
			if (p.endsWith('.csv') || p.endsWith('/download') || p === '/logout') continue;
			seenPaths.set(key, n + 1);
			queue.push(link);
		}
	}
	return { reached, pages };
}
