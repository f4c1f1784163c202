import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext } from '@playwright/test';
import {
	ACCOUNTS,
	HOME,
	MATRIX,
	OTHER_COMPANY,
	OWN_COMPANY,
	PLACEHOLDER,
	ROLES,
	type Expect,
	type MatrixRow,
	type ParamValue,
	type Role
} from './authz-matrix';
import { apiLogin, mailCount } from './helpers';
import { thisYear } from '../clock';
import { checkSecurityHeaders } from './security-headers';

const ROUTES_DIR = fileURLToPath(new URL('../../src/routes', import.meta.url));

/** Route ids of every page and endpoint under src/routes, (group) segments dropped. */
function scanRoutes(dir = ROUTES_DIR): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) found.push(...scanRoutes(path));
		else if (/^\+(page\.svelte|page\.(ts|js)|server\.(ts|js))$/.test(entry.name)) {
			const segments = relative(ROUTES_DIR, dir)
				.split(sep)
				.filter((s) => s && !/^\(.+\)$/.test(s));
			found.push('/' + segments.join('/'));
		}
	}
	return [...new Set(found)].sort();
}

function describeRow(row: MatrixRow): string {
	const params = Object.entries(row.params)
		.map(([k, v]) => `${k}=${v}`)
		.join(',');
	const action = row.action === undefined ? '' : row.action ? ` ?/${row.action}` : ' (default)';
	const form = Object.entries(row.form ?? {})
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
	const query = row.query ? `?${row.query}` : '';
	return `${row.method} ${row.route}${query}${action}${params ? ` [${params}]` : ''}${form ? ` {${form}}` : ''}`;
}

