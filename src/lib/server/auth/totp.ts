import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { renderSVG } from 'uqr';
import { sql } from 'kysely';
import type { DB } from '../db';
import { audit } from '../accounts/audit';
import { DomainError } from '../errors';
import { requireCurrentPassword } from './password';
import { roleRequiresTwoFactor } from './two-factor-policy';
import { open, seal } from './secret-box';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
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
 * server's clock; after MAX_FAILURES wrong codes in a row (per account) the code page is
 * closed for LOCK_MINUTES.
 *
 * Keys (pending and confirmed) are stored sealed with AES-256-GCM under a key from the
 * environment (./secret-box.ts): a database dump alone cannot generate codes.
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

/** Unused recovery codes of the account `u`, as a select column. */
const codesLeft = sql<number>`(select count(*)::int from totp_recovery_code r
	where r.user_id = u.id and r.used_at is null)`.as('codes_left');

/**
 * Clears an account's TOTP: the key (confirmed or pending), counters, lock and recovery
 * codes. `onlyIfOn`: only when it is on (false: nothing was done).
 */
async function clearTotp(
	trx: DB,
	userId: string,
	{ onlyIfOn = false }: { onlyIfOn?: boolean } = {}
): Promise<boolean> {
	const done = await trx
		.updateTable('app_user')
		.set({
			totp_key: null,
			totp_enabled_at: null,
			totp_pending_key: null,
			totp_last_counter: null,
			totp_failures: 0,
			totp_locked_until: null
		})
		.where('id', '=', userId)
		.$if(onlyIfOn, (q) => q.where('totp_enabled_at', 'is not', null))
		.executeTakeFirst();
	if (!done.numUpdatedRows) return false;
	await trx.deleteFrom('totp_recovery_code').where('user_id', '=', userId).execute();
	return true;
}

/** Ends the account's sessions still waiting for a code (someone who has the password). */
async function endWaitingSessions(trx: DB, userId: string): Promise<void> {
	await trx
		.deleteFrom('user_session')
		.where('user_id', '=', userId)
		.where('two_factor_verified', '=', false)
		.execute();
}

