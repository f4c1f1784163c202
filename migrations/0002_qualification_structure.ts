import { sql, type Kysely } from 'kysely';

/**
 * The national qualification structure (kwalificatiestructuur): reference data shared
 * read-only by all companies, versioned per dossier. A re-import of a changed dossier
 * adds a new version and marks the old one superseded; rows that learners' progress
 * points at are never rewritten.
 */
const STATEMENTS = [
	`create table competence (
		code text primary key check (code ~ '^[A-Y]$'),
		sbb_nr text,
		title text not null
	)`,
	`create table qualification_dossier (
		id integer generated always as identity primary key,
		nr text not null,
		version_no integer not null,
		title text not null,
		sbb_version text,
		status text,
		crebo text,
		valid_from date,
		end_intake date,
		end_training date,
		price_factor numeric,
		adopted_on date,
		sector_chamber_id integer references sector_chamber (id),
		domain text,
		content_hash text not null,
		source text not null default 'sbb-xml',
		source_file text,
		imported_at timestamptz not null default now(),
		imported_by uuid references app_user (id),
		superseded_at timestamptz,
		superseded_by integer references qualification_dossier (id),
		unique (nr, version_no)
	)`,
	`create unique index qualification_dossier_current_key on qualification_dossier (nr) where superseded_at is null`,
	`create table qualification (
		id integer generated always as identity primary key,
		dossier_id integer not null references qualification_dossier (id),
		nr text not null,
		code text not null,
		crebo text not null,
		title text not null,
		level smallint not null check (level between 1 and 4),
		occupational_group text,
		valid_from date,
		end_intake date,
		end_training date,
		study_load_hours integer,
		search tsvector generated always as (
			setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('simple', crebo), 'A')
		) stored,
		unique (dossier_id, code)
	)`,
	`create index qualification_crebo_idx on qualification (crebo)`,
	`create index qualification_level_idx on qualification (level)`,
	`create index qualification_search_idx on qualification using gin (search)`,
	`create table core_task (
		id integer generated always as identity primary key,
		dossier_id integer not null references qualification_dossier (id),
		qualification_id integer references qualification (id),
		nr text not null,
		code text not null,
		title text not null,
		complexity text,
		responsibility text,
		position integer not null,
		unique (dossier_id, code)
	)`,
	`create index core_task_qualification_idx on core_task (qualification_id)`,
	`create index core_task_title_idx on core_task (lower(title))`,
	`create table work_process (
		id integer generated always as identity primary key,
		dossier_id integer not null references qualification_dossier (id),
		core_task_id integer not null references core_task (id),
		nr text not null,
		code text not null,
		title text not null,
		description text not null default '',
		result text not null default '',
		behaviour text not null default '',
		position integer not null,
		search tsvector generated always as (
			setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('dutch', description), 'C')
		) stored,
		unique (dossier_id, code)
	)`,
	`create index work_process_core_task_idx on work_process (core_task_id, position)`,
	`create index work_process_title_idx on work_process (lower(title))`,
	`create index work_process_search_idx on work_process using gin (search)`,
	`create table work_process_competence (
		work_process_id integer not null references work_process (id),
		competence_code text not null references competence (code),
		primary key (work_process_id, competence_code)
	)`,
	`create table elective (
		id integer generated always as identity primary key,
		code text not null unique,
		title text not null,
		level smallint check (level between 1 and 4),
		study_load_hours integer,
		created_at timestamptz not null default now()
	)`,
	`create table certificate (
		id integer generated always as identity primary key,
		code text not null unique,
		title text not null,
		qualification_id integer references qualification (id),
		elective_id integer references elective (id),
		created_at timestamptz not null default now(),
		created_by uuid references app_user (id),
		check (qualification_id is not null or elective_id is not null)
	)`,
	`create index certificate_qualification_idx on certificate (qualification_id)`,
	`create table certificate_work_process (
		certificate_id integer not null references certificate (id),
		work_process_id integer not null references work_process (id),
		primary key (certificate_id, work_process_id)
	)`,
	`create index certificate_work_process_wp_idx on certificate_work_process (work_process_id)`,
	`create table qualification_upload (
		id uuid primary key default gen_random_uuid(),
		file_name text not null,
		file_hash text not null,
		content text not null,
		uploaded_at timestamptz not null default now(),
		uploaded_by uuid not null references app_user (id) on delete cascade
	)`,
	`create index qualification_upload_user_idx on qualification_upload (uploaded_by, uploaded_at desc)`,
	`create table qualification_import (
		id integer generated always as identity primary key,
		file_name text,
		file_hash text not null,
		imported_at timestamptz not null default now(),
		imported_by uuid references app_user (id),
		summary jsonb not null
	)`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
