import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db';

/**
 * Reading the qualification structure: search (Dutch full-text with prefix matching
 * for as-you-type, or crebo), a qualification with its core tasks and work
 * processes, and related qualifications that share work processes with it.
 * Only current dossier versions are searched; old versions stay reachable by URL.
 */

export interface SearchFilters {
	q?: string;
	level?: number | null;
	sectorChamberId?: number | null;
	limit?: number;
}

export interface SearchHit {
	id: number;
	crebo: string;
	title: string;
	level: number;
	dossier: string;
	sectorChamber: string | null;
	matches: { code: string; title: string }[];
}

/** 'begeleiden wonen' → 'begeleiden:* & wonen:*' (letters and digits only). */
export function toPrefixQuery(input: string): string | null {
	const words = input
		.toLowerCase()
		.normalize('NFKC')
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length > 0)
		.slice(0, 8);
	return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

export async function searchQualifications(db: DB, filters: SearchFilters): Promise<SearchHit[]> {
	const limit = Math.min(filters.limit ?? 30, 100);
	const text = (filters.q ?? '').trim().slice(0, 100);
	const creboPrefix = /^\d{1,5}$/.test(text) ? text : null;
	const tsQuery = creboPrefix ? null : toPrefixQuery(text);

	const conditions = [sql`d.superseded_at is null`];
	if (filters.level) conditions.push(sql`q.level = ${filters.level}`);
	if (filters.sectorChamberId)
		conditions.push(sql`d.sector_chamber_id = ${filters.sectorChamberId}`);
	if (creboPrefix) conditions.push(sql`q.crebo like ${creboPrefix + '%'}`);
	const where = sql.join(conditions, sql` and `);

	if (!tsQuery) {
		const rows = await sql<SearchHit>`
			select q.id, q.crebo, q.title, q.level, d.title as dossier, sc.name as "sectorChamber",
				'[]'::json as matches
			from qualification q
			join qualification_dossier d on d.id = q.dossier_id
			left join sector_chamber sc on sc.id = d.sector_chamber_id
			where ${where}
			order by q.title, q.crebo
			limit ${limit}`.execute(db);
		return rows.rows;
	}

	// Matching work processes are found once through the GIN index, then spread over
	// the qualifications they belong to (a basisdeel hit counts for every profile).
	const rows = await sql<SearchHit>`
		with query as (select to_tsquery('dutch', ${tsQuery}) as tq),
		wp_hits as (
			select wp.dossier_id, wp.code, wp.title, ct.qualification_id,
				ts_rank(wp.search, query.tq) as rank
			from work_process wp
			join core_task ct on ct.id = wp.core_task_id
			cross join query
			where wp.search @@ query.tq
		),
		qual_hits as (
			select q.id as qid, h.code, h.title, h.rank
			from wp_hits h
			join qualification q on q.dossier_id = h.dossier_id
				and (h.qualification_id is null or h.qualification_id = q.id)
		),
		candidates as (
			select q.id as qid, ts_rank(q.search, query.tq) * 10 as rank
			from qualification q cross join query where q.search @@ query.tq
			union all
			select qid, max(rank) from qual_hits group by qid
		),
		ranked as (select qid, max(rank) as rank from candidates group by qid)
		select q.id, q.crebo, q.title, q.level, d.title as dossier, sc.name as "sectorChamber",
			coalesce((
				select json_agg(json_build_object('code', m.code, 'title', m.title))
				from (
					select code, title from qual_hits h where h.qid = q.id
					order by h.rank desc, h.code limit 3
				) m
			), '[]'::json) as matches
		from ranked r
		join qualification q on q.id = r.qid
		join qualification_dossier d on d.id = q.dossier_id
		left join sector_chamber sc on sc.id = d.sector_chamber_id
		where ${where}
		order by r.rank desc, q.title, q.crebo
		limit ${limit}`.execute(db);
	return rows.rows;
}

export interface WorkProcessView {
	id: number;
	code: string;
	title: string;
	description: string;
	result: string;
	behaviour: string;
	competences: string[];
}

export interface CoreTaskView {
	id: number;
	code: string;
	title: string;
	basis: boolean;
	workProcesses: WorkProcessView[];
}

/**
 * A qualification by crebo: the current version, or a given version number. Two
 * statements: the qualification with its core tasks, work processes, competences,
 * certificates, versions and the profile's supplements (JSON arrays, each correlated on
 * the qualification row), and the related qualifications.
 */
