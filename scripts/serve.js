// npm start — the production server (adapter-node) with Vakmaat's defaults:
// uploads of qualification exports (20 MB) and evidence files need more than
// adapter-node's default 512 KB request body. Override with BODY_SIZE_LIMIT.
//
// WEB_CONCURRENCY=N (N > 1) runs N app servers on the port under one supervising process
// (scripts/cluster.js), to use more than one core; only with PostgreSQL (DATABASE_URL).
import cluster from 'node:cluster';
import { runPrimary, workerCount } from './cluster.js';

process.env.BODY_SIZE_LIMIT ??= '25M';
const workers = workerCount(process.env.WEB_CONCURRENCY);
if (cluster.isPrimary && workers > 1 && process.env.DATABASE_URL) {
	await runPrimary(workers);
} else {
	if (cluster.isPrimary && workers > 1) {
		const { default: pino } = await import('pino');
		pino().warn('WEB_CONCURRENCY needs DATABASE_URL (PostgreSQL): running one server');
	}
	if (cluster.isWorker) {
		// adapter-node emits this on SIGTERM/SIGINT once the server stopped accepting
		// requests; the app then closes its pool. A worker's channel to the primary would
		// keep the process alive after that: let it go.
		process.once('sveltekit:shutdown', () => cluster.worker?.disconnect());
	}
	await import('../build/index.js');
}
