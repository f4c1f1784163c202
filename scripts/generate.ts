/**
 * npm run generate -- --scale small|region|national [--seed N] [--reset]
 *
 * Fills DATABASE_URL (or PGlite in PGLITE_DIR, `small` only) with synthetic, realistic,
 * deterministic data for benchmarks and trying the app at scale. Everything is generated
 * inside the database (INSERT … SELECT … generate_series with md5-based pseudo-random
 * numbers keyed by the seed), never row by row from JavaScript. Generated rows are
 * recognisable: companies with a `gen-` slug, users with an @gen.vakmaat.example email;
 * `--reset` deletes exactly those (and their dependent rows) before generating.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { configFromEnv, openDatabase, type DB } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { hashPassword } from '../src/lib/server/auth/password';
import { seal } from '../src/lib/server/auth/secret-box';
import { demoTotpKey } from '../src/lib/server/demo/totp';
import { seedDemoQualifications } from '../src/lib/server/demo/seed';
import { applyImport, hashContent } from '../src/lib/server/qualifications/import';
import { parseFiles } from '../src/lib/server/qualifications/uploads';
import { DEFAULT_CRITERIA, DEFAULT_RULES } from '../src/lib/server/awards/rounds';
import {
	findKnownAccounts,
	GENERATED_EMAIL_DOMAIN,
	GENERATED_PASSWORD,
	GENERATED_SLUG_PREFIX
} from './known-accounts';

interface Scale {
	companies: number;
	/** Learners of the largest companies (company 1 always has this many). */
	maxLearners: number;
	/** Pareto exponent: learners = floor(u^-b), capped; larger b = heavier tail. */
	tail: number;
}

export const SCALES: Record<string, Scale> = {
	small: { companies: 200, maxLearners: 300, tail: 1.2 }, // ≈ 2,000 learners
	region: { companies: 7_000, maxLearners: 2_000, tail: 0.82 }, // ≈ 30,000 learners
	national: { companies: 250_000, maxLearners: 2_000, tail: 0.8 } // ≈ 1,000,000 learners
};

const SBB_DIR = process.env.SBB_DIR ?? 'tests/fixtures/sbb-kwalificatiestructuur-2016';

function parseArgs(argv: string[]) {
	const get = (name: string) => {
		const i = argv.indexOf(`--${name}`);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	const scaleName = get('scale') ?? 'small';
	const scale = SCALES[scaleName];
	if (!scale) {
		console.error(`unknown --scale ${scaleName}; use small, region or national`);
		process.exit(2);
	}
	const seed = Number(get('seed') ?? 1);
	if (!Number.isInteger(seed)) {
		console.error('--seed must be an integer');
		process.exit(2);
	}
	return { scaleName, scale, seed, reset: argv.includes('--reset') };
}

type Conn = DB;

const timings: { step: string; ms: number; rows?: number }[] = [];
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
	const t0 = performance.now();
	process.stdout.write(`${name.padEnd(44, '.')} `);
	const result = await fn();
	const ms = performance.now() - t0;
	const rows = typeof result === 'number' ? result : undefined;
	timings.push({ step: name, ms, rows });
	console.log(
		`${(ms / 1000).toFixed(1).padStart(7)} s${rows !== undefined ? `  ${rows.toLocaleString('en')} rows` : ''}`
	);
	return result;
}

async function run(conn: Conn, statement: string, params: unknown[] = []): Promise<number> {
	// Parameters are only used for values ($1…); numbers from the scale are inlined.
	const parts = statement.split(/\$(\d+)/);
	const strings: string[] = [];
	const values: unknown[] = [];
	for (let i = 0; i < parts.length; i++) {
		if (i % 2 === 0) strings.push(parts[i]);
		else values.push(params[Number(parts[i]) - 1]);
	}
	const template = Object.assign([...strings], { raw: strings }) as unknown as TemplateStringsArray;
	const result = await sql(template, ...values).execute(conn);
	return Number(result.numAffectedRows ?? result.rows.length);
}

async function count(conn: Conn, table: string): Promise<number> {
	return Number(
		(await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(conn))
			.rows[0].n
	);
}

/** Tables whose rows belong to a company, children first (FK order). */
const TENANT_TABLES = [
	'conversation_reminder',
	'conversation_addendum',
	'conversation_action',
	'conversation_answer',
	'conversation',
	'conversation_setting',
	'assessment',
	'exemption',
	'obtained_certificate',
	'trajectory_work_process',
	'trajectory_trainer',
	'trajectory',
	'learner',
	'invitation',
	'membership'
];

async function resetGenerated(conn: Conn, fastLoad: boolean): Promise<number> {
	const present = new Set(
		(
			await sql<{ table_name: string }>`
				select c.table_name from information_schema.columns c
				join information_schema.tables t
					on t.table_schema = c.table_schema and t.table_name = c.table_name
				where c.column_name = 'company_id' and c.table_schema = current_schema()
				  and t.table_type = 'BASE TABLE'`.execute(conn)
		).rows.map((r) => r.table_name)
	);
	// Tables added by later migrations (not listed above) are leaves: delete them first.
	const order = [...[...present].filter((t) => !TENANT_TABLES.includes(t)), ...TENANT_TABLES];
	let deleted = 0;
	// The generated award round (created by a generated adviser) with everything in it,
	// children first: with fast load the cascades are off.
	const genRound = `select id from award_round where created_by in
		(select id from app_user where email like '%@${GENERATED_EMAIL_DOMAIN}')`;
	const genPanel = `select id from jury_panel where round_id in (${genRound})`;
	for (const statement of [
		`delete from jury_score where panel_id in (${genPanel})`,
		`delete from jury_conflict where panel_id in (${genPanel})`,
		`delete from jury_member where panel_id in (${genPanel})`,
		`delete from jury_panel where round_id in (${genRound})`,
		`delete from nomination_motivation where nomination_id in
			(select id from nomination where round_id in (${genRound}))`,
		`delete from nomination where round_id in (${genRound})`,
		`delete from award_criterion where round_id in (${genRound})`,
		`delete from award_round where id in (${genRound})`
	]) {
		deleted += await run(conn, statement);
	}
	await run(
		conn,
		`create temp table gen_reset as select id from company where slug like '${GENERATED_SLUG_PREFIX}%'`
	);
	for (const table of order) {
		if (!present.has(table) || table === 'company') continue;
		deleted += await run(
			conn,
			`delete from ${table} where company_id in (select id from gen_reset)`
		);
	}
	deleted += await run(conn, `delete from company where id in (select id from gen_reset)`);
	await run(conn, `drop table gen_reset`);
	deleted += await run(
		conn,
		`delete from login_attempt where email like '%@${GENERATED_EMAIL_DOMAIN}'`
	);
	await run(
		conn,
		`create temp table gen_reset_user as select id from app_user where email like '%@${GENERATED_EMAIL_DOMAIN}'`
	);
	// Person-owned trainer-profile rows (migration 0007) go before their users; with
	// fast load the cascades are off, so children first and explicitly.
	for (const statement of [
		`delete from self_assessment_answer where assessment_id in
			(select id from self_assessment where user_id in (select id from gen_reset_user))`,
		...[
			'self_assessment',
			'development_activity',
			'development_goal',
			'trainer_profile_sector',
			'trainer_profile_qualification',
			'trainer_profile',
			'trainer_llo_summary'
		].map((t) => `delete from ${t} where user_id in (select id from gen_reset_user)`)
	]) {
		deleted += await run(conn, statement);
	}
	if (fastLoad) {
		// Foreign-key triggers (and so ON DELETE CASCADE) are off: one set-based statement
		// per referencing column instead of a per-user scan of every referencing table.
		const refs = (
			await sql<{ tbl: string; col: string; action: string }>`
				select c.conrelid::regclass::text as tbl, a.attname as col, c.confdeltype as action
				from pg_constraint c
				join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
				where c.contype = 'f' and c.confrelid = 'app_user'::regclass
				  and cardinality(c.conkey) = 1`.execute(conn)
		).rows;
		for (const r of refs) {
			const where = `${r.col} in (select id from gen_reset_user)`;
			deleted += await run(
				conn,
				r.action === 'c'
					? `delete from ${r.tbl} where ${where}`
					: `update ${r.tbl} set ${r.col} = null where ${where}`
			).catch(() => 0); // a not-null reference outside generated data: left as is
		}
	}
	deleted += await run(conn, `delete from app_user where id in (select id from gen_reset_user)`);
	await run(conn, `drop table gen_reset_user`);
	return deleted;
}

