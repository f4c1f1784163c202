/**
 * Authorization matrix: every route (and the form actions that change data) × every
 * role → the expected answer. tests/e2e/authz.spec.ts drives each row over HTTP
 * (no redirects followed) and fails when a route under src/routes has no row here:
 * a new page or endpoint must be added to this table.
 *
 * Roles act in their own company (zorggroep-de-linde) unless a row's `company`
 * parameter says otherwise; adviser and admin are platform roles without a membership.
 *
 * Expectations:
 *   200, 400, 403, 404, 405  the HTTP status (400: allowed, but the empty form is invalid;
 *   409                      403: wrong role; 404: other company, unknown id; 409: allowed, but
 *                            the posted version is stale — nothing is written)
 *   'login'                  303 to /login (anonymous visitor)
 *   'home'                   303 to the role's own home page (HOME below)
 *   '→/path'                 303 to exactly /path
 */

export const ROLES = ['anonymous', 'learner', 'trainer', 'hr', 'adviser', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type LoggedInRole = Exclude<Role, 'anonymous'>;

export const OWN_COMPANY = 'zorggroep-de-linde';
export const OTHER_COMPANY = 'bouwbedrijf-van-dijk';

/** The demo accounts playing each role (none of them is changed by another spec). */
export const ACCOUNTS: Record<LoggedInRole, string> = {
	learner: 'lerende@delinde.example',
	trainer: 'opleider@delinde.example',
	hr: 'hr@delinde.example',
	adviser: 'adviseur@sbb.example',
	admin: 'admin@vakmaat.example'
};

export const HOME: Record<LoggedInRole, string> = {
	learner: `/o/${OWN_COMPANY}/leren`,
	trainer: `/o/${OWN_COMPANY}/praktijkopleider`,
	hr: `/o/${OWN_COMPANY}/hr`,
	adviser: '/sbb',
	admin: '/beheer'
};

/**
 * Concrete values for route parameters, resolved by the spec at run time:
 *   own / other / unknown        company slugs (own = the roles' company)
 *   ownMember                    a member of the own company (read from its HR member list)
 *   otherMember                  a member of the other company (read from its HR member list)
 *   company                      the own company's id (read from /beheer/bedrijven)
 *   crebo / unknownCrebo         a qualification in the demo set (read from /kwalificaties) / none
 *   unknownId / malformedId      a well-formed uuid that does not exist / not a uuid
 *   unknownToken                 an invitation or reset token that does not exist
 *   ownTrajectory                the learner's own trajectory (Fatima Yilmaz; trainer: the trainer role)
 *   peerTrajectory               another learner's trajectory in the own company (Peter Dekker,
 *                                coached by someone else)
 *   ownEvidence                  the demo PDF on ownTrajectory (read from its evidence page)
 *   ownTrainer                   the learner's own trainer (Ahmed; read from the learner's trainer directory)
 *   peerTrainer                  a trainer of the own company who does not coach the learner (Ingrid;
 *                                read from HR's trainer list)
 *   ownConversation              the learner's planned demo voortgangsgesprek (Fatima Yilmaz with
 *                                the trainer role, Ahmed; read from the HR conversation list)
 *   peerConversation             another learner's planned conversation (Peter Dekker, with Ingrid)
 *   defaultTemplate              a platform conversation template (read from HR's template list)
 *   awardYear / unknownYear      a published election year (demo 2025) / a year without one
 *   awardRound                   the demo 2026 election round (read from /beheer/verkiezingen)
 *   awardPanel                   the adviser's 2026 jury panel Midden-Nederland (read from /jury)
 *   awardNominee                 a nominee of that panel (Ahmed; read from the panel's page)
 *   adviserCompany               a company in the demo adviser's region (De Linde; read from /sbb)
 *   outsideCompany               a company outside that region (Van Dijk, Rijnmond; read from
 *                                /beheer/bedrijven)
 *   cultureRound                 a learning-culture scan round of the own company (read from
 *                                HR's scan list)
 *   ownLearner / peerLearner     the learner records (not accounts) of Fatima Yilmaz and Peter Dekker
 *                                (read from the conversation links on their trajectory pages)
 * The other company's demo has no learner records, trajectories or templates of its own, so
 * ids "of another company" in forms are its people (otherMember, a user id) and, for records,
 * an unknown id; the services' company scoping of records is covered by the integration tests.
 */
export const PARAM_VALUES = [
	'own',
	'other',
	'unknown',
	'ownMember',
	'otherMember',
	'company',
	'crebo',
	'unknownCrebo',
	'unknownId',
	'malformedId',
	'unknownToken',
	'ownTrajectory',
	'peerTrajectory',
	'ownEvidence',
	'ownTrainer',
	'peerTrainer',
	'ownConversation',
	'peerConversation',
	'defaultTemplate',
	'awardYear',
	'unknownYear',
	'awardRound',
	'awardPanel',
	'awardNominee',
	'adviserCompany',
	'outsideCompany',
	'ownLearner',
	'peerLearner',
	'cultureRound'
] as const;
export type ParamValue = (typeof PARAM_VALUES)[number];

/**
 * `{name}` in a row's query string or form values is replaced by the value of that name
 * (e.g. `lerende={peerLearner}`), so parameters can name real records too.
 */
export const PLACEHOLDER = /\{(\w+)\}/g;

export type Expect = 200 | 400 | 403 | 404 | 405 | 409 | 'login' | 'home' | `→/${string}`;

export interface MatrixRow {
	method: 'GET' | 'POST';
	/** Route id as in src/routes, without (group) segments. */
	route: string;
	params: Record<string, ParamValue>;
	/** Form action (`?/name`); '' for a page's default action. */
	action?: string;
	form?: Record<string, string>;
	/** A query string (without `?`), e.g. another region than the adviser's; may hold `{name}`. */
	query?: string;
	/** Text that no role's response may contain (e.g. the name of someone the filter names). */
	absent?: string[];
	expect: Record<Role, Expect>;
}

type Cells = [Expect, Expect, Expect, Expect, Expect, Expect];

function row(
	method: MatrixRow['method'],
	route: string,
	params: MatrixRow['params'],
	cells: Cells,
	extra: Pick<MatrixRow, 'action' | 'form' | 'query' | 'absent'> = {}
): MatrixRow {
	const expect = Object.fromEntries(
		ROLES.map((role, i) => [role, cells[i]])
	) as MatrixRow['expect'];
	return { method, route, params, expect, ...extra };
}
const GET = (route: string, params: MatrixRow['params'], cells: Cells) =>
	row('GET', route, params, cells);
/**
 * A GET with a query string (the regions of /sbb are chosen with ?regio=N; `{name}` is a
 * value from the list above, e.g. `lerende={peerLearner}`), for the route parameters
 * `params`; `absent`: text that must not appear in any response.
 */
const GETQ = (
	route: string,
	query: string,
	cells: Cells,
	params: MatrixRow['params'] = {},
	absent?: string[]
) => row('GET', route, params, cells, { query, ...(absent ? { absent } : {}) });
const POST = (
	route: string,
	params: MatrixRow['params'],
	action: string,
	form: Record<string, string>,
	cells: Cells,
	query?: string
) => row('POST', route, params, cells, { action, form, ...(query ? { query } : {}) });

/** The same answer for every role. */
const all = (e: Expect): Cells => [e, e, e, e, e, e];

const OWN = { company: 'own' } as const;
const OTHER = { company: 'other' } as const;
const UNKNOWN = { company: 'unknown' } as const;

// prettier-ignore
export const MATRIX: MatrixRow[] = [
	//   route                                       params                                        anonymous  learner    trainer    hr         adviser    admin
	// public and session pages
	GET('/',                                        {},                                           ['login',   'home',    'home',    'home',    'home',    'home']),
	GET('/healthz',                                 {},                                           all(200)),
	GET('/readyz',                                  {},                                           all(200)),
	GET('/login',                                   {},                                           [200,       '→/',      '→/',      '→/',      '→/',      '→/']),
	// The TOTP code page: only for a session that waits for its code (tests/e2e/two-factor.spec.ts).
	GET('/login/tweestaps',                         {},                                           ['→/login', '→/',      '→/',      '→/',      '→/',      '→/']),
	POST('/login/tweestaps', {}, '', { code: '123456' },                                          ['→/login', '→/',      '→/',      '→/',      '→/',      '→/']),
	GET('/logout',                                  {},                                           all('→/')),
	GET('/wachtwoord-vergeten',                     {},                                           all(200)),
	// an unknown token shows a "this link is not valid" page
	GET('/wachtwoord-herstellen/[token]',           { token: 'unknownToken' },                    all(200)),
	GET('/uitnodiging/[token]',                     { token: 'unknownToken' },                    all(200)),
	// a learning-culture scan link: only a real one opens its questionnaire (tests/e2e/culture.spec.ts)
	GET('/leercultuur/[token]',                     { token: 'unknownToken' },                    all(404)),
	POST('/leercultuur/[token]', { token: 'unknownToken' }, '', { s1: '3' },                      all(404)),
	GET('/taal',                                    {},                                           all(405)),
	POST('/taal', {}, '', { locale: 'nl', redirectTo: '/wachtwoord-vergeten' },                   all('→/wachtwoord-vergeten')),
	POST('/taal', {}, '', { locale: 'nl', redirectTo: '//evil.example/x' },                       all('→/')),

	// any logged-in user
	GET('/account',                                 {},                                           ['login',   200,       200,       200,       200,       200]),
	// Erasure on request (issue 18): the user's own request only; unticked is refused, taking
	// back when nothing is open changes nothing.
	POST('/account', {}, 'requestErasure', {},                                                    ['login',   400,       400,       400,       400,       400]),
	POST('/account', {}, 'cancelErasure', {},                                                     ['login',   '→/account?ingetrokken=1', '→/account?ingetrokken=1', '→/account?ingetrokken=1', '→/account?ingetrokken=1', '→/account?ingetrokken=1']),
	GET('/geen-toegang',                            {},                                           ['login',   200,       200,       200,       200,       200]),
	// Setting up two-step verification, required of admins and advisers before anything else
	// (tests/e2e/two-factor.spec.ts); theirs is on here. Starting gives other roles a pending
	// key only; confirming without a code is refused.
	GET('/account/tweestaps',                       {},                                           ['login',   200,       200,       200,       200,       200]),
	GETQ('/account/tweestaps', 'redirectTo=%2F%2Fevil.example',                                   ['login',   200,       200,       200,       200,       200], {}, ['href="//evil.example']),
	POST('/account/tweestaps', {}, 'totpStart', {},                                               ['login',   200,       200,       200,       200,       200]),
	POST('/account/tweestaps', {}, 'totpConfirm', { code: '' },                                   ['login',   400,       400,       400,       400,       400]),
	// Privacy (issue 18): only ever the user's own data, so no id in the URL. The download
	// needs a single-use link made by the page's POST (tests/e2e/privacy.spec.ts); none or an
	// unknown one is 404, like another user's.
	GET('/account/mijn-gegevens',                   {},                                           ['login',   200,       200,       200,       200,       200]),
	GET('/account/mijn-gegevens/download',          {},                                           ['login',   404,       404,       404,       404,       404]),
	GETQ('/account/mijn-gegevens/download', 'sleutel={unknownToken}',                             ['login',   404,       404,       404,       404,       404]),
	GET('/account/inzage',                          {},                                           ['login',   200,       200,       200,       200,       200]),
	GETQ('/account/inzage', 'van=2026-02-01&tot=2026-01-01&pagina=2',                             ['login',   200,       200,       200,       200,       200]),

	// reference data (qualification structure), read-only for every logged-in user
	GET('/kwalificaties',                           {},                                           ['login',   200,       200,       200,       200,       200]),
	GET('/kwalificaties/[crebo]',                   { crebo: 'crebo' },                           ['login',   200,       200,       200,       200,       200]),
	GET('/kwalificaties/[crebo]',                   { crebo: 'unknownCrebo' },                    ['login',   404,       404,       404,       404,       404]),
	GET('/kwalificaties/[crebo]',                   { crebo: 'malformedId' },                     ['login',   404,       404,       404,       404,       404]),

	// adviser
	// an admin without regions of their own goes to the national view (and opens a region from there)
	GET('/sbb',                                     {},                                           ['login',   403,       403,       403,       200,       '→/sbb/landelijk']),
	GET('/sbb/export.csv',                          {},                                           ['login',   403,       403,       403,       200,       '→/sbb/landelijk']),
	GET('/sbb/landelijk',                           {},                                           ['login',   403,       403,       403,       403,       200]),
	// ?regio=N: region 15 is the demo adviser's (Midden-Utrecht), 26 (Rijnmond) is not.
	GETQ('/sbb', 'regio=15',                                                                      ['login',   403,       403,       403,       200,       200]),
	GETQ('/sbb', 'regio=26',                                                                      ['login',   403,       403,       403,       404,       200]),
	GETQ('/sbb/export.csv', 'regio=15',                                                           ['login',   403,       403,       403,       200,       200]),
	GETQ('/sbb/export.csv', 'regio=26',                                                           ['login',   403,       403,       403,       404,       200]),
	// learning culture in the region (issue 15): aggregates over companies; another adviser's region is a 404
	GET('/sbb/leercultuur',                         {},                                           ['login',   403,       403,       403,       200,       '→/sbb/landelijk']),
	GETQ('/sbb/leercultuur', 'regio=15',                                                          ['login',   403,       403,       403,       200,       200]),
	GETQ('/sbb/leercultuur', 'regio=26',                                                          ['login',   403,       403,       403,       404,       200]),
	GETQ('/sbb/leercultuur', 'regio=abc',                                                         ['login',   403,       403,       403,       404,       404]),
	GET('/sbb/bedrijven/[id]',                      { id: 'adviserCompany' },                     ['login',   403,       403,       403,       200,       200]),
	GET('/sbb/bedrijven/[id]',                      { id: 'outsideCompany' },                     ['login',   403,       403,       403,       404,       200]),
	GET('/sbb/bedrijven/[id]',                      { id: 'unknownId' },                          ['login',   403,       403,       403,       404,       404]),
	GET('/sbb/bedrijven/[id]',                      { id: 'malformedId' },                        ['login',   403,       403,       403,       404,       404]),
	POST('/sbb/bedrijven/[id]', { id: 'adviserCompany' }, 'contact', { contactedOn: '' },         ['login',   403,       403,       403,       400,       400]),
	POST('/sbb/bedrijven/[id]', { id: 'outsideCompany' }, 'contact', { contactedOn: '' },         ['login',   403,       403,       403,       404,       400]),
	POST('/sbb/bedrijven/[id]', { id: 'unknownId' }, 'contact', { contactedOn: '2026-01-01', kind: 'visit' },
	                                                                                              ['login',   403,       403,       403,       404,       404]),

	// admin
	GET('/beheer',                                  {},                                           ['login',   403,       403,       403,       403,       200]),
	GET('/beheer/bedrijven',                        {},                                           ['login',   403,       403,       403,       403,       200]),
	GET('/beheer/bedrijven/nieuw',                  {},                                           ['login',   403,       403,       403,       403,       200]),
	POST('/beheer/bedrijven/nieuw', {}, '', {},                                                   ['login',   403,       403,       403,       403,       400]),
	GET('/beheer/bedrijven/[id]',                   { id: 'company' },                            ['login',   403,       403,       403,       403,       200]),
	GET('/beheer/bedrijven/[id]',                   { id: 'unknownId' },                          ['login',   403,       403,       403,       403,       404]),
	GET('/beheer/bedrijven/[id]',                   { id: 'malformedId' },                        ['login',   403,       403,       403,       403,       404]),
	POST('/beheer/bedrijven/[id]', { id: 'company' }, 'inviteHr', { email: '' },                  ['login',   403,       403,       403,       403,       400]),
	POST('/beheer/bedrijven/[id]', { id: 'unknownId' }, 'inviteHr', { email: 'x@e2e.example' },   ['login',   403,       403,       403,       403,       404]),
	GET('/beheer/gebruikers',                       {},                                           ['login',   403,       403,       403,       403,       200]),
	POST('/beheer/gebruikers', {}, 'resetTotp', { userId: '00000000-0000-4000-8000-000000000000' }, ['login', 403,     403,       403,       403,       404]),
	GET('/beheer/verwijderverzoeken',               {},                                           ['login',   403,       403,       403,       403,       200]),
	GET('/beheer/verwijderverzoeken/[id]',          { id: 'unknownId' },                          ['login',   403,       403,       403,       403,       404]),
	GET('/beheer/verwijderverzoeken/[id]',          { id: 'malformedId' },                        ['login',   403,       403,       403,       403,       404]),
	POST('/beheer/verwijderverzoeken/[id]', { id: 'unknownId' }, '', { confirm: 'on' },           ['login',   403,       403,       403,       403,       404]),
	POST('/beheer/verwijderverzoeken/[id]', { id: 'malformedId' }, '', { confirm: 'on' },         ['login',   403,       403,       403,       403,       404]),
	POST('/beheer/verwijderverzoeken/[id]', { id: 'unknownId' }, '', {},                          ['login',   403,       403,       403,       403,       404]),
	GET('/beheer/adviseurs',                        {},                                           ['login',   403,       403,       403,       403,       200]),
	POST('/beheer/adviseurs', {}, 'add', { email: '' },                                           ['login',   403,       403,       403,       403,       400]),
	POST('/beheer/adviseurs', {}, 'regions', { userId: '00000000-0000-4000-8000-000000000000' }, ['login',   403,       403,       403,       403,       404]),
	GET('/beheer/kwalificaties',                    {},                                           ['login',   403,       403,       403,       403,       200]),
	POST('/beheer/kwalificaties', {}, 'upload', {},                                               ['login',   403,       403,       403,       403,       400]),
	POST('/beheer/kwalificaties', {}, 'confirm', { uploadId: '00000000-0000-4000-8000-000000000000' },
	                                                                                              ['login',   403,       403,       403,       403,       400]),
	GET('/beheer/kwalificaties/certificaten',       {},                                           ['login',   403,       403,       403,       403,       200]),
	POST('/beheer/kwalificaties/certificaten', {}, 'import', {},                                  ['login',   403,       403,       403,       403,       400]),
	GET('/beheer/kwalificaties/certificaten/nieuw', {},                                           ['login',   403,       403,       403,       403,       200]),
	POST('/beheer/kwalificaties/certificaten/nieuw', {}, '', {},                                  ['login',   403,       403,       403,       403,       400]),

	// company pages: own company by role, other and unknown companies are 404 for everyone
	GET('/o/[company]',                             OWN,                                          ['login',   'home',    'home',    'home',    404,       404]),
	GET('/o/[company]',                             OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]',                             UNKNOWN,                                      ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/leren',                       OWN,                                          ['login',   200,       403,       403,       404,       404]),
	GET('/o/[company]/leren',                       OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/praktijkopleider',            OWN,                                          ['login',   403,       200,       403,       404,       404]),
	GET('/o/[company]/praktijkopleider',            OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/hr',                          OWN,                                          ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr',                          OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/hr',                          UNKNOWN,                                      ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/hr/medewerkers',              OWN,                                          ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/medewerkers',              OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/hr/medewerkers', OWN, 'invite', { email: '' },                             ['login',   403,       403,       400,       404,       404]),
	POST('/o/[company]/hr/medewerkers', OTHER, 'invite', { email: 'x@e2e.example', roles: 'hr' }, ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/hr/medewerkers', OWN, 'revoke', { invitationId: '00000000-0000-4000-8000-000000000000' },
	                                                                                              ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/medewerkers/[userId]',     { ...OWN, userId: 'ownMember' },              ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/medewerkers/[userId]',     { ...OWN, userId: 'otherMember' },            ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/medewerkers/[userId]',     { ...OWN, userId: 'unknownId' },              ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/medewerkers/[userId]',     { ...OWN, userId: 'malformedId' },            ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/medewerkers/[userId]',     { ...OTHER, userId: 'otherMember' },          ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/hr/medewerkers/[userId]', { ...OWN, userId: 'otherMember' }, 'deactivate', {},
	                                                                                              ['login',   403,       403,       404,       404,       404]),
	POST('/o/[company]/hr/medewerkers/[userId]', { ...OWN, userId: 'otherMember' }, 'roles', { roles: 'learner' },
	                                                                                              ['login',   403,       403,       404,       404,       404]),
	POST('/o/[company]/hr/medewerkers/[userId]', { ...OWN, userId: 'unknownId' }, 'reactivate', {},
	                                                                                              ['login',   403,       403,       404,       404,       404]),
	POST('/o/[company]/hr/medewerkers/[userId]', { ...OTHER, userId: 'otherMember' }, 'deactivate', {},
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	// leaving a company (issue 18): an end date, its undo, the retention period
	POST('/o/[company]/hr/medewerkers/[userId]', { ...OWN, userId: 'otherMember' }, 'end', {},
	                                                                                              ['login',   403,       403,       404,       404,       404]),
	POST('/o/[company]/hr/medewerkers/[userId]', { ...OWN, userId: 'ownMember' }, 'end', { endsOn: 'gisteren' },
	                                                                                              ['login',   403,       403,       400,       404,       404]),
	POST('/o/[company]/hr/medewerkers/[userId]', { ...OWN, userId: 'otherMember' }, 'cancelEnd', {},
	                                                                                              ['login',   403,       403,       404,       404,       404]),
	POST('/o/[company]/hr/medewerkers/[userId]', { ...OTHER, userId: 'otherMember' }, 'end', {},
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/hr/bewaartermijn',            OWN,                                          ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/bewaartermijn',            OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/hr/bewaartermijn', OWN, '', { months: '3' },                               ['login',   403,       403,       400,       404,       404]),
	POST('/o/[company]/hr/bewaartermijn', OTHER, '', { months: '24' },                            ['login',   404,       404,       404,       404,       404]),

	// learning trajectories: HR sees all, a trainer their own learners, a learner themselves
	GET('/o/[company]/trajecten/[id]',              { ...OWN, id: 'ownTrajectory' },              ['login',   200,       200,       200,       404,       404]),
	GET('/o/[company]/trajecten/[id]',              { ...OWN, id: 'peerTrajectory' },             ['login',   404,       404,       200,       404,       404]),
	GET('/o/[company]/trajecten/[id]',              { ...OWN, id: 'unknownId' },                  ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/trajecten/[id]',              { ...OWN, id: 'malformedId' },                ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/trajecten/[id]',              { ...OTHER, id: 'ownTrajectory' },            ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/trajecten/[id]/beoordelen',   { ...OWN, id: 'ownTrajectory' },              ['login',   200,       200,       403,       404,       404]),
	GET('/o/[company]/trajecten/[id]/beoordelen',   { ...OWN, id: 'peerTrajectory' },             ['login',   404,       404,       403,       404,       404]),
	GET('/o/[company]/trajecten/[id]/beoordelen',   { ...OWN, id: 'unknownId' },                  ['login',   404,       404,       403,       404,       404]),
	GET('/o/[company]/trajecten/[id]/beoordelen',   { ...OTHER, id: 'ownTrajectory' },            ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/trajecten/[id]/beoordelen', { ...OWN, id: 'ownTrajectory' }, '', { assessedOn: '' },
	                                                                                              ['login',   400,       400,       403,       404,       404]),
	POST('/o/[company]/trajecten/[id]/beoordelen', { ...OWN, id: 'peerTrajectory' }, '', { assessedOn: '2026-01-01', level_1: '3' },
	                                                                                              ['login',   404,       404,       403,       404,       404]),
	POST('/o/[company]/trajecten/[id]/beoordelen', { ...OTHER, id: 'ownTrajectory' }, '', { assessedOn: '2026-01-01' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	// evidence: seen (and downloaded) by whoever sees the trajectory; added by its learner and trainers
	GET('/o/[company]/trajecten/[id]/bewijs',       { ...OWN, id: 'ownTrajectory' },              ['login',   200,       200,       200,       404,       404]),
	GET('/o/[company]/trajecten/[id]/bewijs',       { ...OWN, id: 'peerTrajectory' },             ['login',   404,       404,       200,       404,       404]),
	GET('/o/[company]/trajecten/[id]/bewijs',       { ...OWN, id: 'unknownId' },                  ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/trajecten/[id]/bewijs',       { ...OWN, id: 'malformedId' },                ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/trajecten/[id]/bewijs',       { ...OTHER, id: 'ownTrajectory' },            ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/trajecten/[id]/bewijs', { ...OWN, id: 'ownTrajectory' }, 'add', {},        ['login',   400,       400,       403,       404,       404]),
	POST('/o/[company]/trajecten/[id]/bewijs', { ...OWN, id: 'peerTrajectory' }, 'add', { kind: 'note', body: 'x' },
	                                                                                              ['login',   404,       404,       403,       404,       404]),
	POST('/o/[company]/trajecten/[id]/bewijs', { ...OTHER, id: 'ownTrajectory' }, 'add', { kind: 'note', body: 'x' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/trajecten/[id]/bewijs', { ...OWN, id: 'ownTrajectory' }, 'remove', { evidenceId: '00000000-0000-4000-8000-000000000000' },
	                                                                                              ['login',   404,       404,       403,       404,       404]),
	POST('/o/[company]/trajecten/[id]/bewijs', { ...OTHER, id: 'ownTrajectory' }, 'remove', { evidenceId: '00000000-0000-4000-8000-000000000000' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/trajecten/[id]/bewijs/[evidenceId]', { ...OWN, id: 'ownTrajectory', evidenceId: 'ownEvidence' },
	                                                                                              ['login',   200,       200,       200,       404,       404]),
	GET('/o/[company]/trajecten/[id]/bewijs/[evidenceId]', { ...OWN, id: 'peerTrajectory', evidenceId: 'ownEvidence' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/trajecten/[id]/bewijs/[evidenceId]', { ...OWN, id: 'ownTrajectory', evidenceId: 'unknownId' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/trajecten/[id]/bewijs/[evidenceId]', { ...OWN, id: 'ownTrajectory', evidenceId: 'malformedId' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/trajecten/[id]/bewijs/[evidenceId]', { ...OWN, id: 'unknownId', evidenceId: 'ownEvidence' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/trajecten/[id]/bewijs/[evidenceId]', { ...OTHER, id: 'ownTrajectory', evidenceId: 'ownEvidence' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/trajecten/[id]/bewijs/[evidenceId]', { ...OWN, id: 'ownTrajectory', evidenceId: 'ownEvidence' }, '', {},
	                                                                                              ['login',   405,       405,       405,       405,       405]),
	// exemptions (evc): seen by whoever sees the trajectory; recorded and removed by its trainers and HR
	GET('/o/[company]/trajecten/[id]/vrijstellingen', { ...OWN, id: 'ownTrajectory' },            ['login',   200,       200,       200,       404,       404]),
	GET('/o/[company]/trajecten/[id]/vrijstellingen', { ...OWN, id: 'peerTrajectory' },           ['login',   404,       404,       200,       404,       404]),
	GET('/o/[company]/trajecten/[id]/vrijstellingen', { ...OWN, id: 'unknownId' },                ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/trajecten/[id]/vrijstellingen', { ...OWN, id: 'malformedId' },              ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/trajecten/[id]/vrijstellingen', { ...OTHER, id: 'ownTrajectory' },          ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/trajecten/[id]/vrijstellingen', { ...OWN, id: 'ownTrajectory' }, 'record', {},
	                                                                                              ['login',   403,       400,       400,       404,       404]),
	POST('/o/[company]/trajecten/[id]/vrijstellingen', { ...OWN, id: 'peerTrajectory' }, 'record', {},
	                                                                                              ['login',   403,       404,       400,       404,       404]),
	POST('/o/[company]/trajecten/[id]/vrijstellingen', { ...OTHER, id: 'ownTrajectory' }, 'record', { basis: 'other', grantedOn: '2025-01-01' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/trajecten/[id]/vrijstellingen', { ...OWN, id: 'ownTrajectory' }, 'remove', { exemptionId: '00000000-0000-4000-8000-000000000000' },
	                                                                                              ['login',   403,       404,       404,       404,       404]),
	POST('/o/[company]/trajecten/[id]/vrijstellingen', { ...OWN, id: 'peerTrajectory' }, 'remove', { exemptionId: '00000000-0000-4000-8000-000000000000' },
	                                                                                              ['login',   403,       404,       404,       404,       404]),
	POST('/o/[company]/trajecten/[id]/vrijstellingen', { ...OTHER, id: 'ownTrajectory' }, 'remove', { exemptionId: '00000000-0000-4000-8000-000000000000' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	// the HR dashboard's trajectory list as CSV
	GET('/o/[company]/hr/export.csv',               OWN,                                          ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/export.csv',               OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/hr/export.csv',               UNKNOWN,                                      ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/hr/trajecten',                OWN,                                          ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/trajecten',                OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/hr/trajecten/nieuw',          OWN,                                          ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/trajecten/nieuw',          OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/hr/trajecten/nieuw', OWN, '', {},                                          ['login',   403,       403,       400,       404,       404]),
	POST('/o/[company]/hr/trajecten/nieuw', OTHER, '', { newLearnerName: 'X' },                   ['login',   404,       404,       404,       404,       404]),

	// LLO passport: the logged-in person's own data (empty for someone who is no learner)
	GET('/paspoort',                                {},                                           ['login',   200,       200,       200,       200,       200]),
	GET('/paspoort/download',                       {},                                           ['login',   200,       200,       200,       200,       200]),
	GET('/o/[company]/trajecten/[id]/praktijkverklaring', { ...OWN, id: 'ownTrajectory' },        ['login',   200,       200,       200,       404,       404]),
	GET('/o/[company]/trajecten/[id]/praktijkverklaring', { ...OWN, id: 'peerTrajectory' },       ['login',   404,       404,       200,       404,       404]),
	GET('/o/[company]/trajecten/[id]/praktijkverklaring', { ...OWN, id: 'unknownId' },            ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/trajecten/[id]/praktijkverklaring', { ...OTHER, id: 'ownTrajectory' },      ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/trajecten/[id]', { ...OWN, id: 'ownTrajectory' }, 'status', { status: 'active' },
	                                                                                              ['login',   403,       403,       200,       404,       404]),
	POST('/o/[company]/trajecten/[id]', { ...OWN, id: 'unknownId' }, 'status', { status: 'active' },
	                                                                                              ['login',   403,       403,       404,       404,       404]),
	POST('/o/[company]/trajecten/[id]', { ...OTHER, id: 'ownTrajectory' }, 'status', { status: 'active' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/trajecten/[id]', { ...OWN, id: 'ownTrajectory' }, 'certificate', {},      ['login',   403,       400,       400,       404,       404]),
	POST('/o/[company]/trajecten/[id]', { ...OWN, id: 'peerTrajectory' }, 'certificate', {},     ['login',   403,       404,       400,       404,       404]),

	// trainer profiles: the competence framework (admin), the trainer's own profile, HR's
	// team overview, the learners' directory and feedback on their own trainer
	GET('/beheer/competenties',                     {},                                           ['login',   403,       403,       403,       403,       200]),
	POST('/beheer/competenties', {}, 'save', {},                                                  ['login',   403,       403,       403,       403,       400]),
	POST('/beheer/competenties', {}, 'publish', {},                                               ['login',   403,       403,       403,       403,       400]),
	// the learning-culture questionnaire (issue 15): admins only; without a draft, saving or publishing is refused
	GET('/beheer/leercultuur',                      {},                                           ['login',   403,       403,       403,       403,       200]),
	POST('/beheer/leercultuur', {}, 'save', {},                                                   ['login',   403,       403,       403,       403,       400]),
	POST('/beheer/leercultuur', {}, 'publish', {},                                                ['login',   403,       403,       403,       403,       400]),
	POST('/beheer/leercultuur', {}, 'discard', {},                                                ['login',   403,       403,       403,       403,       200]),
	GET('/o/[company]/praktijkopleider/profiel',    OWN,                                          ['login',   403,       200,       403,       404,       404]),
	GET('/o/[company]/praktijkopleider/profiel',    OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/praktijkopleider/profiel', OWN, 'save', { yearsExperience: '-1' },         ['login',   403,       400,       403,       404,       404]),
	POST('/o/[company]/praktijkopleider/profiel', OTHER, 'save', { bio: 'x' },                    ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/praktijkopleider/profiel/zelfbeoordeling', OWN,                             ['login',   403,       200,       403,       404,       404]),
	GET('/o/[company]/praktijkopleider/profiel/zelfbeoordeling', OTHER,                           ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/praktijkopleider/profiel/zelfbeoordeling', OTHER, 'draft', {},             ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/praktijkopleider/profiel/zelfbeoordeling', OWN, 'submit', { reflection_999999: 'x' },
	                                                                                              ['login',   403,       400,       403,       404,       404]),
	GET('/o/[company]/praktijkopleider/profiel/ontwikkeling', OWN,                                ['login',   403,       200,       403,       404,       404]),
	GET('/o/[company]/praktijkopleider/profiel/ontwikkeling', OTHER,                              ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/praktijkopleider/profiel/ontwikkeling', OWN, 'activity', {},               ['login',   403,       400,       403,       404,       404]),
	POST('/o/[company]/praktijkopleider/profiel/ontwikkeling', OWN, 'removeActivity', { id: '00000000-0000-4000-8000-000000000000' },
	                                                                                              ['login',   403,       404,       403,       404,       404]),
	POST('/o/[company]/praktijkopleider/profiel/ontwikkeling', OTHER, 'goal', { text: 'x' },      ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/hr/praktijkopleiders',        OWN,                                          ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/praktijkopleiders',        OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/hr/praktijkopleiders/[userId]', { ...OWN, userId: 'ownTrainer' },           ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/praktijkopleiders/[userId]', { ...OWN, userId: 'ownMember' },            ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/praktijkopleiders/[userId]', { ...OWN, userId: 'otherMember' },          ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/praktijkopleiders/[userId]', { ...OWN, userId: 'unknownId' },            ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/praktijkopleiders/[userId]', { ...OWN, userId: 'malformedId' },          ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/praktijkopleiders/[userId]', { ...OTHER, userId: 'ownTrainer' },         ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/hr/praktijkopleiders/[userId]', { ...OWN, userId: 'ownTrainer' }, 'capacity', { maxLearners: '' },
	                                                                                              ['login',   403,       403,       400,       404,       404]),
	POST('/o/[company]/hr/praktijkopleiders/[userId]', { ...OWN, userId: 'otherMember' }, 'capacity', { maxLearners: '3' },
	                                                                                              ['login',   403,       403,       404,       404,       404]),
	POST('/o/[company]/hr/praktijkopleiders/[userId]', { ...OTHER, userId: 'ownTrainer' }, 'capacity', { maxLearners: '3' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/opleiders',                   OWN,                                          ['login',   200,       200,       200,       404,       404]),
	GET('/o/[company]/opleiders',                   OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/opleiders/[userId]/feedback', { ...OWN, userId: 'ownTrainer' },             ['login',   200,       403,       403,       404,       404]),
	// about oneself: a page that says it cannot be done
	GET('/o/[company]/opleiders/[userId]/feedback', { ...OWN, userId: 'ownMember' },              ['login',   200,       403,       403,       404,       404]),
	GET('/o/[company]/opleiders/[userId]/feedback', { ...OWN, userId: 'peerTrainer' },            ['login',   404,       403,       403,       404,       404]),
	GET('/o/[company]/opleiders/[userId]/feedback', { ...OWN, userId: 'unknownId' },              ['login',   404,       403,       403,       404,       404]),
	GET('/o/[company]/opleiders/[userId]/feedback', { ...OWN, userId: 'malformedId' },            ['login',   404,       403,       403,       404,       404]),
	GET('/o/[company]/opleiders/[userId]/feedback', { ...OTHER, userId: 'ownTrainer' },           ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/opleiders/[userId]/feedback', { ...OWN, userId: 'ownTrainer' }, '', {},    ['login',   400,       403,       403,       404,       404]),
	POST('/o/[company]/opleiders/[userId]/feedback', { ...OWN, userId: 'peerTrainer' }, '', { explains: '3', listens: '3', recognises: '3', available: '3' },
	                                                                                              ['login',   404,       403,       403,       404,       404]),
	POST('/o/[company]/opleiders/[userId]/feedback', { ...OWN, userId: 'ownMember' }, '', { explains: '3', listens: '3', recognises: '3', available: '3' },
	                                                                                              ['login',   400,       403,       403,       404,       404]),

	// development conversations: the learner's own, a trainer's learners, HR all (restricted view)
	GET('/o/[company]/gesprekken',                  OWN,                                          ['login',   200,       200,       200,       404,       404]),
	GET('/o/[company]/gesprekken',                  OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/gesprekken/nieuw',            OWN,                                          ['login',   403,       200,       200,       404,       404]),
	GET('/o/[company]/gesprekken/nieuw',            OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/gesprekken/nieuw', OWN, '', {},                                            ['login',   403,       400,       400,       404,       404]),
	POST('/o/[company]/gesprekken/nieuw', OTHER, '', { plannedDate: '2030-01-01' },               ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/gesprekken/[id]',             { ...OWN, id: 'ownConversation' },            ['login',   200,       200,       200,       404,       404]),
	GET('/o/[company]/gesprekken/[id]',             { ...OWN, id: 'peerConversation' },           ['login',   404,       404,       200,       404,       404]),
	GET('/o/[company]/gesprekken/[id]',             { ...OWN, id: 'unknownId' },                  ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/gesprekken/[id]',             { ...OWN, id: 'malformedId' },                ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/gesprekken/[id]',             { ...OTHER, id: 'ownConversation' },          ['login',   404,       404,       404,       404,       404]),
	// a stale version (0) is a conflict: nothing is written to the demo conversation
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'ownConversation' }, 'prepare', { version: '0' },
	                                                                                              ['login',   409,       409,       403,       404,       404]),
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'peerConversation' }, 'prepare', { version: '0' },
	                                                                                              ['login',   404,       404,       403,       404,       404]),
	POST('/o/[company]/gesprekken/[id]', { ...OTHER, id: 'ownConversation' }, 'prepare', { version: '0' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'ownConversation' }, 'agreed', { version: '0' },
	                                                                                              ['login',   403,       409,       403,       404,       404]),
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'ownConversation' }, 'addAction', {},     ['login',   403,       400,       403,       404,       404]),
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'peerConversation' }, 'addAction', { description: 'x' },
	                                                                                              ['login',   404,       404,       403,       404,       404]),
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'ownConversation' }, 'removeAction', { actionId: '00000000-0000-4000-8000-000000000000' },
	                                                                                              ['login',   403,       404,       403,       404,       404]),
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'ownConversation' }, 'actionDone', { actionId: '00000000-0000-4000-8000-000000000000' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	// signing a conversation that is still planned is refused
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'ownConversation' }, 'sign', { agreedVersion: '1' },
	                                                                                              ['login',   400,       400,       403,       404,       404]),
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'ownConversation' }, 'addendum', {},      ['login',   400,       400,       403,       404,       404]),
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'ownConversation' }, 'reschedule', {},    ['login',   403,       400,       400,       404,       404]),
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'peerConversation' }, 'reschedule', {},   ['login',   404,       404,       400,       404,       404]),
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'unknownId' }, 'cancel', {},              ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/gesprekken/[id]/afdrukken',   { ...OWN, id: 'ownConversation' },            ['login',   200,       200,       200,       404,       404]),
	GET('/o/[company]/gesprekken/[id]/afdrukken',   { ...OWN, id: 'peerConversation' },           ['login',   404,       404,       200,       404,       404]),
	GET('/o/[company]/gesprekken/[id]/afdrukken',   { ...OWN, id: 'unknownId' },                  ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/gesprekken/[id]/afdrukken',   { ...OTHER, id: 'ownConversation' },          ['login',   404,       404,       404,       404,       404]),
	// conversation templates: HR only; platform defaults are read-only
	GET('/o/[company]/hr/sjablonen',                OWN,                                          ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/sjablonen',                OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/hr/sjablonen', OWN, 'create', {},                                          ['login',   403,       403,       400,       404,       404]),
	POST('/o/[company]/hr/sjablonen', OWN, 'settings', {},                                        ['login',   403,       403,       400,       404,       404]),
	POST('/o/[company]/hr/sjablonen', OWN, 'archive', { templateId: '00000000-0000-4000-8000-000000000000' },
	                                                                                              ['login',   403,       403,       404,       404,       404]),
	POST('/o/[company]/hr/sjablonen', OTHER, 'create', { name: 'x' },                             ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/hr/sjablonen/[id]',           { ...OWN, id: 'defaultTemplate' },            ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/sjablonen/[id]',           { ...OWN, id: 'unknownId' },                  ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/sjablonen/[id]',           { ...OWN, id: 'malformedId' },                ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/sjablonen/[id]',           { ...OTHER, id: 'defaultTemplate' },          ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/hr/sjablonen/[id]', { ...OWN, id: 'defaultTemplate' }, 'save', {},         ['login',   403,       403,       403,       404,       404]),
	POST('/o/[company]/hr/sjablonen/[id]', { ...OWN, id: 'unknownId' }, 'save', {},               ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/sjablonen/[id]/voorbeeld', { ...OWN, id: 'defaultTemplate' },            ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/sjablonen/[id]/voorbeeld', { ...OWN, id: 'unknownId' },                  ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/sjablonen/[id]/voorbeeld', { ...OTHER, id: 'defaultTemplate' },          ['login',   404,       404,       404,       404,       404]),
	// awards: public results, nominating (any logged-in user), HR, jury, admin. POST rows are
	// refused (400/404) whatever the phase of the current round, so they never change data.
	GET('/uitslag/[year]',                          { year: 'awardYear' },                        all(200)),
	GET('/uitslag/[year]',                          { year: 'unknownYear' },                      all(404)),
	GET('/uitslag/[year]',                          { year: 'malformedId' },                      all(404)),
	GET('/verkiezing',                              {},                                           ['login',   200,       200,       200,       200,       200]),
	POST('/verkiezing', {}, '', {},                                                               ['login',   400,       400,       400,       400,       400]),
	GET('/verkiezing/nominatie',                    {},                                           ['login',   200,       200,       200,       200,       200]),
	// The demo's round open for nominations holds no nomination of theirs: nothing to save.
	POST('/verkiezing/nominatie', {}, 'save', {},                                                 ['login',   404,       404,       404,       404,       404]),
	GET('/verkiezing/mijn-nominaties',              {},                                           ['login',   200,       200,       200,       200,       200]),
	POST('/verkiezing/mijn-nominaties', {}, 'respond', { nominationId: '00000000-0000-4000-8000-000000000000', answer: 'accept' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/hr/nominaties',               OWN,                                          ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/nominaties',               OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/hr/nominaties', OWN, 'endorse', { nominationId: '00000000-0000-4000-8000-000000000000', endorsement: 'x' },
	                                                                                              ['login',   403,       403,       404,       404,       404]),
	POST('/o/[company]/hr/nominaties', OTHER, 'endorse', { nominationId: '00000000-0000-4000-8000-000000000000', endorsement: 'x' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	GET('/jury',                                    {},                                           ['login',   200,       200,       200,       200,       200]),
	GET('/jury/[panelId]',                          { panelId: 'awardPanel' },                    ['login',   404,       404,       404,       200,       404]),
	GET('/jury/[panelId]',                          { panelId: 'unknownId' },                     ['login',   404,       404,       404,       404,       404]),
	GET('/jury/[panelId]',                          { panelId: 'malformedId' },                   ['login',   404,       404,       404,       404,       404]),
	GET('/jury/[panelId]/[nomineeId]',              { panelId: 'awardPanel', nomineeId: 'awardNominee' }, ['login', 404,     404,       404,       200,       404]),
	GET('/jury/[panelId]/[nomineeId]',              { panelId: 'awardPanel', nomineeId: 'unknownId' }, ['login', 404,        404,       404,       404,       404]),
	// A real user who is not a candidate of this panel (Tom Bos of Van Dijk).
	GET('/jury/[panelId]/[nomineeId]',              { panelId: 'awardPanel', nomineeId: 'otherMember' }, ['login', 404,      404,       404,       404,       404]),
	GET('/jury/[panelId]/[nomineeId]',              { panelId: 'awardPanel', nomineeId: 'malformedId' }, ['login', 404,      404,       404,       404,       404]),
	GET('/jury/[panelId]/[nomineeId]',              { panelId: 'unknownId', nomineeId: 'awardNominee' }, ['login', 404,      404,       404,       404,       404]),
	POST('/jury/[panelId]/[nomineeId]', { panelId: 'awardPanel', nomineeId: 'awardNominee' }, 'score', {},
	                                                                                              ['login',   404,       404,       404,       400,       404]),
	POST('/jury/[panelId]/[nomineeId]', { panelId: 'awardPanel', nomineeId: 'unknownId' }, 'score', {},
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	POST('/jury/[panelId]/[nomineeId]', { panelId: 'awardPanel', nomineeId: 'awardNominee' }, 'conflict', { reason: '' },
	                                                                                              ['login',   404,       404,       404,       400,       404]),
	GET('/beheer/verkiezingen',                     {},                                           ['login',   403,       403,       403,       403,       200]),
	POST('/beheer/verkiezingen', {}, 'create', {},                                                ['login',   403,       403,       403,       403,       400]),
	GET('/beheer/verkiezingen/[id]',                { id: 'awardRound' },                         ['login',   403,       403,       403,       403,       200]),
	GET('/beheer/verkiezingen/[id]',                { id: 'unknownId' },                          ['login',   403,       403,       403,       403,       404]),
	GET('/beheer/verkiezingen/[id]',                { id: 'malformedId' },                        ['login',   403,       403,       403,       403,       404]),
	POST('/beheer/verkiezingen/[id]', { id: 'awardRound' }, 'dates', {},                          ['login',   403,       403,       403,       403,       400]),
	POST('/beheer/verkiezingen/[id]', { id: 'awardRound' }, 'addJuror', { panelId: '00000000-0000-4000-8000-000000000000', email: 'x@e2e.example' },
	                                                                                              ['login',   403,       403,       403,       403,       404]),
	POST('/beheer/verkiezingen/[id]', { id: 'unknownId' }, 'publish', {},                         ['login',   403,       403,       403,       403,       404]),

	// the company's SBB adviser and the agreements recorded with it
	GET('/o/[company]/hr/adviseur',                 OWN,                                          ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/leercultuur',              OWN,                                          ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/leercultuur',              OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	// share=1: the demo company shares already, so the matrix changes nothing
	POST('/o/[company]/hr/leercultuur', OWN, 'share', { share: '1' },                             ['login',   403,       403,       200,       404,       404]),
	POST('/o/[company]/hr/leercultuur', OTHER, 'share', { share: '0' },                           ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/hr/leercultuur/nieuw',        OWN,                                          ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/leercultuur/nieuw',        OTHER,                                        ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/hr/leercultuur/nieuw', OWN, '', {},                                        ['login',   403,       403,       400,       404,       404]),
	POST('/o/[company]/hr/leercultuur/nieuw', OTHER, '', {},                                      ['login',   404,       404,       404,       404,       404]),
	GET('/o/[company]/hr/leercultuur/[roundId]',    { company: 'own', roundId: 'cultureRound' },  ['login',   403,       403,       200,       404,       404]),
	GET('/o/[company]/hr/leercultuur/[roundId]',    { company: 'other', roundId: 'cultureRound' }, ['login',  404,       404,       404,       404,       404]),
	GETQ('/o/[company]/hr/leercultuur/[roundId]', 'gepland=1',                                    ['login',   403,       403,       200,       404,       404], { company: 'own', roundId: 'cultureRound' }),
	POST('/o/[company]/hr/leercultuur/[roundId]', { company: 'own', roundId: 'cultureRound' }, 'addAction', { title: 'x', ownerId: '{otherMember}', dueOn: '2999-01-01' },
	                                                                                              ['login',   403,       403,       400,       404,       404]),
	POST('/o/[company]/hr/leercultuur/[roundId]', { company: 'other', roundId: 'cultureRound' }, 'addAction', { title: 'x', ownerId: '{ownMember}', dueOn: '2999-01-01' },
	                                                                                              ['login',   404,       404,       404,       404,       404]),
	POST('/o/[company]/hr/leercultuur/[roundId]', { company: 'own', roundId: 'unknownId' }, 'addAction', { title: 'x', ownerId: '{ownMember}', dueOn: '2999-01-01' },
	                                                                                              ['login',   403,       403,       404,       404,       404]),
	POST('/o/[company]/hr/leercultuur/[roundId]', { company: 'own', roundId: 'cultureRound' }, 'setStatus', { actionId: '{unknownId}', status: 'done' },
	                                                                                              ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/leercultuur/[roundId]',    { company: 'own', roundId: 'unknownId' },     ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/leercultuur/[roundId]',    { company: 'own', roundId: 'malformedId' },   ['login',   403,       403,       404,       404,       404]),
	GET('/o/[company]/hr/adviseur',                 OTHER,                                        ['login',   404,       404,       404,       404,       404]),

	// Query parameters: every `?x=` a route reads (tests/unit/authz-params.test.ts fails on one
	// without a row). A parameter that names a record is tried with the viewer's own, another
	// person's of the same company, another company's and unknown ids.
	GETQ('/o/[company]/gesprekken', 'lerende={ownLearner}',                                       ['login',   200,       200,       200,       404,       404], OWN),
	// another learner: only HR (not the learner, not a trainer who does not coach Peter)
	GETQ('/o/[company]/gesprekken', 'lerende={peerLearner}',                                      ['login',   404,       404,       200,       404,       404], OWN),
	GETQ('/o/[company]/gesprekken', 'lerende={unknownId}',                                        ['login',   404,       404,       404,       404,       404], OWN),
	GETQ('/o/[company]/gesprekken', 'lerende={malformedId}',                                      ['login',   404,       404,       404,       404,       404], OWN),
	// a user id (of the other company's learner) is no learner record of this company
	GETQ('/o/[company]/gesprekken', 'lerende={otherMember}',                                      ['login',   404,       404,       404,       404,       404], OWN, ['Tom Bos']),
	GETQ('/o/[company]/gesprekken', 'lerende={peerLearner}',                                      ['login',   404,       404,       404,       404,       404], OTHER, ['Peter Dekker']),
	// the planning form preselects only a learner the planner may plan with (else none)
	GETQ('/o/[company]/gesprekken/nieuw', 'lerende={ownLearner}&datum=2030-01-01',               ['login',   403,       200,       200,       404,       404], OWN),
	GETQ('/o/[company]/gesprekken/nieuw', 'lerende={peerLearner}&datum=geen-datum',               ['login',   403,       200,       200,       404,       404], OWN),
	GETQ('/o/[company]/gesprekken/nieuw', 'lerende={peerLearner}',                                ['login',   404,       404,       404,       404,       404], OTHER, ['Peter Dekker']),
	// HR's dashboard filters: a trainer of another company filters to nothing and is not named
	GETQ('/o/[company]/hr', 'route=bbl_diploma&trainer={ownTrainer}',                             ['login',   403,       403,       200,       404,       404], OWN),
	GETQ('/o/[company]/hr', 'trainer={otherMember}',                                              ['login',   403,       403,       200,       404,       404], OWN, ['Tom Bos']),
	GETQ('/o/[company]/hr', 'trainer={ownTrainer}',                                               ['login',   404,       404,       404,       404,       404], OTHER),
	GETQ('/o/[company]/hr/export.csv', 'route=bbl_diploma&trainer={ownTrainer}',                  ['login',   403,       403,       200,       404,       404], OWN),
	GETQ('/o/[company]/hr/export.csv', 'trainer={otherMember}',                                   ['login',   403,       403,       200,       404,       404], OWN, ['Tom Bos']),
	GETQ('/o/[company]/hr/trajecten', 'status=active&stilgevallen=1&pagina=2',                    ['login',   403,       403,       200,       404,       404], OWN),
	GETQ('/o/[company]/hr/trajecten', 'status=active',                                            ['login',   404,       404,       404,       404,       404], OTHER),
	GETQ('/o/[company]/praktijkopleider', 'pagina=2',                                             ['login',   403,       200,       403,       404,       404], OWN),
	GETQ('/o/[company]/trajecten/[id]', 'beoordeeld=3',                                           ['login',   200,       200,       200,       404,       404], { ...OWN, id: 'ownTrajectory' }),
	GETQ('/o/[company]/trajecten/[id]', 'beoordeeld=3',                                           ['login',   404,       404,       200,       404,       404], { ...OWN, id: 'peerTrajectory' }),
	GETQ('/o/[company]/trajecten/[id]', 'nieuw=uitgenodigd',                                      ['login',   200,       200,       200,       404,       404], { ...OWN, id: 'ownTrajectory' }),
	GETQ('/o/[company]/trajecten/[id]', 'nieuw=uitgenodigd',                                      ['login',   404,       404,       200,       404,       404], { ...OWN, id: 'peerTrajectory' }),
	// a work process outside the trajectory preselects nothing
	GETQ('/o/[company]/trajecten/[id]/bewijs', 'werkproces=999999',                               ['login',   200,       200,       200,       404,       404], { ...OWN, id: 'ownTrajectory' }),
	GETQ('/o/[company]/trajecten/[id]/bewijs', 'werkproces=1',                                    ['login',   404,       404,       200,       404,       404], { ...OWN, id: 'peerTrajectory' }),
	GETQ('/account', 'ingetrokken=1',                                                             ['login',   200,       200,       200,       200,       200]),
	GETQ('/beheer/verwijderverzoeken', 'bedrijven=2&bestanden=3',                                 ['login',   403,       403,       403,       403,       200]),
	GETQ('/account', 'opgeslagen=1',                                                              ['login',   200,       200,       200,       200,       200]),
	GETQ('/kwalificaties', 'q=zorg&niveau=4&sectorkamer=1',                                       ['login',   200,       200,       200,       200,       200]),
	GETQ('/kwalificaties/[crebo]', 'versie=1',                                                    ['login',   200,       200,       200,       200,       200], { crebo: 'crebo' }),
	GETQ('/kwalificaties/[crebo]', 'versie=999999',                                               ['login',   404,       404,       404,       404,       404], { crebo: 'crebo' }),
	// the election is national: any trainer can be chosen; someone who is no trainer is not shown
	GETQ('/verkiezing', 'q=Ahmed',                                                                ['login',   200,       200,       200,       200,       200]),
	GETQ('/verkiezing', 'trainer={ownTrainer}&company={company}',                                 ['login',   200,       200,       200,       200,       200]),
	GETQ('/verkiezing', 'trainer={otherMember}&company={company}',                                ['login',   200,       200,       200,       200,       200], {}, ['Tom Bos']),
	GETQ('/sbb', 'regio=15&signaal=stalled&sectorkamer=1&omvang=small&route=bbl_diploma&sorteer=naam&pagina=2&zoek=Zorg&opvolging=1',
	                                                                                              ['login',   403,       403,       403,       200,       200]),
	GETQ('/sbb', 'regio=26&zoek=Bouw&opvolging=1',                                                ['login',   403,       403,       403,       404,       200]),
	GETQ('/sbb/export.csv', 'regio=15&signaal=stalled&sectorkamer=1&omvang=small&route=bbl_diploma&sorteer=naam&pagina=2&zoek=Zorg&opvolging=1',
	                                                                                              ['login',   403,       403,       403,       200,       200]),
	GETQ('/sbb/export.csv', 'regio=26&zoek=Bouw',                                                 ['login',   403,       403,       403,       404,       200]),
	GETQ('/sbb/landelijk', 'maat=stalled',                                                        ['login',   403,       403,       403,       403,       200]),
	GETQ('/beheer/bedrijven', 'q=Zorggroep&pagina=2',                                             ['login',   403,       403,       403,       403,       200]),
	GETQ('/beheer/bedrijven/[id]', 'nieuw=1',                                                     ['login',   403,       403,       403,       403,       200], { id: 'company' }),
	GETQ('/beheer/gebruikers', 'email=lerende%40delinde.example',                                 ['login',   403,       403,       403,       403,       200]),
	// an upload that does not exist (or is another admin's) shows no preview
	GETQ('/beheer/kwalificaties', 'voorbeeld={unknownId}',                                        ['login',   403,       403,       403,       403,       200]),
	GETQ('/beheer/kwalificaties', 'voorbeeld={malformedId}',                                      ['login',   403,       403,       403,       403,       200]),
	GETQ('/beheer/kwalificaties/certificaten', 'nieuw=1',                                         ['login',   403,       403,       403,       403,       200]),
	GETQ('/beheer/kwalificaties/certificaten/nieuw', 'crebo={crebo}',                             ['login',   403,       403,       403,       403,       200]),
	GETQ('/beheer/kwalificaties/certificaten/nieuw', 'crebo={unknownCrebo}',                      ['login',   403,       403,       403,       403,       200]),
	// no open redirect: the tester's tab between the slashes, and a target a header cannot carry
	GETQ('/login', 'redirectTo=%2F%09%2Fevil.example&tweestaps=geblokkeerd',                      [200,       '→/',      '→/',      '→/',      '→/',      '→/']),
	GETQ('/login', 'redirectTo=%2F%E2%98%83%0D%0ASet-Cookie%3A%20x%3Dy',                           [200,       '→/',      '→/',      '→/',      '→/',      '→/']),
	GETQ('/login', 'redirectTo=%2Fkwalificaties',                                                 [200,       '→/kwalificaties', '→/kwalificaties', '→/kwalificaties', '→/kwalificaties', '→/kwalificaties']),
	GETQ('/login/tweestaps', 'redirectTo=%2F%5Cevil.example',                                     ['→/login', '→/',      '→/',      '→/',      '→/',      '→/']),
	POST('/taal', {}, '', { locale: 'nl', redirectTo: '/\t/evil.example' },                      all('→/')),
	POST('/taal', {}, '', { locale: 'nl', redirectTo: '/\u2603\r\nSet-Cookie: x=y' },           all('→/')),

	// Ids in forms (tests/unit/authz-params.test.ts fails on an id field without a row): another
	// person's of the same company, the other company's people (otherMember) and unknown ids. Each
	// is refused before anything is written (a field error: 400, or 404).
	POST('/o/[company]/gesprekken/nieuw', OWN, '', { learnerId: '{peerLearner}', templateId: '{defaultTemplate}', plannedDate: '2030-01-01', plannedDateConfirmed: 'true', plannedTime: '10:00', trainerId: '{otherMember}' },
	                                                                                              ['login',   403,       400,       400,       404,       404]),
	POST('/o/[company]/gesprekken/nieuw', OWN, '', { learnerId: '{ownLearner}', templateId: '{unknownId}', plannedDate: '2030-01-01', plannedDateConfirmed: 'true', plannedTime: '10:00', trainerId: '{ownTrainer}' },
	                                                                                              ['login',   403,       400,       400,       404,       404]),
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'ownConversation' }, 'reschedule', { plannedDate: '2030-01-01', plannedDateConfirmed: 'true', plannedTime: '10:00', trainerId: '{otherMember}', version: '0' },
	                                                                                              ['login',   403,       400,       400,       404,       404]),
	POST('/o/[company]/gesprekken/[id]', { ...OWN, id: 'ownConversation' }, 'addAction', { description: 'x', ownerRole: 'learner', workProcessId: '999999' },
	                                                                                              ['login',   403,       400,       403,       404,       404]),
	POST('/o/[company]/hr/sjablonen', OWN, 'copy', { templateId: '{unknownId}' },                ['login',   403,       403,       404,       404,       404]),
	POST('/o/[company]/hr/trajecten/nieuw', OWN, '', { learnerId: 'user:{otherMember}', trainerIds: '{otherMember}', certificateId: '999999' },
	                                                                                              ['login',   403,       403,       400,       404,       404]),
	POST('/o/[company]/trajecten/[id]', { ...OWN, id: 'ownTrajectory' }, 'certificate', { certificateId: '999999', obtainedOn: '2025-01-01', obtainedOnConfirmed: 'on' },
	                                                                                              ['login',   403,       400,       400,       404,       404]),
	POST('/o/[company]/trajecten/[id]/beoordelen', { ...OWN, id: 'ownTrajectory' }, '', { assessedOn: '', level_999999: '3', comment_999999: 'x' },
	                                                                                              ['login',   400,       400,       403,       404,       404]),
	POST('/o/[company]/trajecten/[id]/bewijs', { ...OWN, id: 'ownTrajectory' }, 'add', { kind: 'note', body: 'x', workProcessId: '999999' },
	                                                                                              ['login',   400,       400,       403,       404,       404]),
	POST('/o/[company]/trajecten/[id]/vrijstellingen', { ...OWN, id: 'ownTrajectory' }, 'record', { workProcessIds: '999999', basis: 'other', grantedOn: '2025-01-01' },
	                                                                                              ['login',   403,       400,       400,       404,       404]),
	POST('/o/[company]/praktijkopleider/profiel', OWN, 'save', { yearsExperience: '-1', sectorIds: '999999' },
	                                                                                              ['login',   403,       400,       403,       404,       404]),
	POST('/o/[company]/praktijkopleider/profiel/zelfbeoordeling', OWN, 'submit', { level_999999: '2' },
	                                                                                              ['login',   403,       400,       403,       404,       404]),
	POST('/verkiezing', {}, '', { trainer: '{otherMember}', company: '{company}', motivation_x: 'x' },
	                                                                                              ['login',   400,       400,       400,       400,       400]),
	POST('/verkiezing/nominatie', {}, 'save', { motivation_x: 'x' },                              ['login',   404,       404,       404,       404,       404]),
	// the nominee is the one in the URL; a nomineeId in the form is ignored
	POST('/jury/[panelId]/[nomineeId]', { panelId: 'awardPanel', nomineeId: 'awardNominee' }, 'score', { nomineeId: '{otherMember}', score_x: '9', comment_x: 'x' },
	                                                                                              ['login',   404,       404,       404,       400,       404]),
	POST('/beheer/bedrijven/nieuw', {}, '', { regionId: '999999', sectorChamberId: '999999' },    ['login',   403,       403,       403,       403,       400]),
	POST('/beheer/verkiezingen/[id]', { id: 'awardRound' }, 'replaceJuror', { memberId: '{unknownId}', email: 'x@e2e.example' },
	                                                                                              ['login',   403,       403,       403,       403,       404]),
	POST('/beheer/verkiezingen/[id]', { id: 'awardRound' }, 'criteria', { name_x: '', description_x: '', weight_x: 'x' },
	                                                                                              ['login',   403,       403,       403,       403,       400]),
	POST('/beheer/verkiezingen/[id]', { id: 'awardRound' }, 'addPanel', { regionIds: '999999' }, ['login',   403,       403,       403,       403,       400]),
];
