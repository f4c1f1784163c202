import { CROSS_COMPANY, type CrossCompanyReason } from '../db/cross-company';

/**
 * The only pages the tenant wall (src/lib/server/db/scope.ts) opens for as a whole: two
 * public pages found by a token, before anyone is known, whose token decides the company
 * (an invitation, an anonymous learning-culture link). Every other page runs either for
 * one company (/o/[company]/…, for its members only) or for no company at all; what an
 * adviser, admin, juror, nominator or the passport reads across companies goes through
 * the narrow functions that open the wall themselves, with a reason from
 * src/lib/server/db/cross-company.ts (`grep -rn acrossCompanies src`).
 */
const CROSS_COMPANY_ROUTES: { prefix: string; reason: CrossCompanyReason }[] = [
	{ prefix: '/(auth)/uitnodiging', reason: CROSS_COMPANY.invitation },
	{ prefix: '/leercultuur', reason: CROSS_COMPANY.cultureLink }
];

/** The reason a route reads across companies as a whole, or null: it does not. */
export function crossCompanyReason(routeId: string): CrossCompanyReason | null {
	const route = CROSS_COMPANY_ROUTES.find(
		(r) => routeId === r.prefix || routeId.startsWith(`${r.prefix}/`)
	);
	return route ? route.reason : null;
}
