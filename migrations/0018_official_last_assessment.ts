import { sql, type Kysely } from 'kysely';

/**
 * "Stilgevallen" means the trainer stopped: a trajectory's last assessment, and so
 * whether it is stalled and every figure derived from it (HR's dashboard, the adviser's
 * overview through company_overview's trigger on trajectory_progress), counts official
 * judgements only — the trainer's and the school assessor's. A learner's own
 * self-assessment is shown beside them and never changes them (before this migration a
 * self-assessment cleared the stalled flag).
 *
 * Redefines the two places that compute last_assessed_on (the per-trajectory refresh of
 * 0009 and the set-based rebuild of 0013) and recomputes every summary row once.
 */
const OFFICIAL = `('trainer', 'school')`;

const STATEMENTS = [
	`create or replace function refresh_trajectory_progress(p_company uuid, p_trajectories uuid[])
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
				where a.company_id = p_company and a.trajectory_id = t.id
				  and a.assessor_kind in ${OFFICIAL})
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
	`create or replace function rebuild_trajectory_progress() returns bigint language sql as $$
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
				from assessment a where a.assessor_kind in ${OFFICIAL} group by 1, 2
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
	$$`,
	`select rebuild_trajectory_progress()`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
