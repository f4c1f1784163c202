import { sql, type Kysely } from 'kysely';

/**
 * "Covered" (migration 0009) as a view over all trajectories, so that the progress summary
 * can also be rebuilt for every trajectory in one set-based statement.
 *
 * `covered_work_process` is now the single definition: a target work process whose latest
 * trainer judgement is competent (level 3), or that is exempt. `covered_work_processes`
 * (used by refresh_trajectory_progress and the trajectory pages) reads it with its
 * company and trajectories as filters; PostgreSQL pushes those into the view (they are
 * grouping and DISTINCT ON columns), so a refresh still reads only those trajectories'
 * rows through assessment_latest_idx.
 *
 * `rebuild_trajectory_progress()` recomputes every summary row with joins and grouping
 * instead of one function call per company: for bulk loads that switch triggers off
 * (the data generator; 1.15M trajectories in about a minute instead of 6–7). An
 * integration test checks that it gives exactly what the triggers maintain.
 */
const STATEMENTS = [
	`create view covered_work_process as
	select x.company_id, x.trajectory_id, x.work_process_id, bool_or(x.exempt) as exempt
	from (
		select latest.company_id, latest.trajectory_id, latest.work_process_id, false as exempt
		from (
			select distinct on (a.company_id, a.trajectory_id, a.work_process_id)
				a.company_id, a.trajectory_id, a.work_process_id, a.level
			from assessment a
			where a.assessor_kind = 'trainer'
			order by a.company_id, a.trajectory_id, a.work_process_id, a.assessed_on desc, a.id desc
		) latest
		where latest.level = 3
		union all
		select e.company_id, e.trajectory_id, e.work_process_id, true
		from exemption e
	) x
	group by x.company_id, x.trajectory_id, x.work_process_id`,
	`create or replace function covered_work_processes(p_company uuid, p_trajectories uuid[])
	returns table (trajectory_id uuid, work_process_id integer, exempt boolean)
	language sql stable as $$
		select cw.trajectory_id, cw.work_process_id, cw.exempt
		from covered_work_process cw
		where cw.company_id = p_company and cw.trajectory_id = any(p_trajectories)
	$$`,
	`create function rebuild_trajectory_progress() returns bigint language sql as $$
		with changed as (
			insert into trajectory_progress as tp
				(company_id, trajectory_id, total, competent, exempt, last_assessed_on)
			select t.company_id, t.id, coalesce(w.total, 0), coalesce(c.competent, 0),
				coalesce(c.exempt, 0), l.last_assessed_on
			from trajectory t
			left join (
				select tw.company_id, tw.trajectory_id, count(*) as total
				from trajectory_work_process tw group by 1, 2
			) w on w.company_id = t.company_id and w.trajectory_id = t.id
			left join (
				select cw.company_id, cw.trajectory_id,
					count(*) filter (where not cw.exempt) as competent,
					count(*) filter (where cw.exempt) as exempt
				from covered_work_process cw group by 1, 2
			) c on c.company_id = t.company_id and c.trajectory_id = t.id
			left join (
				select a.company_id, a.trajectory_id, max(a.assessed_on) as last_assessed_on
				from assessment a group by 1, 2
			) l on l.company_id = t.company_id and l.trajectory_id = t.id
			on conflict (company_id, trajectory_id) do update set
				total = excluded.total,
				competent = excluded.competent,
				exempt = excluded.exempt,
				last_assessed_on = excluded.last_assessed_on
			where (tp.total, tp.competent, tp.exempt, tp.last_assessed_on)
				is distinct from (excluded.total, excluded.competent, excluded.exempt, excluded.last_assessed_on)
			returning 1
		)
		select count(*) from changed
	$$`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
