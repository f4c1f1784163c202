/**
 * Starts the built app for the e2e tests on a fresh, migrated and seeded database:
 * with TEST_DATABASE_URL a new database `vakmaat_e2e` (E2E_DATABASE_NAME) on that server,
 * the app connected as its own role (scripts/app-role.ts: row-level security on), otherwise an
 * embedded PGlite in .data/e2e/pglite. Mail goes to .data/e2e/mail (E2E_MAIL_DIR), uploaded
 * files to .data/e2e/files. The server is started directly (not via scripts/serve.js), so
 * the request body limit for uploads is set here as well.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { seedDemo } from '../src/lib/server/demo/seed';
import { appRoleEnv } from './app-role';

const port = process.env.E2E_PORT ?? '4173';
const root = '.data/e2e';
const mailDir = process.env.E2E_MAIL_DIR ?? `${root}/mail`;
const filesDir = `${root}/files`;
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
// The demo seed below stores evidence files too: in the same place as the server.
process.env.FILES_DIR = filesDir;

const env: NodeJS.ProcessEnv = {
	...process.env,
	PORT: port,
	HOST: '127.0.0.1',
	ORIGIN: `http://localhost:${port}`,
	MAIL_DIR: mailDir,
	FILES_DIR: filesDir,
	BODY_SIZE_LIMIT: '25M',
	LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
	NODE_ENV: 'production',
	// Every browser of the suite logs in from 127.0.0.1 (the fuzz spec posts many wrong
	// logins): the per-IP delay would hold up later specs. Per account+IP delays still apply.
	LOGIN_THROTTLE_IP_FREE: '100000',
	// The reminder job is tested in tests/integration; here it would add mails at random moments.
	JOBS: process.env.JOBS ?? 'off',
	// Region totals read fresh, so a test sees its own change at once (kept in production).
	ADVISER_TOTALS_TTL_SECONDS: process.env.ADVISER_TOTALS_TTL_SECONDS ?? '0'
};
delete env.SMTP_URL;

// The PostgreSQL database's name (several worktrees may share one server).
const dbName = process.env.E2E_DATABASE_NAME ?? 'vakmaat_e2e';
if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`E2E_DATABASE_NAME: ${dbName}`);
let ownerUrl: string | undefined;
if (process.env.TEST_DATABASE_URL) {
	const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
	await admin.connect();
	await admin.query(`drop database if exists ${dbName} with (force)`);
	await admin.query(`create database ${dbName}`);
	await admin.end();
	const url = new URL(process.env.TEST_DATABASE_URL);
	url.pathname = `/${dbName}`;
	ownerUrl = url.toString();
	// The app runs as its own role (no superuser, owns nothing), so row-level security
	// holds for the whole suite; it migrates and grants as the owner on start.
	Object.assign(env, await appRoleEnv(ownerUrl));
	delete env.PGLITE_DIR;
} else {
	delete env.DATABASE_URL;
	env.PGLITE_DIR = `${root}/pglite`;
}

const handle = await openDatabase({ url: ownerUrl, pgliteDir: env.PGLITE_DIR, allCompanies: true });
await migrateToLatest(handle.db);
await seedDemo(handle.db);
await handle.db.destroy();

// The server's log also goes to a file: tests/e2e/fuzz.spec.ts looks for error entries.
const logFile = createWriteStream(`${root}/server.log`);
const server = spawn(process.execPath, ['build'], { env, stdio: ['inherit', 'pipe', 'inherit'] });
server.stdout.pipe(process.stdout);
server.stdout.pipe(logFile);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => server.kill(signal));
}
server.on('exit', (code) => process.exit(code ?? 0));
