import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RequestContext } from '../../src/lib/server/auth/context';
import { inviteMember } from '../../src/lib/server/accounts/members';
import { planConversation } from '../../src/lib/server/conversations/plan';
import { runReminders } from '../../src/lib/server/conversations/reminders';
import { runJobRound } from '../../src/lib/server/conversations/scheduler';
import { listTemplates } from '../../src/lib/server/conversations/templates';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { log } from '../../src/lib/server/log';
import type { Mail } from '../../src/lib/server/mail/index';
import {
	backoffMs,
	deliverOutbox,
	enqueueMail,
	OUTBOX_MAX_ATTEMPTS
} from '../../src/lib/server/mail/outbox';
import { configuredOrigin } from '../../src/lib/server/origin';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, mailsTo } from './fixtures';

const DELINDE = 'zorggroep-de-linde';
const ORIGIN = 'https://vakmaat.example.nl';
const MINUTE = 60_000;

let t: TestDatabase;
let ahmed: RequestContext;
let hr: RequestContext;
let fatimaLearner: string;

/** 'YYYY-MM-DD' n days from now (relative: true whatever day the suite runs). */
const inDays = (days: number) =>
	new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);

/** A transport that records what it sends and throws while `failing` says so. */
function recorder(failing: (n: number, mail: Mail) => boolean = () => false) {
	const sent: Mail[] = [];
	let calls = 0;
	const transport = (mail: Mail) => {
		calls++;
		if (failing(calls, mail)) return Promise.reject(new Error(`smtp down (call ${String(calls)})`));
		sent.push(mail);
		return Promise.resolve();
	};
	return { sent, transport };
}

async function outbox() {
	return t.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
}

async function planFor(learnerId: string, days: number, time: string) {
	const template = (await listTemplates(t.db, ahmed)).find(
		(x) => x.name === 'Reflectiegesprek' && x.isDefault
	)?.id;
	if (!template) throw new Error('no Reflectiegesprek template');
	return planConversation(
		t.db,
		ahmed,
		{
			learnerId,
			templateId: template,
			plannedDate: inDays(days),
			plannedTime: time,
			trainerId: ahmed.user.id
		},
		ORIGIN
	);
}

beforeAll(async () => {
	// The failures below are meant: keep their warnings out of the test output.
	vi.spyOn(log, 'warn').mockImplementation(() => undefined);
	t = await createTestDatabase();
	await seedDemo(t.db);
	ahmed = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
	hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
	const fatima = await contextFor(t.db, 'lerende@delinde.example', DELINDE);
	fatimaLearner = (
		await t.db
			.selectFrom('learner')
			.select('id')
			.where('company_id', '=', fatima.company.id)
			.where('user_id', '=', fatima.user.id)
			.executeTakeFirstOrThrow()
	).id;
});
afterAll(async () => {
	vi.restoreAllMocks();
	await t.close();
});

