import { sql, type Kysely } from 'kysely';

/**
 * A maintained progress summary per trajectory, so that pages over many trajectories
 * (the HR dashboard of a 2,000-learner company, trajectory lists, later the adviser
 * overview) read one small row per trajectory instead of recomputing every
 * trajectory's progress from its assessments on each request.
 *
 * The single definition of "covered" lives here, in `covered_work_processes`: a target
 * work process whose latest trainer judgement is competent (level 3), or that is exempt.
 * `refresh_trajectory_progress` recomputes the summary of some trajectories; statement
 * triggers on trajectory, trajectory_work_process, assessment and exemption call it in
 * the same transaction as the change, so the summary can never lag behind, whichever
 * code path writes (services, seed, scripts). Bulk loads that switch triggers off
 * (the data generator) call the function themselves afterwards.
 *
 * Whether a trajectory is stalled depends on today's date, so it is derived when read
 * (status, start date and last_assessed_on), not stored.
 */
const STATEMENTS = [
	`create table trajectory_progress (
		company_id uuid not null,
		trajectory_id uuid not null,
		total integer not null default 0,
		competent integer not null default 0,
		exempt integer not null default 0,
		last_assessed_on date,
		primary key (company_id, trajectory_id),
		foreign key (company_id, trajectory_id) references trajectory (company_id, id) on delete cascade
	)`,
	`create function covered_work_processes(p_company uuid, p_trajectories uuid[])
	returns table (trajectory_id uuid, work_process_id integer, exempt boolean)
	language sql stable as $$
		select x.trajectory_id, x.work_process_id, bool_or(x.exempt)
		from (
			select latest.trajectory_id, latest.work_process_id, false as exempt
			from (
				select distinct on (a.trajectory_id, a.work_process_id)
					a.trajectory_id, a.work_process_id, a.level
				from assessment a
				where a.company_id = p_company and a.assessor_kind = 'trainer'
				  and a.trajectory_id = any(p_trajectories)
				order by a.trajectory_id, a.work_process_id, a.assessed_on desc, a.id desc
			) latest
			where latest.level = 3
			union all
			select e.trajectory_id, e.work_process_id, true
			from exemption e
			where e.company_id = p_company and e.trajectory_id = any(p_trajectories)
		) x
		group by x.trajectory_id, x.work_process_id
	$$`,
	`create function refresh_trajectory_progress(p_company uuid, p_trajectories uuid[])
	returns void language plpgsql as $$
	begin
		-- Two transactions changing one trajectory at once: the second waits here for the
		-- first to commit; its statements below then see the first one's rows as well
		-- (each statement of a volatile function takes a new snapshot).
		perform 1 from trajectory_progress tp
		where tp.company_id = p_company and tp.trajectory_id = any(p_trajectories)
		order by tp.trajectory_id
		for update;
		insert into trajectory_progress as tp
			(company_id, trajectory_id, total, competent, exempt, last_assessed_on)
		select p_company, t.id,
			(select count(*) from trajectory_work_process tw
				where tw.company_id = p_company and tw.trajectory_id = t.id),
			coalesce(c.competent, 0), coalesce(c.exempt, 0),
			(select max(a.assessed_on) from assessment a
				where a.company_id = p_company and a.trajectory_id = t.id)
		from trajectory t
		left join (
			select cw.trajectory_id,
				count(*) filter (where not cw.exempt) as competent,
				count(*) filter (where cw.exempt) as exempt
			from covered_work_processes(p_company, p_trajectories) cw
			group by cw.trajectory_id
		) c on c.trajectory_id = t.id
		where t.company_id = p_company and t.id = any(p_trajectories)
		on conflict (company_id, trajectory_id) do update set
			total = excluded.total,
			competent = excluded.competent,
			exempt = excluded.exempt,
			last_assessed_on = excluded.last_assessed_on
		where (tp.total, tp.competent, tp.exempt, tp.last_assessed_on)
			is distinct from (excluded.total, excluded.competent, excluded.exempt, excluded.last_assessed_on);
	end
	$$`,
	// One function for every trigger: the changed rows are the transition table
	// "changed", with a trajectory_id column (for trajectory itself: id).
	`create function trajectory_progress_changed() returns trigger language plpgsql as $$
	declare
		r record;
	begin
		if tg_table_name = 'trajectory' then
			for r in select c.company_id, array_agg(c.id) as ids from changed c group by c.company_id loop
				perform refresh_trajectory_progress(r.company_id, r.ids);
			end loop;
		else
			for r in select c.company_id, array_agg(distinct c.trajectory_id) as ids
				from changed c group by c.company_id loop
				perform refresh_trajectory_progress(r.company_id, r.ids);
			end loop;
		end if;
		return null;
	end
	$$`,
	`create trigger trajectory_progress_created after insert on trajectory
		referencing new table as changed for each statement
		execute function trajectory_progress_changed()`,
	...['trajectory_work_process', 'assessment', 'exemption'].flatMap((table) => [
		`create trigger ${table}_progress_insert after insert on ${table}
			referencing new table as changed for each statement
			execute function trajectory_progress_changed()`,
		`create trigger ${table}_progress_update after update on ${table}
			referencing new table as changed for each statement
			execute function trajectory_progress_changed()`,
		`create trigger ${table}_progress_delete after delete on ${table}
			referencing old table as changed for each statement
			execute function trajectory_progress_changed()`
	]),
	// Existing trajectories.
	`select refresh_trajectory_progress(company_id, array_agg(id)) from trajectory group by company_id`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
