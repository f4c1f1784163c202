import { sql, type Kysely } from 'kysely';

/**
 * Evidence per work process of a trajectory: notes, links and files. Tenant-owned:
 * company_id leads the key and the index. A file's bytes live on disk under
 * FILES_DIR/<company_id>/<uuid> (storage_key); only its checked metadata is here.
 * The work process must be in the trajectory's target (the same foreign key as
 * assessment and exemption).
 */
const STATEMENTS = [
	`create table evidence (
		company_id uuid not null,
		id uuid not null default gen_random_uuid(),
		trajectory_id uuid not null,
		work_process_id integer not null,
		kind text not null check (kind in ('note', 'link', 'file')),
		title text not null check (length(title) between 1 and 200),
		body text check (length(body) <= 5000),
		url text check (length(url) <= 2000 and url ~* '^https?://'),
		file_name text check (length(file_name) between 1 and 200),
		content_type text check (length(content_type) <= 120),
		size_bytes integer check (size_bytes between 1 and 10485760),
		storage_key text check (length(storage_key) <= 100),
		created_by uuid references app_user (id),
		created_at timestamptz not null default now(),
		primary key (company_id, id),
		foreign key (company_id, trajectory_id, work_process_id)
			references trajectory_work_process (company_id, trajectory_id, work_process_id),
		check (case kind
			when 'note' then body is not null and url is null and storage_key is null
			when 'link' then url is not null and storage_key is null
			else storage_key is not null and file_name is not null and content_type is not null
				and size_bytes is not null and url is null
		end)
	)`,
	`create index evidence_trajectory_idx on evidence (company_id, trajectory_id, work_process_id, created_at)`,
	`create unique index evidence_storage_key on evidence (company_id, storage_key) where storage_key is not null`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
