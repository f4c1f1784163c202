import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DB } from '../../src/lib/server/db/index';
import { filesDir } from '../../src/lib/server/files/storage';
import { daysFromToday } from '../clock';

/**
 * Searching the whole database for a person (the privacy tests: leaving a company,
 * erasure). Tables come from the schema, so a table added later is searched too.
 */

/** Every base table, or (`companyOnly`) every one with a company_id column. */
export async function tables(db: DB, companyOnly = false): Promise<string[]> {
	const { rows } = await sql<{ table_name: string }>`
		select t.table_name from information_schema.tables t
		where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'
			and (not ${companyOnly} or exists (select 1 from information_schema.columns c
				where c.table_schema = t.table_schema and c.table_name = t.table_name
					and c.column_name = 'company_id'))
			-- audit_log's monthly partitions (migration 0030) are searched through audit_log.
			and not exists (select 1 from pg_class pc join pg_namespace pn on pn.oid = pc.relnamespace
				where pn.nspname = t.table_schema and pc.relname = t.table_name and pc.relispartition)
		order by 1`.execute(db);
	return rows.map((r) => r.table_name);
}

/**
 * Rows whose text holds `needle` (case-insensitive): of `company` in every company table,
 * or (company null) in every table of the database.
 */
export async function find(db: DB, company: string | null, needle: string): Promise<string[]> {
	const hits: string[] = [];
	for (const table of await tables(db, company !== null)) {
		const inCompany = company === null ? sql`true` : sql`x.company_id = ${company}`;
		const { rows } = await sql<{ row: string }>`
			select x::text as row from ${sql.table(table)} x
			where ${inCompany} and strpos(lower(x::text), ${needle.toLowerCase()}) > 0`.execute(db);
		hits.push(...rows.map((r) => `${table}: ${r.row}`));
	}
	return hits;
}

/**
 * Row counts of every company table of `company` (but `skip`), and the maintained
 * summaries: what must stay the same when a person's records are anonymised.
 */
export async function figures(db: DB, company: string, skip: string[] = []) {
	const counts: Record<string, number> = {};
	for (const table of await tables(db, true)) {
		if (skip.includes(table)) continue;
		const { rows } = await sql<{ n: number }>`
			select count(*)::int as n from ${sql.table(table)} where company_id = ${company}`.execute(db);
		counts[table] = rows[0].n;
	}
	const overview = await db
		.selectFrom('company_overview')
		.selectAll()
		.where('company_id', '=', company)
		.executeTakeFirst();
	const progress = await sql`select trajectory_id, total, competent, exempt, last_assessed_on
		from trajectory_progress where company_id = ${company} order by 1`.execute(db);
	const months = await sql`select * from assessment_month where company_id = ${company}
		order by month, assessor_kind`.execute(db);
	const byLevel = await sql`select level, assessor_kind, count(*)::int as n from assessment
		where company_id = ${company} group by 1, 2 order by 1, 2`.execute(db);
	const summary = { ...overview, updated_at: undefined };
	return { counts, summary, progress: progress.rows, months: months.rows, byLevel: byLevel.rows };
}

/** An evidence file on disk and its row; returns the file's path. */
export async function addFile(
	db: DB,
	company: string,
	trajectory: string,
	wp: number,
	text: string,
	title: string
): Promise<string> {
	const key = crypto.randomUUID();
	mkdirSync(join(filesDir(), company), { recursive: true });
	writeFileSync(join(filesDir(), company, key), text);
	await db
		.insertInto('evidence')
		.values({
			company_id: company,
			trajectory_id: trajectory,
			work_process_id: wp,
			kind: 'file',
			title,
			file_name: 'bewijs.txt',
			content_type: 'text/plain',
			size_bytes: text.length,
			storage_key: `${company}/${key}`
		})
		.execute();
	return join(filesDir(), company, key);
}

/** A person's first trajectory in a company, with one of its work processes. */
export async function trajectoryOf(db: DB, user: string, company: string) {
	return db
		.selectFrom('trajectory as tr')
		.innerJoin('learner as l', (j) =>
			j.onRef('l.company_id', '=', 'tr.company_id').onRef('l.id', '=', 'tr.learner_id')
		)
		.innerJoin('trajectory_work_process as tw', (j) =>
			j.onRef('tw.company_id', '=', 'tr.company_id').onRef('tw.trajectory_id', '=', 'tr.id')
		)
		.select(['tr.id', 'tw.work_process_id as wp', 'l.id as learner'])
		.where('l.user_id', '=', user)
		.where('tr.company_id', '=', company)
		.executeTakeFirstOrThrow();
}

/**
 * The person `user` as a learner at `company` too: a membership, a learner record, an
 * active trajectory on one work process and a trainer's judgement whose comment is
 * `comment`. Returns the trajectory and its work process.
 */
export async function learnerAt(
	db: DB,
	company: string,
	user: { id: string; name: string; email: string },
	comment: string
): Promise<{ trajectory: string; wp: number }> {
	await db
		.insertInto('membership')
		.values({ company_id: company, user_id: user.id, roles: ['learner'] })
		.execute();
	const learner = await db
		.insertInto('learner')
		.values({ company_id: company, user_id: user.id, name: user.name, email: user.email })
		.returning('id')
		.executeTakeFirstOrThrow();
	const wp = (await db.selectFrom('work_process').select('id').limit(1).executeTakeFirstOrThrow())
		.id;
	const trajectory = await db
		.insertInto('trajectory')
		.values({
			company_id: company,
			learner_id: learner.id,
			route: 'informal',
			target_kind: 'work_processes',
			title: 'Omscholing bouw',
			start_date: daysFromToday(-60),
			status: 'active'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('trajectory_work_process')
		.values({ company_id: company, trajectory_id: trajectory.id, work_process_id: wp })
		.execute();
	await db
		.insertInto('assessment')
		.values({
			company_id: company,
			trajectory_id: trajectory.id,
			work_process_id: wp,
			level: 2,
			assessor_kind: 'trainer',
			assessed_on: daysFromToday(-30),
			comment
		})
		.execute();
	return { trajectory: trajectory.id, wp };
}
