import { sql, type Kysely } from 'kysely';

/**
 * The learning-culture scan (issue 15).
 *
 * The instrument is versioned like the trainer competence framework: dimensions, each
 * with a few statements for employees and one for management (the short strategy
 * scan), in Dutch and English, on a five-point agreement scale, plus one optional open
 * question. Version 1 below is Vakmaat's own text (B1 Dutch); it is inspired by the
 * themes of the Dutch and international research on learning culture but copies no
 * published questionnaire's items.
 *
 * A round belongs to a company and asks people through personal links.
 *
 * Anonymity by construction: `culture_response` holds no person, no link token, no
 * invitation id and no time. A response is found again (to change it until the round
 * closes) by `response_key`, a hash of the link's token under another label than the
 * invitation's `token_hash`: with the token (which only the respondent's mailbox has)
 * both can be computed, from the stored rows neither leads to the other. Answering
 * writes nothing to the invitation row (its xmin would otherwise tie it to the
 * response's transaction). The invitation keeps its token sealed with the server's key
 * (for the reminder) and its email only until the round has closed; housekeeping then
 * clears both. Response ids are random UUIDs, not a sequence.
 */
export const INSTRUMENT: {
	code: string;
	nl: string;
	en: string;
	descriptionNl: string;
	descriptionEn: string;
	employee: [string, string][];
	management: [string, string][];
}[] = [
	{
		code: 'werk',
		nl: 'Het werk zelf',
		en: 'The work itself',
		descriptionNl: 'Afwisseling, zelf beslissen en uitdaging in het werk.',
		descriptionEn: 'Variety, autonomy and challenge in the work.',
		employee: [
			[
				'In mijn werk doe ik verschillende soorten taken.',
				'My work includes different kinds of tasks.'
			],
			[
				'Ik mag zelf bepalen hoe ik mijn werk aanpak.',
				'I can decide for myself how I go about my work.'
			],
			[
				'Mijn werk vraagt af en toe iets nieuws van mij.',
				'Now and then my work asks something new of me.'
			]
		],
		management: [
			[
				'We richten het werk zo in dat medewerkers afwisseling en uitdaging hebben.',
				'We organise the work so that employees have variety and challenge.'
			]
		]
	},
	{
		code: 'ruimte',
		nl: 'Ruimte en veiligheid om te leren',
		en: 'Room and safety to learn',
		descriptionNl: 'Fouten mogen maken, eerlijk zeggen wat je nog niet kunt, feedback krijgen.',
		descriptionEn:
			'Being allowed to make mistakes, saying what you cannot do yet, getting feedback.',
		employee: [
			[
				'Als ik een fout maak, praten we erover zonder iemand de schuld te geven.',
				'When I make a mistake, we talk about it without blaming anyone.'
			],
			[
				'Ik durf te zeggen dat ik iets nog niet kan.',
				'I dare to say that I cannot do something yet.'
			],
			['Ik krijg regelmatig feedback op mijn werk.', 'I regularly get feedback on my work.']
		],
		management: [
			[
				'Fouten zien we bij ons als een kans om te leren.',
				'In our company, mistakes are a chance to learn.'
			]
		]
	},
	{
		code: 'samen',
		nl: 'Samen leren',
		en: 'Learning together',
		descriptionNl: 'Leren van en met collega’s en kennis doorgeven.',
		descriptionEn: 'Learning from and with colleagues and passing knowledge on.',
		employee: [
			['Ik leer veel van mijn collega’s.', 'I learn a lot from my colleagues.'],
			[
				'Collega’s leggen mij graag iets uit als ik het vraag.',
				'Colleagues are happy to explain things when I ask.'
			],
			[
				'Wat ik weet, geef ik door aan nieuwe collega’s.',
				'I pass on what I know to new colleagues.'
			]
		],
		management: [
			[
				'We maken tijd vrij zodat collega’s van elkaar kunnen leren.',
				'We make time so that colleagues can learn from each other.'
			]
		]
	},
	{
		code: 'leidinggevende',
		nl: 'Steun van de leidinggevende',
		en: 'The manager’s support',
		descriptionNl: 'De leidinggevende vraagt naar leren, helpt en laat zien dat het ertoe doet.',
		descriptionEn: 'The manager asks about learning, helps and shows that it matters.',
		employee: [
			['Mijn leidinggevende vraagt wat ik wil leren.', 'My manager asks what I want to learn.'],
			[
				'Mijn leidinggevende helpt mij om nieuwe dingen te proberen.',
				'My manager helps me to try new things.'
			],
			[
				'Mijn leidinggevende laat merken dat leren belangrijk is.',
				'My manager shows that learning matters.'
			]
		],
		management: [
			[
				'Onze leidinggevenden zien het begeleiden van leren als een deel van hun werk.',
				'Our managers see supporting learning as part of their job.'
			]
		]
	},
	{
		code: 'voorwaarden',
		nl: 'Tijd, geld en gesprekken',
		en: 'Time, budget and conversations',
		descriptionNl: 'Tijd en budget om te leren en gesprekken over je ontwikkeling.',
		descriptionEn: 'Time and budget to learn and conversations about your development.',
		employee: [
			['Ik heb tijd om tijdens mijn werk te leren.', 'I have time to learn during my work.'],
			[
				'Als ik een cursus of opleiding wil volgen, is daar geld voor.',
				'If I want to take a course or training, there is money for it.'
			],
			[
				'Ik heb minstens één keer per jaar een gesprek over mijn ontwikkeling.',
				'At least once a year I have a conversation about my development.'
			]
		],
		management: [
			[
				'We reserveren tijd en geld voor de ontwikkeling van alle medewerkers.',
				'We set aside time and budget for the development of every employee.'
			]
		]
	},
	{
		code: 'koers',
		nl: 'Leren en de koers van het bedrijf',
		en: 'Learning and where the company is going',
		descriptionNl: 'Weten waar het bedrijf heen wil en wat je daarvoor leert.',
		descriptionEn: 'Knowing where the company is going and what you learn for it.',
		employee: [
			['Ik weet welke kant het bedrijf op wil.', 'I know which way the company wants to go.'],
			[
				'Ik weet wat ik moet leren om ook later goed mijn werk te kunnen doen.',
				'I know what I need to learn to keep doing my job well later on.'
			],
			['Wat ik leer, kan ik gebruiken in mijn werk.', 'What I learn, I can use in my work.']
		],
		management: [
			[
				'Wat medewerkers leren, past bij de plannen van ons bedrijf.',
				'What employees learn fits the plans of our company.'
			]
		]
	},
	{
		code: 'eigen',
		nl: 'Mijn eigen leren',
		en: 'My own learning',
		descriptionNl: 'Zelf beter willen worden, om feedback vragen en terugkijken.',
		descriptionEn: 'Wanting to get better yourself, asking for feedback and looking back.',
		employee: [
			[
				'Ik zoek zelf manieren om beter te worden in mijn werk.',
				'I look for ways to get better at my work myself.'
			],
			['Ik vraag anderen om feedback.', 'I ask others for feedback.'],
			[
				'Ik denk na over wat goed ging en wat beter kan.',
				'I think about what went well and what could be better.'
			]
		],
		management: [
			[
				'We verwachten dat medewerkers zelf werken aan hun ontwikkeling, en we helpen hen daarbij.',
				'We expect employees to work on their own development, and we help them with it.'
			]
		]
	}
];

