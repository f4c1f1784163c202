import pg from 'pg';

/**
 * For the scripts that start the app on PostgreSQL (e2e server, fault test, memory
 * attack): the app's own role on that server (created when missing: a login without
 * superuser, BYPASSRLS or any table), and the environment the app then runs with —
 * DATABASE_URL as that role, DATABASE_OWNER_URL as the given owner (the app migrates and
 * grants the role its rights on start). See README, "Database roles".
 */
export const APP_ROLE = process.env.E2E_APP_ROLE ?? 'vakmaat_app';

export async function appRoleEnv(ownerUrl: string): Promise<{
	DATABASE_URL: string;
	DATABASE_OWNER_URL: string;
}> {
	const client = new pg.Client({ connectionString: ownerUrl });
	client.on('error', () => {});
	await client.connect();
	try {
		await client.query(
			`do $$ begin create role ${APP_ROLE} login nosuperuser nobypassrls;
			exception when duplicate_object or unique_violation then null; end $$`
		);
	} finally {
		await client.end();
	}
	const url = new URL(ownerUrl);
	url.username = APP_ROLE;
	url.password = process.env.E2E_APP_PASSWORD ?? '';
	return { DATABASE_URL: url.toString(), DATABASE_OWNER_URL: ownerUrl };
}
