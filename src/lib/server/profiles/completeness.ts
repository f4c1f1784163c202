import { sql } from 'kysely';
import type { DB } from '../db';

/**
 * "LLO-profiel compleet": every area of the CURRENT framework version has a submitted
 * self-assessment answer at most 12 months old, and there is at least one development
 * activity dated in the last 12 months.
 *
 * The verdict lives in one place, the view trainer_llo_status (migration 0007). It reads
 * trainer_llo_summary, which this module keeps up to date inside the transaction of
 * every change that can move it (a submitted self-assessment, an activity added or
 * removed). The summary stores dates, not the verdict, so the passing of time needs no
 * job; a newly published version makes everyone incomplete through the version check in
 * the view until they assess themselves on it.
 */
export async function refreshLloSummary(db: DB, userIds: string[]): Promise<void> {
	if (!userIds.length) return;
	await sql`
		insert into trainer_llo_summary (user_id, version_id, areas_assessed_on, last_activity_on, updated_at)
		select u.id, cur.id,
			(select case when count(*) = (select count(*) from competence_area where version_id = cur.id)
					then min(x.latest) end
				from (select a.id, max(s.submitted_at)::date as latest
					from competence_area a
					join competence_indicator i on i.area_id = a.id
					join self_assessment_answer ans on ans.indicator_id = i.id and ans.level is not null
					join self_assessment s on s.id = ans.assessment_id
						and s.status = 'submitted' and s.user_id = u.id
					where a.version_id = cur.id
					group by a.id) x),
			(select max(d.activity_date) from development_activity d where d.user_id = u.id),
			now()
		from app_user u
		cross join (select max(id) as id from competence_framework_version where status = 'published') cur
		where u.id = any(${userIds}::uuid[])
		on conflict (user_id) do update set
			version_id = excluded.version_id,
			areas_assessed_on = excluded.areas_assessed_on,
			last_activity_on = excluded.last_activity_on,
			updated_at = excluded.updated_at`.execute(db);
}

export interface LloStatus {
	complete: boolean;
	areasAssessedOn: string | null;
	lastActivityOn: string | null;
}

/** The status of many trainers at once (one query); no row means incomplete. */
export async function lloStatusOf(db: DB, userIds: string[]): Promise<Map<string, LloStatus>> {
	const result = new Map<string, LloStatus>();
	if (!userIds.length) return result;
	const rows = await db
		.selectFrom('trainer_llo_status')
		.select(['user_id', 'complete', 'areas_assessed_on', 'last_activity_on'])
		.where('user_id', 'in', userIds)
		.execute();
	for (const r of rows) {
		result.set(r.user_id, {
			complete: r.complete === true,
			areasAssessedOn: r.areas_assessed_on,
			lastActivityOn: r.last_activity_on
		});
	}
	for (const id of userIds) {
		if (!result.has(id)) {
			result.set(id, { complete: false, areasAssessedOn: null, lastActivityOn: null });
		}
	}
	return result;
}

export interface CompanyLloShare {
	companyId: string;
	trainers: number;
	complete: number;
}

/**
 * Per company: active trainers and how many have a complete LLO profile, for many
 * companies in one query (the adviser overview). Membership's primary key leads with
 * company_id and the summary is looked up by user id, so this stays one pass over the
 * trainers' memberships even for every company in the country.
 */
export async function lloShareByCompany(db: DB, companyIds: string[]): Promise<CompanyLloShare[]> {
	if (!companyIds.length) return [];
	const rows = await sql<{ company_id: string; trainers: number; complete: number }>`
		select m.company_id, count(*)::int as trainers,
			count(*) filter (where st.complete)::int as complete
		from membership m
		left join trainer_llo_status st on st.user_id = m.user_id
		where m.company_id = any(${companyIds}::uuid[])
			and m.deactivated_at is null and 'trainer' = any(m.roles)
		group by m.company_id`.execute(db);
	return rows.rows.map((r) => ({
		companyId: r.company_id,
		trainers: r.trainers,
		complete: r.complete
	}));
}
