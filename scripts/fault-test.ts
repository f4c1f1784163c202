/**
 * Fault test (issue 19): a database restart is an outage of seconds, not a crash.
 *
 * Creates a PostgreSQL 15 cluster of its own (FAULT_PG_PORT, default 5499) in a temp
 * directory, migrates and seeds it, starts the production build against it (FAULT_PORT,
 * default 4303) and, under read load (logged-in GETs) and form-write load (a form action
 * that adds a development goal), (a) restarts the cluster, (b) terminates the app's
 * connections, (c) stops the cluster for 5 s and starts it again. It asserts that the
 * Node process survives, that failures are fast 503s (never a 500, never a hang), that
 * errors stop within a few seconds of the database being back, and that every write the
 * app acknowledged is in the database. Prints the figures per phase; removes its cluster
 * and server on exit, also on failure.
 *
 * The server runs as `npm start` does, in cluster mode with FAULT_WORKERS app servers
 * (default 2, WEB_CONCURRENCY; scripts/cluster.js). With more than one, (d) kills a worker
 * (SIGKILL): only requests it was serving at that moment may fail (no response), the
 * others keep being served, and the primary starts a new worker.
 *
 *   npm run test:fault                     # builds first
 *   FAULT_REUSE_BUILD=1 npm run test:fault # uses ./build as it is
 *
 * As root (CI) initdb and pg_ctl run as the `postgres` OS user (PostgreSQL refuses root).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	appendFileSync,
	chownSync,
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { appRoleEnv } from './app-role';
import { childrenOf } from './proc';

const PG_BIN = process.env.FAULT_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const PG_PORT = Number(process.env.FAULT_PG_PORT ?? 5499);
const APP_PORT = Number(process.env.FAULT_PORT ?? 4303);
const REUSE_BUILD = process.env.FAULT_REUSE_BUILD === '1';
const DB_NAME = 'vakmaat_fault';
const BASE = `http://127.0.0.1:${APP_PORT}`;
const ORIGIN = `http://localhost:${APP_PORT}`;
const COMPANY = 'zorggroep-de-linde';
const READ_PATHS = [
	`/o/${COMPANY}/praktijkopleider`,
	`/o/${COMPANY}/praktijkopleider/profiel/ontwikkeling`,
	'/kwalificaties',
	'/account'
];
const WRITE_PATH = `/o/${COMPANY}/praktijkopleider/profiel/ontwikkeling?/goal`;
const WORKERS = Number(process.env.FAULT_WORKERS ?? 2);
/** After a worker is killed, requests that started this long after still may have gone to it. */
const KILL_GRACE_MS = 500;
const READERS = 4;
const WRITERS = 2;
const PAUSE_MS = 40;

/** Limits the test holds the app to. */
const MAX_RECOVERY_S = 5;
const MAX_REQUEST_MS = 7_000;
const REQUEST_ABORT_MS = 20_000;

const runId = Date.now().toString(36);
const isRoot = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'vakmaat-fault-'));
const dataDir = join(dir, 'data');
const appDir = join(dir, 'app');
const pgLog = join(dir, 'postgresql.log');
const serverLogPath = join(appDir, 'server.log');
let server: ChildProcess | undefined;
let clusterStarted = false;
let cleanedUp = false;
let stopping = false;

// ---------------------------------------------------------------- processes

function pgCommand(bin: string, args: string[]): [string, string[]] {
	const path = join(PG_BIN, bin);
	return isRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

function run(bin: string, args: string[]): Promise<void> {
	const [cmd, argv] = pgCommand(bin, args);
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`${bin} ${args.join(' ')} → ${code}\n${out}`))
		);
	});
}

const pgCtl = (...args: string[]) =>
	run('pg_ctl', ['-D', dataDir, '-l', pgLog, '-w', '-t', '60', ...args]);

function cleanup(): void {
	if (cleanedUp) return;
	cleanedUp = true;
	if (server && server.exitCode === null) server.kill('SIGKILL');
	if (clusterStarted) {
		const [cmd, argv] = pgCommand('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
		spawnSync(cmd, argv, { stdio: 'ignore' });
	}
	if (process.env.FAULT_KEEP_DIR !== '1') rmSync(dir, { recursive: true, force: true });
	else console.log(`kept ${dir}`);
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		cleanup();
		process.exit(130);
	});
}

