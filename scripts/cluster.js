// Cluster mode for `npm start` (WEB_CONCURRENCY > 1): one primary process that only
// supervises, and that many app servers (workers) sharing the port. Node runs a server's
// JavaScript on one thread, so one process uses at most one core; on a machine with more,
// the workers let the app use them (issue 20, BENCHMARKS.md).
//
// - The workers start one after another: each runs pending migrations and the app role's
//   grants on start, and two of those at once could conflict. When the first exits before
//   it listens, the primary exits 1, as a single server would (the same failure would
//   repeat); a later one is replaced like any worker that dies.
// - A worker that dies later is replaced: after a second, and after each further death
//   within a minute twice as long, up to 30 s (a worker that cannot start while the
//   database is down keeps trying, without a storm of processes).
// - SIGTERM/SIGINT go to every worker; each stops as a single server does (adapter-node:
//   stop accepting, finish running requests, close the pool). The primary exits 0 when
//   the last one has.
//
// Workers need PostgreSQL (DATABASE_URL): the embedded PGlite database is a directory
// that one process at a time may open, so without DATABASE_URL serve.js stays single.
import cluster from 'node:cluster';
import pino from 'pino';

const RESTART_WINDOW_MS = 60_000;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/**
 * The number of workers WEB_CONCURRENCY asks for: a whole number from 1 to 64, else 1.
 * @param {string | undefined} value
 */
export function workerCount(value) {
	const n = Number(value ?? 1);
	return Number.isInteger(n) && n >= 1 && n <= 64 ? n : 1;
}

/**
 * How long to wait before replacing a worker that died at `now`, given the earlier deaths
 * (times in ms; the array is updated): 1 s, doubled for each other death within the last
 * minute, at most 30 s.
 * @param {number[]} deaths
 * @param {number} now
 */
export function restartDelay(deaths, now) {
	deaths.push(now);
	while (deaths.length && deaths[0] <= now - RESTART_WINDOW_MS) deaths.shift();
	return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (deaths.length - 1));
}

/** @param {number} size */
export async function runPrimary(size) {
	const log = pino({ level: process.env.LOG_LEVEL ?? 'info' }).child({ role: 'primary' });
	/** @type {number[]} */
	const deaths = [];
	let started = false;
	let stopping = false;

	/**
	 * Forks one worker and resolves when it listens; rejects when it exits before.
	 * @returns {Promise<import('node:cluster').Worker>}
	 */
	const fork = () =>
		new Promise((resolve, reject) => {
			const worker = cluster.fork();
			/** @param {number} code @param {string} signal */
			const early = (code, signal) =>
				reject(new Error(`worker exited before listening (code ${code}, signal ${signal})`));
			worker.once('exit', early);
			worker.once('listening', () => {
				worker.off('exit', early);
				resolve(worker);
			});
		});

	/** @param {NodeJS.Signals} signal */
	const stopAll = (signal) => {
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
	};

	/** @param {NodeJS.Signals} signal */
	const shutdown = (signal) => {
		if (stopping) return;
		stopping = true;
		log.info({ signal }, 'stopping the workers');
		stopAll(signal);
	};
	process.on('SIGTERM', () => shutdown('SIGTERM'));
	process.on('SIGINT', () => shutdown('SIGINT'));

	cluster.on('exit', (worker, code, signal) => {
		if (stopping) {
			if (!Object.keys(cluster.workers ?? {}).length) {
				log.info('all workers stopped');
				process.exit(process.exitCode ?? 0);
			}
			return;
		}
		// During the start, fork() itself reports a worker that exits.
		if (!started) return;
		const delay = restartDelay(deaths, Date.now());
		log.error(
			{ worker: worker.process.pid, code, signal, restartInMs: delay },
			'a worker died: starting a new one'
		);
		setTimeout(() => {
			if (stopping) return;
			// A replacement that dies before it listens is reported (and replaced) by this
			// handler like any other death.
			fork().catch(() => {});
		}, delay);
	});

	try {
		await fork();
	} catch (err) {
		log.fatal({ err }, 'the first worker did not start');
		stopping = true;
		stopAll('SIGTERM');
		process.exitCode = 1;
		return;
	}
	// Serving from here on: a worker that dies while the others start is replaced like any.
	started = true;
	for (let i = 1; i < size; i++) await fork().catch(() => {});
	log.info({ workers: Object.keys(cluster.workers ?? {}).length }, 'listening');
}
