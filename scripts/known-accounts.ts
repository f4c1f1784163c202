/**
 * The known accounts inside generated data (scripts/generate.ts), looked up from the
 * database so the generator and the benchmark (scripts/bench.ts) agree without a file.
 */
import { sql, type Kysely } from 'kysely';

/** The password of every generated account. */
export const GENERATED_PASSWORD = 'Vakmaat-gen-2026';
export const GENERATED_EMAIL_DOMAIN = 'gen.vakmaat.example';
export const GENERATED_SLUG_PREFIX = 'gen-';

export interface KnownAccounts {
	company: { id: string; slug: string; name: string; learners: number };
	hr: { email: string };
	trainer: { email: string; trajectories: number };
	learner: { email: string; assessments: number; trajectoryId: string };
	adviser: { email: string; region: string; companies: number } | null;
	/** A juror of the regional panel with the most candidates in the generated round. */
	juror: { email: string; panelId: string; panel: string; candidates: number } | null;
	/** HR of the company whose latest closed learning-culture round had the most answers. */
	culture: {
		email: string;
		companyId: string;
		slug: string;
		roundId: string;
		responses: number;
	} | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function findKnownAccounts(db: AnyDb): Promise<KnownAccounts | null> {
	const company = (
		await sql<{ id: string; slug: string; name: string; learners: number }>`
			select c.id, c.slug, c.name, count(l.id)::int as learners
			from company c join learner l on l.company_id = c.id
			where c.slug like ${GENERATED_SLUG_PREFIX + '%'}
			group by c.id order by count(l.id) desc, c.slug limit 1`.execute(db)
	).rows[0];
	if (!company) return null;
	const hr = (
		await sql<{ email: string }>`
			select u.email from membership m join app_user u on u.id = m.user_id
			where m.company_id = ${company.id} and 'hr' = any(m.roles)
			order by u.email limit 1`.execute(db)
	).rows[0];
	const trainer = (
		await sql<{ email: string; trajectories: number }>`
			select u.email, count(*)::int as trajectories
			from trajectory_trainer tt join app_user u on u.id = tt.user_id
			where tt.company_id = ${company.id}
			group by u.email order by count(*) desc, u.email limit 1`.execute(db)
	).rows[0];
	const learner = (
		await sql<{ email: string; assessments: number; trajectory_id: string }>`
			with per_learner as (
				select t.learner_id, count(a.id)::int as assessments
				from trajectory t
				join assessment a on a.company_id = t.company_id and a.trajectory_id = t.id
				where t.company_id = ${company.id}
				group by t.learner_id
			)
			select u.email, p.assessments,
				(select t.id from trajectory t where t.company_id = ${company.id} and t.learner_id = l.id
				 order by t.start_date desc limit 1) as trajectory_id
			from per_learner p
			join learner l on l.company_id = ${company.id} and l.id = p.learner_id
			join app_user u on u.id = l.user_id
			order by p.assessments desc, u.email limit 1`.execute(db)
	).rows[0];
	const adviser = (
		await sql<{ email: string; region: string; companies: number }>`
			with biggest as (
				select region_id, count(*)::int as companies from company
				where slug like ${GENERATED_SLUG_PREFIX + '%'}
				group by region_id order by count(*) desc, region_id limit 1
			)
			select u.email, r.name as region, b.companies
			from biggest b
			join region r on r.id = b.region_id
			join adviser_region ar on ar.region_id = b.region_id
			join app_user u on u.id = ar.user_id
			where u.email like ${'%@' + GENERATED_EMAIL_DOMAIN}
			order by u.email limit 1`.execute(db)
	).rows[0];
	const juror = (
		await sql<{ email: string; panel_id: string; panel: string; candidates: number }>`
			with biggest as (
				select p.id, p.name, count(*)::int as candidates
				from jury_panel p
				join award_candidate a on a.round_id = p.round_id and a.region_id = any(p.region_ids)
				where p.kind = 'regional'
				  and exists (select 1 from jury_member jm join app_user u on u.id = jm.user_id
					where jm.panel_id = p.id and u.email like ${'%@' + GENERATED_EMAIL_DOMAIN})
				group by p.id, p.name order by count(*) desc, p.name limit 1
			)
			select u.email, b.id as panel_id, b.name as panel, b.candidates
			from biggest b
			join jury_member jm on jm.panel_id = b.id and jm.replaced_at is null
			join app_user u on u.id = jm.user_id
			order by u.email limit 1`.execute(db)
	).rows[0];
	const culture = (
		await sql<{
			email: string;
			company_id: string;
			slug: string;
			round_id: string;
			responses: number;
		}>`
			select u.email, c.id as company_id, c.slug, r.round_id, r.employees as responses
			from culture_round_result r
			join company c on c.id = r.company_id
			join membership m on m.company_id = c.id and 'hr' = any(m.roles)
			join app_user u on u.id = m.user_id
			where c.slug like ${GENERATED_SLUG_PREFIX + '%'} and r.closes_on < current_date
			order by r.employees desc, c.slug, u.email limit 1`.execute(db)
	).rows[0];
	if (!hr || !trainer || !learner) return null;
	return {
		company,
		hr,
		trainer,
		learner: {
			email: learner.email,
			assessments: learner.assessments,
			trajectoryId: learner.trajectory_id
		},
		adviser: adviser ?? null,
		juror: juror
			? {
					email: juror.email,
					panelId: juror.panel_id,
					panel: juror.panel,
					candidates: juror.candidates
				}
			: null,
		culture: culture
			? {
					email: culture.email,
					companyId: culture.company_id,
					slug: culture.slug,
					roundId: culture.round_id,
					responses: culture.responses
				}
			: null
	};
}