export const OPEN_QUESTION: [string, string] = [
	'Wat zou jou helpen om meer te leren in je werk?',
	'What would help you learn more in your work?'
];

/** Tables with company rows: the tenant wall of migration 0022 applies to them too. */
const TENANT_TABLES = [
	'culture_round',
	'culture_invitation',
	'culture_response',
	'culture_action',
	'culture_share'
];
const OWN = `company_id = (select nullif(current_setting('app.company_id', true), '')::uuid)`;
const ALL = `(select current_setting('app.scope', true) = 'all')`;

const STATEMENTS = [
	`create table culture_instrument_version (
		id integer generated always as identity primary key,
		number integer not null unique check (number > 0),
		status text not null default 'draft' check (status in ('draft', 'published')),
		open_question_nl text not null check (length(open_question_nl) between 1 and 300),
		open_question_en text not null check (length(open_question_en) between 1 and 300),
		published_at timestamptz,
		created_at timestamptz not null default now(),
		created_by uuid references app_user (id),
		check ((status = 'published') = (published_at is not null))
	)`,
	`create unique index culture_instrument_one_draft on culture_instrument_version (status) where status = 'draft'`,
	`create table culture_dimension (
		id integer generated always as identity primary key,
		version_id integer not null references culture_instrument_version (id),
		code text not null check (code ~ '^[a-z_]{2,40}$'),
		name_nl text not null check (length(name_nl) between 1 and 120),
		name_en text not null check (length(name_en) between 1 and 120),
		description_nl text not null default '' check (length(description_nl) <= 400),
		description_en text not null default '' check (length(description_en) <= 400),
		position integer not null,
		unique (version_id, code)
	)`,
	`create table culture_statement (
		id integer generated always as identity primary key,
		dimension_id integer not null references culture_dimension (id) on delete cascade,
		audience text not null check (audience in ('employee', 'management')),
		text_nl text not null check (length(text_nl) between 1 and 300),
		text_en text not null check (length(text_en) between 1 and 300),
		position integer not null
	)`,
	`create index culture_statement_dimension_idx on culture_statement (dimension_id, audience, position)`,
	`create table culture_round (
		id uuid primary key default gen_random_uuid(),
		company_id uuid not null references company (id),
		version_id integer not null references culture_instrument_version (id),
		opens_on date not null,
		closes_on date not null,
		reminder_on date,
		invited_employees integer not null default 0 check (invited_employees >= 0),
		invited_management integer not null default 0 check (invited_management >= 0),
		invitations_sent_at timestamptz,
		reminder_sent_at timestamptz,
		created_by uuid references app_user (id),
		created_at timestamptz not null default now(),
		unique (id, company_id),
		check (closes_on > opens_on),
		check (reminder_on is null or (reminder_on > opens_on and reminder_on < closes_on))
	)`,
	`create index culture_round_company_idx on culture_round (company_id, opens_on desc)`,
	// The daily jobs: rounds that open (invitations), need their reminder, or have closed.
	`create index culture_round_due_idx on culture_round (opens_on) where invitations_sent_at is null`,
	`create index culture_round_reminder_idx on culture_round (reminder_on) where reminder_on is not null and reminder_sent_at is null`,
	`create table culture_invitation (
		id uuid primary key default gen_random_uuid(),
		company_id uuid not null,
		round_id uuid not null,
		audience text not null check (audience in ('employee', 'management')),
		-- Both cleared once the round has closed (housekeeping).
		email text,
		token_sealed bytea,
		token_hash text not null unique,
		foreign key (round_id, company_id) references culture_round (id, company_id) on delete cascade,
		unique (round_id, audience, email)
	)`,
	`create index culture_invitation_round_idx on culture_invitation (round_id, audience)`,
	// Housekeeping clears addresses and links of closed rounds: only uncleared rows.
	`create index culture_invitation_uncleared_idx on culture_invitation (round_id) where email is not null`,
	`create table culture_response (
		id uuid primary key default gen_random_uuid(),
		company_id uuid not null,
		round_id uuid not null,
		audience text not null check (audience in ('employee', 'management')),
		response_key text not null unique,
		answers jsonb not null check (jsonb_typeof(answers) = 'object'),
		open_answer text check (length(open_answer) between 1 and 2000),
		foreign key (round_id, company_id) references culture_round (id, company_id) on delete cascade
	)`,
	`create index culture_response_round_idx on culture_response (round_id, audience)`,
	// The improvement plan: HR turns points of attention into actions.
	`create table culture_action (
		id uuid primary key default gen_random_uuid(),
		company_id uuid not null,
		round_id uuid not null,
		dimension_code text check (dimension_code ~ '^[a-z_]{2,40}$'),
		title text not null check (length(title) between 1 and 200),
		owner_user_id uuid not null references app_user (id),
		due_on date not null,
		status text not null default 'open' check (status in ('open', 'in_progress', 'done', 'dropped')),
		created_by uuid references app_user (id),
		created_at timestamptz not null default now(),
		updated_at timestamptz not null default now(),
		foreign key (round_id, company_id) references culture_round (id, company_id) on delete cascade
	)`,
	`create index culture_action_round_idx on culture_action (round_id, due_on)`,
	// HR's explicit choice to share results with the company's SBB adviser (revocable:
	// the row is removed; both audited).
	`create table culture_share (
		company_id uuid primary key references company (id),
		shared_at timestamptz not null default now(),
		shared_by uuid references app_user (id)
	)`,
	// HR's dashboard: the company's open actions, soonest first.
	`create index culture_action_open_idx on culture_action (company_id, due_on) where status in ('open', 'in_progress')`,
	...TENANT_TABLES.flatMap((table) => [
		`alter table ${table} enable row level security`,
		`alter table ${table} force row level security`,
		`create policy tenant_wall on ${table} using (${OWN} or ${ALL}) with check (${OWN} or ${ALL})`
	])
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
	const version = await db
		.insertInto('culture_instrument_version')
		.values({
			number: 1,
			status: 'published',
			published_at: new Date(),
			open_question_nl: OPEN_QUESTION[0],
			open_question_en: OPEN_QUESTION[1]
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const [i, d] of INSTRUMENT.entries()) {
		const row = await db
			.insertInto('culture_dimension')
			.values({
				version_id: version.id,
				code: d.code,
				name_nl: d.nl,
				name_en: d.en,
				description_nl: d.descriptionNl,
				description_en: d.descriptionEn,
				position: i + 1
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const statements = [
			...d.employee.map(([nl, en], j) => ({ audience: 'employee', nl, en, position: j + 1 })),
			...d.management.map(([nl, en], j) => ({ audience: 'management', nl, en, position: j + 1 }))
		];
		await db
			.insertInto('culture_statement')
			.values(
				statements.map((s) => ({
					dimension_id: row.id as number,
					audience: s.audience,
					text_nl: s.nl,
					text_en: s.en,
					position: s.position
				}))
			)
			.execute();
	}
}
