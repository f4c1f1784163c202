import { sql, type Kysely } from 'kysely';

/**
 * Learners, their learning trajectories and progress per work process. Everything is
 * tenant-owned: company_id leads every key and index. Assessments are append-only:
 * the official level is the trainer's latest judgement, never an average.
 */
const STATEMENTS = [
	`create table learner (
		company_id uuid not null references company (id),
		id uuid not null default gen_random_uuid(),
		user_id uuid references app_user (id),
		name text not null check (length(name) between 1 and 120),
		email text check (length(email) <= 254),
		created_at timestamptz not null default now(),
		created_by uuid references app_user (id),
		primary key (company_id, id)
	)`,
	`create unique index learner_user_key on learner (company_id, user_id) where user_id is not null`,
	`create index learner_company_name_idx on learner (company_id, name)`,
	`create index learner_user_idx on learner (user_id) where user_id is not null`,
	`create table trajectory (
		company_id uuid not null references company (id),
		id uuid not null default gen_random_uuid(),
		learner_id uuid not null,
		route text not null check (route in ('bbl_diploma', 'mbo_certificate', 'practice_statement', 'branch_certificate', 'informal')),
		target_kind text not null check (target_kind in ('qualification', 'certificate', 'work_processes')),
		qualification_id integer references qualification (id),
		certificate_id integer references certificate (id),
		title text not null check (length(title) between 1 and 200),
		school text check (length(school) <= 160),
		start_date date not null,
		planned_end_date date,
		status text not null default 'active' check (status in ('active', 'paused', 'completed', 'stopped')),
		created_at timestamptz not null default now(),
		created_by uuid references app_user (id),
		status_changed_at timestamptz not null default now(),
		primary key (company_id, id),
		foreign key (company_id, learner_id) references learner (company_id, id),
		check (planned_end_date is null or planned_end_date >= start_date)
	)`,
	`create index trajectory_learner_idx on trajectory (company_id, learner_id)`,
	`create index trajectory_status_idx on trajectory (company_id, status, route)`,
	`create table trajectory_trainer (
		company_id uuid not null,
		trajectory_id uuid not null,
		user_id uuid not null references app_user (id),
		primary key (company_id, trajectory_id, user_id),
		foreign key (company_id, trajectory_id) references trajectory (company_id, id)
	)`,
	`create index trajectory_trainer_user_idx on trajectory_trainer (company_id, user_id)`,
	`create table trajectory_work_process (
		company_id uuid not null,
		trajectory_id uuid not null,
		work_process_id integer not null references work_process (id),
		primary key (company_id, trajectory_id, work_process_id),
		foreign key (company_id, trajectory_id) references trajectory (company_id, id)
	)`,
	`create table assessment (
		company_id uuid not null,
		id bigint generated always as identity,
		trajectory_id uuid not null,
		work_process_id integer not null,
		level smallint not null check (level between 0 and 3),
		assessor_kind text not null check (assessor_kind in ('trainer', 'self', 'school')),
		assessor_name text check (length(assessor_name) <= 120),
		assessed_by uuid references app_user (id),
		assessed_on date not null,
		comment text check (length(comment) <= 2000),
		created_at timestamptz not null default now(),
		primary key (company_id, id),
		foreign key (company_id, trajectory_id, work_process_id)
			references trajectory_work_process (company_id, trajectory_id, work_process_id)
	)`,
	`create index assessment_latest_idx on assessment (company_id, trajectory_id, work_process_id, assessor_kind, assessed_on desc, id desc)`,
	`create index assessment_month_idx on assessment (company_id, assessed_on)`,
	`create table exemption (
		company_id uuid not null,
		id uuid not null default gen_random_uuid(),
		trajectory_id uuid not null,
		work_process_id integer not null,
		basis text not null check (basis in ('experience_certificate', 'earlier_diploma', 'practice_statement', 'other')),
		reference text check (length(reference) <= 200),
		granted_on date not null,
		recorded_by uuid references app_user (id),
		created_at timestamptz not null default now(),
		primary key (company_id, id),
		unique (company_id, trajectory_id, work_process_id),
		foreign key (company_id, trajectory_id, work_process_id)
			references trajectory_work_process (company_id, trajectory_id, work_process_id)
	)`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
