import { sql, type Kysely } from 'kysely';

/**
 * Development conversations (ontwikkelgesprekken).
 *
 * Templates: a platform default has company_id null, a company's own template (a copy
 * of a default or new) has its company_id. Each publication is an immutable version;
 * a conversation references the version it was planned and held with, so editing,
 * publishing or archiving a template never changes a conversation. `draft` holds the
 * unpublished edits of a template.
 *
 * Conversations are tenant-owned (company_id leads every key and index). Answers are
 * stored per conversation and role: the learner's and the trainer's preparation
 * (private to their author until shared) and the agreed answers. Actions carry over
 * into the learner's next conversations until done. Reminders sent by the scheduled
 * job are recorded with a unique key, so each is sent exactly once.
 *
 * The five platform templates are written here (not in demo data): production has them.
 */
const STATEMENTS = [
	`create table conversation_template (
		id uuid primary key default gen_random_uuid(),
		company_id uuid references company (id),
		kind text not null check (kind in ('ontwikkelgesprek', 'loopbaan_apk', 'evc_intake', 'voortgang', 'reflectie', 'other')),
		name text not null check (length(name) between 1 and 120),
		based_on uuid references conversation_template (id),
		draft jsonb,
		version integer not null default 1,
		created_at timestamptz not null default now(),
		created_by uuid references app_user (id),
		archived_at timestamptz
	)`,
	`create index conversation_template_company_idx on conversation_template (company_id, name)`,
	`create table conversation_template_version (
		id uuid primary key default gen_random_uuid(),
		template_id uuid not null references conversation_template (id),
		number integer not null check (number > 0),
		content jsonb not null,
		published_at timestamptz not null default now(),
		published_by uuid references app_user (id),
		unique (template_id, number)
	)`,
	`create table conversation_setting (
		company_id uuid primary key references company (id),
		apk_interval_months integer not null default 24 check (apk_interval_months between 1 and 120),
		reminder_days integer not null default 3 check (reminder_days between 1 and 30),
		updated_at timestamptz not null default now(),
		updated_by uuid references app_user (id)
	)`,
	`create table conversation (
		company_id uuid not null references company (id),
		id uuid not null default gen_random_uuid(),
		learner_id uuid not null,
		trajectory_id uuid,
		template_version_id uuid not null references conversation_template_version (id),
		planned_at timestamptz not null,
		status text not null default 'planned' check (status in ('planned', 'held', 'signed', 'cancelled')),
		trainer_user_id uuid references app_user (id),
		created_by uuid references app_user (id),
		created_at timestamptz not null default now(),
		held_at timestamptz,
		next_date date,
		learner_signed_at timestamptz,
		learner_signed_by uuid references app_user (id),
		trainer_signed_at timestamptz,
		trainer_signed_by uuid references app_user (id),
		version integer not null default 1,
		updated_at timestamptz not null default now(),
		primary key (company_id, id),
		foreign key (company_id, learner_id) references learner (company_id, id),
		foreign key (company_id, trajectory_id) references trajectory (company_id, id),
		check (status <> 'signed' or (learner_signed_at is not null and trainer_signed_at is not null))
	)`,
	`create index conversation_learner_idx on conversation (company_id, learner_id, planned_at desc)`,
	`create index conversation_trainer_idx on conversation (company_id, trainer_user_id, planned_at)`,
	// Upcoming and overdue (planned date passed, not held) per company: a range scan.
	`create index conversation_planned_idx on conversation (company_id, planned_at) where status = 'planned'`,
	// The reminder job looks across companies for conversations that are soon due.
	`create index conversation_reminder_due_idx on conversation (planned_at) where status = 'planned'`,
	`create table conversation_answer (
		company_id uuid not null,
		conversation_id uuid not null,
		role text not null check (role in ('learner', 'trainer', 'agreed')),
		answers jsonb not null default '{}',
		shared_at timestamptz,
		version integer not null default 1,
		updated_at timestamptz not null default now(),
		updated_by uuid references app_user (id),
		primary key (company_id, conversation_id, role),
		foreign key (company_id, conversation_id) references conversation (company_id, id)
	)`,
	`create table conversation_action (
		company_id uuid not null,
		id uuid not null default gen_random_uuid(),
		conversation_id uuid not null,
		learner_id uuid not null,
		description text not null check (length(description) between 1 and 500),
		owner_role text not null check (owner_role in ('learner', 'trainer', 'hr')),
		due_date date,
		work_process_id integer references work_process (id),
		done_at timestamptz,
		done_by uuid references app_user (id),
		created_at timestamptz not null default now(),
		created_by uuid references app_user (id),
		primary key (company_id, id),
		foreign key (company_id, conversation_id) references conversation (company_id, id),
		foreign key (company_id, learner_id) references learner (company_id, id)
	)`,
	`create index conversation_action_conversation_idx on conversation_action (company_id, conversation_id)`,
	// Open actions of a learner (carried into the next conversation).
	`create index conversation_action_open_idx on conversation_action (company_id, learner_id, due_date) where done_at is null`,
	// Overdue actions per company: a range scan on the due date of open actions.
	`create index conversation_action_due_idx on conversation_action (company_id, due_date) where done_at is null`,
	`create index conversation_action_reminder_idx on conversation_action (due_date) where done_at is null`,
	`create table conversation_addendum (
		company_id uuid not null,
		id uuid not null default gen_random_uuid(),
		conversation_id uuid not null,
		body text not null check (length(body) between 1 and 5000),
		created_by uuid references app_user (id),
		created_at timestamptz not null default now(),
		primary key (company_id, id),
		foreign key (company_id, conversation_id) references conversation (company_id, id)
	)`,
	`create index conversation_addendum_idx on conversation_addendum (company_id, conversation_id, created_at)`,
	`create table conversation_reminder (
		company_id uuid not null,
		kind text not null check (kind in ('conversation', 'action')),
		item_id uuid not null,
		sent_at timestamptz not null default now(),
		primary key (company_id, kind, item_id)
	)`
];

