import { sql, type Kysely } from 'kysely';

/** Certificates a learner has obtained (date, issuer); they count toward the diploma. */
const STATEMENTS = [
	`create table obtained_certificate (
		company_id uuid not null,
		id uuid not null default gen_random_uuid(),
		learner_id uuid not null,
		certificate_id integer not null references certificate (id),
		obtained_on date not null,
		issuer text not null check (length(issuer) between 1 and 160),
		recorded_by uuid references app_user (id),
		created_at timestamptz not null default now(),
		primary key (company_id, id),
		unique (company_id, learner_id, certificate_id),
		foreign key (company_id, learner_id) references learner (company_id, id)
	)`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
