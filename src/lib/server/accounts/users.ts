import { sql } from 'kysely';
import type { DB } from '../db';
import {
	dummyPasswordHash,
	hashPassword,
	requireCurrentPassword,
	verifyPassword
} from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import { countHit, reserveLogin, settleLogin } from '../auth/throttle';
import { generateToken, hashToken } from '../auth/tokens';
import { DomainError } from '../errors';
import { log } from '../log';
import { deliverNow, enqueueMail } from '../mail/outbox';
import { m } from '../../paraglide/messages.js';
import type { Locale } from '../../paraglide/runtime.js';
import { audit } from './audit';

const RESET_VALID_MS = 60 * 60 * 1000;
/** Reset mails: at most this many per address and requests per IP, per hour. */
export const RESET_MAILS_PER_ADDRESS = 3;
export const RESET_REQUESTS_PER_IP = 10;
const RESET_WINDOW_MS = 60 * 60 * 1000;

export type LoginResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'rate_limited'; retryAfter: number };

/**
 * Checks email and password. Unknown email and wrong password give the same result
 * (and take the same time). Throttled with increasing delays per account+IP and per
 * IP (auth/throttle.ts): a throttled attempt is refused with the seconds to wait,
 * before and without checking the password. Throttling lives in the database, so
 * every app server behind a load balancer sees it. Every checked attempt is logged
 * in login_attempt.
 */
export async function attemptLogin(
	db: DB,
	email: string,
	password: string,
	ip: string
): Promise<LoginResult> {
	const reservation = await reserveLogin(db, email, ip);
	if (!reservation.ok) {
		return { ok: false, reason: 'rate_limited', retryAfter: reservation.retryAfter };
	}

	const user = await db
		.selectFrom('app_user')
		.select(['id', 'password_hash'])
		.where(sql`lower(email)`, '=', email.toLowerCase())
		.executeTakeFirst();
	const valid = user?.password_hash
		? await verifyPassword(user.password_hash, password)
		: (await verifyPassword(await dummyPasswordHash(), password), false);

	await settleLogin(db, reservation.keys, valid && !!user);
	await db
		.insertInto('login_attempt')
		.values({ email: email.toLowerCase().slice(0, 254), ip, success: valid })
		.execute();
	if (!valid || !user) return { ok: false, reason: 'invalid' };
	return { ok: true, userId: user.id };
}

export type ResetRequest =
	{ status: 'accepted'; delivery: Promise<void> } | { status: 'rate_limited'; retryAfter: number };

/**
 * A reset request from the form. Answers as soon as the limits are counted, the same
 * way and in the same time for known and unknown addresses: looking the address up,
 * storing the link and sending the mail happen in `delivery`, which the route does not
 * await (failures are logged there). Limits: RESET_REQUESTS_PER_IP per IP per hour
 * (refused with the minutes to wait) and RESET_MAILS_PER_ADDRESS per address per hour
 * (beyond that the same confirmation, but no mail).
 */
export async function requestPasswordReset(
	db: DB,
	email: string,
	ip: string,
	origin: string
): Promise<ResetRequest> {
	const now = new Date();
	const byIp = await countHit(db, `reset:ip:${ip}`, RESET_WINDOW_MS, now);
	if (byIp.hits > RESET_REQUESTS_PER_IP) {
		return {
			status: 'rate_limited',
			retryAfter: Math.ceil((byIp.windowEndsAt.getTime() - now.getTime()) / 1000)
		};
	}
	const address = email.trim().toLowerCase().slice(0, 254);
	const byAddress = await countHit(db, `reset:email:${address}`, RESET_WINDOW_MS, now);
	if (byAddress.hits > RESET_MAILS_PER_ADDRESS) {
		return { status: 'accepted', delivery: Promise.resolve() };
	}
	const delivery = sendPasswordReset(db, email, origin).catch((error: unknown) => {
		log.error({ err: error }, 'password reset mail failed');
	});
	return { status: 'accepted', delivery };
}

/**
 * Sends a single-use reset link valid for one hour when the email is known; nothing
 * otherwise.
 */