async function ensureQualifications(conn: Conn): Promise<number> {
	await seedDemoQualifications(conn);
	if (existsSync(SBB_DIR)) {
		const files = readdirSync(SBB_DIR)
			.filter((f) => f.endsWith('.xml'))
			.sort()
			.map((f) => ({ name: f, content: readFileSync(join(SBB_DIR, f), 'utf8') }));
		if (files.length) {
			await applyImport(conn, parseFiles(files), {
				userId: null,
				fileName: files.map((f) => f.name).join(', '),
				fileHash: hashContent(files.map((f) => f.content).join('\n'))
			});
		}
	}
	return Number(
		(
			await sql<{ n: number }>`
				select count(*)::int as n from qualification q
				join qualification_dossier d on d.id = q.dossier_id where d.superseded_at is null`.execute(conn)
		).rows[0].n
	);
}

const FIRST_NAMES =
	`Fatima Peter Linda Karim Sanne Tom Noor Mila Jan Daan Emma Lucas Julia Sem Sophie Finn
	Lotte Milan Anna Levi Eva Noah Sara Bram Lisa Thijs Iris Ruben Femke Mohamed Aylin Youssef
	Esra Mehmet Marieke Johan Els Bart Ingrid Ahmed Kees Sevda Priya Wei Olga Tomasz Anouk Jesse`
		.split(/\s+/)
		.filter(Boolean);
const LAST_NAMES =
	`Jansen de Vries van den Berg Bakker Visser Smit Meijer de Boer Mulder de Groot Bos Vos
	Peters Hendriks van Leeuwen Dekker Brouwer de Wit Dijkstra Smits de Graaf van der Meer Kok
	Jacobs Yilmaz El Amrani Kaya Haddou Öztürk Nowak Wang Sarmo Verhoeven Koster Prins Huisman`
		.split(/ (?=[A-Z]|de |van |El )/)
		.map((s) => s.trim())
		.filter(Boolean);
const COMPANY_KINDS = [
	'Installatiebedrijf',
	'Transport',
	'Zorggroep',
	'Handelsonderneming',
	'ICT-diensten',
	'Hotel-restaurant',
	'Schoonmaakbedrijf',
	'Ambachtelijk atelier'
];
const CITIES =
	`Groningen|Leeuwarden|Assen|Alkmaar|Zwolle|Almere|Zaandam|Haarlem|Apeldoorn|Amsterdam|
	Enschede|Hilversum|Leiden|Amersfoort|Utrecht|Ede|Zoetermeer|Den Haag|Doetinchem|Gouda|Arnhem|
	Gorinchem|Tiel|Nijmegen|Dordrecht|Rotterdam|'s-Hertogenbosch|Breda|Middelburg|Tilburg|Venlo|
	Helmond|Eindhoven|Roermond|Maastricht`
		.split('|')
		.map((s) => s.trim());
/** Relative size of each region (UWV numbering), so that some regions are much larger. */
const REGION_WEIGHTS = [
	3, 3, 2, 3, 3, 2, 2, 3, 3, 9, 3, 2, 3, 3, 6, 2, 3, 6, 2, 2, 3, 1, 2, 2, 2, 8, 4, 4, 2, 3, 2, 2, 5,
	2, 3
];

const arrayLiteral = (items: (string | number)[]) =>
	`array[${items.map((s) => (typeof s === 'number' ? s : `'${s.replaceAll("'", "''")}'`)).join(',')}]`;

