import { sql, type Kysely } from 'kysely';

/**
 * SBB's per-profiel additions to basisdeel work processes ("aanvullend"): extra text
 * and competences that apply to one qualification only. The full work process for a
 * qualification is the common text followed by its addition.
 */
const STATEMENTS = [
	`create table work_process_supplement (
		work_process_id integer not null references work_process (id),
		qualification_id integer not null references qualification (id),
		description text not null default '',
		result text not null default '',
		behaviour text not null default '',
		competence_codes text[] not null default '{}',
		primary key (work_process_id, qualification_id)
	)`,
	`create index work_process_supplement_qualification_idx on work_process_supplement (qualification_id)`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
