/**
 * Memory under attack (issue 19): the production build (as `npm start` runs it, with
 * --max-old-space-size=384 and BODY_SIZE_LIMIT=25M) must stay within 512 MB of peak RSS
 * and alive while it gets
 *   1. 64 parallel 24 MB form POSTs to /login with Content-Length,
 *   2. the same without Content-Length (chunked),
 *   3. 64 parallel 24 MB POSTs to the evidence upload route (not logged in),
 *   4. the qualification import of a 19.5 MB XML file of 4.9 million empty elements
 *      (as the platform admin).
 * Prints status counts and the server's VmHWM (peak RSS, /proc/<pid>/status) after each
 * phase; exits 1 when the peak passes the budget, a request got a 500 or the server died.
 *
 *   npm run test:memory                      # builds first
 *   MEMORY_REUSE_BUILD=1 npm run test:memory # uses ./build as it is
 *
 * Database: a new database on TEST_DATABASE_URL's server when set (the production setup:
 * the budget is checked), else an embedded PGlite in .data/memory-attack, whose
 * WebAssembly PostgreSQL alone takes some 370 MB of the process: then the figures are
 * only reported.
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { openDatabase } from '../src/lib/server/db/index';
import { appRoleEnv } from './app-role';
import { peakRssKb, rssKb } from './proc';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { seedDemo } from '../src/lib/server/demo/seed';
import { demoTotpCode } from '../src/lib/server/demo/totp';

const PORT = Number(process.env.MEMORY_PORT ?? 4308);
const BUDGET_MB = 512;
const PARALLEL = 64;
const MB = 1024 * 1024;
const ROOT = '.data/memory-attack';
const ORIGIN = `http://localhost:${PORT}`;
const DB_NAME = `vakmaat_memory_${Date.now().toString(36)}`;

if (process.env.MEMORY_REUSE_BUILD !== '1') {
	const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (build.status !== 0) process.exit(1);
}
rmSync(ROOT, { recursive: true, force: true });

const env: NodeJS.ProcessEnv = {
	...process.env,
	PORT: String(PORT),
	HOST: '127.0.0.1',
	ORIGIN,
	MAIL_DIR: `${ROOT}/mail`,
	FILES_DIR: `${ROOT}/files`,
	LOG_LEVEL: 'warn',
	NODE_ENV: 'production',
	JOBS: 'off'
};
delete env.SMTP_URL;
delete env.BODY_SIZE_LIMIT;
let adminUrl: string | null = null;
let ownerUrl: string | undefined;
if (process.env.TEST_DATABASE_URL) {
	adminUrl = process.env.TEST_DATABASE_URL;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database ${DB_NAME}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${DB_NAME}`;
	ownerUrl = url.toString();
	// As the app's own role (row-level security on), migrating as the owner: app-role.ts.
	Object.assign(env, await appRoleEnv(ownerUrl));
	delete env.PGLITE_DIR;
} else {
	delete env.DATABASE_URL;
	env.PGLITE_DIR = `${ROOT}/pglite`;
}
process.env.FILES_DIR = env.FILES_DIR;
const handle = await openDatabase({ url: ownerUrl, pgliteDir: env.PGLITE_DIR, allCompanies: true });
await migrateToLatest(handle.db);
await seedDemo(handle.db);
await handle.db.destroy();

// As `npm start` runs it.
const server = spawn(process.execPath, ['--max-old-space-size=384', 'scripts/serve.js'], {
	env,
	stdio: ['ignore', 'inherit', 'inherit']
});
let exited: number | string | null = null;
server.on('exit', (code, signal) => (exited = code ?? signal));

async function cleanup() {
	if (exited === null) server.kill('SIGTERM');
	await sleep(500);
	if (adminUrl) {
		const admin = new pg.Client({ connectionString: adminUrl });
		await admin.connect();
		await admin.query(`drop database if exists ${DB_NAME} with (force)`);
		await admin.end();
	}
}

/** The server's peak and current resident memory in MB; throws where they cannot be read. */
function memory() {
	const pid = server.pid ?? 0;
	const peak = peakRssKb(pid);
	// A budget check against 0 would pass unseen: without /proc (not Linux) the run fails.
	if (!peak) throw new Error(`no memory figures for the server (/proc/${pid}/status)`);
	return { hwm: Math.round(peak / 1024), rss: Math.round(rssKb(pid) / 1024) };
}