async function generate(conn: Conn, scale: Scale, seed: number, passwordHash: string) {
	const S = `'${seed}:'`;
	// md5-keyed uniform [0,1); pg_temp keeps it out of the schema.
	await run(
		conn,
		`create or replace function pg_temp.rnd(k text) returns double precision language sql immutable as
		$$ select ('x' || substr(md5(k), 1, 8))::bit(32)::bigint / 4294967296.0 $$`
	);
	await run(
		conn,
		`create or replace function pg_temp.uid(k text) returns uuid language sql immutable as
		$$ select md5(k)::uuid $$`
	);
	const regionPick = arrayLiteral(REGION_WEIGHTS.flatMap((w, i) => Array<number>(w).fill(i + 1)));
	const first = arrayLiteral(FIRST_NAMES);
	const last = arrayLiteral(LAST_NAMES);
	const pick = (arr: string, n: number, key: string) =>
		`(${arr})[1 + floor(pg_temp.rnd(${S} || ${key}) * ${n})::int]`;

	await step('qualification work processes (temp)', async () => {
		await run(
			conn,
			`create temp table gen_qwp as
			select q.id as qualification_id, q.title, q.crebo, wp.id as work_process_id,
				row_number() over (partition by q.id order by ct.qualification_id is not null, ct.position, wp.position)::int as ord,
				count(*) over (partition by q.id)::int as total,
				dense_rank() over (order by q.crebo, q.id)::int as qn
			from qualification q
			join qualification_dossier d on d.id = q.dossier_id and d.superseded_at is null
			join work_process wp on wp.dossier_id = q.dossier_id
			join core_task ct on ct.id = wp.core_task_id
			where ct.qualification_id is null or ct.qualification_id = q.id`
		);
		return count(conn, 'gen_qwp');
	});
	const qCount = Number(
		(await sql<{ n: number }>`select max(qn)::int as n from gen_qwp`.execute(conn)).rows[0].n
	);
	await run(
		conn,
		`create temp table gen_q as select distinct qn, qualification_id, title, crebo, total from gen_qwp`
	);

	await step('companies', async () => {
		await run(
			conn,
			`create temp table gen_company as
			with ranked as (
				-- Stratified: the sizes are the quantiles of a capped Pareto distribution
				-- (u = (rank - ½)/n), dealt to companies in a seeded random order, so the
				-- total is stable and the seed only decides who is large.
				select i, row_number() over (order by pg_temp.rnd(${S} || 'size' || i), i) as r
				from generate_series(1, ${scale.companies}) i
			), sized as (
				select i, case when i = 1 then ${scale.maxLearners}
					else least(${scale.maxLearners}, floor(pow((r - 0.5) / ${scale.companies}, -${scale.tail})))::int
				end as learners
				from ranked
			)
			select i, pg_temp.uid(${S} || 'company' || i) as id,
				'${GENERATED_SLUG_PREFIX}' || lpad(i::text, 6, '0') as slug,
				learners,
				greatest(1, ceil(learners / 8.0))::int as trainers,
				coalesce(sum(learners) over (order by i rows between unbounded preceding and 1 preceding), 0)::int as learner_offset,
				${pick(
					regionPick,
					REGION_WEIGHTS.reduce((a, b) => a + b),
					`'region' || i`
				)} as region_id,
				1 + floor(pg_temp.rnd(${S} || 'chamber' || i) * 8)::int as sector_chamber_id
			from sized`
		);
		await run(conn, `create index on gen_company (i)`);
		return run(
			conn,
			`insert into company (id, slug, name, kvk_number, sbb_number, street, postcode, city, region_id, sector_chamber_id, created_at)
			select c.id, c.slug,
				(${arrayLiteral(COMPANY_KINDS)})[c.sector_chamber_id] || ' ' || ${pick(last, LAST_NAMES.length, `'cname' || c.i`)}
					|| ' ' || (${arrayLiteral(CITIES)})[c.region_id] || ' ' || c.i,
				'9' || lpad(c.i::text, 7, '0'),
				case when pg_temp.rnd(${S} || 'sbb' || c.i) < 0.8 then '2' || lpad(c.i::text, 8, '0') end,
				${pick(arrayLiteral(['Dorpsstraat', 'Industrieweg', 'Kerkstraat', 'Stationsweg', 'Havenweg', 'Molenweg']), 6, `'street' || c.i`)}
					|| ' ' || (1 + floor(pg_temp.rnd(${S} || 'nr' || c.i) * 180))::int,
				(1000 + floor(pg_temp.rnd(${S} || 'pc' || c.i) * 8999))::int || ' '
					|| chr(65 + floor(pg_temp.rnd(${S} || 'pc1' || c.i) * 26)::int)
					|| chr(65 + floor(pg_temp.rnd(${S} || 'pc2' || c.i) * 26)::int),
				(${arrayLiteral(CITIES)})[c.region_id], c.region_id, c.sector_chamber_id,
				now() - make_interval(days => 730 + floor(pg_temp.rnd(${S} || 'cat' || c.i) * 2000)::int)
			from gen_company c`
		);
	});

	await step('people (temp)', async () => {
		// kind: h = HR, t = trainer, l = learner; n = number within the company.
		await run(
			conn,
			`create temp table gen_person as
			select c.id as company_id, c.i, 'h' as kind, 1 as n,
				pg_temp.uid(${S} || 'hr' || c.i) as user_id, null::uuid as learner_id,
				'hr.' || c.i || '@${GENERATED_EMAIL_DOMAIN}' as email, c.trainers
			from gen_company c
			union all
			select c.id, c.i, 't', n, pg_temp.uid(${S} || 'tr' || c.i || '.' || n), null,
				'opleider.' || c.i || '.' || n || '@${GENERATED_EMAIL_DOMAIN}', c.trainers
			from gen_company c, generate_series(1, c.trainers) n
			union all
			select c.id, c.i, 'l', n,
				case when pg_temp.rnd(${S} || 'login' || c.i || '.' || n) < 0.9
					then pg_temp.uid(${S} || 'lu' || c.i || '.' || n) end,
				pg_temp.uid(${S} || 'learner' || c.i || '.' || n),
				'lerende.' || c.i || '.' || n || '@${GENERATED_EMAIL_DOMAIN}', c.trainers
			from gen_company c, generate_series(1, c.learners) n`
		);
		return count(conn, 'gen_person');
	});

	const fullName = `${pick(first, FIRST_NAMES.length, `'fn' || p.email`)} || ' ' || ${pick(last, LAST_NAMES.length, `'ln' || p.email`)}`;
	await step('users', () =>
		run(
			conn,
			`insert into app_user (id, email, name, password_hash, locale, created_at)
			select p.user_id, p.email, ${fullName}, $1,
				case when pg_temp.rnd(${S} || 'locale' || p.email) < 0.1 then 'en' else 'nl' end,
				now() - interval '800 days'
			from gen_person p where p.user_id is not null`,
			[passwordHash]
		)
	);
	await step('memberships', () =>
		run(
			conn,
			`insert into membership (company_id, user_id, roles, created_at)
			select p.company_id, p.user_id,
				case p.kind when 'h' then array['hr'] when 't' then array['trainer'] else array['learner'] end,
				now() - interval '800 days'
			from gen_person p where p.user_id is not null`
		)
	);
	await step('learners', () =>
		run(
			conn,
			`insert into learner (company_id, id, user_id, name, email, created_at, created_by)
			select p.company_id, p.learner_id, p.user_id, ${fullName}, p.email, now() - interval '790 days',
				pg_temp.uid(${S} || 'hr' || p.i)
			from gen_person p where p.kind = 'l'`
		)
	);

	await step('trajectories (temp)', async () => {
		// Every learner has a current trajectory; 15 % also an older, completed one.
		// progress: share of work processes judged competent; last_day: days ago of the
		// latest activity (stalled ones ≥ 90 days).
		await run(
			conn,
			`create temp table gen_traj as
			with base as (
				select p.company_id, p.i, p.n, p.learner_id, p.user_id as learner_user_id, p.trainers, g.k,
					pg_temp.rnd(${S} || 'tr' || g.k || p.i || '.' || p.n) as r
				from gen_person p, generate_series(0, 1) g(k)
				where p.kind = 'l' and (g.k = 0 or pg_temp.rnd(${S} || 'second' || p.i || '.' || p.n) < 0.15)
			), shaped as (
				select b.*,
					case when b.k = 1 then 'completed'
						when b.r < 0.08 then 'completed' when b.r < 0.12 then 'paused'
						when b.r < 0.15 then 'stopped' else 'active' end as status,
					case when b.k = 1 then 400 + floor(pg_temp.rnd(${S} || 'st' || b.i || '.' || b.n || b.k) * 330)::int
						else 20 + floor(pg_temp.rnd(${S} || 'st' || b.i || '.' || b.n || b.k) * 700)::int end as start_ago,
					1 + floor(pg_temp.rnd(${S} || 'q' || b.i || '.' || b.n || b.k) * ${qCount})::int as qn,
					pg_temp.rnd(${S} || 'rt' || b.i || '.' || b.n || b.k) as rr,
					pg_temp.rnd(${S} || 'stall' || b.i || '.' || b.n || b.k) as rs,
					pg_temp.rnd(${S} || 'pr' || b.i || '.' || b.n || b.k) as rp
				from base b
			)
			select s.company_id, pg_temp.uid(${S} || 'traj' || s.i || '.' || s.n || '.' || s.k) as id,
				s.learner_id, s.learner_user_id, s.status, q.qualification_id, q.title || ' (' || q.crebo || ')' as title,
				q.total,
				case when s.rr < 0.6 then 'bbl_diploma' when s.rr < 0.8 then 'practice_statement'
					when s.rr < 0.95 then 'informal' else 'branch_certificate' end as route,
				current_date - s.start_ago as start_date,
				s.start_ago,
				case when s.status = 'completed' then 1.0 else s.rp * 0.9 end as progress,
				-- days ago of the latest activity
				case
					when s.status = 'completed' then greatest(0, s.start_ago - 300 - floor(s.rs * 300)::int)
					when s.status in ('paused', 'stopped') or s.rs < 0.2
						then least(s.start_ago, 90 + floor(s.rs * 5 * 200)::int)
					else least(s.start_ago, floor(s.rs * 45)::int)
				end as last_ago,
				-- trainer 1 coaches a fifth of the company's learners: a big caseload
				pg_temp.uid(${S} || 'tr' || s.i || '.' ||
					case when pg_temp.rnd(${S} || 'trn' || s.i || '.' || s.n) < 0.2 then 1
						else 1 + (s.n % s.trainers) end) as trainer_id,
				pg_temp.uid(${S} || 'hr' || s.i) as hr_id,
				s.k = 0 and s.learner_user_id is not null and pg_temp.rnd(${S} || 'self' || s.i || '.' || s.n) < 0.1 as self_assesses
			from shaped s join gen_q q on q.qn = s.qn`
		);
		return count(conn, 'gen_traj');
	});
	await step('trajectory rows', () =>
		run(
			conn,
			`insert into trajectory (company_id, id, learner_id, route, target_kind, qualification_id, title,
				school, start_date, planned_end_date, status, created_at, created_by, status_changed_at)
			select t.company_id, t.id, t.learner_id, t.route, 'qualification', t.qualification_id, t.title,
				case when t.route = 'bbl_diploma' then ${pick(arrayLiteral(['ROC Midden Nederland', 'ROC van Amsterdam', 'Albeda', 'Summa College', 'Noorderpoort', 'ROC Tilburg', 'Deltion College', 'Da Vinci College']), 8, `'school' || t.id`)} end,
				t.start_date, t.start_date + 730, t.status,
				t.start_date::timestamptz, t.hr_id,
				case when t.status = 'active' then t.start_date::timestamptz
					else (current_date - t.last_ago)::timestamptz end
			from gen_traj t`
		)
	);
	await step('trajectory trainers', () =>
		run(
			conn,
			`insert into trajectory_trainer (company_id, trajectory_id, user_id)
			select company_id, id, trainer_id from gen_traj`
		)
	);
	await step('trajectory work processes', () =>
		run(
			conn,
			`insert into trajectory_work_process (company_id, trajectory_id, work_process_id)
			select t.company_id, t.id, w.work_process_id
			from gen_traj t join gen_qwp w on w.qualification_id = t.qualification_id`
		)
	);
	await step('assessments (trainer)', () =>
		// The work process at position ord/total reaches level 3 when it lies within the
		// trajectory's progress, 2 or 1 just beyond it; each level is a separate, later
		// judgement between the start and the latest activity (last_ago days ago).
		run(
			conn,
			`insert into assessment (company_id, trajectory_id, work_process_id, level, assessor_kind,
				assessed_by, assessed_on, comment, created_at)
			select x.company_id, x.id, x.work_process_id, lv.level, 'trainer', x.trainer_id,
				current_date - (x.start_ago - round((x.start_ago - x.last_ago)
					* least(1.0, x.pos / least(1.0, x.progress + 0.35) * 0.9 + lv.level * 0.1)))::int,
				case when lv.level = 3 and pg_temp.rnd(${S} || 'cm' || x.id || x.work_process_id) < 0.3
					then 'Zelfstandig en volgens protocol uitgevoerd.' end,
				now()
			from (
				select t.company_id, t.id, t.trainer_id, w.work_process_id, t.start_ago, t.last_ago,
					w.ord::float / w.total as pos, t.progress,
					case when w.ord::float / w.total <= t.progress then 3
						when w.ord::float / w.total <= t.progress + 0.2 then 2
						when w.ord::float / w.total <= t.progress + 0.35 then 1 else 0 end as final
				from gen_traj t join gen_qwp w on w.qualification_id = t.qualification_id
			) x
			cross join lateral generate_series(1, x.final) lv(level)`
		)
	);
	await step('self-assessments', () =>
		// A tenth of the learners with a login assess themselves, sometimes a level higher.
		run(
			conn,
			`insert into assessment (company_id, trajectory_id, work_process_id, level, assessor_kind,
				assessed_by, assessed_on, created_at)
			select t.company_id, t.id, w.work_process_id,
				least(3, greatest(1, case when w.ord::float / w.total <= t.progress then 3 else 1 end
					+ case when pg_temp.rnd(${S} || 'sl' || t.id || w.work_process_id) < 0.3 then 1 else 0 end)),
				'self', t.learner_user_id, current_date - least(t.start_ago, t.last_ago + 2), now()
			from gen_traj t join gen_qwp w on w.qualification_id = t.qualification_id
			where t.self_assesses and w.ord % 2 = 1 and w.ord::float / w.total <= t.progress + 0.35`
		)
	);
	// Trainer profiles (migration 0007): a realistic share of trainers keeps a profile,
	// assesses themselves (one submitted round on the current framework version, every
	// indicator answered) and logs development activities. trainer_llo_summary is filled
	// set-based with the same dates refreshLloSummary would compute for these rows.
	await step('trainer profiles', () =>
		run(
			conn,
			`insert into trainer_profile (user_id, bio, specialisms, languages, years_experience, updated_at)
			select p.user_id, 'Praktijkopleider bij ' || c.name || '.',
				case when pg_temp.rnd(${S} || 'tps' || p.email) < 0.5 then array['zij-instromers'] else array['bbl'] end,
				case when pg_temp.rnd(${S} || 'tpl' || p.email) < 0.2 then array['Nederlands', 'Engels'] else array['Nederlands'] end,
				1 + floor(pg_temp.rnd(${S} || 'tpy' || p.email) * 25)::int, now() - interval '200 days'
			from gen_person p join company c on c.id = p.company_id
			where p.kind = 't' and pg_temp.rnd(${S} || 'tp' || p.email) < 0.7
			on conflict (user_id) do nothing`
		)
	);
	await step('trainer profile sectors', () =>
		run(
			conn,
			`insert into trainer_profile_sector (user_id, sector_chamber_id)
			select distinct p.user_id, c.sector_chamber_id
			from gen_person p join company c on c.id = p.company_id
			join trainer_profile tp on tp.user_id = p.user_id
			where p.kind = 't'
			on conflict do nothing`
		)
	);
	await step('trainer capacity', () =>
		run(
			conn,
			`insert into trainer_capacity (company_id, user_id, max_learners)
			select p.company_id, p.user_id, 2 + floor(pg_temp.rnd(${S} || 'cap' || p.email) * 8)::int
			from gen_person p where p.kind = 't' and pg_temp.rnd(${S} || 'capq' || p.email) < 0.6`
		)
	);
	await step('trainer self-assessments', async () => {
		await run(
			conn,
			`create temp table gen_self as
			select distinct on (p.user_id) pg_temp.uid(${S} || 'said' || p.email) as id, p.user_id,
				now() - make_interval(days => floor(pg_temp.rnd(${S} || 'sad' || p.email) * 540)::int) as submitted_at,
				pg_temp.rnd(${S} || 'sal' || p.email) as skill
			from gen_person p
			where p.kind = 't' and pg_temp.rnd(${S} || 'sa' || p.email) < 0.4`
		);
		await run(
			conn,
			`insert into self_assessment (id, user_id, version_id, status, created_at, updated_at, submitted_at)
			select s.id, s.user_id, v.id, 'submitted', s.submitted_at, s.submitted_at, s.submitted_at
			from gen_self s
			cross join (select max(id) as id from competence_framework_version where status = 'published') v`
		);
		return run(
			conn,
			`insert into self_assessment_answer (assessment_id, indicator_id, level)
			select s.id, i.id, least(4, 1 + floor(s.skill * 3 + ((i.id * 7) % 5) / 4.0)::int)
			from gen_self s
			cross join (select i.id from competence_indicator i
				join competence_area a on a.id = i.area_id
				where a.version_id = (select max(id) from competence_framework_version where status = 'published')) i`
		);
	});
	await step('trainer development activities', () =>
		run(
			conn,
			`insert into development_activity (user_id, kind, title, provider, activity_date, hours, impact)
			select p.user_id,
				(array['workshop', 'webinar', 'course', 'intervision', 'other'])[1 + floor(pg_temp.rnd(${S} || 'dak' || p.email) * 5)::int],
				'Scholing praktijkopleiders', 'SBB',
				current_date - floor(pg_temp.rnd(${S} || 'dad' || p.email) * 600)::int,
				1 + floor(pg_temp.rnd(${S} || 'dah' || p.email) * 8)::int, ''
			from gen_person p
			where p.kind = 't' and pg_temp.rnd(${S} || 'da' || p.email) < 0.55`
		)
	);
	await step('trainer llo summary', async () => {
		const rows = await run(
			conn,
			`insert into trainer_llo_summary (user_id, version_id, areas_assessed_on, last_activity_on)
			select p.user_id, v.id, s.submitted_at::date, a.last_on
			from (select distinct user_id from gen_person where kind = 't') p
			cross join (select max(id) as id from competence_framework_version where status = 'published') v
			left join gen_self s on s.user_id = p.user_id
			left join (select user_id, max(activity_date) as last_on from development_activity
				group by user_id) a on a.user_id = p.user_id
			on conflict (user_id) do nothing`
		);
		await run(conn, 'drop table gen_self');
		return rows;
	});

	await step('advisers (one per region)', async () => {
		const users = await run(
			conn,
			`insert into app_user (id, email, name, password_hash, created_at)
			select pg_temp.uid(${S} || 'adviser' || r.id), 'adviseur.' || lpad(r.id::text, 2, '0') || '@${GENERATED_EMAIL_DOMAIN}',
				'Adviseur ' || r.name, $1, now() - interval '800 days'
			from region r`,
			[passwordHash]
		);
		await run(
			conn,
			`insert into platform_role (user_id, role) select pg_temp.uid(${S} || 'adviser' || r.id), 'adviser' from region r`
		);
		await run(
			conn,
			`insert into adviser_region (user_id, region_id) select pg_temp.uid(${S} || 'adviser' || r.id), r.id from region r`
		);
		// Their role requires two-step verification: on, with the demo key (the benchmark
		// logs in with its code; src/lib/server/demo/totp.ts).
		await run(
			conn,
			`update app_user set totp_key = $1, totp_enabled_at = now()
			where id in (select pg_temp.uid(${S} || 'adviser' || r.id) from region r)`,
			[seal(demoTotpKey())]
		);
		return users;
	});
	await step('conversations', async () => {
		// Two in five active trajectories have a signed ontwikkelgesprek of 1–8 months ago
		// with one or two actions (half done; open ones past their due date are overdue)
		// and, mostly, a planned voortgangsgesprek between 20 days ago (overdue: not held)
		// and 60 days ahead. Reminders count as sent: the job stays quiet on generated data.
		await run(
			conn,
			`create temp table gen_conv as
			select t.company_id, t.learner_id, t.id as trajectory_id, t.trainer_id, t.learner_user_id,
				pg_temp.uid(${S} || 'conv-held' || t.id) as held_id,
				pg_temp.uid(${S} || 'conv-plan' || t.id) as planned_id,
				least(t.start_ago, 30 + floor(pg_temp.rnd(${S} || 'ch' || t.id) * 210)::int) as held_ago,
				-20 + floor(pg_temp.rnd(${S} || 'cp' || t.id) * 80)::int as planned_in,
				pg_temp.rnd(${S} || 'cpp' || t.id) < 0.7 as has_planned,
				1 + floor(pg_temp.rnd(${S} || 'ca' || t.id) * 2)::int as actions
			from gen_traj t
			where t.status = 'active' and pg_temp.rnd(${S} || 'conv' || t.id) < 0.4`
		);
		const version = (kind: string) => `(select v.id from conversation_template ct
			join conversation_template_version v on v.template_id = ct.id
			where ct.company_id is null and ct.kind = '${kind}' order by v.number desc limit 1)`;
		const held = await run(
			conn,
			`insert into conversation (company_id, id, learner_id, trajectory_id, template_version_id,
				planned_at, status, trainer_user_id, created_by, created_at, held_at,
				learner_signed_at, learner_signed_by, trainer_signed_at, trainer_signed_by, updated_at)
			select c.company_id, c.held_id, c.learner_id, c.trajectory_id, ${version('ontwikkelgesprek')},
				d.at, 'signed', c.trainer_id, c.trainer_id, d.at - interval '14 days', d.at,
				d.at + interval '1 day', c.learner_user_id, d.at + interval '1 hour', c.trainer_id, d.at
			from gen_conv c
			cross join lateral (select date_trunc('day', now()) - make_interval(days => c.held_ago)
				+ interval '9 hours' as at) d`
		);
		const planned = await run(
			conn,
			`insert into conversation (company_id, id, learner_id, trajectory_id, template_version_id,
				planned_at, status, trainer_user_id, created_by, created_at, updated_at)
			select c.company_id, c.planned_id, c.learner_id, c.trajectory_id, ${version('voortgang')},
				date_trunc('day', now()) + make_interval(days => c.planned_in) + interval '13 hours',
				'planned', c.trainer_id, c.trainer_id, now() - interval '30 days', now() - interval '30 days'
			from gen_conv c where c.has_planned`
		);
		await run(
			conn,
			`insert into conversation_answer (company_id, conversation_id, role, answers, shared_at, updated_by)
			select c.company_id, c.held_id, r.role,
				case when r.role = 'agreed' then '{"werkplezier": 4, "doelen": ["Verder met de volgende kerntaak"]}'::jsonb
					else '{}'::jsonb end,
				case when r.role <> 'agreed' then now() - make_interval(days => c.held_ago + 1) end,
				c.trainer_id
			from gen_conv c, (values ('learner'), ('trainer'), ('agreed')) r(role)
			union all
			select c.company_id, c.planned_id, r.role, '{}'::jsonb, null, c.trainer_id
			from gen_conv c, (values ('learner'), ('trainer'), ('agreed')) r(role)
			where c.has_planned`
		);
		const actions = await run(
			conn,
			`insert into conversation_action (company_id, id, conversation_id, learner_id, description,
				owner_role, due_date, done_at, done_by, created_at, created_by)
			select c.company_id, pg_temp.uid(${S} || 'action' || c.held_id || a.n), c.held_id, c.learner_id,
				(${arrayLiteral([
					'Meelopen met een ervaren collega',
					'Bewijs verzamelen voor het volgende werkproces',
					'Afspraak maken met de opleiding',
					'Oefenen met rapporteren',
					'Werkplan voor de komende periode maken'
				])})[1 + floor(pg_temp.rnd(${S} || 'ad' || c.held_id || a.n) * 5)::int],
				case when a.n = 1 then 'learner' else 'trainer' end,
				(current_date - c.held_ago) + 30 + floor(pg_temp.rnd(${S} || 'due' || c.held_id || a.n) * 90)::int,
				case when pg_temp.rnd(${S} || 'done' || c.held_id || a.n) < 0.5
					then now() - make_interval(days => greatest(0, c.held_ago - 20)) end,
				case when pg_temp.rnd(${S} || 'done' || c.held_id || a.n) < 0.5 then c.trainer_id end,
				now() - make_interval(days => c.held_ago), c.trainer_id
			from gen_conv c, generate_series(1, c.actions) a(n)`
		);
		await run(
			conn,
			`insert into conversation_reminder (company_id, kind, item_id)
			select company_id, 'conversation', planned_id from gen_conv where has_planned
			union all
			select a.company_id, 'action', a.id from conversation_action a
			join gen_conv c on c.company_id = a.company_id and c.held_id = a.conversation_id
			where a.done_at is null`
		);
		await run(conn, `drop table gen_conv`);
		return held + planned + actions;
	});

	await step('adviser contacts', () =>
		// Zero to three contacts per company (a quarter each) by the adviser of its region
		// over the last two years; half with agreements, half with internal notes, some with
		// a follow-up date. Gives the adviser overview its "last contact" column.
		run(
			conn,
			`insert into adviser_contact (company_id, id, adviser_id, contacted_on, kind, notes, agreements, follow_up_on, created_at)
			select c.id, pg_temp.uid(${S} || 'contact' || c.i || '-' || n),
				pg_temp.uid(${S} || 'adviser' || c.region_id),
				d.on_date,
				(array['visit', 'call', 'email', 'workshop'])[1 + floor(pg_temp.rnd(${S} || 'ckind' || c.i || '-' || n) * 4)::int],
				case when pg_temp.rnd(${S} || 'cnote' || c.i || '-' || n) < 0.5
					then 'Gesprek met HR over de begeleiding van volwassen lerenden.' end,
				case when pg_temp.rnd(${S} || 'cagree' || c.i || '-' || n) < 0.5
					then (array['Praktijkopleiders werken hun LLO-profiel bij.',
						'Stilgevallen trajecten worden met de lerenden besproken.',
						'Het bedrijf onderzoekt een praktijkverklaring voor nieuwe medewerkers.'])[1 + floor(pg_temp.rnd(${S} || 'ctext' || c.i || '-' || n) * 3)::int] end,
				case when pg_temp.rnd(${S} || 'cfollow' || c.i || '-' || n) < 0.3
					then d.on_date + 30 + floor(pg_temp.rnd(${S} || 'cdays' || c.i || '-' || n) * 90)::int end,
				d.on_date::timestamptz
			from gen_company c
			cross join generate_series(1, 3) n
			cross join lateral (select current_date - floor(pg_temp.rnd(${S} || 'cdate' || c.i || '-' || n) * 730)::int as on_date) d
			where n <= floor(pg_temp.rnd(${S} || 'contacts' || c.i) * 4)`
		)
	);
	await step('learner feedback on trainers', () =>
		// A third of the learners with an account rate the trainer of their trajectory (1–5,
		// mostly 3–5), so that trainers with three or more responses show their results.
		run(
			conn,
			`insert into trainer_feedback (company_id, trainer_user_id, learner_id, explains, listens,
				recognises, available, submitted_at)
			select t.company_id, t.trainer_id, t.learner_id,
				1 + floor(sqrt(pg_temp.rnd(${S} || 'fbe' || t.id)) * 5)::int,
				1 + floor(sqrt(pg_temp.rnd(${S} || 'fbl' || t.id)) * 5)::int,
				1 + floor(sqrt(pg_temp.rnd(${S} || 'fbr' || t.id)) * 5)::int,
				1 + floor(sqrt(pg_temp.rnd(${S} || 'fba' || t.id)) * 5)::int,
				now() - make_interval(days => floor(pg_temp.rnd(${S} || 'fbd' || t.id) * 300)::int)
			from gen_traj t
			where t.learner_user_id is not null and pg_temp.rnd(${S} || 'fb' || t.id) < 0.35
			on conflict do nothing`
		)
	);
	await step('award round, nominations and jury', () => generateAwards(conn, S, passwordHash));
	await step('learning-culture scans', () => generateCulture(conn, S));
	for (const t of ['gen_traj', 'gen_person', 'gen_company', 'gen_q', 'gen_qwp']) {
		await run(conn, `drop table ${t}`);
	}
	return qCount;
}

