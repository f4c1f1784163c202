/**
 * Every reason the tenant wall (./scope.ts) may be opened for, in one registry (issue 19:
 * "adviser and admin reads across companies go through explicit, narrow, audited
 * functions"). `acrossCompanies` takes only these; tests/unit/cross-company.test.ts fails
 * on a call with any other reason or from a file not listed in CROSS_COMPANY_FILES.
 *
 * An opening covers one query (or one transaction), inside the service function that
 * needs it, never a whole page: pages run with no company visible. Where an adviser or an
 * admin reads one company after their access to it was checked, the service uses
 * `inCompany(companyId, …)` instead, so that the wall still guards every other company.
 */
export const CROSS_COMPANY = {
	/** hooks.server.ts: the session's user with their memberships in every company. */
	session: 'session: own memberships',
	/** auth/context.ts: the company switcher and the home redirect. */
	ownMemberships: 'own memberships',
	/** adviser: the summaries (company_overview) and follow-ups of the adviser's regions. */
	adviserRegions: "adviser: companies of the adviser's regions",
	/** adviser: the CSV export of the adviser's regions. */
	adviserExport: "adviser: export of the adviser's regions",
	/** admin: the totals of every region (the national view). */
	nationalTotals: 'admin: national totals of every region',
	/** admin: the list of companies with their member counts. */
	adminCompanies: 'admin: companies with member counts',
	/** admin: a new company with the audit entry and the invitation of its first HR manager. */
	adminNewCompany: 'admin: new company and its first HR manager',
	/** admin: an account looked up by email, with the companies it belongs to. */
	adminAccount: 'admin: account with its companies',
	/** admin: award rounds with their nomination counts. */
	awardRounds: 'award admin: nominations counted per round',
	/** award jury: panels, nominees, conflicts and scores over every company. */
	juryNominations: 'award jury: nominations of every company',
	/** award tally: scores, conflicts and results over every company. */
	awardResults: 'award results: nominations of every company',
	/** award election: trainers to nominate and one's own nominations, in every company. */
	electionNominations: 'award election: nominations in every company',
	/** award election: the nominations a trainer received, and their answer. */
	receivedNominations: 'award election: nominations received',
	/** the learner's own passport: their records in every company. */
	passport: 'passport: own records in every company',
	/** privacy: the user's own data export, their records in every company (issue 18). */
	privacyExport: 'privacy: own data export',
	/** privacy: the user's own access log, reads and changes of their records in every company. */
	privacyAccessLog: 'privacy: own access log',
	/** privacy: the user's own ended or ending memberships and what each company keeps (issue 18). */
	privacyLeaving: 'privacy: own memberships ending',
	/** admin: an erasure request, its consequences in every company, and carrying it out (issue 18). */
	erasure: 'admin: erasure of an account in every company',
	/** the invitation page: which company a token belongs to (one row; the rest of the page runs in that company). */
	invitation: 'invitation by its token',
	/** admin: the learning-culture instrument's versions with how many rounds use each (numbers only). */
	cultureInstrument: 'admin: rounds counted per instrument version',
	/** the anonymous learning-culture scan: which company a link belongs to (one row; the rest runs in that company). */
	cultureLink: 'learning-culture scan by its link',
	/** background job: reminders, outbox and housekeeping. */
	jobs: 'job: reminders, outbox, housekeeping',
	/** background job: the mail outbox. */
	outbox: 'job: mail outbox',
	/** start-up: uploads a crash interrupted. */
	sweepUploads: 'sweep orphan uploads'
} as const;

export type CrossCompanyKey = keyof typeof CROSS_COMPANY;
export type CrossCompanyReason = (typeof CROSS_COMPANY)[CrossCompanyKey];

const REASONS = new Set<string>(Object.values(CROSS_COMPANY));

/** Whether `reason` is one of the registry's (checked again at run time by acrossCompanies). */
export function isCrossCompanyReason(reason: string): reason is CrossCompanyReason {
	return REASONS.has(reason);
}