describe('reminders through the outbox', () => {
	it('a transport failing halfway through a batch, then a rerun: every mail delivered exactly once', async () => {
		// Five conversations in the reminder window: ten reminders, plus whatever the demo
		// has due (its overdue action).
		const planned: string[] = [];
		for (const [days, time] of [
			[1, '09:00'],
			[1, '11:00'],
			[1, '15:00'],
			[2, '10:00'],
			[2, '14:00']
		] as const) {
			planned.push(await planFor(fatimaLearner, days, time));
		}
		// The planning mails went out at once (request mails use the outbox too).
		const before = await outbox();
		expect(before.every((r) => r.status === 'sent')).toBe(true);

		const queued = await runReminders(t.db, { origin: ORIGIN });
		expect(queued.conversations).toBeGreaterThanOrEqual(5);
		expect(queued.mails).toBeGreaterThanOrEqual(10);
		const rows = (await outbox()).slice(before.length);
		expect(rows).toHaveLength(queued.mails);
		expect(rows.every((r) => r.kind === 'reminder' && r.status === 'pending')).toBe(true);

		// The mail server goes down after the third mail.
		const now = Date.now();
		const first = recorder((n) => n > 3);
		const run1 = await deliverOutbox(t.db, {
			transport: first.transport,
			now: () => new Date(now)
		});
		expect(run1).toEqual({ sent: 3, retrying: queued.mails - 3, failed: 0 });

		// A rerun of the job queues nothing new; the sender sends nothing before the backoff.
		expect(await runReminders(t.db, { origin: ORIGIN })).toMatchObject({ mails: 0 });
		const second = recorder();
		const early = await deliverOutbox(t.db, {
			transport: second.transport,
			now: () => new Date(now + 30_000)
		});
		expect(early.sent).toBe(0);

		// After the backoff, the rest go out; the first three are not sent again.
		const later = await deliverOutbox(t.db, {
			transport: second.transport,
			now: () => new Date(now + backoffMs(1) + 1000)
		});
		expect(later).toEqual({ sent: queued.mails - 3, retrying: 0, failed: 0 });
		expect(
			(
				await deliverOutbox(t.db, {
					transport: second.transport,
					now: () => new Date(now + 3_600_000)
				})
			).sent
		).toBe(0);

		const all = [...first.sent, ...second.sent];
		const key = (m: Mail) => `${m.to}\n${m.subject}\n${m.text}`;
		expect(all).toHaveLength(queued.mails);
		expect(new Set(all.map(key)).size).toBe(queued.mails);
		expect(all.map(key).sort()).toEqual(
			rows.map((r) => `${r.recipient}\n${r.subject}\n${r.body}`).sort()
		);
		// each planned conversation reminded learner and trainer once
		for (const id of planned) {
			const about = all.filter((m) => m.text.includes(`${ORIGIN}/o/${DELINDE}/gesprekken/${id}`));
			expect(about.map((m) => m.to).sort()).toEqual([
				'lerende@delinde.example',
				'opleider@delinde.example'
			]);
		}
		const after = await t.db
			.selectFrom('mail_outbox')
			.select(['status', 'attempts', 'sent_at'])
			.where(
				'id',
				'in',
				rows.map((r) => r.id)
			)
			.execute();
		expect(after.every((r) => r.status === 'sent' && r.sent_at)).toBe(true);
		expect(after.filter((r) => r.attempts === 2)).toHaveLength(queued.mails - 3);
	});

	it('concurrent senders (several app servers) send every row once', async () => {
		const mails = Array.from({ length: 40 }, (_, i) => ({
			to: `bulk${String(i)}@example.nl`,
			subject: `Bulk ${String(i)}`,
			text: `Mail ${String(i)}`
		}));
		await t.db.transaction().execute((trx) => enqueueMail(trx, 'other', mails));
		const sent: string[] = [];
		const slow = async (mail: Mail) => {
			await new Promise((resolve) => setTimeout(resolve, 2));
			sent.push(mail.to);
		};
		const results = await Promise.all(
			[1, 2, 3, 4].map(() => deliverOutbox(t.db, { transport: slow, batch: 7 }))
		);
		expect(results.reduce((n, r) => n + r.sent, 0)).toBe(40);
		expect(sent).toHaveLength(40);
		expect(new Set(sent).size).toBe(40);
	});

	it('a mail that keeps failing is retried with growing delays, then marked failed and logged', async () => {
		const [id] = await t.db
			.transaction()
			.execute((trx) =>
				enqueueMail(trx, 'other', [{ to: 'kapot@example.nl', subject: 'Kapot', text: 'Nooit' }])
			);
		const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
		const broken = recorder(() => true);
		let clock = Date.now();
		const delays: number[] = [];
		for (let attempt = 1; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
			const result = await deliverOutbox(t.db, {
				ids: attempt === 1 ? [id] : undefined,
				transport: broken.transport,
				now: () => new Date(clock)
			});
			const row = await t.db
				.selectFrom('mail_outbox')
				.selectAll()
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			expect(row.attempts).toBe(attempt);
			expect(row.last_error).toContain('smtp down');
			if (attempt < OUTBOX_MAX_ATTEMPTS) {
				expect(result).toEqual({ sent: 0, retrying: 1, failed: 0 });
				expect(row.status).toBe('pending');
				const delay = row.next_attempt_at.getTime() - clock;
				delays.push(delay);
				// not tried again before its time
				const tooEarly = await deliverOutbox(t.db, {
					transport: broken.transport,
					now: () => new Date(clock + delay - 1000)
				});
				expect(tooEarly).toEqual({ sent: 0, retrying: 0, failed: 0 });
				clock += delay;
			} else {
				expect(result).toEqual({ sent: 0, retrying: 0, failed: 1 });
				expect(row.status).toBe('failed');
			}
		}
		expect(delays).toEqual(
			Array.from({ length: OUTBOX_MAX_ATTEMPTS - 1 }, (_, i) => 2 ** i * MINUTE)
		);
		expect(errors).toHaveBeenCalledWith(
			expect.objectContaining({ mailId: id, attempts: OUTBOX_MAX_ATTEMPTS }),
			'mail given up after the last attempt'
		);
		errors.mockRestore();
		// a failed row is never picked up again
		const much = await deliverOutbox(t.db, { now: () => new Date(clock + 24 * 3600_000) });
		expect(much.sent).toBe(0);
	});
});

describe('request mails', () => {
	it('an invitation is queued with its token and delivered right after the commit', async () => {
		await inviteMember(t.db, hr, { email: 'outbox.nieuw@example.nl', roles: ['learner'] }, ORIGIN);
		const row = await t.db
			.selectFrom('mail_outbox')
			.selectAll()
			.where('recipient', '=', 'outbox.nieuw@example.nl')
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ kind: 'invitation', status: 'sent', attempts: 1 });
		expect(mailsTo('outbox.nieuw@example.nl')).toHaveLength(1);
		expect(mailsTo('outbox.nieuw@example.nl')[0].text).toContain(`${ORIGIN}/uitnodiging/`);
	});
});

describe('links use the configured public origin', () => {
	it('ORIGIN, never a guessed localhost address', () => {
		expect(configuredOrigin({ ORIGIN: 'https://vakmaat.example.nl/' })).toBe(ORIGIN);
		expect(configuredOrigin({ ORIGIN: ' http://10.0.0.5:3000 ' })).toBe('http://10.0.0.5:3000');
		expect(configuredOrigin({})).toBeNull();
		expect(configuredOrigin({ ORIGIN: 'vakmaat.nl' })).toBeNull();
	});

	it('the scheduler’s round links reminders to ORIGIN, and without it queues none', async () => {
		const id = await planFor(fatimaLearner, 1, '16:30');
		const count = async () => (await outbox()).length;
		const before = await count();
		await runJobRound(t.db, configuredOrigin({}));
		expect(await count()).toBe(before);

		await runJobRound(t.db, configuredOrigin({ ORIGIN: `${ORIGIN}/` }));
		const reminders = (await outbox())
			.slice(before)
			.filter((r) => r.body.includes(`/gesprekken/${id}`));
		expect(reminders).toHaveLength(2);
		for (const r of reminders) {
			expect(r.body).toContain(`${ORIGIN}/o/${DELINDE}/gesprekken/${id}`);
			expect(r.status).toBe('sent');
		}
		const anywhere = await sql<{ n: number }>`select count(*)::int as n from mail_outbox
			where body like '%localhost:5173%'`.execute(t.db);
		expect(anywhere.rows[0].n).toBe(0);
	});
});