/**
 * Learning-culture scans (issue 15): about a fifth of the companies with five or more
 * people held a scan, a few of them twice or three times in two years (the latest one
 * sometimes still open); up to 60 employees answer per round (a third to three quarters of
 * those asked), HR answers the strategy scan; each company has its own level per
 * dimension, so regions and sectors differ. Two fifths of the scanning companies share
 * with their adviser; rounds with results get an improvement plan of two actions. Half the
 * rounds of companies with 20 or more people name 2–4 teams, and most employees say theirs. The
 * per-round results are built at the end (their trigger is off while loading).
 */
async function generateCulture(conn: Conn, S: string): Promise<number> {
	const version = Number(
		(
			await sql<{
				id: number;
			}>`select max(id)::int as id from culture_instrument_version where status = 'published'`.execute(
				conn
			)
		).rows[0].id
	);
	await run(
		conn,
		`create temp table gen_culture_round as
		select pg_temp.uid(${S} || 'cround' || c.i || '.' || k) as id, c.id as company_id, c.i,
			h.user_id as hr_id,
			(current_date - (3 + floor(pg_temp.rnd(${S} || 'copen' || c.i) * 170)::int
				+ (k - 1) * (190 + floor(pg_temp.rnd(${S} || 'cgap' || c.i || '.' || k) * 170)::int)))::date as opens_on,
			1 + c.learners + c.trainers as invited,
			least(60, ceil((1 + c.learners + c.trainers)
				* (0.35 + 0.4 * pg_temp.rnd(${S} || 'cresp' || c.i || '.' || k))))::int as responses,
			case when c.learners + c.trainers >= 20 and pg_temp.rnd(${S} || 'cteams' || c.i || '.' || k) < 0.5
				then 2 + floor(3 * pg_temp.rnd(${S} || 'cteamn' || c.i || '.' || k))::int else 0 end as teams
		from gen_company c
		join gen_person h on h.company_id = c.id and h.kind = 'h'
		cross join generate_series(1, 3) k
		where c.learners + c.trainers >= 4
			and pg_temp.rnd(${S} || 'cscan' || c.i) < 0.2
			and pg_temp.rnd(${S} || 'cround' || c.i || '.' || k) < (array[1, 0.5, 0.25])[k]`
	);
	const rounds = await run(
		conn,
		`insert into culture_round (id, company_id, version_id, opens_on, closes_on, invited_employees,
			invited_management, invitations_sent_at, created_by, created_at, teams)
		select r.id, r.company_id, ${version}, r.opens_on, r.opens_on + 14, r.invited, 1,
			r.opens_on::timestamptz + interval '7 hours', r.hr_id, r.opens_on::timestamptz - interval '10 days',
			(array['Productie', 'Logistiek', 'Kantoor', 'Onderhoud'])[1:r.teams]
		from gen_culture_round r`
	);
	/** One answer per statement of the audience: the company's level per dimension, and noise keyed by `key`. */
	const statements = (audience: string, key: string) => `(
		select jsonb_object_agg(s.id::text, 1 + floor(5 * (0.55 * pg_temp.rnd(${S} || 'ca' || ${key} || '.' || s.id)
			+ 0.45 * pg_temp.rnd(${S} || 'cb' || r.company_id || d.code)))::int)
		from culture_statement s join culture_dimension d on d.id = s.dimension_id
		where d.version_id = ${version} and s.audience = '${audience}')`;
	const responses = await run(
		conn,
		`insert into culture_response (company_id, round_id, audience, response_key, answers, open_answer, team)
		select r.company_id, r.id, 'employee', md5(${S} || 'ckey' || r.id || n), ${statements('employee', "r.id || '.' || n")},
			case when pg_temp.rnd(${S} || 'copen' || r.id || n) < 0.15
				then (array['Meer tijd om van collega''s te leren.', 'Graag vaker feedback van mijn leidinggevende.',
					'Het inwerken van nieuwe collega''s kan beter.'])[1 + floor(pg_temp.rnd(${S} || 'ctext' || r.id || n) * 3)::int]
			end,
			case when r.teams > 0 and pg_temp.rnd(${S} || 'cteam' || r.id || n) < 0.85
				then 1 + floor(r.teams * pg_temp.rnd(${S} || 'cwhich' || r.id || n))::int end
		from gen_culture_round r cross join generate_series(1, r.responses) n
		union all
		select r.company_id, r.id, 'management', md5(${S} || 'cmkey' || r.id), ${statements('management', "r.id || '.m'")}, null, null
		from gen_culture_round r`
	);
	const shares = await run(
		conn,
		`insert into culture_share (company_id, shared_at, shared_by)
		select distinct on (r.company_id) r.company_id, r.opens_on::timestamptz + interval '20 days', r.hr_id
		from gen_culture_round r
		where pg_temp.rnd(${S} || 'cshare' || r.company_id) < 0.4 and r.opens_on + 14 < current_date
		order by r.company_id`
	);
	const actions = await run(
		conn,
		`insert into culture_action (company_id, round_id, dimension_code, title, owner_user_id, due_on, status, created_by)
		select r.company_id, r.id, (array['ruimte', 'voorwaarden'])[a],
			(array['Maandelijks een leermoment in het teamoverleg', 'Opleidingsbudget per medewerker bespreken'])[a],
			r.hr_id, r.opens_on + 60 + 30 * a,
			case when r.opens_on + 60 + 30 * a < current_date then 'done' else 'open' end, r.hr_id
		from gen_culture_round r cross join generate_series(1, 2) a
		where r.opens_on + 14 < current_date and r.responses >= 5
			and pg_temp.rnd(${S} || 'cplan' || r.id) < 0.5`
	);
	await run(conn, `select refresh_culture_round_result(array(select id from gen_culture_round))`);
	// The comparisons are computed again on their first read.
	await run(conn, `delete from culture_benchmark`);
	await run(conn, `drop table gen_culture_round`);
	return rounds + responses + shares + actions;
}

