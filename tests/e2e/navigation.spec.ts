import { expect, test, type APIRequestContext } from '@playwright/test';
import { ACCOUNTS, HOME, MATRIX, type LoggedInRole } from './authz-matrix';
import { roleContext } from './helpers';

/**
 * Every page a role may use is reachable from its navigation: from the role's home page
 * this test follows every link (breadth first, over HTTP with the role's session) and
 * fails on a page of the authorization matrix that the role may open (200 in its own
 * company) but that no link reaches. A page someone must know the URL of is a page
 * nobody finds.
 */

/** Pages that are deliberately not linked from inside the app, and why. */
const NOT_LINKED: Record<string, string> = {
	'/healthz': 'for load balancers and monitoring',
	'/readyz': 'for load balancers and monitoring',
	'/geen-toegang': 'shown instead of a page the user may not open',
	'/o/[company]': 'redirects to the role’s home',
	'/uitslag/[year]': 'public results: linked from /verkiezing once a round is published',
	'/login': 'the start for someone logged out',
	'/login/tweestaps': 'a step of logging in',
	'/account/tweestaps':
		'where an admin or adviser without two-step verification is sent (others set it up at /account)',
	'/wachtwoord-vergeten': 'linked from the login page',
	'/wachtwoord-herstellen/[token]': 'reached from the reset mail',
	'/uitnodiging/[token]': 'reached from the invitation mail',
	'/leercultuur/[token]': 'reached from the learning-culture scan mail'
};

/** Pages linked only for the roles that use them (others may open them, and see little). */
const LINKED_FOR: Record<string, LoggedInRole[]> = {
	'/paspoort': ['learner'],
	'/paspoort/download': ['learner'],
	'/o/[company]/opleiders': ['learner'],
	'/jury': ['adviser', 'admin']
};

/** A link's shape: ids and numbers as `:id`, so a list of records is followed a few times only. */
const shape = (path: string) =>
	path
		.split('/')
		.map((seg) => (/^[0-9a-f-]{36}$|^\d+$/.test(seg) ? ':id' : seg))
		.join('/');

const pattern = (route: string) =>
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

async function crawl(request: APIRequestContext, baseURL: string, home: string) {
	const reached = new Set<string>();
	const seenPaths = new Map<string, number>();
	const queue = [home, '/'];
	const fetched = new Set<string>();
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
	return reached;
}

for (const role of Object.keys(ACCOUNTS) as LoggedInRole[]) {
	test(`every page ${role} may open is linked from ${role}'s navigation`, async ({
		playwright,
		baseURL
	}) => {
		test.setTimeout(120_000);
		const request = await roleContext(
			(storageState) => playwright.request.newContext({ baseURL, storageState }),
			baseURL!,
			ACCOUNTS[role]
		);
		const reached = [...(await crawl(request, baseURL!, HOME[role]))];
		const allowed = new Set(
			MATRIX.filter(
				(r) =>
					r.method === 'GET' &&
					r.expect[role] === 200 &&
					!r.query &&
					(r.params.company ?? 'own') === 'own' &&
					!Object.values(r.params).some((v) => /unknown|malformed|other|outside|peer/i.test(v))
			).map((r) => r.route)
		);
		const unreachable = [...allowed].filter(
			(route) =>
				!(route in NOT_LINKED) &&
				(LINKED_FOR[route]?.includes(role) ?? true) &&
				!reached.some((p) => pattern(route).test(p))
		);
		expect(unreachable, `pages ${role} may open but no link reaches`).toEqual([]);
		await request.dispose();
	});
}
