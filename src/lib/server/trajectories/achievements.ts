import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db';
import { jsonRows } from '../db/json';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import { DomainError, isUuid } from '../errors';
import { COMPETENT } from './progress';
import { once, type FormToken } from '../once';

/**
 * What a learner has achieved and what is left: work processes covered (trainer's
 * latest judgement competent, an exemption, or an obtained certificate), distance to
 * a diploma, certificates ready to be issued, and related qualifications the learner
 * already covers in part. Everything in SQL, scoped by company.
 */

export type CoverSource = 'competent' | 'exempt' | 'certificate';

/**
 * The learner in the SQL below: their id (a parameter), or an SQL expression that yields
 * it (e.g. `(select id from me)` in a statement that looks the learner up itself).
 */
export type LearnerRef = string | RawBuilder<unknown>;

/**
 * SQL for the work processes a learner covers, with the strongest source per work process
 * (a competent judgement, then an exemption, then an obtained certificate). The queries
 * below take it as `covered`: inline (`(${coveredSql(…)})`) when they run alone, or the
 * name of a CTE when one statement reads several of them (achievementsOf).
 */
export function coveredSql(companyId: string, learnerId: LearnerRef) {
	return sql`
		select work_process_id,
			(array_agg(source order by case source when 'competent' then 1 when 'exempt' then 2 else 3 end))[1] as source
		from (
			select o.work_process_id, 'competent' as source
			from (
				select distinct on (a.trajectory_id, a.work_process_id) a.work_process_id, a.level
				from assessment a
				join trajectory t on t.company_id = a.company_id and t.id = a.trajectory_id
				where a.company_id = ${companyId} and t.learner_id = ${learnerId}
				  and a.assessor_kind = 'trainer'
				order by a.trajectory_id, a.work_process_id, a.assessed_on desc, a.id desc
			) o where o.level = ${COMPETENT}
			union all
			select e.work_process_id, 'exempt'
			from exemption e
			join trajectory t on t.company_id = e.company_id and t.id = e.trajectory_id
			where e.company_id = ${companyId} and t.learner_id = ${learnerId}
			union all
			select cw.work_process_id, 'certificate'
			from obtained_certificate oc
			join certificate_work_process cw on cw.certificate_id = oc.certificate_id
			where oc.company_id = ${companyId} and oc.learner_id = ${learnerId}
		) s group by work_process_id`;
}

export interface DistanceItem {
	id: number;
	code: string;
	title: string;
	coreTaskCode: string;
	coreTaskTitle: string;
	source: CoverSource | null;
}

/**
 * Distance to the diploma of a qualification: every work process it requires, with
 * what covers it (if anything). Certificates, exemptions and competent judgements stack.
 */
export async function distanceToDiploma(
	db: DB,
	companyId: string,
	learnerId: string,
	qualificationId: number
): Promise<{ items: DistanceItem[]; covered: number; remaining: number }> {
	const result = await distanceSql(
		sql`(${coveredSql(companyId, learnerId)})`,
		qualificationId
	).execute(db);
	return distanceOf(result.rows);
}

function distanceSql(covered: RawBuilder<unknown>, qualificationId: number) {
	return sql<DistanceItem>`
		select wp.id, wp.code, wp.title, ct.code as "coreTaskCode", ct.title as "coreTaskTitle",
			covered.source
		from qualification q
		join work_process wp on wp.dossier_id = q.dossier_id
		join core_task ct on ct.id = wp.core_task_id
			and (ct.qualification_id is null or ct.qualification_id = q.id)
		left join ${covered} covered on covered.work_process_id = wp.id
		where q.id = ${qualificationId}
		order by ct.qualification_id is not null, ct.position, wp.position`;
}

function distanceOf(items: DistanceItem[]) {
	const covered = items.filter((r) => r.source).length;
	return { items, covered, remaining: items.length - covered };
}

