/**
 * Test-only switches (tests/integration/rls.test.ts), never set by the app: the RLS test
 * removes one real query's company filter to show that PostgreSQL's row-level security
 * still returns nothing of another company. Off unless a test turns it on.
 */
export const testHooks = {
	/** listLearners (trajectories.ts) reads learner records without its company filter. */
	dropLearnerCompanyFilter: false,
	/** contactsOf (adviser/contacts.ts) reads the contact log without its company filter. */
	dropContactCompanyFilter: false
};
