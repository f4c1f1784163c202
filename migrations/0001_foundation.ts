import { sql, type Kysely } from 'kysely';

/**
 * Foundation: reference lists, users, sessions, companies (tenants), memberships,
 * platform roles, invitations, password resets, audit log, login attempts.
 * Every tenant-owned table carries company_id, leading its keys and indexes.
 */

/** The 35 labour-market regions (UWV numbering) with tile-map positions. */
const REGIONS: [number, string, number, number][] = [
	[1, 'Groningen', 6, 0],
	[2, 'Friesland', 4, 0],
	[3, 'Drenthe', 6, 1],
	[4, 'Noord-Holland Noord', 2, 0],
	[5, 'Regio Zwolle', 5, 2],
	[6, 'Flevoland', 4, 1],
	[7, 'Zaanstreek/Waterland', 2, 1],
	[8, 'Zuid-Kennemerland en IJmond', 1, 2],
	[9, 'Stedendriehoek en Noordwest Veluwe', 5, 3],
	[10, 'Groot Amsterdam', 2, 2],
	[11, 'Twente', 6, 2],
	[12, 'Gooi en Vechtstreek', 3, 2],
	[13, 'Holland Rijnland', 1, 3],
	[14, 'Amersfoort', 4, 3],
	[15, 'Midden-Utrecht', 3, 3],
	[16, 'FoodValley', 4, 4],
	[17, 'Zuid-Holland Centraal', 1, 4],
	[18, 'Haaglanden', 0, 4],
	[19, 'Achterhoek', 6, 3],
	[20, 'Midden-Holland', 2, 4],
	[21, 'Midden-Gelderland', 5, 4],
	[22, 'Gorinchem', 3, 5],
	[23, 'Rivierenland', 4, 5],
	[24, 'Rijk van Nijmegen', 5, 5],
	[25, 'Drechtsteden', 2, 5],
	[26, 'Rijnmond', 1, 5],
	[27, 'Noordoost-Brabant', 3, 6],
	[28, 'West-Brabant', 1, 6],
	[29, 'Zeeland', 0, 6],
	[30, 'Midden-Brabant', 2, 6],
	[31, 'Noord-Limburg', 5, 6],
	[32, 'Helmond-De Peel', 4, 7],
	[33, 'Zuidoost-Brabant', 3, 7],
	[34, 'Midden-Limburg', 5, 7],
	[35, 'Zuid-Limburg', 5, 8]
];

/** SBB's eight sector chambers. */
const SECTOR_CHAMBERS: string[] = [
	'techniek en gebouwde omgeving',
	'mobiliteit, transport, logistiek en maritiem',
	'zorg, welzijn en sport',
	'handel',
	'ICT en creatieve industrie',
	'voedsel, groen en gastvrijheid',
	'zakelijke dienstverlening en veiligheid',
	'specialistisch vakmanschap'
];

const STATEMENTS = [
	`create table region (
		id integer primary key,
		name text not null unique,
		tile_col integer not null,
		tile_row integer not null
	)`,
	`create table sector_chamber (
		id integer primary key,
		name text not null unique
	)`,
	`create table app_user (
		id uuid primary key default gen_random_uuid(),
		email text not null check (length(email) <= 254),
		name text not null check (length(name) <= 120),
		password_hash text,
		locale text not null default 'nl' check (locale in ('nl', 'en')),
		created_at timestamptz not null default now(),
		password_changed_at timestamptz
	)`,
	`create unique index app_user_email_key on app_user (lower(email))`,
	`create table user_session (
		id text primary key,
		user_id uuid not null references app_user (id) on delete cascade,
		expires_at timestamptz not null,
		created_at timestamptz not null default now()
	)`,
	`create index user_session_user_idx on user_session (user_id)`,
	`create table platform_role (
		user_id uuid not null references app_user (id) on delete cascade,
		role text not null check (role in ('admin', 'adviser')),
		created_at timestamptz not null default now(),
		primary key (user_id, role)
	)`,
	`create table adviser_region (
		user_id uuid not null references app_user (id) on delete cascade,
		region_id integer not null references region (id),
		primary key (user_id, region_id)
	)`,
	`create index adviser_region_region_idx on adviser_region (region_id)`,
	`create table company (
		id uuid primary key default gen_random_uuid(),
		slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
		name text not null check (length(name) between 1 and 160),
		kvk_number text not null unique check (kvk_number ~ '^[0-9]{8}$'),
		sbb_number text check (length(sbb_number) <= 20),
		street text not null check (length(street) <= 160),
		postcode text not null check (postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'),
		city text not null check (length(city) <= 80),
		region_id integer not null references region (id),
		sector_chamber_id integer not null references sector_chamber (id),
		created_at timestamptz not null default now()
	)`,
	`create index company_region_idx on company (region_id, name)`,
	`create table membership (
		company_id uuid not null references company (id),
		user_id uuid not null references app_user (id),
		roles text[] not null check (cardinality(roles) > 0 and roles <@ array['learner', 'trainer', 'hr']),
		created_at timestamptz not null default now(),
		deactivated_at timestamptz,
		primary key (company_id, user_id)
	)`,
	`create index membership_user_idx on membership (user_id)`,
	`create table invitation (
		company_id uuid not null references company (id),
		id uuid not null default gen_random_uuid(),
		email text not null check (length(email) <= 254),
		roles text[] not null check (cardinality(roles) > 0 and roles <@ array['learner', 'trainer', 'hr']),
		token_hash text not null unique,
		invited_by uuid references app_user (id),
		created_at timestamptz not null default now(),
		expires_at timestamptz not null,
		accepted_at timestamptz,
		revoked_at timestamptz,
		primary key (company_id, id)
	)`,
	`create index invitation_company_open_idx on invitation (company_id, created_at desc)`,
	`create table password_reset (
		id uuid primary key default gen_random_uuid(),
		user_id uuid not null references app_user (id) on delete cascade,
		token_hash text not null unique,
		created_at timestamptz not null default now(),
		expires_at timestamptz not null,
		used_at timestamptz
	)`,
	`create index password_reset_user_idx on password_reset (user_id)`,
	`create table audit_log (
		id bigint generated always as identity,
		company_id uuid,
		actor_user_id uuid,
		action text not null,
		entity_type text not null,
		entity_id text,
		data jsonb not null default '{}',
		request_id text,
		created_at timestamptz not null default now()
	)`,
	`create index audit_log_company_idx on audit_log (company_id, created_at desc)`,
	`create index audit_log_actor_idx on audit_log (actor_user_id, created_at desc)`,
	`create table login_attempt (
		id bigint generated always as identity,
		email text not null,
		ip text not null,
		success boolean not null,
		created_at timestamptz not null default now()
	)`,
	`create index login_attempt_email_idx on login_attempt (lower(email), created_at desc)`,
	`create index login_attempt_ip_idx on login_attempt (ip, created_at desc)`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
	await db
		.insertInto('region')
		.values(REGIONS.map(([id, name, tile_col, tile_row]) => ({ id, name, tile_col, tile_row })))
		.execute();
	await db
		.insertInto('sector_chamber')
		.values(SECTOR_CHAMBERS.map((name, i) => ({ id: i + 1, name })))
		.execute();
}
