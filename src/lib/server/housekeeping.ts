import { sql, type RawBuilder } from 'kysely';
import type { DB } from './db';
import { sweepOrphanFiles } from './files/sweep';
import { log } from './log';

/**
 * The daily housekeeping: removes rows that no longer serve a purpose, so these tables
 * stay bounded at national scale (sizes: BENCHMARKS.md, "Housekeeping").
 *
 * - `login_attempt`: the login throttle looks back 15 minutes; a day is kept (the margin
 *   lets an operator look at yesterday's attack).
 * - `user_session`: expired sessions (a session past `expires_at` is refused anyway).
 * - `invitation`, `password_reset`: tokens 30 days after they stopped working (expired,
 *   used, revoked); until then an old link still says "used" or "expired" rather than
 *   "unknown". The audit log keeps who invited whom.
 * - `mail_outbox`: sent mails after 30 days, failed ones after 90.
 * - `form_token`: create forms' tokens (once.ts) after two days; a resubmit of a page
 *   older than that is rare, and the token only guards against creating twice.
 * - uploaded files: temp files and files without a row, an hour old (files/sweep.ts;
 *   also run on server start).
 * - `audit_log` is partitioned by month (migration 0030): the run makes sure the months
 *   up to three ahead have their partition (rows of a month without one would land in
 *   the default partition; nothing is lost, but that month's reads get slower).
 *
 * Deletes run in batches of `HOUSEKEEPING_BATCH` rows, each its own short statement, and
 * at most `HOUSEKEEPING_MAX_BATCHES` per table per run: the first run on a large backlog
 * takes a few runs, none holds locks for long.
 *
 * Once a day across all servers: under a transaction-scoped advisory lock (as the
 * reminders) the run claims `job_run` when the last run is at least a day old.
 */

export const HOUSEKEEPING_LOCK_KEY = 70_300_002;
const HOUR = 3600_000;
const DAY = 24 * HOUR;
export const HOUSEKEEPING_EVERY_MS = DAY;
export const RETENTION = {
	loginAttemptMs: DAY,
	tokenMs: 30 * DAY,
	sentMailMs: 30 * DAY,
	failedMailMs: 90 * DAY,
	formTokenMs: 2 * DAY
} as const;
export const HOUSEKEEPING_BATCH = 5_000;
/** Months ahead of the current one that always have their audit-log partition. */
export const AUDIT_PARTITIONS_AHEAD = 3;
export const HOUSEKEEPING_MAX_BATCHES = 200;

export interface HousekeepingResult {
	/** Another server runs it, or it ran less than a day ago. */
	skipped: boolean;
	deleted: {
		loginAttempts: number;
		sessions: number;
		invitations: number;
		passwordResets: number;
		mails: number;
		formTokens: number;
		/** Expired single-use links to a personal-data export (privacy/download.ts). */
		exportLinks: number;
		/** Files in FILES_DIR: temp files of interrupted uploads and files without a row. */
		files: number;
	};
	/** Audit-log partitions created (months that had none yet). */
	auditPartitions: number;
}

/**
 * Claims today's run of a daily job across all servers: under a transaction-scoped
 * advisory lock (`lockKey`), `job_run` is set to `now` only when the job's last run is at
 * least a day old. True: this caller runs it. Used by the housekeeping and the
 * anonymisation (privacy/anonymise.ts).
 */
export async function claimDailyRun(
	db: DB,
	lockKey: number,
	job: string,
	now: Date
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const lock = await sql<{ ok: boolean }>`
			select pg_try_advisory_xact_lock(${lockKey}::bigint) as ok`.execute(trx);
		if (!lock.rows[0].ok) return false;
		const claimed = await sql`
			insert into job_run (job, last_run_at) values (${job}, ${now})
			on conflict (job) do update set last_run_at = excluded.last_run_at
			where job_run.last_run_at <= ${new Date(now.getTime() - DAY)}
			returning job`.execute(trx);
		return claimed.rows.length > 0;
	});
}

export async function runHousekeeping(
	db: DB,
	opts: { now?: Date; batch?: number } = {}
): Promise<HousekeepingResult> {
	const now = opts.now ?? new Date();
	const batch = opts.batch ?? HOUSEKEEPING_BATCH;
	const deleted = {
		loginAttempts: 0,
		sessions: 0,
		invitations: 0,
		passwordResets: 0,
		mails: 0,
		formTokens: 0,
		exportLinks: 0,
		files: 0
	};

	const due = await claimDailyRun(db, HOUSEKEEPING_LOCK_KEY, 'housekeeping', now);
	if (!due) return { skipped: true, deleted, auditPartitions: 0 };

	const before = (ms: number) => new Date(now.getTime() - ms);
	const tokenCutoff = before(RETENTION.tokenMs);
	deleted.loginAttempts = await deleteInBatches(
		db,
		'login_attempt',
		sql`created_at < ${before(RETENTION.loginAttemptMs)}`,
		batch
	);
	deleted.sessions = await deleteInBatches(db, 'user_session', sql`expires_at < ${now}`, batch);
	deleted.invitations = await deleteInBatches(
		db,
		'invitation',
		sql`(expires_at < ${tokenCutoff} or accepted_at < ${tokenCutoff} or revoked_at < ${tokenCutoff})`,
		batch
	);
	deleted.passwordResets = await deleteInBatches(
		db,
		'password_reset',
		sql`(expires_at < ${tokenCutoff} or used_at < ${tokenCutoff})`,
		batch
	);
	deleted.mails = await deleteInBatches(
		db,
		'mail_outbox',
		sql`((status = 'sent' and created_at < ${before(RETENTION.sentMailMs)})
			or (status = 'failed' and created_at < ${before(RETENTION.failedMailMs)}))`,
		batch
	);
	deleted.formTokens = await deleteInBatches(
		db,
		'form_token',
		sql`created_at < ${before(RETENTION.formTokenMs)}`,
		batch
	);
	// Used or not, an expired link serves nothing (the download itself is in the audit log).
	deleted.exportLinks = await deleteInBatches(
		db,
		'personal_data_export',
		sql`expires_at < ${now}`,
		batch
	);
	// File ages are modification times: on the wall clock, not on `now`.
	const swept = await sweepOrphanFiles(db);
	deleted.files = swept.tempFiles + swept.orphanFiles;
	// Partitions are UTC months (the function truncates the date to its month).
	const partitions = await sql<{ made: number }>`
		select ensure_audit_log_partitions(${now.toISOString().slice(0, 10)}::date, ${AUDIT_PARTITIONS_AHEAD}) as made`.execute(
		db
	);
	const auditPartitions = partitions.rows[0].made;
	log.info({ deleted, auditPartitions }, 'housekeeping done');
	return { skipped: false, deleted, auditPartitions };
}

/** Deletes the rows matching `where`, `batch` at a time (by physical row id). */
async function deleteInBatches(
	db: DB,
	table: string,
	where: RawBuilder<unknown>,
	batch: number
): Promise<number> {
	let total = 0;
	for (let i = 0; i < HOUSEKEEPING_MAX_BATCHES; i++) {
		const result = await sql`
			delete from ${sql.table(table)}
			where ctid = any(array(select ctid from ${sql.table(table)} where ${where} limit ${batch}))`.execute(
			db
		);
		const n = Number(result.numAffectedRows ?? 0);
		total += n;
		if (n < batch) break;
	}
	return total;
}
