import { sql } from 'kysely';
import type { DB } from '../db';
import { log } from '../log';
import { sendMail, type Mail } from './index';

/**
 * The mail outbox (migration 0017). A mail is first a row in `mail_outbox`, written in
 * the same transaction as whatever it reports (a reminder's record, an invitation's
 * token): if that transaction rolls back there is no mail, if it commits the mail will
 * go out. A sender delivers committed rows:
 *
 * - it claims due rows with `for update skip locked` and moves their `next_attempt_at`
 *   forward by a lease in the same statement, so another app server's sender skips them
 *   (during the claim and while they are being sent);
 * - each row is sent on its own and marked `sent` right after, so a failure halfway
 *   through a batch never sends the earlier ones again;
 * - a failure sets the next attempt after an exponential backoff (1, 2, 4, … minutes);
 *   after `OUTBOX_MAX_ATTEMPTS` the row is `failed`, its error kept and logged.
 *
 * Delivery is at least once in one case only: a server that dies between sending a mail
 * and marking it sent sends it again when the lease ran out. Mail has no exactly-once
 * handshake; this is the smallest window there is.
 *
 * Requests deliver their own mails right after the commit (`deliverNow`), so an
 * invitation arrives as before; the scheduler delivers whatever is left and the
 * reminders.
 */

export type MailKind =
	| 'reminder'
	| 'invitation'
	| 'password_reset'
	| 'conversation'
	| 'nomination'
	| 'culture_scan'
	| 'other';

/**
 * Mails whose body holds a personal link (a login or a questionnaire): once sent, the
 * stored body is blanked, so the outbox never keeps a usable link — nor, for the
 * learning-culture scan, a way from a person to their anonymous answer.
 */
const LINK_KINDS: ReadonlySet<string> = new Set(['invitation', 'password_reset', 'culture_scan']);
export const REDACTED_BODY = '[sent; body removed: it held a personal link]';

/** Sends one mail or throws. The default is `sendMail` (SMTP or the mail folder). */
export type Transport = (mail: Mail) => Promise<void>;

/** Attempts before a row is given up (`failed`): about two hours of retrying. */
export const OUTBOX_MAX_ATTEMPTS = 8;
/** Delay after the first failed attempt; doubles with every further failure. */
export const OUTBOX_BACKOFF_MS = 60_000;
/** The longest delay between two attempts. */
export const OUTBOX_BACKOFF_MAX_MS = 6 * 3600_000;
/** A claimed row is left alone by other senders this long. */
export const OUTBOX_LEASE_MS = 10 * 60_000;
/** Rows claimed at once. */
export const OUTBOX_BATCH = 100;
/** Rows per insert statement (four parameters each, far below PostgreSQL's 65,535). */
const INSERT_CHUNK = 1000;

