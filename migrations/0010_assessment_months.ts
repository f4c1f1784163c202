import { sql, type Kysely } from 'kysely';

/**
 * Assessments per company, month and kind of assessor, maintained by statement triggers
 * on assessment in the same transaction as the change. The HR dashboard's "assessments
 * per month" chart of a whole company reads twelve rows per kind from here instead of
 * counting tens of thousands of assessments on every request. (Filtered views of the
 * dashboard, by route or trainer, still count the assessments themselves.)
 */
const STATEMENTS = [
	`create table assessment_month (
		company_id uuid not null references company (id),
		month date not null check (extract(day from month) = 1),
		assessor_kind text not null,
		assessments integer not null check (assessments >= 0),
		primary key (company_id, month, assessor_kind)
	)`,
	`create function assessment_month_add() returns trigger language plpgsql as $$
	begin
		insert into assessment_month as am (company_id, month, assessor_kind, assessments)
		select c.company_id, date_trunc('month', c.assessed_on::timestamp)::date, c.assessor_kind,
			count(*)
		from added c
		group by 1, 2, 3
		order by 1, 2, 3
		on conflict (company_id, month, assessor_kind)
			do update set assessments = am.assessments + excluded.assessments;
		return null;
	end
	$$`,
	`create function assessment_month_remove() returns trigger language plpgsql as $$
	begin
		update assessment_month am set assessments = am.assessments - r.n
		from (
			select c.company_id, date_trunc('month', c.assessed_on::timestamp)::date as month,
				c.assessor_kind, count(*) as n
			from removed c
			group by 1, 2, 3
		) r
		where am.company_id = r.company_id and am.month = r.month
		  and am.assessor_kind = r.assessor_kind;
		return null;
	end
	$$`,
	`create trigger assessment_month_insert after insert on assessment
		referencing new table as added for each statement
		execute function assessment_month_add()`,
	`create trigger assessment_month_delete after delete on assessment
		referencing old table as removed for each statement
		execute function assessment_month_remove()`,
	// An update (assessments are append-only, but never let the counts drift): the old
	// rows out, the new rows in.
	`create trigger assessment_month_update_old after update on assessment
		referencing old table as removed for each statement
		execute function assessment_month_remove()`,
	`create trigger assessment_month_update_new after update on assessment
		referencing new table as added for each statement
		execute function assessment_month_add()`,
	`insert into assessment_month (company_id, month, assessor_kind, assessments)
	select company_id, date_trunc('month', assessed_on::timestamp)::date, assessor_kind, count(*)
	from assessment
	group by 1, 2, 3`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
