import { sql, type Kysely } from 'kysely';

/**
 * The llo trainer profile.
 *
 * Platform reference data (no company_id): the competence framework for practice
 * trainers, versioned. A version is a draft until it is published; the published
 * version with the highest number is the current one. Self-assessments point at the
 * indicators of the version they answered, so publishing a new version never rewrites
 * history.
 *
 * Person-owned (like the learner passport): the profile, self-assessments, the
 * development log. Company-owned: capacity per membership and learners' feedback.
 *
 * trainer_llo_summary keeps, per trainer, the dates the "LLO-profiel compleet" rule
 * needs (oldest of the latest assessment dates per area of the current version, latest
 * development activity). It stores dates, not the verdict, so it never goes stale as
 * time passes; the view trainer_llo_status turns it into the verdict with current_date.
 * That makes the share of complete profiles per company one join of membership with a
 * primary-key lookup, also for 250,000 companies.
 */

/** SBB's praktijkopleider competences and the llo areas written for this project. */
export const FRAMEWORK: {
	code: string;
	source: 'sbb' | 'llo';
	name: string;
	description: string;
	indicators: string[];
}[] = [
	{
		code: 'aansturen',
		source: 'sbb',
		name: 'Aansturen',
		description: 'Geeft richting aan het werk en het leren van de lerende.',
		indicators: [
			'Ik spreek duidelijke doelen en verwachtingen af met de lerende.',
			'Ik verdeel taken zo dat de lerende steeds iets meer verantwoordelijkheid krijgt.',
			'Ik spreek de lerende aan als afspraken niet worden nagekomen.'
		]
	},
	{
		code: 'begeleiden',
		source: 'sbb',
		name: 'Begeleiden',
		description: 'Ondersteunt de lerende bij het leren in de praktijk.',
		indicators: [
			'Ik voer regelmatig voortgangsgesprekken en leg de afspraken vast.',
			'Ik geef feedback die concreet is en waar de lerende mee verder kan.',
			'Ik pas mijn begeleiding aan aan wat de lerende al kan.'
		]
	},
	{
		code: 'beslissen',
		source: 'sbb',
		name: 'Beslissen en activiteiten initiëren',
		description: 'Neemt besluiten over het leertraject en komt zelf in actie.',
		indicators: [
			'Ik neem tijdig een besluit als het leertraject bijgestuurd moet worden.',
			'Ik zoek zelf leersituaties op waarin de lerende kan oefenen.'
		]
	},
	{
		code: 'instructies',
		source: 'sbb',
		name: 'Instructies en procedures volgen',
		description: 'Werkt volgens de afspraken van het leerbedrijf, de school en SBB.',
		indicators: [
			'Ik ken de afspraken uit de praktijkovereenkomst en houd me eraan.',
			'Ik leg beoordelingen vast volgens de afgesproken procedure.',
			'Ik leg de lerende uit waarom een procedure belangrijk is.'
		]
	},
	{
		code: 'leren',
		source: 'sbb',
		name: 'Leren',
		description: 'Blijft zich ontwikkelen als vakmens en als praktijkopleider.',
		indicators: [
			'Ik vraag lerenden en collega’s om feedback op mijn begeleiding.',
			'Ik volg scholing of intervisie om beter te begeleiden.',
			'Ik pas toe wat ik heb geleerd en kijk of het werkt.'
		]
	},
	{
		code: 'klantgericht',
		source: 'sbb',
		name: 'Op de behoeften en verwachtingen van de klant richten',
		description: 'Stemt de begeleiding af op de lerende, de school en het bedrijf.',
		indicators: [
			'Ik vraag de lerende wat hij of zij nodig heeft om te leren.',
			'Ik houd rekening met de verwachtingen van de school en van mijn organisatie.'
		]
	},
	{
		code: 'plannen',
		source: 'sbb',
		name: 'Plannen en organiseren',
		description: 'Zorgt dat er tijd, ruimte en werk is om te leren.',
		indicators: [
			'Ik plan begeleidingsmomenten in en houd die vast, ook als het druk is.',
			'Ik zorg dat de lerende werk krijgt dat past bij de werkprocessen van de opleiding.',
			'Ik houd overzicht over de voortgang van al mijn lerenden.'
		]
	},
	{
		code: 'samenwerken',
		source: 'sbb',
		name: 'Samenwerken en overleggen',
		description: 'Werkt samen met collega’s, de school en andere betrokkenen.',
		indicators: [
			'Ik overleg met de docent of loopbaanbegeleider van de school over de voortgang.',
			'Ik betrek collega’s bij de begeleiding van de lerende.'
		]
	},
	{
		code: 'llo_context',
		source: 'llo',
		name: 'Volwassenen begeleiden in hun hele context',
		description: 'Houdt rekening met werk, gezin en eerdere leerervaringen van volwassenen.',
		indicators: [
			'Ik bespreek met de lerende hoe leren te combineren is met werk en gezin.',
			'Ik vraag naar eerdere leerervaringen, ook als die niet goed waren.',
			'Ik maak afspraken die passen bij de tijd die de lerende heeft.'
		]
	},
	{
		code: 'llo_evc',
		source: 'llo',
		name: 'Eerder verworven competenties en ervaring erkennen',
		description: 'Ziet wat de lerende al kan en laat dat meetellen.',
		indicators: [
			'Ik breng samen met de lerende in kaart wat hij of zij al kan.',
			'Ik weet hoe een evc-procedure of vrijstelling werkt en wanneer die zinvol is.',
			'Ik laat de lerende werk overslaan dat hij of zij aantoonbaar al beheerst.'
		]
	},
	{
		code: 'llo_informeel',
		source: 'llo',
		name: 'Informeel leren en leren op de werkplek',
		description: 'Maakt gebruik van feedback, reflectie en kennisdeling in het dagelijks werk.',
		indicators: [
			'Ik gebruik gewone werksituaties als leermoment.',
			'Ik laat de lerende reflecteren op wat goed ging en wat beter kan.',
			'Ik stimuleer de lerende om kennis door te geven aan collega’s.'
		]
	},
	{
		code: 'llo_loopbaan',
		source: 'llo',
		name: 'Loopbaanbegeleiding en arbeidsmarktperspectief',
		description: 'Helpt de lerende vooruit te kijken naar werk en loopbaan.',
		indicators: [
			'Ik bespreek met de lerende welke loopbaanstappen na de opleiding mogelijk zijn.',
			'Ik ken de vraag naar vakmensen in onze sector en regio.'
		]
	},
	{
		code: 'llo_partners',
		source: 'llo',
		name: 'Samenwerken met scholen, evc-aanbieders, UWV en gemeenten',
		description: 'Weet welke partners een volwassen lerende kunnen helpen en werkt met hen samen.',
		indicators: [
			'Ik weet welke partners er zijn voor scholing, evc en financiering.',
			'Ik verwijs de lerende door als hij of zij hulp nodig heeft die ik niet kan geven.',
			'Ik stem met externe partners af wie wat doet.'
		]
	},
	{
		code: 'llo_inclusief',
		source: 'llo',
		name: 'Inclusief begeleiden',
		description:
			'Begeleidt lerenden die een andere taal spreken of moeite hebben met lezen en schrijven.',
		indicators: [
			'Ik gebruik eenvoudige taal en controleer of mijn uitleg is begrepen.',
			'Ik herken signalen van laaggeletterdheid en bespreek die respectvol.',
			'Ik zet beeld, voordoen en oefenen in naast geschreven uitleg.'
		]
	}
];