/** Delay before the next attempt after `attempts` failed ones (1 → 1 min, 2 → 2 min, …). */
export function backoffMs(attempts: number): number {
	return Math.min(OUTBOX_BACKOFF_MAX_MS, OUTBOX_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

/** Queues mails in the caller's transaction; returns their ids (for `deliverNow`). */
export async function enqueueMail(trx: DB, kind: MailKind, mails: Mail[]): Promise<number[]> {
	const ids: number[] = [];
	for (let i = 0; i < mails.length; i += INSERT_CHUNK) {
		const rows = await trx
			.insertInto('mail_outbox')
			.values(
				mails
					.slice(i, i + INSERT_CHUNK)
					.map((m) => ({ kind, recipient: m.to, subject: m.subject, body: m.text }))
			)
			.returning('id')
			.execute();
		ids.push(...rows.map((r) => r.id));
	}
	return ids;
}

export interface DeliveryResult {
	sent: number;
	/** Failed this time, tried again later. */
	retrying: number;
	/** Failed for the last time: status 'failed'. */
	failed: number;
}

export interface DeliveryOptions {
	/** Only these rows (a request's own mails); otherwise every due row. */
	ids?: number[];
	/** The clock (tests); default the current time. */
	now?: () => Date;
	transport?: Transport;
	batch?: number;
	maxAttempts?: number;
	/** Stop after this many batches (the next run continues). */
	maxBatches?: number;
}

type Claimed = {
	id: number;
	kind: string;
	recipient: string;
	subject: string;
	body: string;
	attempts: number;
};

async function claim(db: DB, now: Date, limit: number, ids?: number[]): Promise<Claimed[]> {
	// A request's own new rows are due at once, whatever the clocks of app and database
	// servers say; a row another sender claimed has attempts > 0 and waits for its lease.
	const due = ids
		? sql`id = any(${ids}::bigint[]) and (attempts = 0 or next_attempt_at <= ${now})`
		: sql`next_attempt_at <= ${now}`;
	const rows = await sql<Claimed>`
		with due as (
			select id from mail_outbox
			where status = 'pending' and ${due}
			order by next_attempt_at, id
			limit ${limit}
			for update skip locked
		)
		update mail_outbox o
		set attempts = o.attempts + 1,
			next_attempt_at = ${now}::timestamptz + make_interval(secs => ${OUTBOX_LEASE_MS / 1000})
		from due where o.id = due.id
		returning o.id, o.kind, o.recipient, o.subject, o.body, o.attempts`.execute(db);
	return rows.rows.sort((a, b) => a.id - b.id);
}

/** Delivers due rows of the outbox; never throws for a failing transport. */
export async function deliverOutbox(db: DB, opts: DeliveryOptions = {}): Promise<DeliveryResult> {
	const clock = opts.now ?? (() => new Date());
	const transport = opts.transport ?? sendMail;
	const batch = opts.batch ?? OUTBOX_BATCH;
	const maxAttempts = opts.maxAttempts ?? OUTBOX_MAX_ATTEMPTS;
	const maxBatches = opts.maxBatches ?? 50;
	const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
	if (opts.ids && opts.ids.length === 0) return result;

	for (let round = 0; round < maxBatches; round++) {
		const claimedAt = clock();
		const rows = await claim(db, claimedAt, batch, opts.ids);
		for (let i = 0; i < rows.length; i++) {
			const row = rows[i];
			// A slow transport must not outlive the lease: give the rest back untouched.
			if (clock().getTime() - claimedAt.getTime() > OUTBOX_LEASE_MS / 2) {
				await release(db, rows.slice(i), clock());
				return result;
			}
			try {
				await transport({ to: row.recipient, subject: row.subject, text: row.body });
			} catch (err) {
				const error = err instanceof Error ? err.message : String(err);
				if (row.attempts >= maxAttempts) {
					await db
						.updateTable('mail_outbox')
						.set({ status: 'failed', last_error: error.slice(0, 2000) })
						.where('id', '=', row.id)
						.execute();
					result.failed++;
					log.error(
						{ err, mailId: row.id, kind: row.kind, to: row.recipient, attempts: row.attempts },
						'mail given up after the last attempt'
					);
				} else {
					const next = new Date(clock().getTime() + backoffMs(row.attempts));
					await db
						.updateTable('mail_outbox')
						.set({ next_attempt_at: next, last_error: error.slice(0, 2000) })
						.where('id', '=', row.id)
						.execute();
					result.retrying++;
					log.warn(
						{ err, mailId: row.id, kind: row.kind, attempts: row.attempts, next },
						'mail not sent; retried later'
					);
				}
				continue;
			}
			await db
				.updateTable('mail_outbox')
				.set({
					status: 'sent',
					sent_at: clock(),
					last_error: null,
					...(LINK_KINDS.has(row.kind) ? { body: REDACTED_BODY } : {})
				})
				.where('id', '=', row.id)
				.execute();
			result.sent++;
		}
		if (rows.length < batch) break;
	}
	if (!opts.ids && (result.sent || result.retrying || result.failed)) {
		log.info(result, 'mail outbox delivered');
	}
	return result;
}

/** Rows claimed but not tried: due again now, the claim not counted as an attempt. */
async function release(db: DB, rows: Claimed[], now: Date): Promise<void> {
	await db
		.updateTable('mail_outbox')
		.set((eb) => ({ next_attempt_at: now, attempts: eb('attempts', '-', 1) }))
		.where(
			'id',
			'in',
			rows.map((r) => r.id)
		)
		.where('status', '=', 'pending')
		.execute();
}

/**
 * Delivers a request's own mails right after its commit. A failure is logged and left
 * to the outbox's retries: the user's action stands either way.
 */
export async function deliverNow(db: DB, ids: number[]): Promise<void> {
	if (!ids.length) return;
	try {
		await deliverOutbox(db, { ids });
	} catch (err) {
		log.error({ err, ids }, 'mail delivery after commit failed; the outbox retries');
	}
}
