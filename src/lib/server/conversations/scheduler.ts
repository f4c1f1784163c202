import type { DB } from '../db';
import { log } from '../log';
import { runReminders } from './reminders';

/**
 * A small interval scheduler for the background jobs (today: conversation reminders).
 * Every app server runs it; the job itself makes sure only one does the work at a time
 * (advisory lock). JOBS=off switches it off (tests, one-off scripts);
 * JOBS_INTERVAL_SECONDS sets the interval (default 900). Started once per process.
 */
const KEY = Symbol.for('vakmaat.jobs');
type Holder = { [KEY]?: NodeJS.Timeout };

export function startJobs(getDb: () => Promise<DB>, env: NodeJS.ProcessEnv = process.env): boolean {
	if (env.JOBS === 'off') return false;
	const holder = globalThis as Holder;
	if (holder[KEY]) return false;
	const seconds = Math.max(10, Number(env.JOBS_INTERVAL_SECONDS ?? 900) || 900);
	const origin = env.ORIGIN ?? 'http://localhost:5173';
	let running = false;
	const run = async () => {
		if (running) return;
		running = true;
		try {
			await runReminders(await getDb(), { origin });
		} catch (err) {
			log.error({ err }, 'reminder job failed');
		} finally {
			running = false;
		}
	};
	// run() handles its own errors; the timers only start it.
	const tick = () => void run();
	holder[KEY] = setInterval(tick, seconds * 1000);
	holder[KEY].unref();
	setTimeout(tick, 5_000).unref();
	return true;
}

export function stopJobs(): void {
	const holder = globalThis as Holder;
	if (holder[KEY]) clearInterval(holder[KEY]);
	delete holder[KEY];
}