export async function getQualification(db: DB, crebo: string, version?: number) {
	if (!/^\d{1,6}$/.test(crebo)) return null;
	// The basisdeel (no qualification) and this profile's own part of the dossier.
	const ofThisQualification = sql<boolean>`(ct.qualification_id is null or ct.qualification_id = q.id)`;
	let qb = db
		.selectFrom('qualification as q')
		.innerJoin('qualification_dossier as d', 'd.id', 'q.dossier_id')
		.leftJoin('sector_chamber as sc', 'sc.id', 'd.sector_chamber_id')
		.select((eb) => [
			'q.id',
			'q.dossier_id',
			'q.code',
			'q.crebo',
			'q.title',
			'q.level',
			'q.occupational_group',
			'q.valid_from',
			'q.end_intake',
			'q.study_load_hours',
			'd.title as dossier',
			'd.nr as dossier_nr',
			'd.version_no',
			'd.superseded_at',
			'd.domain',
			'sc.name as sector_chamber',
			jsonArrayFrom(
				eb
					.selectFrom('core_task as ct')
					.select(['ct.id', 'ct.code', 'ct.title', 'ct.qualification_id'])
					.whereRef('ct.dossier_id', '=', 'q.dossier_id')
					.where(ofThisQualification)
					.orderBy(sql`ct.qualification_id is not null`)
					.orderBy('ct.position')
			).as('tasks'),
			jsonArrayFrom(
				eb
					.selectFrom('work_process as wp')
					.innerJoin('core_task as ct', 'ct.id', 'wp.core_task_id')
					.select([
						'wp.id',
						'wp.core_task_id',
						'wp.code',
						'wp.title',
						'wp.description',
						'wp.result',
						'wp.behaviour',
						competencesOfWorkProcess.as('competences')
					])
					.whereRef('wp.dossier_id', '=', 'q.dossier_id')
					.where(ofThisQualification)
					.orderBy('wp.position')
			).as('wps'),
			jsonArrayFrom(
				eb
					.selectFrom('competence as c')
					.select(['c.code', 'c.title'])
					// eslint-disable-next-line @typescript-eslint/unbound-method -- Kysely's expression builder methods do not use `this`; destructuring them is its documented style
					.where(({ exists, selectFrom, or }) =>
						or([
							exists(
								selectFrom('work_process_supplement as sp')
									.whereRef('sp.qualification_id', '=', 'q.id')
									.where(sql<boolean>`c.code = any(sp.competence_codes)`)
									.select(sql`1`.as('one'))
							),
							exists(
								selectFrom('work_process_competence as wc')
									.innerJoin('work_process as wp', 'wp.id', 'wc.work_process_id')
									.innerJoin('core_task as ct', 'ct.id', 'wp.core_task_id')
									.whereRef('wc.competence_code', '=', 'c.code')
									.whereRef('wp.dossier_id', '=', 'q.dossier_id')
									.where(ofThisQualification)
									.select(sql`1`.as('one'))
							)
						])
					)
					.orderBy('c.code')
			).as('competences'),
			jsonArrayFrom(
				eb
					.selectFrom('certificate as cert')
					.select((eb) => [
						'cert.id',
						'cert.code',
						'cert.title',
						eb
							.selectFrom('certificate_work_process as cw')
							.innerJoin('work_process as wp', 'wp.id', 'cw.work_process_id')
							.whereRef('cw.certificate_id', '=', 'cert.id')
							.select(sql<string[]>`array_agg(wp.code order by wp.code)`.as('a'))
							.as('workProcessCodes')
					])
					.whereRef('cert.qualification_id', '=', 'q.id')
					.orderBy('cert.code')
			).as('certificates'),
			jsonArrayFrom(
				eb
					.selectFrom('qualification as q2')
					.innerJoin('qualification_dossier as d2', 'd2.id', 'q2.dossier_id')
					.select(['d2.version_no', 'd2.imported_at', 'd2.superseded_at'])
					.whereRef('q2.crebo', '=', 'q.crebo')
					.orderBy('d2.version_no', 'desc')
			).as('versions'),
			jsonArrayFrom(
				eb
					.selectFrom('work_process_supplement as sp')
					.select([
						'sp.work_process_id',
						'sp.description',
						'sp.result',
						'sp.behaviour',
						'sp.competence_codes'
					])
					.whereRef('sp.qualification_id', '=', 'q.id')
			).as('supplements')
		])
		.where('q.crebo', '=', crebo);
	qb = version ? qb.where('d.version_no', '=', version) : qb.where('d.superseded_at', 'is', null);
	const row = await qb.orderBy('d.version_no', 'desc').executeTakeFirst();
	if (!row) return null;
	const { tasks, wps, competences, certificates, versions, supplements, ...q } = row;
	const supplementOf = new Map(supplements.map((sp) => [sp.work_process_id, sp]));
	const join = (a: string, b: string | undefined) => (b ? (a ? `${a}\n\n${b}` : b) : a);

	const coreTasks: CoreTaskView[] = tasks.map((t) => ({
		id: t.id,
		code: t.code,
		title: t.title,
		basis: t.qualification_id === null,
		workProcesses: wps
			.filter((w) => w.core_task_id === t.id)
			.map((w) => {
				const sp = supplementOf.get(w.id);
				return {
					id: w.id,
					code: w.code,
					title: w.title,
					description: join(w.description, sp?.description),
					result: join(w.result, sp?.result),
					behaviour: join(w.behaviour, sp?.behaviour),
					competences: [...new Set([...w.competences, ...(sp?.competence_codes ?? [])])].sort()
				};
			})
	}));
	return {
		qualification: q,
		coreTasks,
		competences,
		certificates: certificates.map((c) => ({ ...c, workProcessCodes: c.workProcessCodes ?? [] })),
		// Timestamps inside JSON come back as ISO strings: Dates, as a column gives them.
		versions: versions.map((v) => ({
			version_no: v.version_no,
			imported_at: new Date(v.imported_at),
			superseded_at: v.superseded_at === null ? null : new Date(v.superseded_at)
		})),
		related: await relatedQualifications(db, q.id, q.dossier_id)
	};
}