/**
 * The election of the year (issue 8) in its regional jury phase: a round with the default
 * criteria, about one nomination per 500 trajectories (at least 40) by learners for their
 * trainer, mostly accepted, each with a motivation per criterion; a regional panel per
 * region with three jurors and a national panel with five; and scores for about 60 % of
 * each regional panel's candidates. The round is created by a generated adviser, which is
 * how --reset recognises it. A round of that year that already exists (the demo data's)
 * is left alone and nothing is generated for it.
 */
async function generateAwards(conn: Conn, S: string, passwordHash: string): Promise<number> {
	const year = Number(
		(await sql<{ y: number }>`select extract(year from now())::int as y`.execute(conn)).rows[0].y
	);
	const taken = await sql`select 1 from award_round where year = ${year}`.execute(conn);
	if (taken.rows.length) {
		process.stdout.write(`(round ${year} exists: left alone) `);
		return 0;
	}
	const round = `pg_temp.uid(${S} || 'round' || ${year})`;
	await run(
		conn,
		`insert into award_round (id, year, title, nominations_open_at, nominations_close_at,
			regional_jury_until, national_jury_until, finalists_per_panel, eligibility, created_by)
		select ${round}, ${year}, $1, now() - interval '100 days', now() - interval '10 days',
			now() + interval '20 days', now() + interval '50 days', 3, $2::jsonb,
			pg_temp.uid(${S} || 'adviser' || 1)`,
		[`Verkiezing beste llo-praktijkopleider ${year}`, JSON.stringify(DEFAULT_RULES)]
	);
	await run(
		conn,
		`insert into award_criterion (round_id, name, description, weight, position)
		select ${round}, c.name, c.description, c.weight, c.position
		from jsonb_to_recordset($1::jsonb) as c(name text, description text, weight numeric, position int)`,
		[JSON.stringify(DEFAULT_CRITERIA.map((c, i) => ({ ...c, position: i + 1 })))]
	);
	// One nomination per nominator: the learner's first trajectory that is drawn.
	const nominations = await run(
		conn,
		`insert into nomination (id, round_id, nominator_id, nominee_id, company_id, evidence,
			nominator_named, status, publish_consent, consented_at, created_at, updated_at)
		select distinct on (t.learner_user_id)
			pg_temp.uid(${S} || 'nomination' || t.id), ${round}, t.learner_user_id, t.trainer_id,
			t.company_id, 'Mijn diploma, mijn nieuwe functie en de verslagen van onze gesprekken.',
			pg_temp.rnd(${S} || 'nnamed' || t.id) < 0.5, st.status, st.status = 'accepted',
			case when st.status in ('accepted', 'declined') then now() - interval '30 days' end,
			now() - interval '60 days', now() - interval '60 days'
		from gen_traj t
		cross join lateral (select case
			when pg_temp.rnd(${S} || 'nstatus' || t.id) < 0.8 then 'accepted'
			when pg_temp.rnd(${S} || 'nstatus' || t.id) < 0.9 then 'pending_consent'
			else 'declined' end as status) st
		where t.learner_user_id is not null
		  and pg_temp.rnd(${S} || 'nominate' || t.id) < greatest(0.002, 40.0 / (select count(*) from gen_traj))
		order by t.learner_user_id, t.id`
	);
	await run(
		conn,
		`insert into nomination_motivation (nomination_id, criterion_id, text)
		select n.id, c.id, (${arrayLiteral([
			'Mijn praktijkopleider nam de tijd om te begrijpen wat ik al kon en bouwde daarop verder.',
			'Ze plande de begeleiding rond mijn werk en mijn gezin, zodat ik het kon volhouden.',
			'Door zijn uitleg en feedback durf ik nu zelf verantwoordelijkheid te nemen op de afdeling.',
			'Iedereen in het team leert van haar: ze deelt kennis en maakt leren heel gewoon.',
			'Hij vraagt zelf ook om feedback en volgt cursussen om een betere begeleider te worden.'
		])})[c.position]
		from nomination n join award_criterion c on c.round_id = n.round_id
		where n.round_id = ${round}`
	);
	// Jurors: three per region, five national; accounts without a role (the jury pages
	// follow jury membership).
	const jurors = `select r.id as region_id, n, pg_temp.uid(${S} || 'juror' || r.id || '.' || n) as user_id,
			'jury.' || lpad(r.id::text, 2, '0') || '.' || n || '@${GENERATED_EMAIL_DOMAIN}' as email
		from region r, generate_series(1, 3) n
		union all
		select null, n, pg_temp.uid(${S} || 'juror-nl.' || n), 'jury.nl.' || n || '@${GENERATED_EMAIL_DOMAIN}'
		from generate_series(1, 5) n`;
	await run(
		conn,
		`insert into app_user (id, email, name, password_hash, created_at)
		select j.user_id, j.email, 'Jurylid ' || coalesce(r.name, 'landelijk') || ' ' || j.n,
			$1, now() - interval '200 days'
		from (${jurors}) j left join region r on r.id = j.region_id`,
		[passwordHash]
	);
	await run(
		conn,
		`insert into jury_panel (id, round_id, kind, name, region_ids)
		select pg_temp.uid(${S} || 'panel' || r.id), ${round}, 'regional', 'Regio ' || r.name, array[r.id]
		from region r
		union all
		select pg_temp.uid(${S} || 'panel-nl'), ${round}, 'national', 'Landelijke jury', '{}'`
	);
	await run(
		conn,
		`insert into jury_member (panel_id, user_id, added_at)
		select case when j.region_id is null then pg_temp.uid(${S} || 'panel-nl')
			else pg_temp.uid(${S} || 'panel' || j.region_id) end, j.user_id, now() - interval '20 days'
		from (${jurors}) j`
	);
	const scores = await run(
		conn,
		`insert into jury_score (panel_id, juror_id, nominee_id, criterion_id, score, comment, submitted_at)
		select pg_temp.uid(${S} || 'panel' || a.region_id), pg_temp.uid(${S} || 'juror' || a.region_id || '.' || j),
			a.nominee_id, c.id,
			1 + floor(sqrt(pg_temp.rnd(${S} || 'score' || a.nominee_id || j || c.position)) * 10)::int,
			case when c.position = 1 then 'Sterke motivatie met concrete voorbeelden.' else '' end,
			now() - make_interval(days => 1 + floor(pg_temp.rnd(${S} || 'sday' || a.nominee_id || j) * 8)::int)
		from award_candidate a
		cross join generate_series(1, 3) j
		join award_criterion c on c.round_id = a.round_id
		where a.round_id = ${round} and pg_temp.rnd(${S} || 'scored' || a.nominee_id || j) < 0.6`
	);
	return nominations + scores;
}

