import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { renderSVG } from 'uqr';
import { sql } from 'kysely';
import type { DB } from '../db';
import { audit } from '../accounts/audit';
import { DomainError } from '../errors';
import { requireCurrentPassword } from './password';
import { invalidateSession } from './session';
import { generateToken, hashToken } from './tokens';

/**
 * TOTP as a second factor (RFC 6238: 30-second steps, 6 digits, SHA-1, as every
 * authenticator app expects), with @oslojs/otp for the codes and uqr for the QR code.
 *
 * Setting up: a new key is kept as pending until the user enters a code from their app,
 * then it becomes the account's key and eight single-use recovery codes are shown once.
 * Logging in with the password of such an account starts a session that only reaches the
 * code page (`/login/tweestaps`) until a code or a recovery code is given. A code is
 * accepted once (the last accepted time step is kept) and within one step of the
 * server's clock; after MAX_FAILURES wrong codes the session ends.
 */
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
const ISSUER = 'Vakmaat';
const RECOVERY_CODES = 8;
export const MAX_FAILURES = 5;

export interface TotpSetup {
	/** The key as typed into an app by hand: base32 in groups of four. */
	secret: string;
	uri: string;
	/** The otpauth URI as a QR code (SVG markup, made here: safe to inline). */
	qrSvg: string;
}

function setupOf(email: string, key: Uint8Array): TotpSetup {
	const uri = createTOTPKeyURI(ISSUER, email, key, TOTP_PERIOD, TOTP_DIGITS);
	return {
		secret: encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, '$1 '),
		uri,
		qrSvg: renderSVG(uri, { border: 2 })
	};
}

export interface TotpStatus {
	enabled: boolean;
	enabledAt: Date | null;
	/** A key being set up (shown again until confirmed). */
	pending: TotpSetup | null;
	recoveryCodesLeft: number;
}

export async function totpStatus(db: DB, userId: string): Promise<TotpStatus> {
	const row = await db
		.selectFrom('app_user as u')
		.select((eb) => [
			'u.email',
			'u.totp_enabled_at',
			'u.totp_pending_key',
			eb
				.selectFrom('totp_recovery_code as r')
				.whereRef('r.user_id', '=', 'u.id')
				.where('r.used_at', 'is', null)
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('codes_left')
		])
		.where('u.id', '=', userId)
		.executeTakeFirstOrThrow();
	return {
		enabled: row.totp_enabled_at !== null,
		enabledAt: row.totp_enabled_at,
		pending:
			row.totp_enabled_at === null && row.totp_pending_key
				? setupOf(row.email, new Uint8Array(row.totp_pending_key))
				: null,
		recoveryCodesLeft: Number(row.codes_left ?? 0)
	};
}

/** A new key to set up (replacing one not confirmed yet). */
export async function startTotpSetup(db: DB, userId: string): Promise<void> {
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	await db
		.updateTable('app_user')
		.set({ totp_pending_key: key })
		.where('id', '=', userId)
		.where('totp_enabled_at', 'is', null)
		.execute();
}

/** The time step a code matches (this one, the one before or after), or null. */
function matchingCounter(key: Uint8Array, code: string, now: number): number | null {
	if (!/^\d{6}$/.test(code)) return null;
	const current = Math.floor(now / 1000 / TOTP_PERIOD);
	for (const counter of [current, current - 1, current + 1]) {
		if (verifyHOTP(key, BigInt(counter), TOTP_DIGITS, code)) return counter;
	}
	return null;
}

const normaliseRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Confirms the pending key with a code from the app: TOTP is on from now, and the
 * recovery codes are returned (shown once; only their hashes are kept).
 */