async function sendPasswordReset(db: DB, email: string, origin: string): Promise<void> {
	const user = await db
		.selectFrom('app_user')
		.select(['id', 'email', 'name', 'locale'])
		.where(sql`lower(email)`, '=', email.toLowerCase())
		.where('password_hash', 'is not', null)
		.executeTakeFirst();
	if (!user) return;
	const token = generateToken();
	const locale = user.locale as Locale;
	const mails = await db.transaction().execute(async (trx) => {
		// A new link replaces any earlier one that was not used.
		await trx
			.updateTable('password_reset')
			.set({ used_at: new Date() })
			.where('user_id', '=', user.id)
			.where('used_at', 'is', null)
			.execute();
		await trx
			.insertInto('password_reset')
			.values({
				user_id: user.id,
				token_hash: hashToken(token),
				expires_at: new Date(Date.now() + RESET_VALID_MS)
			})
			.execute();
		await audit(trx, {
			actorUserId: user.id,
			action: 'password_reset.requested',
			entityType: 'user',
			entityId: user.id
		});
		return enqueueMail(trx, 'password_reset', [
			{
				to: user.email,
				subject: m.mail_reset_subject({}, { locale }),
				text: m.mail_reset_body(
					{ name: user.name, link: `${origin}/wachtwoord-herstellen/${token}` },
					{ locale }
				)
			}
		]);
	});
	await deliverNow(db, mails);
}

/** Whose password a valid reset link sets (for the password policy), or null. */
export async function passwordResetOwner(
	db: DB,
	token: string
): Promise<{ email: string; name: string } | null> {
	const row = await db
		.selectFrom('password_reset as r')
		.innerJoin('app_user as u', 'u.id', 'r.user_id')
		.select(['u.email', 'u.name'])
		.where('r.token_hash', '=', hashToken(token))
		.executeTakeFirst();
	return row ?? null;
}

export type TokenStatus = 'valid' | 'expired' | 'used' | 'unknown';

export async function passwordResetStatus(db: DB, token: string): Promise<TokenStatus> {
	const row = await db
		.selectFrom('password_reset')
		.select(['expires_at', 'used_at'])
		.where('token_hash', '=', hashToken(token))
		.executeTakeFirst();
	if (!row) return 'unknown';
	if (row.used_at) return 'used';
	if (row.expires_at.getTime() < Date.now()) return 'expired';
	return 'valid';
}

/** Sets a new password through a reset link; the link is spent and every session ends. */
export async function resetPassword(db: DB, token: string, password: string): Promise<string> {
	const passwordHash = await hashPassword(password);
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.updateTable('password_reset')
			.set({ used_at: new Date() })
			.where('token_hash', '=', hashToken(token))
			.where('used_at', 'is', null)
			.where('expires_at', '>', new Date())
			.returning('user_id')
			.executeTakeFirst();
		if (!row) {
			const status = await passwordResetStatus(trx, token);
			throw new DomainError(
				status === 'expired' ? 'token_expired' : status === 'used' ? 'token_used' : 'token_invalid'
			);
		}
		await trx
			.updateTable('app_user')
			.set({ password_hash: passwordHash, password_changed_at: new Date() })
			.where('id', '=', row.user_id)
			.execute();
		await invalidateUserSessions(trx, row.user_id);
		await audit(trx, {
			actorUserId: row.user_id,
			action: 'password_reset.completed',
			entityType: 'user',
			entityId: row.user_id
		});
		return row.user_id;
	});
}

/** Changes the password after checking the current one; all sessions end (the caller starts a new one). */
export async function changePassword(
	db: DB,
	userId: string,
	currentPassword: string,
	newPassword: string
): Promise<void> {
	await requireCurrentPassword(db, userId, currentPassword, 'currentPassword');
	const passwordHash = await hashPassword(newPassword);
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('app_user')
			.set({ password_hash: passwordHash, password_changed_at: new Date() })
			.where('id', '=', userId)
			.execute();
		await invalidateUserSessions(trx, userId);
		await audit(trx, {
			actorUserId: userId,
			action: 'password.changed',
			entityType: 'user',
			entityId: userId
		});
	});
}

export async function updateProfile(
	db: DB,
	userId: string,
	input: { name: string; locale: Locale }
) {
	await db
		.updateTable('app_user')
		.set({ name: input.name, locale: input.locale })
		.where('id', '=', userId)
		.execute();
}

export async function setLocale(db: DB, userId: string, locale: Locale) {
	await db.updateTable('app_user').set({ locale }).where('id', '=', userId).execute();
}
