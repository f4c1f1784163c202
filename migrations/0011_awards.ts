import { sql, type Kysely } from 'kysely';

/**
 * Awards: the yearly election of the best LLO practice trainer.
 *
 * Platform data (no company_id leading the keys): rounds, criteria, jury panels and
 * their members, scores. A nomination names the nominee's company (the membership it
 * is about), so HR reads its own company's nominations through nomination_company_idx.
 *
 * Eligibility rules are data (award_round.eligibility, jsonb) evaluated by one SQL
 * function, award_eligibility(round, user, company, now): one row per rule with its
 * verdict. "LLO-profiel compleet" comes from the view trainer_llo_status (migration
 * 0007), never re-implemented here.
 *
 * A candidate is a nominee with at least one accepted nomination in the round (view
 * award_candidate; the company and region of their first accepted nomination). Jurors
 * score candidates, not nominations, so two nominations of one trainer are one entry.
 */
const STATEMENTS = [
	`create table award_round (
		id uuid primary key default gen_random_uuid(),
		year smallint not null unique check (year between 2000 and 2100),
		title text not null check (length(title) between 1 and 160),
		nominations_open_at timestamptz not null,
		nominations_close_at timestamptz not null,
		regional_jury_until timestamptz not null,
		national_jury_until timestamptz not null,
		results_published_at timestamptz,
		finalists_per_panel smallint not null default 3 check (finalists_per_panel between 1 and 20),
		eligibility jsonb not null default '{"llo_profile_complete": true, "min_years_experience": 1, "coached_adult_months": 12, "no_win_in_last_years": 3}',
		winner_user_id uuid references app_user (id),
		winner_company_id uuid references company (id),
		created_at timestamptz not null default now(),
		created_by uuid references app_user (id),
		check (nominations_open_at < nominations_close_at
			and nominations_close_at < regional_jury_until
			and regional_jury_until < national_jury_until),
		check (results_published_at is null or results_published_at >= national_jury_until)
	)`,
	`create index award_round_winner_idx on award_round (winner_user_id, year) where winner_user_id is not null`,
	`create table award_criterion (
		id uuid primary key default gen_random_uuid(),
		round_id uuid not null references award_round (id),
		name text not null check (length(name) between 1 and 120),
		description text not null default '' check (length(description) <= 500),
		weight numeric(4, 1) not null check (weight > 0 and weight <= 10),
		position smallint not null,
		unique (round_id, position)
	)`,
	`create table nomination (
		id uuid primary key default gen_random_uuid(),
		round_id uuid not null references award_round (id),
		nominator_id uuid not null references app_user (id),
		nominee_id uuid not null references app_user (id),
		company_id uuid not null references company (id),
		evidence text not null default '' check (length(evidence) <= 2000),
		nominator_named boolean not null default false,
		status text not null default 'pending_consent'
			check (status in ('pending_consent', 'accepted', 'declined', 'withdrawn')),
		publish_consent boolean not null default false,
		consented_at timestamptz,
		endorsement text check (length(endorsement) <= 2000),
		endorsed_by uuid references app_user (id),
		endorsed_at timestamptz,
		created_at timestamptz not null default now(),
		updated_at timestamptz not null default now(),
		foreign key (company_id, nominee_id) references membership (company_id, user_id),
		check (nominator_id <> nominee_id)
	)`,
	// SBB's rule: at most one nomination per nominator per round (a withdrawn one frees the slot).
	`create unique index nomination_one_per_nominator on nomination (round_id, nominator_id) where status <> 'withdrawn'`,
	`create index nomination_company_idx on nomination (company_id, round_id)`,
	`create index nomination_nominee_idx on nomination (nominee_id, round_id)`,
	`create table nomination_motivation (
		nomination_id uuid not null references nomination (id) on delete cascade,
		criterion_id uuid not null references award_criterion (id),
		text text not null check (length(text) between 1 and 2000),
		primary key (nomination_id, criterion_id)
	)`,
	`create table jury_panel (
		id uuid primary key default gen_random_uuid(),
		round_id uuid not null references award_round (id),
		kind text not null check (kind in ('regional', 'national')),
		name text not null check (length(name) between 1 and 120),
		region_ids integer[] not null default '{}',
		created_at timestamptz not null default now(),
		check ((kind = 'national') = (cardinality(region_ids) = 0))
	)`,
	`create unique index jury_panel_one_national on jury_panel (round_id) where kind = 'national'`,
	`create index jury_panel_round_idx on jury_panel (round_id, kind, name)`,
	`create table jury_member (
		id uuid primary key default gen_random_uuid(),
		panel_id uuid not null references jury_panel (id),
		user_id uuid not null references app_user (id),
		added_at timestamptz not null default now(),
		replaced_at timestamptz,
		replaced_by uuid references app_user (id)
	)`,
	`create unique index jury_member_active on jury_member (panel_id, user_id) where replaced_at is null`,
	`create index jury_member_user_idx on jury_member (user_id)`,
	`create table jury_conflict (
		panel_id uuid not null references jury_panel (id),
		juror_id uuid not null references app_user (id),
		nominee_id uuid not null references app_user (id),
		reason text not null check (length(reason) between 1 and 500),
		declared_at timestamptz not null default now(),
		primary key (panel_id, juror_id, nominee_id)
	)`,
	// Saved per juror × nominee at once (every criterion): submitted_at is that moment.
	`create table jury_score (
		panel_id uuid not null references jury_panel (id),
		juror_id uuid not null references app_user (id),
		nominee_id uuid not null references app_user (id),
		criterion_id uuid not null references award_criterion (id),
		score smallint not null check (score between 1 and 10),
		comment text not null default '' check (length(comment) <= 1000),
		submitted_at timestamptz not null default now(),
		primary key (panel_id, juror_id, nominee_id, criterion_id)
	)`,
	`create index jury_score_nominee_idx on jury_score (panel_id, nominee_id)`,
	`create view award_candidate as
		select distinct on (n.round_id, n.nominee_id)
			n.round_id, n.nominee_id, n.company_id, c.region_id
		from nomination n
		join company c on c.id = n.company_id
		where n.status = 'accepted'
		order by n.round_id, n.nominee_id, n.created_at, n.id`,
	// The eligibility rules of a round, one row per rule. A rule absent from the round's
	// jsonb is not checked (no row). trainer_at_company always applies.
	`create function award_eligibility(p_round uuid, p_user uuid, p_company uuid, p_now timestamptz default now())
		returns table (rule text, ok boolean, value integer)
		language sql stable as $$
		with r as (select year, eligibility as e from award_round where id = p_round)
		select 'trainer_at_company', exists (
				select 1 from membership m
				where m.company_id = p_company and m.user_id = p_user
					and m.deactivated_at is null and 'trainer' = any(m.roles)), null::integer
		from r
		union all
		select 'llo_profile_complete', coalesce((
				select st.complete from trainer_llo_status st where st.user_id = p_user), false), null
		from r where (r.e ->> 'llo_profile_complete')::boolean
		union all
		select 'min_years_experience', coalesce((
				select p.years_experience from trainer_profile p where p.user_id = p_user), 0)
				>= (r.e ->> 'min_years_experience')::int,
			(r.e ->> 'min_years_experience')::int
		from r where r.e ? 'min_years_experience'
		union all
		select 'coached_adult_months', exists (
				select 1 from trajectory_trainer tt
				join trajectory t on t.company_id = tt.company_id and t.id = tt.trajectory_id
				where tt.company_id = p_company and tt.user_id = p_user
					and t.start_date <= p_now::date
					and (t.status = 'active'
						or t.status_changed_at >= p_now - make_interval(months => (r.e ->> 'coached_adult_months')::int))),
			(r.e ->> 'coached_adult_months')::int
		from r where r.e ? 'coached_adult_months'
		union all
		select 'no_win_in_last_years', not exists (
				select 1 from award_round w
				where w.winner_user_id = p_user and w.results_published_at is not null
					and w.year < r.year and w.year >= r.year - (r.e ->> 'no_win_in_last_years')::int),
			(r.e ->> 'no_win_in_last_years')::int
		from r where r.e ? 'no_win_in_last_years'
	$$`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