type Question = {
	id: string;
	type: 'open' | 'scale' | 'choice' | 'multi' | 'work_process' | 'goals';
	label: string;
	required: boolean;
	options?: string[];
	scaleLabels?: string[];
};
type Section = { id: string; title: string; visibleToHr: boolean; questions: Question[] };

const open = (id: string, label: string, required = false): Question => ({
	id,
	type: 'open',
	label,
	required
});
const scale = (id: string, label: string, scaleLabels: string[]): Question => ({
	id,
	type: 'scale',
	label,
	required: true,
	scaleLabels
});
const SATISFIED = ['Helemaal niet', 'Nauwelijks', 'Redelijk', 'Goed', 'Heel goed'];

/** The platform's templates, written for adult learners: short, plain Dutch, "je". */
export const DEFAULT_TEMPLATES: { kind: string; name: string; sections: Section[] }[] = [
	{
		kind: 'ontwikkelgesprek',
		name: 'Ontwikkelgesprek',
		sections: [
			{
				id: 'terugblik',
				title: 'Terugblik',
				visibleToHr: false,
				questions: [
					open('trots', 'Waar ben je de afgelopen periode trots op in je werk?', true),
					open('lastig', 'Wat vond je lastig, en wat heb je daarmee gedaan?'),
					scale('werkplezier', 'Hoeveel plezier heb je op dit moment in je werk?', SATISFIED)
				]
			},
			{
				id: 'ontwikkeling',
				title: 'Ontwikkeling',
				visibleToHr: true,
				questions: [
					{
						id: 'werkprocessen',
						type: 'work_process',
						label: 'Aan welke werkprocessen wil je de komende periode vooral werken?',
						required: false
					},
					{
						id: 'leervorm',
						type: 'multi',
						label: 'Hoe leer je het liefst?',
						required: false,
						options: [
							'Meelopen met een collega',
							'Zelf doen en daarna bespreken',
							'Een cursus of training',
							'Lezen of filmpjes kijken',
							'Samen met andere lerenden'
						]
					},
					open('ondersteuning', 'Wat heb je nodig van je praktijkopleider of van het bedrijf?')
				]
			},
			{
				id: 'afspraken',
				title: 'Doelen en afspraken',
				visibleToHr: true,
				questions: [
					{
						id: 'doelen',
						type: 'goals',
						label: 'Welke doelen spreken we af voor de komende periode?',
						required: true
					}
				]
			}
		]
	},
	{
		kind: 'loopbaan_apk',
		name: 'Loopbaan-APK',
		sections: [
			{
				id: 'nu',
				title: 'Waar sta je nu?',
				visibleToHr: false,
				questions: [
					open(
						'werk_nu',
						'Wat doe je op dit moment in je werk, en wat doe je daarvan het liefst?',
						true
					),
					scale('tevreden', 'Hoe tevreden ben je over je werk op dit moment?', SATISFIED),
					scale('belasting', 'Hoe goed houd je werk en privé in balans?', SATISFIED)
				]
			},
			{
				id: 'arbeidsmarkt',
				title: 'Jij en de arbeidsmarkt',
				visibleToHr: false,
				questions: [
					open(
						'sterk',
						'Wat kun je goed? Denk ook aan ervaring buiten je werk, zoals vrijwilligerswerk of mantelzorg.'
					),
					open('veranderingen', 'Welke veranderingen zie je in je vak of je sector aankomen?'),
					{
						id: 'richting',
						type: 'choice',
						label: 'Welke richting past het best bij je voor de komende jaren?',
						required: true,
						options: [
							'Blijven in mijn huidige functie en daarin groeien',
							'Doorgroeien naar een andere functie in dit bedrijf',
							'Overstappen naar ander werk of een andere sector',
							'Dat weet ik nog niet'
						]
					}
				]
			},
			{
				id: 'vervolg',
				title: 'Volgende stappen',
				visibleToHr: true,
				questions: [
					open(
						'scholing',
						'Welke opleiding, cursus of erkenning (zoals een mbo-certificaat of praktijkverklaring) kan je helpen?'
					),
					{
						id: 'stappen',
						type: 'goals',
						label: 'Welke stappen zet je, en wie helpt je daarbij?',
						required: true
					}
				]
			}
		]
	},
	{
		kind: 'evc_intake',
		name: 'Evc-intake',
		sections: [
			{
				id: 'ervaring',
				title: 'Wat je al weet en kunt',
				visibleToHr: false,
				questions: [
					open('werkervaring', 'Welk werk heb je eerder gedaan, hier of in een ander land?', true),
					open(
						'diplomas',
						'Welke diploma\u2019s, certificaten of cursussen heb je al? Heb je bewijs daarvan, zoals een diploma of getuigschrift?'
					),
					open(
						'buiten_werk',
						'Wat heb je buiten betaald werk geleerd, bijvoorbeeld als vrijwilliger, mantelzorger of in een eigen bedrijf?'
					)
				]
			},
			{
				id: 'beroep',
				title: 'Het beroep',
				visibleToHr: true,
				questions: [
					{
						id: 'beheerst',
						type: 'work_process',
						label: 'Welke werkprocessen denk je al te beheersen?',
						required: false
					},
					scale(
						'taal',
						'Hoe goed lukt het om in het Nederlands te lezen en schrijven voor je werk?',
						['Heel moeilijk', 'Moeilijk', 'Gaat wel', 'Goed', 'Heel goed']
					)
				]
			},
			{
				id: 'route',
				title: 'De route',
				visibleToHr: true,
				questions: [
					{
						id: 'route',
						type: 'choice',
						label: 'Welke route kies je?',
						required: true,
						options: [
							'Arbeidsmarktroute: een ervaringscertificaat of praktijkverklaring',
							'Onderwijsroute: een diploma of mbo-certificaat met vrijstellingen',
							'Eerst verder oriënteren'
						]
					},
					{
						id: 'afspraken',
						type: 'goals',
						label:
							'Wat spreken we af (bewijs verzamelen, aanmelden, contact met school of evc-aanbieder)?',
						required: false
					}
				]
			}
		]
	},
	{
		kind: 'voortgang',
		name: 'Voortgangsgesprek leertraject',
		sections: [
			{
				id: 'voortgang',
				title: 'Hoe gaat het leren?',
				visibleToHr: true,
				questions: [
					scale('tempo', 'Hoe gaat het leren in het werk op dit moment?', [
						'Slecht',
						'Matig',
						'Redelijk',
						'Goed',
						'Heel goed'
					]),
					{
						id: 'gelukt',
						type: 'work_process',
						label: 'Bij welke werkprocessen heb je duidelijke vooruitgang gemaakt?',
						required: false
					},
					open(
						'belemmeringen',
						'Wat staat je leren in de weg? Denk aan roosters, school, thuis of vervoer.'
					)
				]
			},
			{
				id: 'school',
				title: 'School en begeleiding',
				visibleToHr: false,
				questions: [
					open('school', 'Hoe gaat het op school of bij de opleiding? Sluit het aan bij je werk?'),
					scale('begeleiding', 'Hoe tevreden ben je over de begeleiding in het bedrijf?', SATISFIED)
				]
			},
			{
				id: 'plan',
				title: 'Plan voor de komende periode',
				visibleToHr: true,
				questions: [
					{
						id: 'doelen',
						type: 'goals',
						label: 'Welke doelen spreken we af tot het volgende gesprek?',
						required: true
					}
				]
			}
		]
	},
	{
		kind: 'reflectie',
		name: 'Reflectiegesprek',
		sections: [
			{
				id: 'situatie',
				title: 'Een situatie uit je werk',
				visibleToHr: false,
				questions: [
					open(
						'wat',
						'Beschrijf een situatie van de afgelopen tijd die je is bijgebleven. Wat gebeurde er?',
						true
					),
					open('gedaan', 'Wat deed je, en waarom deed je het zo?'),
					open('gevoel', 'Hoe voelde je je daarbij, en hoe reageerden anderen?')
				]
			},
			{
				id: 'leren',
				title: 'Wat neem je mee?',
				visibleToHr: false,
				questions: [
					open('geleerd', 'Wat heb je ervan geleerd?', true),
					open('volgende_keer', 'Wat doe je een volgende keer hetzelfde, en wat anders?'),
					{
						id: 'voornemens',
						type: 'goals',
						label: 'Wat neem je je voor?',
						required: false
					}
				]
			}
		]
	}
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
	for (const t of DEFAULT_TEMPLATES) {
		const row = await sql<{ id: string }>`
			insert into conversation_template (company_id, kind, name)
			values (null, ${t.kind}, ${t.name}) returning id`.execute(db);
		const content = JSON.stringify({ sections: t.sections });
		await sql`
			insert into conversation_template_version (template_id, number, content)
			values (${row.rows[0].id}, 1, ${content}::jsonb)`.execute(db);
	}
}
