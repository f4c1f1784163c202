import { sql, type Kysely } from 'kysely';

/**
 * The tenant wall (migration 0022) for the views over tenant tables (issue 19). A view
 * reads its tables with its owner's rights: when the owner is a superuser (PGlite, the
 * test and CI clusters, where migrations run as `postgres`), row-level security does not
 * apply, and award_candidate showed every company's nominees to a request with no company
 * in scope. With `security_invoker` a view reads as the role that queries it, under that
 * connection's tenant scope, whoever owns it (PostgreSQL 15 or later).
 */
const VIEWS = ['award_candidate', 'covered_work_process'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const view of VIEWS) {
		await sql.raw(`alter view ${view} set (security_invoker = true)`).execute(db);
	}
}
