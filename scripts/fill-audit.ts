/**
 * npm run fill:audit -- --rows 10000000 [--months 3]
 *
 * Fills the audit log of a generated database (scripts/generate.ts) with recorded reads
 * at national volume, so the benchmark can show what the log's size costs the pages that
 * write it and the access log that reads it (issue 18; BENCHMARKS.md "The audit log at
 * national scale"). The generator leaves the log empty: a generated data set has no
 * history of people looking at each other's records.
 *
 * `--rows` reads are spread over the last `--months` months (the current one up to now),
 * each one as `recordRead` writes it (src/lib/server/privacy/access-log.ts): a trainer's
 * or HR manager's look at a trajectory of their company, with the learner as subject.
 * The benchmark's learner (scripts/known-accounts.ts) gets 300 of them, so the access-log
 * page shows a full first page. Ends with VACUUM (ANALYZE) of the log, as a settled
 * database has. Runs as the database owner (DATABASE_OWNER_URL, else DATABASE_URL): it
 * writes every company's rows. Never point it at a production database.
 */
import { sql } from 'kysely';
import { configFromEnv, openDatabase } from '../src/lib/server/db/index';
import { findKnownAccounts } from './known-accounts';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
	const i = argv.indexOf(`--${name}`);
	return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const rows = Number(arg('rows', '1000000'));
const months = Math.max(1, Number(arg('months', '3')));
const CHUNK = 500_000;

const url = process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL;
if (!url) {
	console.error('set DATABASE_OWNER_URL (or DATABASE_URL) to the generated PostgreSQL database');
	process.exit(1);
}
// No statement timeout: a chunk of half a million rows takes longer than a page may.
const { db } = await openDatabase({
	...configFromEnv(),
	url,
	prepare: false,
	statementTimeoutMs: 0
});
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(0);

// Every trajectory with its learner's account and one of the company's HR managers or
// trainers as the reader, numbered so a row number picks one without a random lookup.
await sql`drop table if exists fill_reads`.execute(db);
await sql`create unlogged table fill_reads as
	select row_number() over () as n, t.company_id, t.id as trajectory_id, c.slug,
		l.user_id as subject, coalesce(tt.user_id, hr.user_id) as actor,
		case when tt.user_id is null then 'hr' else 'trainer' end as role
	from trajectory t
	join company c on c.id = t.company_id
	join learner l on l.company_id = t.company_id and l.id = t.learner_id
	left join lateral (select user_id from trajectory_trainer x
		where x.company_id = t.company_id and x.trajectory_id = t.id limit 1) tt on true
	left join lateral (select user_id from membership m
		where m.company_id = t.company_id and 'hr' = any(m.roles) limit 1) hr on true
	where l.user_id is not null and coalesce(tt.user_id, hr.user_id) is not null`.execute(db);
await sql`create unique index on fill_reads (n)`.execute(db);
const count = Number(
	(await sql<{ n: string }>`select count(*) as n from fill_reads`.execute(db)).rows[0].n
);
if (!count) {
	console.error('no trajectories with a learner account: run npm run generate first');
	process.exit(1);
}
console.log(`${count} trajectories to read; ${rows} reads over ${months} month(s)`);

// The months' partitions (the migration prepares the current month and a year ahead).
await sql`select ensure_audit_log_partitions(
	(date_trunc('month', now() at time zone 'UTC') - make_interval(months => ${months - 1}))::date,
	${months - 1})`.execute(db);

/** One chunk of reads in month `back` (0: the current month, up to now). */
async function insertChunk(back: number, size: number, offset: number) {
	await sql`
		insert into audit_log (company_id, actor_user_id, action, entity_type, entity_id, data,
			request_id, subject_user_id, created_at)
		select r.company_id, r.actor, 'personal_data.read', 'trajectory', r.trajectory_id::text,
			jsonb_build_object('what', 'trajectory', 'roles', jsonb_build_array(r.role),
				'path', '/o/' || r.slug || '/trajecten/' || r.trajectory_id),
			null, r.subject,
			lo + (hi - lo) * random()
		from generate_series(${offset + 1}::bigint, ${offset + size}::bigint) g
		cross join lateral (
			select date_trunc('month', now()) - make_interval(months => ${back}) as lo,
				least(now(), date_trunc('month', now()) - make_interval(months => ${back})
					+ interval '1 month') as hi) b
		join fill_reads r on r.n = (g * 7919) % ${count} + 1`.execute(db);
}

const perMonth = Math.ceil(rows / months);
let done = 0;
for (let back = months - 1; back >= 0; back--) {
	const target = Math.min(perMonth, rows - done);
	for (let offset = 0; offset < target; offset += CHUNK) {
		await insertChunk(back, Math.min(CHUNK, target - offset), done + offset);
	}
	done += target;
	console.log(`month -${back}: ${target} reads (${done} in all, ${seconds()} s)`);
}

// The benchmark's learner: 300 reads of their trajectory by their company's HR or trainer.
const known = await findKnownAccounts(db);
if (known) {
	await sql`
		insert into audit_log (company_id, actor_user_id, action, entity_type, entity_id, data,
			request_id, subject_user_id, created_at)
		select r.company_id, r.actor, 'personal_data.read', 'trajectory', r.trajectory_id::text,
			jsonb_build_object('what', 'trajectory', 'roles', jsonb_build_array(r.role)), null,
			r.subject, now() - make_interval(days => g % 80, mins => g)
		from generate_series(1, 300) g
		join fill_reads r on r.trajectory_id = ${known.learner.trajectoryId}::uuid`.execute(db);
}
await sql`drop table fill_reads`.execute(db);
await sql`vacuum (analyze) audit_log`.execute(db);
const size = (
	await sql<{ rows: string; size: string }>`
		select count(*)::text as rows, pg_size_pretty(sum(pg_total_relation_size(c.oid))) as size
		from pg_inherits i join pg_class c on c.oid = i.inhrelid
		where i.inhparent = 'audit_log'::regclass`.execute(db)
).rows[0];
const total = (await sql<{ n: string }>`select count(*)::text as n from audit_log`.execute(db))
	.rows[0].n;
console.log(
	`audit_log: ${total} rows in ${size.rows} partitions, ${size.size} with indexes (${seconds()} s)`
);
await db.destroy();