export interface RelatedQualification {
	crebo: string;
	title: string;
	level: number;
	dossier: string;
	shared: number;
	total: number;
}

/**
 * Other current qualifications that share work processes (same title) with this one —
 * within the dossier through the basisdeel, across dossiers through common work.
 * The start of a career-switch path.
 */
export async function relatedQualifications(
	db: DB,
	qualificationId: number,
	dossierId: number,
	limit = 10
): Promise<RelatedQualification[]> {
	const result = await sql<RelatedQualification>`
		with mine as (
			select distinct lower(wp.title) as t
			from work_process wp join core_task ct on ct.id = wp.core_task_id
			where wp.dossier_id = ${dossierId}
			  and (ct.qualification_id is null or ct.qualification_id = ${qualificationId})
		),
		theirs as (
			select q2.id, q2.crebo, q2.title, q2.level, d2.title as dossier, lower(wp2.title) as t
			from qualification q2
			join qualification_dossier d2 on d2.id = q2.dossier_id and d2.superseded_at is null
			join core_task ct2 on ct2.dossier_id = q2.dossier_id
			  and (ct2.qualification_id is null or ct2.qualification_id = q2.id)
			join work_process wp2 on wp2.core_task_id = ct2.id
			where q2.id <> ${qualificationId}
		)
		select crebo, title, level, dossier,
			count(distinct t) filter (where t in (select t from mine))::int as shared,
			count(distinct t)::int as total
		from theirs
		group by id, crebo, title, level, dossier
		having count(distinct t) filter (where t in (select t from mine)) > 0
		order by shared desc, title
		limit ${limit}`.execute(db);
	return result.rows;
}

export async function qualificationFilters(db: DB) {
	return (
		db
			.selectFrom('sector_chamber as sc')
			.select(['sc.id', 'sc.name'])
			// eslint-disable-next-line @typescript-eslint/unbound-method -- Kysely's expression builder methods do not use `this`; destructuring them is its documented style
			.where(({ exists, selectFrom }) =>
				exists(
					selectFrom('qualification_dossier as d')
						.whereRef('d.sector_chamber_id', '=', 'sc.id')
						.where('d.superseded_at', 'is', null)
						.select(sql`1`.as('one'))
				)
			)
			.orderBy('sc.name')
			.execute()
	);
}

/** The competence codes of work process `wp`, sorted (an empty array when it has none). */
export const competencesOfWorkProcess = sql<string[]>`coalesce(
	(select array_agg(c.competence_code order by c.competence_code)
		from work_process_competence c where c.work_process_id = wp.id),
	'{}'::text[])`;
