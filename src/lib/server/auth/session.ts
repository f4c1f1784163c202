import type { Cookies } from '@sveltejs/kit';
import type { DB } from '../db';
import { sql } from 'kysely';
import type { MemberRole, PlatformRole } from '../db/schema';
import type { Membership } from './context';
import { generateToken, hashToken } from './tokens';

export const SESSION_COOKIE = 'vakmaat_session';
const DAY = 24 * 60 * 60 * 1000;
const SESSION_DAYS = 30;
/** A session waiting for its TOTP code lasts this long (from the password), not 30 days. */
export const PENDING_MINUTES = 10;

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	locale: string;
	platformRoles: PlatformRole[];
}

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
	/** The account has TOTP and this session has not given a code yet: it reaches only the code page. */
	twoFactorPending: boolean;
}

/** A new session; `twoFactorPending`: it waits for the TOTP code (see auth/totp.ts). */
export async function createSession(
	db: DB,
	userId: string,
	twoFactorPending = false
): Promise<{ token: string; session: Session }> {
	const token = generateToken();
	const session: Session = {
		id: hashToken(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_DAYS * DAY),
		twoFactorPending
	};
	await db
		.insertInto('user_session')
		.values({
			id: session.id,
			user_id: userId,
			expires_at: session.expiresAt,
			two_factor_verified: !twoFactorPending
		})
		.execute();
	return { token, session };
}

/**
 * Looks the session up by the token's hash; slides the expiry when half of it has passed.
 * The user's active memberships come with it, in the same query: every company page
 * needs them (tenant context, company switcher), so a request pays one query for both.
 */
export async function validateSessionToken(
	db: DB,
	token: string
): Promise<{
	session: Session;
	user: SessionUser;
	memberships: Membership[];
	/** TOTP is on for the account (see two-factor-policy.ts for who must have it). */
	totpEnabled: boolean;
} | null> {
	const sessionId = hashToken(token);
	const row = await db
		.selectFrom('user_session as s')
		.innerJoin('app_user as u', 'u.id', 's.user_id')
		.select((eb) => [
			's.id',
			's.user_id',
			's.expires_at',
			's.two_factor_verified',
			's.created_at',
			'u.email',
			'u.name',
			'u.locale',
			'u.totp_enabled_at',
			eb
				.selectFrom('platform_role as pr')
				.whereRef('pr.user_id', '=', 'u.id')
				.select((e) =>
					e.fn.coalesce(e.fn.agg<string[]>('array_agg', ['pr.role']), e.val([])).as('r')
				)
				.as('platform_roles'),
			sql<{ id: string; slug: string; name: string; roles: MemberRole[] }[]>`(
				select coalesce(json_agg(json_build_object('id', c.id, 'slug', c.slug,
					'name', c.name, 'roles', m.roles) order by c.name, c.id), '[]'::json)
				from membership m join company c on c.id = m.company_id
				where m.user_id = u.id and m.deactivated_at is null
					-- a planned end (privacy/leave.ts): no access from that date, before the job marks it
					and (m.ends_on is null or m.ends_on > current_date))`.as('memberships')
		])
		.where('s.id', '=', sessionId)
		.executeTakeFirst();
	if (!row) return null;
	// Waiting for the TOTP code is a state of the session itself (not of the account now):
	// turning TOTP off later does not log a half-logged-in session in.
	const session: Session = {
		id: row.id,
		userId: row.user_id,
		expiresAt: row.two_factor_verified
			? row.expires_at
			: new Date(row.created_at.getTime() + PENDING_MINUTES * 60 * 1000),
		twoFactorPending: !row.two_factor_verified
	};
	if (Date.now() >= session.expiresAt.getTime()) {
		await db.deleteFrom('user_session').where('id', '=', session.id).execute();
		return null;
	}
	if (
		!session.twoFactorPending &&
		Date.now() >= session.expiresAt.getTime() - (SESSION_DAYS / 2) * DAY
	) {
		session.expiresAt = new Date(Date.now() + SESSION_DAYS * DAY);
		await db
			.updateTable('user_session')
			.set({ expires_at: session.expiresAt })
			.where('id', '=', session.id)
			.execute();
	}
	return {
		session,
		user: {
			id: row.user_id,
			email: row.email,
			name: row.name,
			locale: row.locale,
			platformRoles: (row.platform_roles ?? []) as PlatformRole[]
		},
		memberships: row.memberships.map(({ roles, ...company }) => ({ company, roles })),
		totpEnabled: row.totp_enabled_at !== null
	};
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
	await db.deleteFrom('user_session').where('id', '=', sessionId).execute();
}

/** Ends every session of a user: on password change, reset or deactivation. */
export async function invalidateUserSessions(db: DB, userId: string): Promise<void> {
	await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

function isSecure(url: URL): boolean {
	return !(
		url.hostname === 'localhost' ||
		url.hostname === '127.0.0.1' ||
		url.hostname === '[::1]'
	);
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date) {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: isSecure(url),
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL) {
	cookies.set(SESSION_COOKIE, '', {
		httpOnly: true,
		sameSite: 'lax',
		secure: isSecure(url),
		maxAge: 0,
		path: '/'
	});
}