async function createCluster(): Promise<string> {
	if (isRoot) {
		const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString());
		const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString());
		chownSync(dir, uid, gid);
	}
	await run('initdb', [
		'-D',
		dataDir,
		'-U',
		'postgres',
		'-A',
		'trust',
		'-E',
		'UTF8',
		'--locale=C.UTF-8',
		'--no-sync'
	]);
	// In the configuration file, so that every later start and restart uses it too.
	appendFileSync(
		join(dataDir, 'postgresql.conf'),
		`\nport = ${PG_PORT}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\n` +
			`max_connections = 40\nlogging_collector = off\n`
	);
	await run('pg_ctl', ['-D', dataDir, '-l', pgLog, '-w', '-t', '60', 'start']);
	clusterStarted = true;
	const admin = new pg.Client({ connectionString: adminUrl() });
	admin.on('error', () => {});
	await admin.connect();
	await admin.query(`create database ${DB_NAME}`);
	await admin.end();
	return `postgres://postgres@127.0.0.1:${PG_PORT}/${DB_NAME}`;
}

const adminUrl = () => `postgres://postgres@127.0.0.1:${PG_PORT}/postgres`;

async function migrateAndSeed(url: string) {
	mkdirSync(appDir, { recursive: true });
	process.env.FILES_DIR = join(appDir, 'files');
	process.env.MAIL_DIR = join(appDir, 'mail');
	const { openDatabase } = await import('../src/lib/server/db/index');
	const { migrateToLatest } = await import('../src/lib/server/db/migrate');
	const { seedDemo } = await import('../src/lib/server/demo/seed');
	const handle = await openDatabase({ url, allCompanies: true });
	await migrateToLatest(handle.db);
	await seedDemo(handle.db);
	await handle.db.destroy();
}

const serverLog: string[] = [];

function startServer(appEnv: { DATABASE_URL: string; DATABASE_OWNER_URL: string }): ChildProcess {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		// As its own role (row-level security on), migrating as the owner: see app-role.ts.
		...appEnv,
		PORT: String(APP_PORT),
		HOST: '127.0.0.1',
		ORIGIN,
		FILES_DIR: join(appDir, 'files'),
		MAIL_DIR: join(appDir, 'mail'),
		NODE_ENV: 'production',
		// info: the cluster primary says at that level when every worker listens.
		LOG_LEVEL: 'info',
		// The reminder job runs during the faults too.
		JOBS: 'on',
		JOBS_INTERVAL_SECONDS: '10',
		WEB_CONCURRENCY: String(WORKERS)
	};
	delete env.PGLITE_DIR;
	delete env.SMTP_URL;
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const file = createWriteStream(serverLogPath);
	for (const stream of [child.stdout, child.stderr]) {
		stream.on('data', (d: Buffer) => {
			file.write(d);
			for (const line of d.toString().split('\n')) if (line.trim()) serverLog.push(line);
		});
	}
	child.on('exit', (code, signal) => {
		if (!stopping) console.error(`!! server exited: code ${code}, signal ${signal}`);
	});
	return child;
}

// ---------------------------------------------------------------- load

interface Sample {
	kind: 'read' | 'write' | 'ready';
	start: number;
	end: number;
	/** 0: no HTTP response (connection refused or reset, aborted). */
	status: number;
	ack?: boolean;
	marker?: string;
}

/** Bodies of a few 503s of each kind, checked for the calm message and for leaks. */
const unavailableBodies = new Map<string, string>();

const samples: Sample[] = [];
let loadRunning = false;
let cookie = '';
const now = () => performance.now();

async function request(
	kind: Sample['kind'],
	path: string,
	init: RequestInit = {},
	marker?: string
): Promise<Sample> {
	const sample: Sample = { kind, start: now(), end: 0, status: 0, marker };
	try {
		const res = await fetch(BASE + path, {
			redirect: 'manual',
			signal: AbortSignal.timeout(REQUEST_ABORT_MS),
			...init,
			headers: { cookie, ...(init.headers as Record<string, string>) }
		});
		const body = await res.text();
		sample.status = res.status;
		if (res.status === 503 && process.env.FAULT_DEBUG === '1') console.log(body.slice(0, 3000));
		if (res.status === 503) {
			const shape = `${kind} ${res.headers.get('content-type')?.split(';')[0]} ${body.includes('<h1>Er ging iets mis') ? 'error.html' : 'page'}`;
			if (!unavailableBodies.has(shape)) unavailableBodies.set(shape, body);
		}
		if (kind === 'write' && res.status === 200) {
			sample.ack = (JSON.parse(body) as { type?: string }).type === 'success';
		}
	} catch {
		sample.status = 0;
	}
	sample.end = now();
	samples.push(sample);
	return sample;
}

