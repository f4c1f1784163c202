import type { DB } from '../db';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { runHousekeeping } from '../housekeeping';
import { log } from '../log';
import { deliverOutbox } from '../mail/outbox';
import { configuredOrigin } from '../origin';
import { runReminders } from './reminders';
import { sendDueCultureMails } from '../culture/rounds';
import { applyDueMembershipEnds } from '../privacy/leave';
import { runAnonymisation } from '../privacy/anonymise';

/**
 * A small interval scheduler for the background jobs. Every app server runs it; each job
 * makes sure only one server does the work at a time (advisory lock, `skip locked`).
 *
 * - every JOBS_INTERVAL_SECONDS (default 900): conversation reminders (queued in the
 *   mail outbox), planned membership ends that came due (privacy/leave.ts), then the
 *   housekeeping and the anonymisation of former members (privacy/anonymise.ts) when
 *   each last ran a day ago or longer;
 * - every MAIL_INTERVAL_SECONDS (default 60): the outbox's sender (due mails and retries).
 *
 * JOBS=off switches it off (tests, one-off scripts; request mails are still delivered
 * right after their commit). Reminder links need the public origin: `ORIGIN`, or the
 * `origin` function given (the dev server passes the origin of its first request); while
 * there is none the reminders wait, and say so once. Started once per process.
 */
const KEY = Symbol.for('vakmaat.jobs');
type Holder = { [KEY]?: NodeJS.Timeout[] };

/** Runs `fn` unless its previous run is still busy; every error is logged, none escapes. */
function exclusive(name: string, fn: () => Promise<unknown>): () => void {
	let running = false;
	return () => {
		if (running) return;
		running = true;
		void fn()
			.catch((err: unknown) => {
				log.error({ err, job: name }, 'background job failed');
			})
			.finally(() => {
				running = false;
			});
	};
}

let warned = false;

/**
 * One round of the periodic jobs: the reminders (only with a public origin for their
 * links), the outbox's sender for what they queued, the housekeeping when it is due.
 */
export async function runJobRound(db: DB, origin: string | null): Promise<void> {
	if (origin) {
		await runReminders(db, { origin });
		// Learning-culture scans: invitations on the opening day, reminders, clean-up.
		await sendDueCultureMails(db, origin);
		await deliverOutbox(db);
	} else if (!warned) {
		warned = true;
		log.warn(
			'ORIGIN is not set: conversation reminders and scan invitations wait (their links need it)'
		);
	}
	// Leaving a company (issue 18): planned ends that came due, every round; the
	// anonymisation of members whose company's retention period passed, once a day.
	await applyDueMembershipEnds(db);
	await runHousekeeping(db);
	await runAnonymisation(db);
}

export function startJobs(
	getDb: () => Promise<DB>,
	env: NodeJS.ProcessEnv = process.env,
	origin: () => string | null = () => configuredOrigin(env)
): boolean {
	if (env.JOBS === 'off') return false;
	const holder = globalThis as Holder;
	if (holder[KEY]) return false;
	const seconds = (value: string | undefined, fallback: number, min: number) =>
		Math.max(min, Number(value ?? fallback) || fallback);
	const jobSeconds = seconds(env.JOBS_INTERVAL_SECONDS, 900, 10);
	const mailSeconds = seconds(env.MAIL_INTERVAL_SECONDS, 60, 5);

	// Reminders, outbox and housekeeping work for every company.
	const jobs = exclusive('jobs', async () => {
		const db = await getDb();
		await acrossCompanies(CROSS_COMPANY.jobs, () => runJobRound(db, origin()));
	});
	const mail = exclusive('mail', async () => {
		const db = await getDb();
		await acrossCompanies(CROSS_COMPANY.outbox, () => deliverOutbox(db));
	});

	const timers = [setInterval(jobs, jobSeconds * 1000), setInterval(mail, mailSeconds * 1000)];
	timers.push(setTimeout(jobs, 5_000));
	for (const timer of timers) timer.unref();
	holder[KEY] = timers;
	return true;
}

export function stopJobs(): void {
	const holder = globalThis as Holder;
	for (const timer of holder[KEY] ?? []) clearTimeout(timer);
	holder[KEY] = undefined;
}
