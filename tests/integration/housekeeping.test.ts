import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	HOUSEKEEPING_LOCK_KEY,
	runHousekeeping,
	type HousekeepingResult
} from '../../src/lib/server/housekeeping';
import { log } from '../../src/lib/server/log';
import { createTestDatabase, type TestDatabase } from './db';
import { userId } from './fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let t: TestDatabase;
let user: string;
let company: string;
/** The run's clock; every row below is placed relative to it. */
const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms);
const ahead = (ms: number) => new Date(now.getTime() + ms);

beforeAll(async () => {
	vi.spyOn(log, 'info').mockImplementation(() => undefined);
	t = await createTestDatabase();
	await seedDemo(t.db);
	user = await userId(t.db, 'lerende@delinde.example');
	company = (
		await t.db
			.selectFrom('company')
			.select('id')
			.where('slug', '=', 'zorggroep-de-linde')
			.executeTakeFirstOrThrow()
	).id;
	// Start from a known state: only the rows below.
	for (const table of [
		'login_attempt',
		'user_session',
		'invitation',
		'password_reset',
		'mail_outbox'
	]) {
		await sql`delete from ${sql.table(table)}`.execute(t.db);
	}

	await t.db
		.insertInto('login_attempt')
		.values(
			(
				[
					['gone-2d', ago(2 * DAY)],
					['gone-25h', ago(25 * HOUR)],
					['kept-23h', ago(23 * HOUR)],
					['kept-5m', ago(5 * MINUTE)]
				] as const
			).map(([email, at]) => ({ email, ip: '192.0.2.1', success: false, created_at: at }))
		)
		.execute();
	await t.db
		.insertInto('user_session')
		.values(
			(
				[
					['gone-expired', ago(MINUTE)],
					['gone-long-expired', ago(40 * DAY)],
					['kept-valid', ahead(DAY)]
				] as const
			).map(([id, expires]) => ({ id, user_id: user, expires_at: expires }))
		)
		.execute();
	const invitation = (
		email: string,
		expires: Date,
		extra: { accepted_at?: Date; revoked_at?: Date } = {}
	) => ({
		company_id: company,
		email,
		roles: ['learner' as const],
		token_hash: email,
		expires_at: expires,
		...extra
	});
	await t.db
		.insertInto('invitation')
		.values([
			invitation('gone-expired-31d@example.nl', ago(31 * DAY)),
			invitation('gone-accepted-40d@example.nl', ago(33 * DAY), { accepted_at: ago(40 * DAY) }),
			invitation('gone-revoked-31d@example.nl', ahead(DAY), { revoked_at: ago(31 * DAY) }),
			invitation('kept-expired-2d@example.nl', ago(2 * DAY)),
			invitation('kept-accepted-1d@example.nl', ahead(6 * DAY), { accepted_at: ago(DAY) }),
			invitation('kept-open@example.nl', ahead(7 * DAY))
		])
		.execute();
	await t.db
		.insertInto('password_reset')
		.values(
			(
				[
					['gone-expired-31d', ago(31 * DAY), null],
					['gone-used-40d', ago(40 * DAY), ago(40 * DAY)],
					['kept-used-1d', ago(DAY), ago(DAY)],
					['kept-valid', ahead(HOUR), null]
				] as const
			).map(([token, expires, used]) => ({
				user_id: user,
				token_hash: token,
				expires_at: expires,
				used_at: used
			}))
		)
		.execute();
	await t.db
		.insertInto('mail_outbox')
		.values(
			(
				[
					['gone-sent-31d', 'sent', ago(31 * DAY)],
					['kept-sent-29d', 'sent', ago(29 * DAY)],
					['gone-failed-91d', 'failed', ago(91 * DAY)],
					['kept-failed-31d', 'failed', ago(31 * DAY)],
					['kept-pending-40d', 'pending', ago(40 * DAY)]
				] as const
			).map(([recipient, status, at]) => ({
				kind: 'other',
				recipient,
				subject: 's',
				body: 'b',
				status,
				created_at: at,
				sent_at: status === 'sent' ? at : null
			}))
		)
		.execute();
	await t.db
		.insertInto('personal_data_export')
		.values(
			(
				[
					['gone-expired', ago(MINUTE), null],
					['gone-used', ago(HOUR), ago(2 * HOUR)],
					['kept-valid', ahead(5 * MINUTE), null]
				] as const
			).map(([token, expires, used]) => ({
				user_id: user,
				token_hash: token,
				expires_at: expires,
				used_at: used
			}))
		)
		.execute();
});
afterAll(async () => {
	vi.restoreAllMocks();
	await t.close();
});

const left = async () => ({
	loginAttempts: (
		await t.db.selectFrom('login_attempt').select('email').orderBy('email').execute()
	).map((r) => r.email),
	sessions: (await t.db.selectFrom('user_session').select('id').orderBy('id').execute()).map(
		(r) => r.id
	),
	invitations: (await t.db.selectFrom('invitation').select('email').orderBy('email').execute()).map(
		(r) => r.email
	),
	passwordResets: (
		await t.db.selectFrom('password_reset').select('token_hash').orderBy('token_hash').execute()
	).map((r) => r.token_hash),
	mails: (
		await t.db.selectFrom('mail_outbox').select('recipient').orderBy('recipient').execute()
	).map((r) => r.recipient),
	exportLinks: (
		await t.db
			.selectFrom('personal_data_export')
			.select('token_hash')
			.orderBy('token_hash')
			.execute()
	).map((r) => r.token_hash)
});

describe('housekeeping', () => {
	let first: HousekeepingResult;

	it.runIf(!!process.env.TEST_DATABASE_URL)(
		'skips while another server holds the lock (PostgreSQL)',
		async () => {
			await t.db.transaction().execute(async (trx) => {
				await sql`select pg_advisory_xact_lock(${HOUSEKEEPING_LOCK_KEY}::bigint)`.execute(trx);
				expect((await runHousekeeping(t.db, { now })).skipped).toBe(true);
			});
		}
	);

	it('removes what no longer serves a purpose, in small batches, and keeps the rest', async () => {
		first = await runHousekeeping(t.db, { now, batch: 1 });
		expect(first).toEqual({
			skipped: false,
			deleted: {
				loginAttempts: 2,
				sessions: 2,
				invitations: 3,
				passwordResets: 2,
				mails: 2,
				formTokens: 0,
				exportLinks: 2,
				files: 0
			},
			// The migration prepared the audit log's months a year ahead.
			auditPartitions: 0
		});
		expect(await left()).toEqual({
			loginAttempts: ['kept-23h', 'kept-5m'],
			sessions: ['kept-valid'],
			invitations: [
				'kept-accepted-1d@example.nl',
				'kept-expired-2d@example.nl',
				'kept-open@example.nl'
			],
			passwordResets: ['kept-used-1d', 'kept-valid'],
			mails: ['kept-failed-31d', 'kept-pending-40d', 'kept-sent-29d'],
			exportLinks: ['kept-valid']
		});
	});

	it('runs once a day across all servers', async () => {
		expect(await runHousekeeping(t.db, { now: ahead(HOUR) })).toMatchObject({ skipped: true });
		expect(await runHousekeeping(t.db, { now: ahead(23 * HOUR) })).toMatchObject({
			skipped: true
		});
		const nextDay = await runHousekeeping(t.db, { now: ahead(DAY + MINUTE) });
		expect(nextDay.skipped).toBe(false);
		// a day later the two login attempts and the session have aged out as well
		expect(nextDay.deleted).toMatchObject({ loginAttempts: 2, sessions: 1 });
	});
});