const STATEMENTS = [
	`create table competence_framework_version (
		id integer generated always as identity primary key,
		number integer not null unique check (number > 0),
		status text not null default 'draft' check (status in ('draft', 'published')),
		published_at timestamptz,
		created_at timestamptz not null default now(),
		created_by uuid references app_user (id),
		check ((status = 'published') = (published_at is not null))
	)`,
	// At most one draft at a time.
	`create unique index competence_framework_one_draft on competence_framework_version (status) where status = 'draft'`,
	`create table competence_area (
		id integer generated always as identity primary key,
		version_id integer not null references competence_framework_version (id),
		code text not null check (code ~ '^[a-z_]{2,40}$'),
		name text not null check (length(name) between 1 and 160),
		description text not null default '' check (length(description) <= 500),
		position integer not null,
		source text not null check (source in ('sbb', 'llo')),
		unique (version_id, code)
	)`,
	`create table competence_indicator (
		id integer generated always as identity primary key,
		area_id integer not null references competence_area (id) on delete cascade,
		text text not null check (length(text) between 1 and 300),
		position integer not null
	)`,
	`create index competence_indicator_area_idx on competence_indicator (area_id, position)`,
	`create table trainer_profile (
		user_id uuid primary key references app_user (id),
		bio text not null default '' check (length(bio) <= 2000),
		specialisms text[] not null default '{}',
		languages text[] not null default '{}',
		years_experience smallint check (years_experience between 0 and 60),
		updated_at timestamptz not null default now()
	)`,
	`create table trainer_profile_sector (
		user_id uuid not null references app_user (id),
		sector_chamber_id integer not null references sector_chamber (id),
		primary key (user_id, sector_chamber_id)
	)`,
	`create table trainer_profile_qualification (
		user_id uuid not null references app_user (id),
		qualification_id integer not null references qualification (id),
		primary key (user_id, qualification_id)
	)`,
	`create table trainer_capacity (
		company_id uuid not null,
		user_id uuid not null,
		max_learners smallint not null check (max_learners between 0 and 200),
		updated_at timestamptz not null default now(),
		updated_by uuid references app_user (id),
		primary key (company_id, user_id),
		foreign key (company_id, user_id) references membership (company_id, user_id)
	)`,
	`create table self_assessment (
		id uuid primary key default gen_random_uuid(),
		user_id uuid not null references app_user (id),
		version_id integer not null references competence_framework_version (id),
		status text not null default 'draft' check (status in ('draft', 'submitted')),
		created_at timestamptz not null default now(),
		updated_at timestamptz not null default now(),
		submitted_at timestamptz,
		check ((status = 'submitted') = (submitted_at is not null))
	)`,
	`create unique index self_assessment_one_draft on self_assessment (user_id) where status = 'draft'`,
	`create index self_assessment_user_idx on self_assessment (user_id, submitted_at desc)`,
	`create table self_assessment_answer (
		assessment_id uuid not null references self_assessment (id) on delete cascade,
		indicator_id integer not null references competence_indicator (id),
		level smallint check (level between 1 and 4),
		reflection text not null default '' check (length(reflection) <= 2000),
		primary key (assessment_id, indicator_id)
	)`,
	`create table development_activity (
		id uuid primary key default gen_random_uuid(),
		user_id uuid not null references app_user (id),
		kind text not null check (kind in ('workshop', 'webinar', 'course', 'intervision', 'other')),
		title text not null check (length(title) between 1 and 200),
		provider text not null default '' check (length(provider) <= 160),
		activity_date date not null,
		hours numeric(5, 1) not null check (hours > 0 and hours <= 1000),
		impact text not null default '' check (length(impact) <= 2000),
		created_at timestamptz not null default now()
	)`,
	`create index development_activity_user_idx on development_activity (user_id, activity_date desc)`,
	`create table development_goal (
		id uuid primary key default gen_random_uuid(),
		user_id uuid not null references app_user (id),
		text text not null check (length(text) between 1 and 500),
		target_date date,
		status text not null default 'open' check (status in ('open', 'in_progress', 'achieved', 'dropped')),
		created_at timestamptz not null default now()
	)`,
	`create index development_goal_user_idx on development_goal (user_id, created_at)`,
	`create table trainer_feedback (
		company_id uuid not null,
		trainer_user_id uuid not null references app_user (id),
		learner_id uuid not null,
		explains smallint not null check (explains between 1 and 5),
		listens smallint not null check (listens between 1 and 5),
		recognises smallint not null check (recognises between 1 and 5),
		available smallint not null check (available between 1 and 5),
		submitted_at timestamptz not null default now(),
		primary key (company_id, trainer_user_id, learner_id),
		foreign key (company_id, learner_id) references learner (company_id, id)
	)`,
	`create table trainer_llo_summary (
		user_id uuid primary key references app_user (id),
		version_id integer references competence_framework_version (id),
		areas_assessed_on date,
		last_activity_on date,
		updated_at timestamptz not null default now()
	)`,
	// The one definition of "LLO-profiel compleet".
	`create view trainer_llo_status as
		select s.user_id,
			(s.version_id = (select max(id) from competence_framework_version where status = 'published')
				and s.areas_assessed_on >= current_date - interval '12 months'
				and s.last_activity_on >= current_date - interval '12 months') as complete,
			s.areas_assessed_on,
			s.last_activity_on
		from trainer_llo_summary s`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
	const version = await db
		.insertInto('competence_framework_version')
		.values({ number: 1, status: 'published', published_at: new Date() })
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const [i, area] of FRAMEWORK.entries()) {
		const row = await db
			.insertInto('competence_area')
			.values({
				version_id: version.id,
				code: area.code,
				name: area.name,
				description: area.description,
				position: i + 1,
				source: area.source
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('competence_indicator')
			.values(
				area.indicators.map((text, j) => ({ area_id: row.id as number, text, position: j + 1 }))
			)
			.execute();
	}
}