export async function confirmTotp(
	db: DB,
	userId: string,
	code: string,
	requestId: string | null,
	now = Date.now()
): Promise<string[]> {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('app_user')
			.select(['totp_pending_key', 'totp_enabled_at'])
			.where('id', '=', userId)
			.forUpdate()
			.executeTakeFirstOrThrow();
		if (row.totp_enabled_at || !row.totp_pending_key) throw new DomainError('totp_no_setup');
		const key = new Uint8Array(row.totp_pending_key);
		const counter = matchingCounter(key, code.trim(), now);
		if (counter === null) throw new DomainError('totp_code_wrong', 'code');
		await trx
			.updateTable('app_user')
			.set({
				totp_key: key,
				totp_enabled_at: new Date(now),
				totp_pending_key: null,
				totp_last_counter: counter
			})
			.where('id', '=', userId)
			.execute();
		const codes = Array.from({ length: RECOVERY_CODES }, () => {
			const token = generateToken().slice(0, 10);
			return `${token.slice(0, 5)}-${token.slice(5)}`;
		});
		await trx.deleteFrom('totp_recovery_code').where('user_id', '=', userId).execute();
		await trx
			.insertInto('totp_recovery_code')
			.values(codes.map((c) => ({ user_id: userId, code_hash: hashToken(normaliseRecovery(c)) })))
			.execute();
		await audit(trx, {
			actorUserId: userId,
			action: 'totp.enabled',
			entityType: 'app_user',
			entityId: userId,
			requestId
		});
		return codes;
	});
}

/** Turns TOTP off, after the current password. */
export async function disableTotp(
	db: DB,
	userId: string,
	password: string,
	requestId: string | null
): Promise<void> {
	await requireCurrentPassword(db, userId, password, 'password');
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('app_user')
			.set({
				totp_key: null,
				totp_enabled_at: null,
				totp_pending_key: null,
				totp_last_counter: null
			})
			.where('id', '=', userId)
			.execute();
		await trx.deleteFrom('totp_recovery_code').where('user_id', '=', userId).execute();
		await audit(trx, {
			actorUserId: userId,
			action: 'totp.disabled',
			entityType: 'app_user',
			entityId: userId,
			requestId
		});
	});
}

/** Whether sessions of this account start unverified (TOTP is on). */
export async function hasTotp(db: DB, userId: string): Promise<boolean> {
	const row = await db
		.selectFrom('app_user')
		.select('totp_enabled_at')
		.where('id', '=', userId)
		.executeTakeFirst();
	return !!row?.totp_enabled_at;
}

export type SecondFactorResult = 'ok' | 'wrong' | 'locked';

/**
 * The code page: a code from the app (six digits) or a recovery code. Right: the session
 * is verified. Wrong: counted; at MAX_FAILURES the session ends ('locked').
 */
export async function verifySecondFactor(
	db: DB,
	sessionId: string,
	userId: string,
	input: string,
	requestId: string | null,
	now = Date.now()
): Promise<SecondFactorResult> {
	const code = input.trim();
	const ok = await db.transaction().execute(async (trx) => {
		const user = await trx
			.selectFrom('app_user')
			.select(['totp_key', 'totp_last_counter'])
			.where('id', '=', userId)
			.forUpdate()
			.executeTakeFirstOrThrow();
		if (!user.totp_key) return false;
		if (/^\d{6}$/.test(code.replace(/\s/g, ''))) {
			const counter = matchingCounter(new Uint8Array(user.totp_key), code.replace(/\s/g, ''), now);
			// A code is accepted once: not again, and no older one after it.
			if (counter === null || (user.totp_last_counter ?? -1) >= counter) return false;
			await trx
				.updateTable('app_user')
				.set({ totp_last_counter: counter })
				.where('id', '=', userId)
				.execute();
		} else {
			const used = await trx
				.updateTable('totp_recovery_code')
				.set({ used_at: new Date(now) })
				.where('user_id', '=', userId)
				.where('code_hash', '=', hashToken(normaliseRecovery(code)))
				.where('used_at', 'is', null)
				.executeTakeFirst();
			if (!used.numUpdatedRows) return false;
			await audit(trx, {
				actorUserId: userId,
				action: 'totp.recovery_code_used',
				entityType: 'app_user',
				entityId: userId,
				requestId
			});
		}
		await trx
			.updateTable('user_session')
			.set({ two_factor_verified: true, two_factor_failures: 0 })
			.where('id', '=', sessionId)
			.execute();
		return true;
	});
	if (ok) return 'ok';
	const row = await db
		.updateTable('user_session')
		.set({ two_factor_failures: sql`two_factor_failures + 1` })
		.where('id', '=', sessionId)
		.returning('two_factor_failures')
		.executeTakeFirst();
	if (!row || row.two_factor_failures >= MAX_FAILURES) {
		await invalidateSession(db, sessionId);
		return 'locked';
	}
	return 'wrong';
}