export interface CertificateState {
	id: number;
	code: string;
	title: string;
	total: number;
	covered: number;
	ready: boolean;
	obtained: { on: string; issuer: string } | null;
}

/**
 * Certificates on the qualifications (or certificate targets) of the learner's
 * trajectories: how much is covered, whether it is ready, and whether it was obtained.
 */
export async function certificateStates(
	db: DB,
	companyId: string,
	learnerId: string
): Promise<CertificateState[]> {
	const result = await certificatesSql(
		sql`(${coveredSql(companyId, learnerId)})`,
		companyId,
		learnerId
	).execute(db);
	return result.rows.map(toCertificateState);
}

interface CertificateRow {
	id: number;
	code: string;
	title: string;
	total: number;
	covered: number;
	obtained_on: string | null;
	issuer: string | null;
}

function certificatesSql(covered: RawBuilder<unknown>, companyId: string, learnerId: LearnerRef) {
	return sql<CertificateRow>`
		with relevant as (
			select c.id from certificate c
			join trajectory t on t.company_id = ${companyId} and t.learner_id = ${learnerId}
				and (t.certificate_id = c.id or t.qualification_id = c.qualification_id)
			union
			select oc.certificate_id from obtained_certificate oc
			where oc.company_id = ${companyId} and oc.learner_id = ${learnerId}
		)
		select c.id, c.code, c.title,
			count(cw.work_process_id)::int as total,
			count(covered.work_process_id)::int as covered,
			to_char(oc.obtained_on, 'YYYY-MM-DD') as obtained_on, oc.issuer
		from certificate c
		join relevant r on r.id = c.id
		join certificate_work_process cw on cw.certificate_id = c.id
		left join ${covered} covered on covered.work_process_id = cw.work_process_id
		left join obtained_certificate oc on oc.company_id = ${companyId}
			and oc.learner_id = ${learnerId} and oc.certificate_id = c.id
		group by c.id, c.code, c.title, oc.id, oc.obtained_on, oc.issuer
		order by c.title`;
}

function toCertificateState(r: CertificateRow): CertificateState {
	return {
		id: r.id,
		code: r.code,
		title: r.title,
		total: r.total,
		covered: r.covered,
		ready: !r.obtained_on && r.total > 0 && r.covered >= r.total,
		obtained: r.obtained_on ? { on: r.obtained_on, issuer: r.issuer ?? '' } : null
	};
}

export interface RelatedForLearner {
	crebo: string;
	title: string;
	level: number;
	covered: number;
	total: number;
}

/**
 * Other current qualifications whose work processes (by title) the learner already
 * covers in part, with the share covered — where a next step or a switch is close.
 */
export async function relatedForLearner(
	db: DB,
	companyId: string,
	learnerId: string,
	limit = 5
): Promise<RelatedForLearner[]> {
	const result = await relatedSql(
		sql`(${coveredSql(companyId, learnerId)})`,
		companyId,
		learnerId,
		limit
	).execute(db);
	return result.rows;
}

/** relatedForLearner's query; `covered` as for coveredSql. */
export function relatedSql(
	covered: RawBuilder<unknown>,
	companyId: string,
	learnerId: LearnerRef,
	limit: number
) {
	return sql<RelatedForLearner>`
		with covered_titles as (
			select distinct lower(wp.title) as t
			from ${covered} covered join work_process wp on wp.id = covered.work_process_id
		),
		targets as (
			select t.qualification_id from trajectory t
			where t.company_id = ${companyId} and t.learner_id = ${learnerId} and t.qualification_id is not null
		),
		candidate as (
			select q.id, q.crebo, q.title, q.level, lower(wp.title) as t
			from qualification q
			join qualification_dossier d on d.id = q.dossier_id and d.superseded_at is null
			join core_task ct on ct.dossier_id = q.dossier_id
				and (ct.qualification_id is null or ct.qualification_id = q.id)
			join work_process wp on wp.core_task_id = ct.id
			where q.id not in (select qualification_id from targets)
		)
		select crebo, title, level,
			count(distinct t) filter (where t in (select t from covered_titles))::int as covered,
			count(distinct t)::int as total
		from candidate
		group by id, crebo, title, level
		having count(distinct t) filter (where t in (select t from covered_titles)) > 0
		order by (count(distinct t) filter (where t in (select t from covered_titles)))::float
			/ count(distinct t) desc, title
		limit ${limit}`;
}

