import type { PlatformRole } from '../db/schema';
import type { SessionUser } from './session';

/**
 * The pages that read across companies by design, each with the reason the tenant wall
 * (src/lib/server/db/scope.ts) opens for them and who it opens for. Everything else runs
 * either for one company (/o/[company]/…, for its members only) or for no company at all.
 * The guards in the pages' loads still decide what a user sees; this list only decides
 * for whom the database shows more than one company at all.
 */
const anyone = () => true;
const loggedIn = (user: SessionUser | null) => user !== null;
const hasRole =
	(...roles: PlatformRole[]) =>
	(user: SessionUser | null) =>
		!!user && roles.some((r) => user.platformRoles.includes(r));

const CROSS_COMPANY_ROUTES: {
	prefix: string;
	reason: string;
	opensFor: (user: SessionUser | null) => boolean;
}[] = [
	{
		prefix: '/(app)/sbb',
		reason: "adviser: companies of the adviser's regions",
		opensFor: hasRole('adviser', 'admin')
	},
	{ prefix: '/(app)/beheer', reason: 'platform admin', opensFor: hasRole('admin') },
	{ prefix: '/(app)/jury', reason: 'award jury: nominations of every company', opensFor: loggedIn },
	{
		prefix: '/(app)/verkiezing',
		reason: 'award election: nominations in every company',
		opensFor: loggedIn
	},
	{
		prefix: '/(app)/paspoort',
		reason: 'passport: own records in every company',
		opensFor: loggedIn
	},
	{ prefix: '/(auth)/uitnodiging', reason: 'invitation by its token', opensFor: anyone },
	{ prefix: '/leercultuur', reason: 'learning-culture scan by its link', opensFor: anyone },
	{ prefix: '/uitslag', reason: 'public award results', opensFor: anyone }
];

/** The reason a route reads across companies for this user, or null: it does not. */
export function crossCompanyReason(routeId: string, user: SessionUser | null): string | null {
	const route = CROSS_COMPANY_ROUTES.find(
		(r) => routeId === r.prefix || routeId.startsWith(`${r.prefix}/`)
	);
	return route && route.opensFor(user) ? route.reason : null;
}
