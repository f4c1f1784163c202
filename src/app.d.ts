import type { Membership, RequestContext } from '$lib/server/auth/context';
import type { Session, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
			requestId?: string;
			/** The database was unreachable: a 503, try again in a moment (not a bug). */
			unavailable?: boolean;
			/** Why the tenant wall opened during this request (src/lib/server/db/scope.ts). */
			acrossCompanies?: string[];
		}
		interface Locals {
			requestId: string;
			/** Null as well while the session waits for its TOTP code (session.twoFactorPending). */
			user: SessionUser | null;
			session: Session | null;
			/** The user's active memberships, loaded with the session ([] when logged out). */
			memberships: Membership[];
			/**
			 * The account's platform role requires two-step verification and it is not on yet:
			 * every request but the setup page goes there (auth/two-factor-policy.ts).
			 */
			twoFactorSetupRequired: boolean;
			/** Set for /o/[company]/… routes once membership is verified. */
			ctx: RequestContext | null;
			/** Set by handleError when the request failed because the database was unreachable. */
			unavailable?: boolean;
			/** Why the tenant wall opened during this request (src/lib/server/db/scope.ts). */
			acrossCompanies?: string[];
		}
	}
}

export {};