/**
 * What the trajectory page shows of a learner's achievements — distance to the diploma of
 * `qualificationId` (if any), the certificates and related qualifications — in one
 * statement: the learner's covered work processes are worked out once (a CTE) and the
 * three lists come back as JSON arrays, each in its own query's order.
 */
export async function achievementsOf(
	db: DB,
	companyId: string,
	learnerId: string,
	qualificationId: number | null
): Promise<{
	distance: { items: DistanceItem[]; covered: number; remaining: number } | null;
	certificates: CertificateState[];
	related: RelatedForLearner[];
}> {
	const covered = sql`covered`;
	const row = (
		await sql<{
			distance: DistanceItem[] | null;
			certificates: CertificateRow[];
			related: RelatedForLearner[];
		}>`
			with covered as materialized (${coveredSql(companyId, learnerId)})
			select ${qualificationId === null ? sql`null` : jsonRows(distanceSql(covered, qualificationId))} as distance,
				${jsonRows(certificatesSql(covered, companyId, learnerId))} as certificates,
				${jsonRows(relatedSql(covered, companyId, learnerId, 5))} as related`.execute(db)
	).rows[0];
	return {
		distance: row.distance ? distanceOf(row.distance) : null,
		certificates: row.certificates.map(toCertificateState),
		related: row.related
	};
}

/** Records an obtained certificate (HR, or a trainer of one of the learner's trajectories). */
export async function recordObtainedCertificate(
	db: DB,
	ctx: RequestContext,
	input: { learnerId: string; certificateId: number; obtainedOn: string; issuer: string },
	token?: FormToken
): Promise<void> {
	if (!isUuid(input.learnerId)) throw new DomainError('trajectory_not_found');
	await db.transaction().execute(async (trx) => {
		const allowed = await trx
			.selectFrom('trajectory as t')
			.select('t.id')
			.where('t.company_id', '=', ctx.company.id)
			.where('t.learner_id', '=', input.learnerId)
			.where((eb) =>
				ctx.roles.includes('hr')
					? eb.val(true)
					: eb.exists(
							eb
								.selectFrom('trajectory_trainer as tt')
								.whereRef('tt.company_id', '=', 't.company_id')
								.whereRef('tt.trajectory_id', '=', 't.id')
								.where('tt.user_id', '=', ctx.user.id)
								.select(sql`1`.as('one'))
						)
			)
			.executeTakeFirst();
		if (!allowed) throw new DomainError('trajectory_not_found');
		// A double submit answers as the first did (not 'already obtained').
		await once(trx, ctx.user.id, `obtained_certificate:${input.learnerId}`, token, async () => {
			const states = await certificateStates(trx, ctx.company.id, input.learnerId);
			const state = states.find((s) => s.id === input.certificateId);
			if (!state) throw new DomainError('certificate_unknown', 'certificateId');
			if (state.obtained) throw new DomainError('certificate_already_obtained', 'certificateId');
			await trx
				.insertInto('obtained_certificate')
				.values({
					company_id: ctx.company.id,
					learner_id: input.learnerId,
					certificate_id: input.certificateId,
					obtained_on: input.obtainedOn,
					issuer: input.issuer,
					recorded_by: ctx.user.id
				})
				.execute();
			await auditAs(trx, ctx, {
				action: 'certificate.obtained',
				entityType: 'learner',
				entityId: input.learnerId,
				data: { certificateId: input.certificateId, issuer: input.issuer }
			});
			return null;
		});
	});
}