async function reader(n: number) {
	for (let i = n; loadRunning; i++) {
		await request('read', READ_PATHS[i % READ_PATHS.length], { headers: { accept: 'text/html' } });
		await sleep(PAUSE_MS);
	}
}

let writeSeq = 0;
async function writer() {
	while (loadRunning) {
		const marker = `fault-${runId}-${++writeSeq}`;
		await request(
			'write',
			WRITE_PATH,
			{
				method: 'POST',
				headers: {
					origin: ORIGIN,
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ text: marker, targetDate: '' }).toString()
			},
			marker
		);
		await sleep(PAUSE_MS);
	}
}

async function readyPoller() {
	while (loadRunning) {
		await request('ready', '/readyz', { headers: {} });
		await sleep(200);
	}
}

async function login() {
	const res = await fetch(`${BASE}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: ORIGIN,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({
			email: 'opleider@delinde.example',
			password: 'Vakmaat-demo-2026'
		}).toString()
	});
	const session = res.headers.getSetCookie().find((c) => c.startsWith('vakmaat_session='));
	if (res.status !== 303 || !session) throw new Error(`login failed: ${res.status}`);
	cookie = session.split(';')[0];
}

async function waitFor(path: string, seconds: number) {
	const until = Date.now() + seconds * 1000;
	while (Date.now() < until) {
		if (server?.exitCode !== null) throw new Error('server exited during start');
		try {
			if ((await fetch(BASE + path)).status === 200) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	throw new Error(`${path} not 200 within ${seconds} s`);
}

/** Waits for a line of the server's log (in cluster mode: every worker has started). */
async function waitForLog(line: RegExp, seconds: number) {
	const until = Date.now() + seconds * 1000;
	while (Date.now() < until) {
		if (serverLog.some((l) => line.test(l))) return;
		if (server?.exitCode !== null) throw new Error('server exited during start');
		await sleep(250);
	}
	throw new Error(`no log line ${line} within ${seconds} s`);
}

// ---------------------------------------------------------------- phases

interface Phase {
	name: string;
	/** When the fault began and when the database was back (ms, performance.now()). */
	fault: number;
	back: number;
	end: number;
}

async function phase(
	name: string,
	fault: () => Promise<void>,
	observeSeconds: number
): Promise<Phase> {
	console.log(`-- ${name}`);
	const p: Phase = { name, fault: now(), back: 0, end: 0 };
	await fault();
	p.back = now();
	await sleep(observeSeconds * 1000);
	p.end = now();
	// A quiet second that belongs to no phase: a request started just before the next
	// fault and failing because of it is not counted against this phase's recovery.
	await sleep(1000);
	return p;
}

function killWorker() {
	const [pid] = childrenOf(server!.pid!);
	if (!pid) throw new Error('no worker to kill');
	process.kill(pid, 'SIGKILL');
	console.log(`   killed worker ${pid}`);
	return Promise.resolve();
}

async function terminateBackends() {
	const admin = new pg.Client({ connectionString: adminUrl() });
	admin.on('error', () => {});
	await admin.connect();
	const r = await admin.query<{ n: number }>(
		`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
		 where datname = $1 and pid <> pg_backend_pid()`,
		[DB_NAME]
	);
	await admin.end();
	console.log(`   terminated ${r.rows[0].n} connection(s)`);
}

// ---------------------------------------------------------------- main

const s = (ms: number) => (ms / 1000).toFixed(1);
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
	if (!ok) failures.push(what);
};

async function main() {
	const started = now();
	if (!REUSE_BUILD || !existsSync('build/index.js')) {
		console.log('-- npm run build');
		const build = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
		if (build.status !== 0) throw new Error('build failed');
	}
	console.log(`-- PostgreSQL cluster on port ${PG_PORT} in ${dir}`);
	const url = await createCluster();
	await migrateAndSeed(url);
	console.log(`-- server on port ${APP_PORT}`);
	server = startServer(await appRoleEnv(url));
	await waitFor('/readyz', 60);
	if (WORKERS > 1) await waitForLog(/"role":"primary".*"msg":"listening"/, 60);
	await login();

	loadRunning = true;
	const workers = [
		...Array.from({ length: READERS }, (_, i) => reader(i)),
		...Array.from({ length: WRITERS }, () => writer()),
		readyPoller()
	];
	const baseline: Phase = { name: 'baseline', fault: now(), back: now(), end: 0 };
	await sleep(3000);
	baseline.end = now();
	await sleep(1000);
	const phases = [
		baseline,
		await phase('restart (pg_ctl restart -m fast)', () => pgCtl('-m', 'fast', 'restart'), 8),
		await phase('pg_terminate_backend', terminateBackends, 6),
		await phase(
			'stop 5 s, start',
			async () => {
				await pgCtl('-m', 'fast', 'stop');
				await sleep(5000);
				await pgCtl('start');
			},
			8
		),
		...(WORKERS > 1 ? [await phase('a worker is killed (SIGKILL)', killWorker, 6)] : [])
	];
	loadRunning = false;
	await Promise.all(workers);

	// The process is alive and serves pages.
	const alive = server.exitCode === null && server.signalCode === null;
	const health = alive ? await request('ready', '/healthz', { headers: {} }) : undefined;
	const finalRead = alive ? await request('read', READ_PATHS[0]) : undefined;
	check(alive, 'the server process died');
	const workersAtEnd = WORKERS > 1 ? childrenOf(server.pid!).length : 1;
	check(workersAtEnd === WORKERS, `${workersAtEnd} of ${WORKERS} workers at the end`);
	check(health?.status === 200, `/healthz at the end: ${health?.status}`);
	check(finalRead?.status === 200, `a page at the end: ${finalRead?.status}`);
	const crashLines = serverLog.filter((l) => /Unhandled|uncaughtException|FATAL ERROR/i.test(l));
	check(crashLines.length === 0, `server log: ${crashLines.slice(0, 3).join(' | ')}`);

	// Every acknowledged write is in the database.
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const rows = await client.query<{ text: string }>(
		'select text from development_goal where text like $1',
		[`fault-${runId}-%`]
	);
	await client.end();
	const present = new Set(rows.rows.map((r) => r.text));
	const writes = samples.filter((x) => x.kind === 'write');
	const acked = writes.filter((x) => x.ack);
	const lost = acked.filter((x) => !present.has(x.marker!));
	check(
		lost.length === 0,
		`${lost.length} acknowledged write(s) missing: ${lost.map((x) => x.marker).join(', ')}`
	);

	// Figures and checks per phase.
	const table: Record<string, string | number>[] = [];
	for (const [i, p] of phases.entries()) {
		const inPhase = samples.filter((x) => x.start >= p.fault && x.start < p.end);
		const traffic = inPhase.filter((x) => x.kind !== 'ready');
		// A killed worker's requests in flight get no response; that is the only failure
		// its death may cause.
		const killedWith = (x: Sample) =>
			p.name.startsWith('a worker') && x.status === 0 && x.start < p.back + KILL_GRACE_MS;
		const errors = traffic.filter((x) => x.status !== 200 && !killedWith(x));
		const ready = inPhase.filter((x) => x.kind === 'ready');
		const w = traffic.filter((x) => x.kind === 'write');
		const statuses = [...new Set(errors.map((x) => x.status))].sort().join(',') || '—';
		const firstErr = errors.length ? Math.min(...errors.map((x) => x.start)) : 0;
		const lastErrEnd = errors.length ? Math.max(...errors.map((x) => x.end)) : 0;
		const lastErrStart = errors.length ? Math.max(...errors.map((x) => x.start)) : 0;
		const recovery = errors.length ? Math.max(0, lastErrStart - p.back) : 0;
		const firstOkAfter = traffic.find((x) => x.status === 200 && x.start >= p.back);
		const slowest = Math.max(0, ...traffic.map((x) => x.end - x.start));
		const slowestErr = Math.max(0, ...errors.map((x) => x.end - x.start));
		table.push({
			phase: p.name,
			requests: traffic.length,
			'in flight at kill': traffic.filter(killedWith).length,
			'writes att/ack': `${w.length}/${w.filter((x) => x.ack).length}`,
			errors: errors.length,
			statuses,
			'error s': errors.length ? s(lastErrEnd - firstErr) : '0',
			'outage s': s(p.back - p.fault),
			'recover s': s(recovery),
			'1st ok s': firstOkAfter ? s(firstOkAfter.start - p.back) : '—',
			'slowest ms': Math.round(slowest),
			'slowest err ms': Math.round(slowestErr),
			'readyz 503': ready.filter((x) => x.status === 503).length
		});
		if (process.env.FAULT_DEBUG === '1') {
			for (const e of errors) {
				console.log(
					`   ${p.name}: ${e.kind} ${e.status} at ${s(e.start - p.back)} s, ${Math.round(e.end - e.start)} ms ${e.marker ?? ''}`
				);
			}
		}
		if (i === 0) check(errors.length === 0, `baseline had ${errors.length} error(s): ${statuses}`);
		const bad = errors.filter((x) => x.status !== 503);
		check(
			bad.length === 0,
			`${p.name}: ${bad.length} response(s) other than 200/503 (${statuses})`
		);
		check(slowest <= MAX_REQUEST_MS, `${p.name}: a request took ${Math.round(slowest)} ms`);
		check(recovery <= MAX_RECOVERY_S * 1000, `${p.name}: errors ${s(recovery)} s after recovery`);
		check(!!firstOkAfter, `${p.name}: no success after the database was back`);
	}
	const stop = phases[3];
	const stopSamples = samples.filter((x) => x.start >= stop.fault && x.start < stop.back);
	check(
		stopSamples.some((x) => x.kind === 'read' && x.status === 503),
		'stop: no 503 while the database was down (did the fault happen?)'
	);
	check(
		stopSamples.some((x) => x.kind === 'ready' && x.status === 503),
		'stop: /readyz never answered 503 while the database was down'
	);

	// The 503s say, in Dutch, to try again shortly, and leak nothing.
	const calm = (JSON.parse(readFileSync('messages/nl.json', 'utf8')) as Record<string, string>)
		.error_unavailable;
	for (const [shape, body] of unavailableBodies) {
		const text = body.replaceAll('&#39;', "'").replaceAll('&quot;', '"');
		check(
			shape.startsWith('ready') || text.includes(calm),
			`503 (${shape}) without the message: ${body.slice(0, 200)}`
		);
		check(
			!/node_modules|\bat .+:\d+:\d+|ECONNREFUSED|57P0|Connection terminated/.test(body),
			`503 (${shape}) leaks internals: ${body.slice(0, 300)}`
		);
	}

	console.log();
	console.table(table);
	console.log(`503 responses seen: ${[...unavailableBodies.keys()].join('; ')}`);
	console.log(
		`writes: ${writes.length} attempted, ${acked.length} acknowledged, ` +
			`${present.size} present (${lost.length} acknowledged missing; ` +
			`${present.size - acked.filter((x) => present.has(x.marker!)).length} present without acknowledgement)`
	);
	console.log(
		`server alive: ${alive}; total ${s(now() - started)} s; log lines: ${serverLog.length}`
	);
	if (failures.length) {
		console.error(`\nFAULT TEST FAILED:\n- ${failures.join('\n- ')}`);
		console.error(`server log tail:\n${serverLog.slice(-15).join('\n')}`);
		printSupervisorLines();
		process.exitCode = 1;
	} else {
		console.log('\nfault test passed');
	}
}

/**
 * The cluster primary's lines, every fatal one and what is not a log line (a crash's stack
 * on stderr): why a server or worker stopped.
 */
function printSupervisorLines() {
	const lines = serverLog.filter((l) => /"role":"primary"|"level":60|^[^{]/.test(l));
	if (lines.length) console.error(`supervisor and fatal lines:\n${lines.join('\n')}`);
}

try {
	await main();
} catch (err) {
	console.error('fault test error:', err);
	if (serverLog.length) console.error(`server log tail:\n${serverLog.slice(-15).join('\n')}`);
	printSupervisorLines();
	process.exitCode = 1;
} finally {
	loadRunning = false;
	stopping = true;
	if (server && server.exitCode === null) {
		server.kill('SIGTERM');
		await Promise.race([new Promise((r) => server!.once('exit', r)), sleep(5000)]);
	}
	cleanup();
}
