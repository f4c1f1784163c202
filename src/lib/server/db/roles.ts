import { sql } from 'kysely';
import type { DB } from './index';

/**
 * The two database roles on PostgreSQL (issue 19):
 * - the owner (DATABASE_OWNER_URL): owns the tables, runs the migrations, the generator
 *   and the other scripts;
 * - the app (DATABASE_URL): owns nothing, is neither superuser nor BYPASSRLS, and gets
 *   the rights below after every migration run, so row-level security holds for it.
 */

/** The app's role: DATABASE_APP_ROLE, else the user name in DATABASE_URL. */
export function appRoleFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
	if (env.DATABASE_APP_ROLE) return env.DATABASE_APP_ROLE;
	if (!env.DATABASE_URL) return null;
	const user = decodeURIComponent(new URL(env.DATABASE_URL).username);
	return user || null;
}

/**
 * Idempotent: the app role may read and write every table of the current schema (row-level
 * security decides which rows), use its sequences and call its functions. Run as the owner
 * after migrating, so tables added by a migration are covered at once.
 */
export async function grantAppRole(owner: DB, role: string): Promise<void> {
	const schema = sql.raw('current_schema()');
	const { rows } = await sql<{ schema: string }>`select ${schema} as schema`.execute(owner);
	const s = sql.id(rows[0].schema);
	const r = sql.id(role);
	await sql`grant usage on schema ${s} to ${r}`.execute(owner);
	await sql`grant select, insert, update, delete on all tables in schema ${s} to ${r}`.execute(
		owner
	);
	await sql`grant usage, select on all sequences in schema ${s} to ${r}`.execute(owner);
	await sql`grant execute on all functions in schema ${s} to ${r}`.execute(owner);
}

/**
 * Why the connected role must not run the app, or [] when it may: a superuser or a
 * BYPASSRLS role skips row-level security, and so does a table's owner unless FORCEd (it
 * is, but an owner can also switch it off).
 */
export async function unsafeAppRole(db: DB): Promise<string[]> {
	const { rows } = await sql<{
		role: string;
		superuser: boolean;
		bypassrls: boolean;
		owned: number;
	}>`select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as bypassrls,
			(select count(*) from pg_class c
				join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm')
				and pg_has_role(current_user, c.relowner, 'USAGE'))::int as owned
		from pg_roles r where r.rolname = current_user`.execute(db);
	const row = rows[0];
	const problems: string[] = [];
	if (row.superuser) problems.push(`role ${row.role} is a superuser`);
	if (row.bypassrls) problems.push(`role ${row.role} has BYPASSRLS`);
	if (row.owned > 0 && !row.superuser) {
		problems.push(`role ${row.role} owns (or is a member of the owner of) ${row.owned} tables`);
	}
	return problems;
}

/** Throws (with what to do) when the connected role must not run the app: see unsafeAppRole. */
export async function assertSafeAppRole(db: DB): Promise<void> {
	const problems = await unsafeAppRole(db);
	if (problems.length) {
		throw new Error(
			`refusing to start: DATABASE_URL must connect as the app role, not as a superuser or the tables' owner (${problems.join('; ')}). Set DATABASE_OWNER_URL for migrations and DATABASE_URL to a role without these rights: see README, "Database roles".`
		);
	}
}
