/**
 * Concrete values for the matrix's route parameters (ParamValue in authz-matrix.ts),
 * read from pages the right people can see (no database access). Shared by the
 * authorization spec and the fuzz spec; `contexts` are logged in as each role.
 */
import { expect, type APIRequestContext } from '@playwright/test';
import {
	ACCOUNTS,
	OTHER_COMPANY,
	OWN_COMPANY,
	ROLES,
	PLACEHOLDER,
	type MatrixRow,
	type ParamValue,
	type Role
} from './authz-matrix';
import { apiLogin, roleContext } from './helpers';
import { thisYear } from '../clock';

/** A new API context, with a saved storage state (helpers.ts: TOTP_ACCOUNTS) or none. */
export type NewContext = (storageState?: string) => Promise<APIRequestContext>;

/**
 * One API context per role, each logged in as its demo account (anonymous: none; the
 * admin and the adviser with their saved sessions).
 */
export async function roleContexts(
	newContext: NewContext,
	baseURL: string
): Promise<Map<Role, APIRequestContext>> {
	const contexts = new Map<Role, APIRequestContext>();
	for (const role of ROLES) {
		const ctx =
			role === 'anonymous'
				? await newContext()
				: await roleContext(newContext, baseURL, ACCOUNTS[role]);
		contexts.set(role, ctx);
	}
	return contexts;
}

export async function resolveParamValues(
	contexts: Map<Role, APIRequestContext>,
	newContext: NewContext,
	baseURL: string
): Promise<Record<ParamValue, string>> {
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
	const otherHr = await newContext();
	await apiLogin(otherHr, baseURL, 'hr@vandijkbouw.example');
	const members = `/o/${OWN_COMPANY}/hr/medewerkers`;
	const otherMembers = `/o/${OTHER_COMPANY}/hr/medewerkers`;
	const values: Record<ParamValue, string> = {
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
		),
		ownLearner: '',
		peerLearner: '',
		cultureRound: await linkId(
			contexts.get('hr')!,
			`/o/${OWN_COMPANY}/hr/leercultuur`,
			`/o/${OWN_COMPANY}/hr/leercultuur`,
			'Uitkomsten'
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
	return values;
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

/** `{name}` in a query string or form value → the value (URL-encoded in a query string). */
export function fillPlaceholders(
	text: string,
	values: Record<ParamValue, string>,
	encode: boolean
): string {
	return text.replace(PLACEHOLDER, (_, name: string) => {
		const value = values[name as ParamValue];
		if (value === undefined) throw new Error(`unknown placeholder {${name}}`);
		return encode ? encodeURIComponent(value) : value;
	});
}

/** The row's URL with its parameters filled in (plus its query and `?/action`). */
export function rowUrl(
	row: MatrixRow,
	values: Record<ParamValue, string>,
	describe: string
): string {
	return (
		row.route.replace(/\[(\w+)\]/g, (_, name: string) => {
			const value = row.params[name];
			if (!value) throw new Error(`no value for [${name}] in ${describe}`);
			return encodeURIComponent(values[value]);
		}) +
		(row.query ? `?${fillPlaceholders(row.query, values, true)}` : '') +
		(row.action ? `${row.query ? '&' : '?'}/${row.action}` : '')
	);
}
