import { mkdirSync } from 'node:fs';
import { test as setup } from '@playwright/test';
import { apiLogin, SESSION_DIR, sessionFile, TOTP_ACCOUNTS } from './helpers';

/**
 * Project `sessions` (before every other project): the platform admin and the SBB adviser
 * log in once, password and TOTP code (their role requires it; the demo key), and their
 * sessions are saved for the specs (helpers.ts: `login`, `roleContext`). A code is
 * accepted once per 30-second step, so logging them in for every test would wait.
 */
for (const email of TOTP_ACCOUNTS) {
	setup(`log in as ${email} with password and code`, async ({ playwright, baseURL }) => {
		setup.setTimeout(90_000);
		mkdirSync(SESSION_DIR, { recursive: true });
		const ctx = await playwright.request.newContext({ baseURL });
		await apiLogin(ctx, baseURL!, email);
		await ctx.storageState({ path: sessionFile(email)! });
		await ctx.dispose();
	});
}
