import { expect, test } from '@playwright/test';
import { ACCOUNTS, HOME, MATRIX, type LoggedInRole } from './authz-matrix';
import { crawl, pattern } from './crawl';
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
		const reached = [...(await crawl(request, baseURL!, HOME[role])).reached];
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