interface Sent {
	status: number | string;
	location?: string;
	cookie?: string;
	body?: string;
}

/** A POST whose body is `size` bytes of `head` + filler + `tail`, streamed (no client buffer). */
function post(
	path: string,
	opts: {
		size: number;
		head?: string;
		tail?: string;
		type?: string;
		chunked?: boolean;
		cookie?: string;
	}
): Promise<Sent> {
	const head = Buffer.from(opts.head ?? 'email=x%40e2e.example&password=');
	const tail = Buffer.from(opts.tail ?? '');
	const filler = Buffer.alloc(MB, 'a');
	let left = opts.size - head.length - tail.length;
	return new Promise((resolve) => {
		const headers: http.OutgoingHttpHeaders = {
			'content-type': opts.type ?? 'application/x-www-form-urlencoded',
			origin: ORIGIN,
			accept: 'text/html'
		};
		if (!opts.chunked) headers['content-length'] = String(opts.size);
		if (opts.cookie) headers.cookie = opts.cookie;
		const req = http.request(
			{ host: '127.0.0.1', port: PORT, path, method: 'POST', headers },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						location: res.headers.location,
						cookie: res.headers['set-cookie']?.map((c) => c.split(';')[0]).join('; '),
						body: Buffer.concat(chunks).toString('utf8')
					})
				);
			}
		);
		req.setTimeout(120_000, () => req.destroy(new Error('timeout')));
		req.on('error', (err: NodeJS.ErrnoException) => resolve({ status: err.code ?? err.message }));
		req.write(head);
		const pump = () => {
			while (left > 0) {
				const n = Math.min(left, filler.length);
				left -= n;
				if (!req.write(n === filler.length ? filler : filler.subarray(0, n))) {
					req.once('drain', pump);
					return;
				}
			}
			req.end(tail);
		};
		pump();
	});
}

function counts(results: Sent[]) {
	const byStatus: Record<string, number> = {};
	for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
	return byStatus;
}

const failures: string[] = [];
async function phase(name: string, run: () => Promise<Sent[]>) {
	const started = performance.now();
	const results = await run();
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	const health = await fetch(`http://127.0.0.1:${PORT}/healthz`).then(
		(r) => r.status,
		() => 'down'
	);
	const mem = exited === null ? memory() : { hwm: NaN, rss: NaN };
	console.log(
		`${name}: ${JSON.stringify(counts(results))} in ${seconds} s; /healthz ${health}; ` +
			`peak RSS (VmHWM) ${mem.hwm} MB, RSS now ${mem.rss} MB`
	);
	if (results.some((r) => r.status === 500)) failures.push(`${name}: a 500`);
	if (health !== 200) failures.push(`${name}: server not healthy (${health})`);
	if (adminUrl && !(mem.hwm <= BUDGET_MB))
		failures.push(`${name}: peak RSS ${mem.hwm} MB > ${BUDGET_MB} MB`);
	return results;
}

