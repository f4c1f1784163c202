import type { Membership, RequestContext } from '$lib/server/auth/context';
import type { Session, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
			requestId?: string;
		}
		interface Locals {
			requestId: string;
			/** Null as well while the session waits for its TOTP code (session.twoFactorPending). */
			user: SessionUser | null;
			session: Session | null;
			/** The user's active memberships, loaded with the session ([] when logged out). */
			memberships: Membership[];
			/** Set for /o/[company]/… routes once membership is verified. */
			ctx: RequestContext | null;
		}
	}
}

export {};
