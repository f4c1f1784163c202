import { sql } from 'kysely';
import type { DB } from '../db';

/**
 * Login throttling: increasing delays, never a hard lock (docs/architecture.md#auth).
 *
 * Keys, one row each in auth_throttle:
 * - `login:pair:<email>|<ip>` — failures for one account from one IP. The first
 *   PAIR_FREE are free; after that each counted attempt must wait 2^k seconds before
 *   the next (1, 2, 4, … up to MAX_DELAY_S).
 * - `login:ip:<ip>` — failures from one IP over all accounts, the same with IP_FREE.
 * - `login:account:<email>` — failures for an account from anywhere. From
 *   ACCOUNT_UNDER_ATTACK on, an IP that has already failed for this account gets its
 *   delays from its first failure on. It never blocks an IP without failures for the
 *   account, so the real user on their own connection always gets in with the right
 *   password, however many others are guessing.
 *
 * Atomic: an attempt locks its pair and IP rows (`for update`, in key order so two
 * attempts cannot deadlock), refuses when either is still waiting, and otherwise
 * counts itself as a failure *before* the password is checked. 200 parallel attempts
 * therefore see each other's counts: only PAIR_FREE (plus one per delay that has
 * passed meanwhile) reach the password check. A right password takes its count back
 * (`settleLogin`). Counts are forgotten FORGET_MS after a key's last counted attempt.
 * Refused attempts are not counted and do not check the password.
 */
export const PAIR_FREE = 5;
export const PAIR_FREE_UNDER_ATTACK = 1;
/**
 * Failures per IP (all accounts) before delays start. LOGIN_THROTTLE_IP_FREE raises it
 * where many people share one address (the e2e suite, where every browser is 127.0.0.1;
 * a large office behind one NAT).
 */
export const IP_FREE = Number(process.env.LOGIN_THROTTLE_IP_FREE) || 30;
export const ACCOUNT_UNDER_ATTACK = 10;
export const MAX_DELAY_S = 15 * 60;
export const FORGET_MS = 60 * 60 * 1000;

interface Row {
	key: string;
	hits: number;
	blocked_until: Date | null;
	last_hit_at: Date;
}

export interface LoginKeys {
	pair: string;
	ip: string;
	account: string;
}

export function loginKeys(email: string, ip: string): LoginKeys {
	const e = email.trim().toLowerCase().slice(0, 254);
	return { pair: `login:pair:${e}|${ip}`, ip: `login:ip:${ip}`, account: `login:account:${e}` };
}

/** The wait after the n-th counted failure when the first `free` are free (0: none). */
export function delaySeconds(hits: number, free: number): number {
	if (hits < free) return 0;
	return Math.min(2 ** (hits - free), MAX_DELAY_S);
}

const fresh = (row: Row | undefined, now: Date) =>
	row && now.getTime() - row.last_hit_at.getTime() < FORGET_MS ? row : undefined;

export type Reservation = { ok: true; keys: LoginKeys } | { ok: false; retryAfter: number };

/**
 * Reserves a password check for this email and IP, or says how many seconds to wait.
 * The reservation counts as a failure until `settleLogin` says otherwise.
 */
export async function reserveLogin(db: DB, email: string, ip: string): Promise<Reservation> {
	const keys = loginKeys(email, ip);
	const now = new Date();
	const locked = [keys.pair, keys.ip].sort();
	const result = await db.transaction().execute(async (trx): Promise<Reservation> => {
		await trx
			.insertInto('auth_throttle')
			.values(locked.map((key) => ({ key, hits: 0, last_hit_at: now })))
			.onConflict((oc) => oc.column('key').doNothing())
			.execute();
		const rows = await trx
			.selectFrom('auth_throttle')
			.select(['key', 'hits', 'blocked_until', 'last_hit_at'])
			.where('key', 'in', [...locked, keys.account])
			.orderBy('key')
			.forUpdate()
			.execute();
		const byKey = new Map(rows.map((r) => [r.key, r]));
		const pair = fresh(byKey.get(keys.pair), now);
		const ipRow = fresh(byKey.get(keys.ip), now);
		const account = fresh(byKey.get(keys.account), now);

		const waits = [pair, ipRow]
			.map((r) => (r?.blocked_until ? r.blocked_until.getTime() - now.getTime() : 0))
			.filter((ms) => ms > 0);
		if (waits.length > 0) return { ok: false, retryAfter: Math.ceil(Math.max(...waits) / 1000) };

		const underAttack = (account?.hits ?? 0) >= ACCOUNT_UNDER_ATTACK;
		const pairHits = (pair?.hits ?? 0) + 1;
		const ipHits = (ipRow?.hits ?? 0) + 1;
		const pairDelay = delaySeconds(pairHits, underAttack ? PAIR_FREE_UNDER_ATTACK : PAIR_FREE);
		const ipDelay = delaySeconds(ipHits, IP_FREE);
		for (const [key, hits, delay] of [
			[keys.pair, pairHits, pairDelay],
			[keys.ip, ipHits, ipDelay]
		] as const) {
			await trx
				.updateTable('auth_throttle')
				.set({
					hits,
					blocked_until: delay > 0 ? new Date(now.getTime() + delay * 1000) : null,
					last_hit_at: now
				})
				.where('key', '=', key)
				.execute();
		}
		return { ok: true, keys };
	});
	// Now and then, forget keys nobody used for a day.
	if (Math.random() < 0.01) {
		await db
			.deleteFrom('auth_throttle')
			.where('last_hit_at', '<', new Date(now.getTime() - 24 * 3600 * 1000))
			.execute();
	}
	return result;
}

/**
 * After the password check: a right password clears the pair and takes its count
 * back from the IP; a wrong one adds to the account's count (the under-attack signal).
 */
export async function settleLogin(db: DB, keys: LoginKeys, success: boolean): Promise<void> {
	const now = new Date();
	if (success) {
		await db.deleteFrom('auth_throttle').where('key', '=', keys.pair).execute();
		await db
			.updateTable('auth_throttle')
			.set((eb) => ({
				hits: sql<number>`greatest(${eb.ref('hits')} - 1, 0)`,
				blocked_until: sql<Date | null>`case when ${eb.ref('hits')} - 1 < ${IP_FREE} then null else ${eb.ref('blocked_until')} end`
			}))
			.where('key', '=', keys.ip)
			.execute();
		return;
	}
	await countHit(db, keys.account, FORGET_MS, now);
}

/**
 * Counts one hit on `key` in a fixed window of `windowMs` (a new window starts at the
 * first hit after the previous one ended) and returns the count including this hit
 * and when the window ends. One statement: parallel hits each get their own number.
 */
export async function countHit(
	db: DB,
	key: string,
	windowMs: number,
	now: Date = new Date()
): Promise<{ hits: number; windowEndsAt: Date }> {
	const expired = new Date(now.getTime() - windowMs);
	const row = await db
		.insertInto('auth_throttle')
		.values({ key, hits: 1, window_started_at: now, last_hit_at: now })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet((eb) => ({
				hits: sql<number>`case when ${eb.ref('auth_throttle.window_started_at')} <= ${expired} then 1 else ${eb.ref('auth_throttle.hits')} + 1 end`,
				window_started_at: sql<Date>`case when ${eb.ref('auth_throttle.window_started_at')} <= ${expired} then ${now} else ${eb.ref('auth_throttle.window_started_at')} end`,
				last_hit_at: now
			}))
		)
		.returning(['hits', 'window_started_at'])
		.executeTakeFirstOrThrow();
	return { hits: row.hits, windowEndsAt: new Date(row.window_started_at.getTime() + windowMs) };
}