const { scaleName, scale, seed, reset } = parseArgs(process.argv.slice(2));
const config = configFromEnv();
if (!config.url && scaleName !== 'small') {
	console.error(`--scale ${scaleName} needs PostgreSQL: set DATABASE_URL (PGlite only for small)`);
	process.exit(2);
}
const started = performance.now();
const handle = await openDatabase({ ...config, max: 3 });
try {
	console.log(`${handle.description}: generating --scale ${scaleName} --seed ${seed}`);
	await step('migrations', async () => {
		await migrateToLatest(handle.db);
	});
	const existing = Number(
		(
			await sql<{ n: number }>`select
				(select count(*) from company where slug like ${GENERATED_SLUG_PREFIX + '%'})
				+ (select count(*) from app_user where email like ${'%@' + GENERATED_EMAIL_DOMAIN}) as n`.execute(
				handle.db
			)
		).rows[0].n
	);
	if (existing && !reset) {
		console.error(
			`the database already has generated data (${existing} companies with a "${GENERATED_SLUG_PREFIX}" slug and users @${GENERATED_EMAIL_DOMAIN}); add --reset to replace it`
		);
		process.exitCode = 1;
	} else {
		const qualifications = await step('qualification structure', () =>
			ensureQualifications(handle.db)
		);
		console.log(`  ${qualifications} current qualifications`);
		const passwordHash = await step('password hash (one Argon2id)', () =>
			hashPassword(GENERATED_PASSWORD)
		);
		await handle.db.connection().execute(async (conn) => {
			// The generator writes consistent rows; skipping the per-row foreign-key triggers
			// makes the big inserts and the reset much faster. Needs a superuser; else they stay on.
			const fastLoad = await run(conn, 'set session_replication_role = replica').then(
				() => true,
				() => false
			);
			if (!fastLoad) console.log('  (not a superuser: foreign-key checks stay on, slower)');
			if (existing) await step('reset generated rows', () => resetGenerated(conn, fastLoad));
			await generate(conn, scale, seed, passwordHash);
			if (fastLoad) {
				await run(conn, 'set session_replication_role = origin');
				// The triggers that keep the summaries up to date were off as well, so they are
				// built below. Statistics first, so that the planner sizes those joins and
				// aggregates for the tables as they are now, not as they were (empty); and
				// room to do them in memory (the server's default is 4 MB per sort).
				await step('analyze', () => run(conn, 'analyze'));
				if (handle.engine === 'postgres') await run(conn, "set work_mem = '256MB'");
				// Triggers stay off while filling it: the trigger on trajectory_progress would
				// rebuild the adviser's company_overview once per company; that is built in one
				// pass below instead. One set-based statement over all trajectories
				// (migration 0013), not one refresh per company.
				await step('progress summaries', async () => {
					await run(conn, 'set session_replication_role = replica');
					try {
						const rows = await sql<{
							n: number;
						}>`select rebuild_trajectory_progress() as n`.execute(conn);
						return Number(rows.rows[0].n);
					} finally {
						await run(conn, 'set session_replication_role = origin');
					}
				});
				await step('assessments per month', () =>
					run(
						conn,
						`insert into assessment_month (company_id, month, assessor_kind, assessments)
						select a.company_id, date_trunc('month', a.assessed_on::timestamp)::date,
							a.assessor_kind, count(*)
						from assessment a join company c on c.id = a.company_id
						where c.slug like '${GENERATED_SLUG_PREFIX}%'
						group by 1, 2, 3`
					)
				);
				// The adviser overview's per-company summary (migration 0012), in region order
				// so that a region's rows lie together on disk.
				await step('adviser overview per company', () =>
					run(
						conn,
						`select refresh_company_overview(array(
							select id from company where slug like '${GENERATED_SLUG_PREFIX}%'
							order by region_id, name, id))`
					)
				);
				await step('open follow-ups per company', () =>
					run(
						conn,
						`select refresh_company_follow_up(array(
							select distinct a.company_id from adviser_contact a
							join company c on c.id = a.company_id
							where c.slug like '${GENERATED_SLUG_PREFIX}%'))`
					)
				);
				await run(conn, 'analyze trajectory_progress');
				await run(conn, 'analyze assessment_month');
				await run(conn, 'analyze company_overview');
			} else {
				await step('analyze', () => run(conn, 'analyze'));
			}
			// Data as production has it (issue 20): a freshly loaded table has no visibility
			// map, so every index-only scan reads the heap as well until autovacuum comes by;
			// a benchmark right after loading then measures SQL several times slower than
			// the same pages on a settled database. VACUUM sets the visibility map (and
			// ANALYZE the statistics) for every table now. Outside a transaction block, which
			// this connection is.
			await step('vacuum (analyze)', () => run(conn, 'vacuum (analyze)'));
		});
		const known = await findKnownAccounts(handle.db);
		console.log(
			`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s. Known accounts, password ${GENERATED_PASSWORD}:`
		);
		if (known) {
			const k = known;
			console.log(
				`  HR of the largest company  ${k.hr.email}  (${k.company.name}, /o/${k.company.slug}/hr, ${k.company.learners} learners)`
			);
			console.log(
				`  trainer, big caseload      ${k.trainer.email}  (${k.trainer.trajectories} trajectories, /o/${k.company.slug}/praktijkopleider)`
			);
			console.log(
				`  learner, long history      ${k.learner.email}  (${k.learner.assessments} assessments, /o/${k.company.slug}/trajecten/${k.learner.trajectoryId})`
			);
			if (k.adviser) {
				console.log(
					`  adviser, largest region    ${k.adviser.email}  (${k.adviser.region}, ${k.adviser.companies} companies)`
				);
			}
			if (k.juror) {
				console.log(
					`  juror, largest panel       ${k.juror.email}  (${k.juror.panel}, ${k.juror.candidates} candidates, /jury/${k.juror.panelId})`
				);
			}
		}
	}
} finally {
	await handle.db.destroy();
}