/** An event of the account's two-step verification, by the account itself unless `actorUserId`. */
function auditTotp(
	trx: DB,
	userId: string,
	action: string,
	requestId: string | null,
	actorUserId = userId
): Promise<void> {
	return audit(trx, {
		actorUserId,
		action,
		entityType: 'app_user',
		entityId: userId,
		requestId
	});
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
		.select(['u.email', 'u.totp_enabled_at', 'u.totp_pending_key', codesLeft])
		.where('u.id', '=', userId)
		.executeTakeFirstOrThrow();
	return {
		enabled: row.totp_enabled_at !== null,
		enabledAt: row.totp_enabled_at,
		pending:
			row.totp_enabled_at === null && row.totp_pending_key
				? setupOf(row.email, open(new Uint8Array(row.totp_pending_key)))
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
		.set({ totp_pending_key: seal(key) })
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
	keepSessionId: string | null,
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
		const key = open(new Uint8Array(row.totp_pending_key));
		const counter = matchingCounter(key, code.trim(), now);
		if (counter === null) throw new DomainError('totp_code_wrong', 'code');
		await trx
			.updateTable('app_user')
			.set({
				totp_key: seal(key),
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
		// Someone who turns it on may suspect their password is known: every other session ends.
		await trx
			.deleteFrom('user_session')
			.where('user_id', '=', userId)
			.$if(keepSessionId !== null, (qb) => qb.where('id', '<>', keepSessionId!))
			.execute();
		await trx.deleteFrom('totp_recovery_code').where('user_id', '=', userId).execute();
		await trx
			.insertInto('totp_recovery_code')
			.values(codes.map((c) => ({ user_id: userId, code_hash: hashToken(normaliseRecovery(c)) })))
			.execute();
		await auditTotp(trx, userId, 'totp.enabled', requestId);
		return codes;
	});
}

/** Whether the account's platform roles require TOTP (two-factor-policy.ts). */
export async function totpRequiredByRole(db: DB, userId: string): Promise<boolean> {
	const roles = await db
		.selectFrom('platform_role')
		.select('role')
		.where('user_id', '=', userId)
		.execute();
	return roleRequiresTwoFactor(roles.map((r) => r.role));
}

/**
 * Turns TOTP off, after the current password. Not while a platform role requires it
 * (`totp_required_by_role`); the admin's reset for a lost phone still works, and the
 * account sets it up again at its next request.
 */
export async function disableTotp(
	db: DB,
	userId: string,
	password: string,
	requestId: string | null
): Promise<void> {
	await requireCurrentPassword(db, userId, password, 'password');
	await db.transaction().execute(async (trx) => {
		const roles = await trx
			.selectFrom('platform_role')
			.select('role')
			.where('user_id', '=', userId)
			.forShare()
			.execute();
		if (roleRequiresTwoFactor(roles.map((r) => r.role))) {
			throw new DomainError('totp_required_by_role', 'password');
		}
		await clearTotp(trx, userId);
		// Sessions still waiting for a code (someone with the password) end as well.
		await endWaitingSessions(trx, userId);
		await auditTotp(trx, userId, 'totp.disabled', requestId);
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

/** 'expired': the session no longer waits for a code (gone, timed out, or TOTP turned off). */
export type SecondFactorResult = 'ok' | 'wrong' | 'locked' | 'expired';

/** After MAX_FAILURES wrong codes in a row the account's code page is closed this long. */
export const LOCK_MINUTES = 15;

/**
 * The code page: a code from the app (six digits) or a recovery code, for a session that
 * waits for it. Right: the session is verified. Wrong codes count per account, whatever
 * the session (a new login does not buy new guesses); the fifth in a row closes the code
 * page for LOCK_MINUTES and ends the account's waiting sessions ('locked'). Everything
 * happens in one transaction with the account row locked, so parallel attempts queue.
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
	return db.transaction().execute(async (trx) => {
		const user = await trx
			.selectFrom('app_user')
			.select(['totp_key', 'totp_last_counter', 'totp_failures', 'totp_locked_until'])
			.where('id', '=', userId)
			.forUpdate()
			.executeTakeFirstOrThrow();
		const session = await trx
			.selectFrom('user_session')
			.select('id')
			.where('id', '=', sessionId)
			.where('user_id', '=', userId)
			.where('two_factor_verified', '=', false)
			.executeTakeFirst();
		if (!session || !user.totp_key) return 'expired';
		if (user.totp_locked_until && user.totp_locked_until.getTime() > now) {
			await endWaitingSessions(trx, userId);
			return 'locked';
		}
		let ok = false;
		const digits = code.replace(/\s/g, '');
		if (/^\d{6}$/.test(digits)) {
			const counter = matchingCounter(open(new Uint8Array(user.totp_key)), digits, now);
			// A code is accepted once: not again, and no older one after it.
			if (counter !== null && (user.totp_last_counter ?? -1) < counter) {
				await trx
					.updateTable('app_user')
					.set({ totp_last_counter: counter })
					.where('id', '=', userId)
					.execute();
				ok = true;
			}
		} else {
			const used = await trx
				.updateTable('totp_recovery_code')
				.set({ used_at: new Date(now) })
				.where('user_id', '=', userId)
				.where('code_hash', '=', hashToken(normaliseRecovery(code)))
				.where('used_at', 'is', null)
				.executeTakeFirst();
			if (used.numUpdatedRows) {
				ok = true;
				await auditTotp(trx, userId, 'totp.recovery_code_used', requestId);
			}
		}
		if (ok) {
			await trx
				.updateTable('app_user')
				.set({ totp_failures: 0, totp_locked_until: null })
				.where('id', '=', userId)
				.execute();
			await trx
				.updateTable('user_session')
				.set({ two_factor_verified: true })
				.where('id', '=', sessionId)
				.execute();
			return 'ok';
		}
		const failures = user.totp_failures + 1;
		if (failures < MAX_FAILURES) {
			await trx
				.updateTable('app_user')
				.set({ totp_failures: failures })
				.where('id', '=', userId)
				.execute();
			return 'wrong';
		}
		await trx
			.updateTable('app_user')
			.set({ totp_failures: 0, totp_locked_until: new Date(now + LOCK_MINUTES * 60 * 1000) })
			.where('id', '=', userId)
			.execute();
		await endWaitingSessions(trx, userId);
		await auditTotp(trx, userId, 'totp.locked', requestId);
		return 'locked';
	});
}

export interface AccountSecurity {
	id: string;
	name: string;
	email: string;
	companies: string[];
	totpEnabledAt: Date | null;
	recoveryCodesLeft: number;
}

/** An account by email for the admin's help desk (case-insensitive), or null. */
export async function accountByEmail(db: DB, email: string): Promise<AccountSecurity | null> {
	// The companies the account belongs to: the wall opens for this one query.
	const row = await acrossCompanies(CROSS_COMPANY.adminAccount, () => accountRow(db, email));
	if (!row) return null;
	return {
		id: row.id,
		name: row.name,
		email: row.email,
		companies: (row.companies ?? []).sort(),
		totpEnabledAt: row.totp_enabled_at,
		recoveryCodesLeft: Number(row.codes_left ?? 0)
	};
}

function accountRow(db: DB, email: string) {
	return db
		.selectFrom('app_user as u')
		.select((eb) => [
			'u.id',
			'u.name',
			'u.email',
			'u.totp_enabled_at',
			codesLeft,
			eb
				.selectFrom('membership as m')
				.innerJoin('company as c', 'c.id', 'm.company_id')
				.whereRef('m.user_id', '=', 'u.id')
				.where('m.deactivated_at', 'is', null)
				.select((e) =>
					e.fn
						.coalesce(e.fn.agg<string[]>('array_agg', ['c.name']), e.val<string[]>([]))
						.as('names')
				)
				.as('companies')
		])
		.where(sql<boolean>`lower(u.email) = lower(${email.trim()})`)
		.executeTakeFirst();
}

/**
 * The admin turns someone's two-step verification off: they lost their phone and their
 * recovery codes. All their sessions end; they log in with the password and can set it
 * up again. Audited with the admin as actor.
 */
export async function resetTotpByAdmin(
	db: DB,
	adminId: string,
	userId: string,
	requestId: string | null
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		if (!(await clearTotp(trx, userId, { onlyIfOn: true }))) return false;
		await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();
		await auditTotp(trx, userId, 'totp.reset_by_admin', requestId, adminId);
		return true;
	});
}