test.describe('authorization matrix', () => {
	const contexts = new Map<Role, APIRequestContext>();
	let values: Record<ParamValue, string>;
	let origin: string;

	test.beforeAll(async ({ playwright }, testInfo) => {
		const baseURL = testInfo.project.use.baseURL!;
		origin = new URL(baseURL).origin;
		const newContext = () =>
			playwright.request.newContext({ baseURL, extraHTTPHeaders: { accept: 'text/html' } });
		for (const role of ROLES) {
			const ctx = await newContext();
			if (role !== 'anonymous') await apiLogin(ctx, baseURL, ACCOUNTS[role]);
			contexts.set(role, ctx);
		}

		/** Ids from links on pages the right people can see (no database access). */
		async function linkId(ctx: APIRequestContext, path: string, prefix: string, text: string) {
			const res = await ctx.get(path, { maxRedirects: 0 });
			expect(res.status(), `GET ${path}`).toBe(200);
			const html = await res.text();
			const re = new RegExp(`href="${prefix}/([0-9a-f-]{36})"[^>]*>\\s*${text}\\s*<`);
			const id = html.match(re)?.[1];
			expect(id, `a link to "${text}" on ${path}`).toBeTruthy();
			return id!;
		}
		/** The id of the first trajectory link whose text starts with `learner`. */
		async function trajectoryId(ctx: APIRequestContext, learner: string) {
			const path = `/o/${OWN_COMPANY}/hr/trajecten`;
			const res = await ctx.get(path, { maxRedirects: 0 });
			expect(res.status(), `GET ${path}`).toBe(200);
			const re = new RegExp(
				`href="/o/${OWN_COMPANY}/trajecten/([0-9a-f-]{36})"[^>]*>(?:\\s|<!--[^>]*-->)*${learner}`
			);
			const id = (await res.text()).match(re)?.[1];
			expect(id, `a trajectory link for ${learner}`).toBeTruthy();
			return id!;
		}
		async function firstCrebo(ctx: APIRequestContext) {
			const res = await ctx.get('/kwalificaties', { maxRedirects: 0 });
			expect(res.status(), 'GET /kwalificaties').toBe(200);
			const crebo = (await res.text()).match(/href="\/kwalificaties\/(\d+)"/)?.[1];
			expect(crebo, 'a qualification link on /kwalificaties').toBeTruthy();
			return crebo!;
		}
		/** The id of the first evidence file linked on a trajectory's evidence page. */
		async function evidenceId(ctx: APIRequestContext, trajectory: string) {
			const prefix = `/o/${OWN_COMPANY}/trajecten/${trajectory}/bewijs`;
			const res = await ctx.get(prefix, { maxRedirects: 0 });
			expect(res.status(), `GET ${prefix}`).toBe(200);
			const id = (await res.text()).match(new RegExp(`href="${prefix}/([0-9a-f-]{36})"`))?.[1];
			expect(id, `an evidence file link on ${prefix}`).toBeTruthy();
			return id!;
		}
		/** The learner's own trainer: the first feedback link in the learner's trainer directory. */
		async function feedbackTrainerId(ctx: APIRequestContext) {
			const path = `/o/${OWN_COMPANY}/opleiders`;
			const res = await ctx.get(path, { maxRedirects: 0 });
			expect(res.status(), `GET ${path}`).toBe(200);
			const re = new RegExp(`href="${path}/([0-9a-f-]{36})/feedback"`);
			const id = (await res.text()).match(re)?.[1];
			expect(id, `a feedback link on ${path}`).toBeTruthy();
			return id!;
		}
		/** The id of the conversation in the row of the HR list that names `learner` and `template`. */
		async function conversationId(ctx: APIRequestContext, learner: string, template: string) {
			const path = `/o/${OWN_COMPANY}/gesprekken`;
			const res = await ctx.get(path, { maxRedirects: 0 });
			expect(res.status(), `GET ${path}`).toBe(200);
			const row = (await res.text())
				.split('<tr')
				.find((r) => r.includes(learner) && r.includes(template));
			const id = row?.match(new RegExp(`href="${path}/([0-9a-f-]{36})"`))?.[1];
			expect(id, `a conversation of ${learner} (${template}) on ${path}`).toBeTruthy();
			return id!;
		}
		/** The id of the first platform template (its preview link on HR's template list). */
		async function defaultTemplateId(ctx: APIRequestContext) {
			const path = `/o/${OWN_COMPANY}/hr/sjablonen`;
			const res = await ctx.get(path, { maxRedirects: 0 });
			expect(res.status(), `GET ${path}`).toBe(200);
			const id = (await res.text()).match(
				new RegExp(`href="${path}/([0-9a-f-]{36})/voorbeeld"`)
			)?.[1];
			expect(id, `a template preview link on ${path}`).toBeTruthy();
			return id!;
		}
		/** The learner record of a trajectory: the link to the learner's conversation history. */
		async function learnerId(ctx: APIRequestContext, trajectory: string) {
			const path = `/o/${OWN_COMPANY}/trajecten/${trajectory}`;
			const res = await ctx.get(path, { maxRedirects: 0 });
			expect(res.status(), `GET ${path}`).toBe(200);
			const re = new RegExp(`href="/o/${OWN_COMPANY}/gesprekken\\?lerende=([0-9a-f-]{36})"`);
			const id = (await res.text()).match(re)?.[1];
			expect(id, `a conversation history link on ${path}`).toBeTruthy();
			return id!;
		}
		const otherHr = await newContext();
		await apiLogin(otherHr, baseURL, 'hr@vandijkbouw.example');
		const members = `/o/${OWN_COMPANY}/hr/medewerkers`;
		const otherMembers = `/o/${OTHER_COMPANY}/hr/medewerkers`;
		values = {
			own: OWN_COMPANY,
			other: OTHER_COMPANY,
			unknown: 'bestaat-niet',
			ownMember: await linkId(contexts.get('hr')!, members, members, 'Fatima Yilmaz'),
			otherMember: await linkId(otherHr, otherMembers, otherMembers, 'Tom Bos'),
			company: await linkId(
				contexts.get('admin')!,
				'/beheer/bedrijven?q=Zorggroep',
				'/beheer/bedrijven',
				'Zorggroep De Linde'
			),
			crebo: await firstCrebo(contexts.get('learner')!),
			unknownCrebo: '999999',
			unknownId: '00000000-0000-4000-8000-000000000000',
			malformedId: 'geen-uuid',
			unknownToken: 'onbekendtoken0000000000000000000',
			ownTrajectory: await trajectoryId(contexts.get('hr')!, 'Fatima Yilmaz'),
			peerTrajectory: await trajectoryId(contexts.get('hr')!, 'Peter Dekker'),
			ownEvidence: '',
			ownTrainer: '',
			peerTrainer: '',
			ownConversation: await conversationId(
				contexts.get('hr')!,
				'Fatima Yilmaz',
				'Voortgangsgesprek leertraject'
			),
			peerConversation: await conversationId(contexts.get('hr')!, 'Peter Dekker', 'Loopbaan-APK'),
			defaultTemplate: await defaultTemplateId(contexts.get('hr')!),
			awardYear: String(thisYear() - 1),
			unknownYear: '1999',
			awardRound: await linkId(
				contexts.get('admin')!,
				'/beheer/verkiezingen',
				'/beheer/verkiezingen',
				String(thisYear())
			),
			awardPanel: await linkId(contexts.get('adviser')!, '/jury', '/jury', 'Midden-Nederland'),
			awardNominee: '',
			ownLearner: '',
			peerLearner: '',
			adviserCompany: await linkId(
				contexts.get('adviser')!,
				'/sbb?zoek=Zorggroep',
				'/sbb/bedrijven',
				'Zorggroep De Linde'
			),
			outsideCompany: await linkId(
				contexts.get('admin')!,
				'/beheer/bedrijven?q=Bouwbedrijf',
				'/beheer/bedrijven',
				'Bouwbedrijf Van Dijk[^<]*'
			)
		};
		values.ownEvidence = await evidenceId(contexts.get('hr')!, values.ownTrajectory);
		values.ownTrainer = await feedbackTrainerId(contexts.get('learner')!);
		values.peerTrainer = await linkId(
			contexts.get('hr')!,
			`/o/${OWN_COMPANY}/hr/praktijkopleiders`,
			`/o/${OWN_COMPANY}/hr/praktijkopleiders`,
			'Ingrid Visser'
		);
		values.awardNominee = await linkId(
			contexts.get('adviser')!,
			`/jury/${values.awardPanel}`,
			`/jury/${values.awardPanel}`,
			'Ahmed El Amrani'
		);
		values.ownLearner = await learnerId(contexts.get('hr')!, values.ownTrajectory);
		values.peerLearner = await learnerId(contexts.get('hr')!, values.peerTrajectory);
		await otherHr.dispose();
	});

	/** `{name}` in a query string or form value → the value (URL-encoded in a query string). */
	function fill(text: string, encode: boolean): string {
		return text.replace(PLACEHOLDER, (_, name: string) => {
			const value = values[name as ParamValue];
			if (value === undefined) throw new Error(`unknown placeholder {${name}}`);
			return encode ? encodeURIComponent(value) : value;
		});
	}

	test.afterAll(async () => {
		for (const ctx of contexts.values()) await ctx.dispose();
	});

	test('every route under src/routes has rows in the matrix', () => {
		const routes = scanRoutes();
		expect(routes.length).toBeGreaterThan(10);
		const inMatrix = new Set(MATRIX.map((r) => r.route));
		const missing = routes.filter((r) => !inMatrix.has(r));
		expect(missing, 'routes without a row in tests/e2e/authz-matrix.ts').toEqual([]);
		const stale = [...inMatrix].filter((r) => !routes.includes(r));
		expect(stale, 'matrix rows for routes that do not exist').toEqual([]);
	});

	test('tenant routes are tested for another company, id routes for an unknown id', () => {
		const problems: string[] = [];
		for (const route of new Set(MATRIX.map((r) => r.route))) {
			const rows = MATRIX.filter((r) => r.route === route);
			const gets = rows.filter((r) => r.method === 'GET');
			for (const [, name] of route.matchAll(/\[(\w+)\]/g)) {
				if (rows.some((r) => !r.params[name])) problems.push(`${route}: a row without ${name}`);
				const tried = new Set(gets.map((r) => r.params[name]));
				const needed: ParamValue[] = name === 'company' ? ['own', 'other'] : [];
				for (const value of needed) {
					if (!tried.has(value)) problems.push(`${route}: no GET row with ${name}=${value}`);
				}
				if (name !== 'company' && ![...tried].some((v) => v?.startsWith('unknown'))) {
					problems.push(`${route}: no GET row with an unknown ${name}`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	for (const row of MATRIX) {
		test(describeRow(row), async () => {
			const url =
				row.route.replace(/\[(\w+)\]/g, (_, name: string) => {
					const value = row.params[name];
					if (!value) throw new Error(`no value for [${name}] in ${describeRow(row)}`);
					return encodeURIComponent(values[value]);
				}) +
				(row.query ? `?${fill(row.query, true)}` : '') +
				(row.action ? `${row.query ? '&' : '?'}/${row.action}` : '');
			const form = Object.fromEntries(
				Object.entries(row.form ?? {}).map(([k, v]) => [k, fill(v, false)])
			);
			const mismatches: string[] = [];
			for (const role of ROLES) {
				const ctx = contexts.get(role)!;
				const res =
					row.method === 'GET'
						? await ctx.get(url, { maxRedirects: 0 })
						: await ctx.post(url, {
								form,
								headers: { origin },
								maxRedirects: 0
							});
				const status = res.status();
				const location = res.headers()['location'] ?? '';
				const expected: Expect = row.expect[role];
				const ok =
					typeof expected === 'number'
						? status === expected
						: expected === 'login'
							? status === 303 && /^\/login(\?|$)/.test(location)
							: expected === 'home'
								? status === 303 && role !== 'anonymous' && location === HOME[role]
								: status === 303 && location === expected.slice(1);
				if (!ok) {
					mismatches.push(
						`${role}: expected ${expected}, got ${status}${location ? ` → ${location}` : ''}`
					);
				}
				if (row.absent?.length) {
					const body = await res.text();
					for (const text of row.absent) {
						if (body.includes(text)) mismatches.push(`${role}: the response contains "${text}"`);
					}
				}
				// Every answer carries the security headers; a logged-in user's is never cached.
				// (Not the anonymous visitor's redirect to the login page: hooks.server.ts throws
				// it in a handle, so SvelteKit answers outside the handles; it has no body.)
				if (role !== 'anonymous' || status < 300 || status >= 400) {
					const headers = checkSecurityHeaders(res.headers(), { noStore: role !== 'anonymous' });
					if (headers.length) mismatches.push(`${role}: ${headers.join('; ')}`);
				}
			}
			expect(mismatches, `${row.method} ${url}`).toEqual([]);
		});
	}

	test('a form post from another site is refused', async () => {
		const hr = contexts.get('hr')!;
		const email = 'cross-site@e2e.example';
		const res = await hr.post(`/o/${OWN_COMPANY}/hr/medewerkers?/invite`, {
			form: { email, roles: 'learner' },
			headers: { origin: 'http://evil.example' },
			maxRedirects: 0
		});
		expect(res.status()).toBe(403);
		expect(mailCount(email)).toBe(0);
	});
});
