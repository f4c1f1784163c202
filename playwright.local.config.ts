import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * e2e: builds the app, starts the production server (adapter-node) on a fresh, seeded
 * database (scripts/e2e-server.ts) and drives Chromium. The browser is CHROMIUM_PATH,
 * else Debian's /usr/bin/chromium when present, else Playwright's own download.
 */
const PORT = Number(process.env.E2E_PORT ?? 4173);
const executablePath =
	process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: process.env.CI ? 2 : undefined,
	retries: process.env.CI ? 1 : 0,
	// CI runs the server, its database and two browsers on two cores: a journey of
	// several pages and axe scans that takes 15 s on a laptop can take 30 s there.
	timeout: process.env.CI ? 60_000 : 30_000,
	expect: { timeout: 7_000 },
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'nl-NL',
		timezoneId: 'Europe/Amsterdam',
		trace: 'retain-on-failure',
		...devices['Desktop Chrome'],
		launchOptions: {
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	// The authorization matrix checks the seeded demo state (e.g. which election round is
	// current); other specs change that state (the awards spec runs a whole round), so
	// the matrix runs first, on its own, and the rest after it.
	// The fuzz spec runs last: what its hostile input manages to save cannot disturb others.
	// First of all, `sessions` logs the platform admin and the SBB adviser in once (password
	// and TOTP code, which their role requires; a code is accepted once per 30 s step) and
	// saves their sessions for the other specs (tests/e2e/sessions.setup.ts).
	projects: [
		{ name: 'sessions', testMatch: /sessions\.setup\.ts/ },
		{ name: 'authorization', testMatch: /authz\.spec\.ts/, dependencies: ['sessions'] },
		{
			name: 'e2e',
			testIgnore: [/authz\.spec\.ts/, /fuzz\.spec\.ts/],
			dependencies: ['authorization']
		},
		{ name: 'fuzz', testMatch: /fuzz\.spec\.ts/, dependencies: ['e2e'] }
	],
	webServer: {
		command: 'tsx scripts/e2e-server.ts',
		url: `http://localhost:${PORT}/healthz`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		env: { E2E_PORT: String(PORT) }
	}
});