try {
	for (let i = 0; ; i++) {
		if (exited !== null) throw new Error(`server exited (${String(exited)})`);
		const ok = await fetch(`http://127.0.0.1:${PORT}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) break;
		if (i > 120) throw new Error('server did not start');
		await sleep(500);
	}
	// A few ordinary pages first, so the baseline includes a warmed-up server.
	for (const path of ['/login', '/kwalificaties', '/verkiezing/uitslag']) {
		await fetch(`http://127.0.0.1:${PORT}${path}`).then((r) => r.text());
	}
	console.log(`started: peak RSS (VmHWM) ${memory().hwm} MB, RSS ${memory().rss} MB`);

	const big = 24 * MB;
	await phase(`${PARALLEL} × 24 MB POST /login (Content-Length)`, () =>
		Promise.all(Array.from({ length: PARALLEL }, () => post('/login', { size: big })))
	);
	await phase(`${PARALLEL} × 24 MB POST /login (chunked)`, () =>
		Promise.all(
			Array.from({ length: PARALLEL }, () => post('/login', { size: big, chunked: true }))
		)
	);
	const evidence =
		'/o/zorggroep-de-linde/trajecten/00000000-0000-4000-8000-000000000000/bewijs?/add';
	await phase(`${PARALLEL} × 24 MB POST evidence upload (anonymous)`, () =>
		Promise.all(Array.from({ length: PARALLEL }, () => post(evidence, { size: big })))
	);

	const loginBody = 'email=admin%40vakmaat.example&password=Vakmaat-demo-2026';
	const admin = await post('/login', { size: loginBody.length, head: loginBody });
	// The admin's role requires two-step verification: the demo key's code.
	if (admin.status === 303 && admin.cookie && admin.location?.startsWith('/login/tweestaps')) {
		const codeBody = `code=${demoTotpCode()}`;
		const second = await post('/login/tweestaps', {
			size: codeBody.length,
			head: codeBody,
			cookie: admin.cookie
		});
		admin.location = second.status === 303 ? second.location : `HTTP ${second.status}`;
	}
	if (admin.status !== 303 || !admin.cookie || admin.location?.startsWith('/login')) {
		console.log(`import attack skipped: admin login answered ${admin.status} → ${admin.location}`);
	} else {
		const boundary = 'vakmaatattack';
		const head =
			`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="aanval.xml"\r\n` +
			`Content-Type: text/xml\r\n\r\n<sbb>`;
		const tail = `</sbb>\r\n--${boundary}--\r\n`;
		const elements = 4_900_000;
		const xmlBody = Buffer.from(head + '<a/>'.repeat(elements) + tail);
		console.log(`import file: ${(elements * 4) / MB} MB of ${elements} empty elements`);
		await phase('qualification import of 4.9 million empty elements (admin)', () =>
			Promise.all(
				[0].map(
					() =>
						new Promise<Sent>((resolve) => {
							const req = http.request(
								{
									host: '127.0.0.1',
									port: PORT,
									path: '/beheer/kwalificaties?/upload',
									method: 'POST',
									headers: {
										'content-type': `multipart/form-data; boundary=${boundary}`,
										'content-length': String(xmlBody.length),
										origin: ORIGIN,
										accept: 'text/html',
										cookie: admin.cookie
									}
								},
								(res) => {
									let text = '';
									res.on('data', (c: Buffer) => (text += c.toString('utf8')));
									res.on('end', () => {
										const refused = text.includes('te veel elementen');
										if (!refused) failures.push('import: no "te veel elementen" message');
										resolve({ status: res.statusCode ?? 0 });
									});
								}
							);
							req.on('error', (err: NodeJS.ErrnoException) =>
								resolve({ status: err.code ?? err.message })
							);
							req.end(xmlBody);
						})
				)
			)
		);
	}
	const final = memory();
	console.log(
		`\npeak RSS of the server over all attacks: ${final.hwm} MB (budget ${BUDGET_MB} MB)`
	);
} catch (err) {
	failures.push(String(err));
} finally {
	await cleanup();
}
if (exited !== null && exited !== 0 && exited !== 'SIGTERM')
	failures.push(`server exited (${String(exited)})`);
if (failures.length) {
	console.error(`\nFAILED:\n- ${failures.join('\n- ')}`);
	process.exit(1);
}
console.log('memory attack: ok');
process.exit(0);
