import { sql, type RawBuilder } from 'kysely';
import type { RequestContext } from '../auth/context';
import type { DB } from '../db';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { isUuid } from '../errors';
import type { ReadWhat } from '../../privacy/read-what';

/**
 * "Wie bekeek mijn gegevens" (issue 18): every read of another person's personal data is
 * audited with the person it was about (`audit_log.subject_user_id`, migration 0026), and
 * the person sees those reads, and the changes others made to their records, newest first.
 *
 * Writing costs one statement per page: {@link recordRead} is a single insert; when the
 * page knows only a record (a trajectory, a conversation, a piece of evidence), the
 * person's account is looked up inside that same insert (`(select l.user_id …)`), so no
 * extra round trip. A person reading their own data is not recorded.
 */

/** What was read: a page or download (its words: $lib/privacy/read-what.ts). */
export type { ReadWhat };

/** Whose data: an account, or a record whose learner's account is found in SQL. */
export type ReadSubject =
	| { userId: string | null }
	| { learnerId: string }
	| { trajectoryId: string }
	| { conversationId: string }
	| { evidenceId: string };

/** Who reads: a member in a company (ctx), or a platform user (adviser, admin). */
export interface Reader {
	userId: string;
	companyId: string | null;
	roles: readonly string[];
	requestId?: string | null;
}

export function readerOf(ctx: RequestContext): Reader {
	return {
		userId: ctx.user.id,
		companyId: ctx.company.id,
		roles: ctx.roles,
		requestId: ctx.requestId
	};
}

/**
 * recordRead for a page or a download: the request's member reads the record, at the
 * page's path. Call it after the access check: a refused look is not a read.
 */
export function recordPageRead(
	db: DB,
	ctx: RequestContext,
	event: { url: URL },
	subject: ReadSubject,
	what: ReadWhat
): Promise<void> {
	return recordRead(db, readerOf(ctx), subject, what, event.url.pathname);
}

/** The subject's account, as SQL evaluated inside the insert. */
function subjectSql(companyId: string | null, s: ReadSubject): RawBuilder<string | null> {
	const company = companyId ? sql`l.company_id = ${companyId} and ` : sql``;
	if ('userId' in s) return sql`${s.userId}::uuid`;
	if ('learnerId' in s) {
		return sql`(select l.user_id from learner l where ${company}l.id = ${s.learnerId}::uuid)`;
	}
	if ('trajectoryId' in s) {
		return sql`(select l.user_id from trajectory t join learner l
			on l.company_id = t.company_id and l.id = t.learner_id
			where ${company}t.id = ${s.trajectoryId}::uuid)`;
	}
	if ('conversationId' in s) {
		return sql`(select l.user_id from conversation c join learner l
			on l.company_id = c.company_id and l.id = c.learner_id
			where ${company}c.id = ${s.conversationId}::uuid)`;
	}
	return sql`(select l.user_id from evidence e join trajectory t
		on t.company_id = e.company_id and t.id = e.trajectory_id
		join learner l on l.company_id = t.company_id and l.id = t.learner_id
		where ${company}e.id = ${s.evidenceId}::uuid)`;
}

function entityOf(s: ReadSubject): [string, string | null] {
	if ('userId' in s) return ['app_user', s.userId];
	if ('learnerId' in s) return ['learner', s.learnerId];
	if ('trajectoryId' in s) return ['trajectory', s.trajectoryId];
	if ('conversationId' in s) return ['conversation', s.conversationId];
	return ['evidence', s.evidenceId];
}

/**
 * Records that `reader` read `subject`'s personal data on `what` (a page or download at
 * `path`). One insert; nothing when the subject is the reader (own data) or unknown.
 */
export async function recordRead(
	db: DB,
	reader: Reader,
	subject: ReadSubject,
	what: ReadWhat,
	path?: string
): Promise<void> {
	if ('userId' in subject && (!subject.userId || subject.userId === reader.userId)) return;
	const roles = reader.roles.filter((r) => r !== 'learner');
	// A member who is only a learner in this company reaches no one's records but their
	// own (trajectories/access.ts): nothing to record, and no statement spent on it.
	if (reader.companyId && roles.length === 0) return;
	const [entityType, entityId] = entityOf(subject);
	if (!entityId || !isUuid(entityId)) return;
	const data = JSON.stringify({ what, roles, ...(path ? { path } : {}) });
	await sql`
		insert into audit_log
			(company_id, actor_user_id, action, entity_type, entity_id, data, request_id, subject_user_id)
		select ${reader.companyId}::uuid, ${reader.userId}::uuid, 'personal_data.read', ${entityType},
			${entityId}, ${data}::jsonb, ${reader.requestId ?? null}, s.subject
		from (select ${subjectSql(reader.companyId, subject)} as subject) s
		where s.subject is distinct from ${reader.userId}::uuid`.execute(db);
}

/**
 * An export of many people's data (the HR CSV, an adviser export): one row per person in
 * it with an account, written by one statement (`insert … select unnest(…)`), each
 * saying which export and how many people it held.
 */
export async function recordExportRead(
	db: DB,
	reader: Reader,
	subjectUserIds: readonly (string | null)[],
	what: ReadWhat,
	contents: Record<string, unknown> = {}
): Promise<void> {
	const ids = [...new Set(subjectUserIds.filter((u): u is string => !!u && u !== reader.userId))];
	if (ids.length === 0) return;
	const roles = reader.roles.filter((r) => r !== 'learner');
	const data = JSON.stringify({ what, roles, people: subjectUserIds.length, ...contents });
	await sql`
		insert into audit_log
			(company_id, actor_user_id, action, entity_type, entity_id, data, request_id, subject_user_id)
		select ${reader.companyId}::uuid, ${reader.userId}::uuid, 'personal_data.exported', 'app_user',
			u::text, ${data}::jsonb, ${reader.requestId ?? null}, u
		from unnest(${ids}::uuid[]) as u`.execute(db);
}

/**
 * The HR trajectory export (CSV) read the records of every learner in it: one row per
 * learner with an account, written by one `insert … select` over the same filters as
 * the export (`trajectoriesCsv`: HR sees every trajectory of the company, optionally of
 * one route and of one trainer), saying which filters and how many trajectories.
 */
export async function recordTrajectoriesExport(
	db: DB,
	ctx: RequestContext,
	filters: { route: string | null; trainerId: string | null },
	rows: number
): Promise<void> {
	const reader = readerOf(ctx);
	const roles = reader.roles.filter((r) => r !== 'learner');
	const data = JSON.stringify({ what: 'trajectories_export', roles, rows, ...filters });
	await sql`
		insert into audit_log
			(company_id, actor_user_id, action, entity_type, entity_id, data, request_id, subject_user_id)
		select distinct ${ctx.company.id}::uuid, ${ctx.user.id}::uuid, 'personal_data.exported',
			'app_user', l.user_id::text, ${data}::jsonb, ${ctx.requestId}, l.user_id
		from trajectory t
		join learner l on l.company_id = t.company_id and l.id = t.learner_id
		where t.company_id = ${ctx.company.id}::uuid
			and l.user_id is not null and l.user_id <> ${ctx.user.id}::uuid
			${filters.route ? sql`and t.route = ${filters.route}` : sql``}
			${
				filters.trainerId
					? sql`and exists (select 1 from trajectory_trainer tt where tt.company_id = t.company_id
						and tt.trajectory_id = t.id and tt.user_id = ${filters.trainerId}::uuid)`
					: sql``
			}`.execute(db);
}

export interface AccessEntry {
	id: string;
	at: Date;
	action: string;
	/** What was read (for reads), else null. */
	what: string | null;
	entityType: string;
	actor: { name: string | null };
	roles: string[];
	company: string | null;
}

export interface AccessQuery {
	/** Inclusive dates (YYYY-MM-DD, Amsterdam), or null. */
	from: string | null;
	to: string | null;
	/** Page size; null: everything (the export). */
	limit: number | null;
	offset: number;
}

/**
 * The records of `userId` that changes are audited against (entity type, id): their
 * learner records and everything hanging from them, their account and trainer profile.
 */
function ownEntities(userId: string) {
	return sql`
		with l as (select company_id, id from learner where user_id = ${userId}::uuid),
			t as (select t.company_id, t.id from l
				join trajectory t on t.company_id = l.company_id and t.learner_id = l.id)
		select 'learner' as type, l.id::text as id from l
		union all
		select 'trajectory', t.id::text from t
		union all
		select 'evidence', e.id::text from t
			join evidence e on e.company_id = t.company_id and e.trajectory_id = t.id
		union all
		select 'exemption', x.id::text from t
			join exemption x on x.company_id = t.company_id and x.trajectory_id = t.id
		union all
		select 'conversation', c.id::text from l
			join conversation c on c.company_id = l.company_id and c.learner_id = l.id
		union all
		select 'conversation_action', a.id::text from l
			join conversation_action a on a.company_id = l.company_id and a.learner_id = l.id
		union all
		select 'app_user', ${userId}::text
		union all
		select 'trainer_profile', ${userId}::text
		union all
		select 'membership', ${userId}::text`;
}

/**
 * Who read or changed `userId`'s data, other than they themselves: reads recorded with
 * them as subject, and changes audited against their records. Newest first. Reads the
 * person's own records in every company (the tenant wall opens for that, and only that).
 */
export async function accessLog(
	db: DB,
	userId: string,
	q: AccessQuery
): Promise<{ entries: AccessEntry[]; total: number }> {
	const period = sql`${q.from ? sql`and a.created_at >= ${q.from}::date` : sql``}
		${q.to ? sql`and a.created_at < ${q.to}::date + 1` : sql``}`;
	const limit = q.limit === null ? sql`` : sql`limit ${q.limit} offset ${q.offset}`;
	// Each branch reads only the newest entries the page can show (its index in created_at
	// order, stopping early), and the count comes from index-only scans: a person looked at
	// thousands of times pays for one page of rows, not for sorting all of them.
	const top =
		q.limit === null ? sql`` : sql`order by a.created_at desc limit ${q.limit + q.offset}`;
	const reads = sql`audit_log a
		where a.subject_user_id = ${userId}::uuid
			and a.actor_user_id is not null and a.actor_user_id <> ${userId}::uuid ${period}`;
	const changes = sql`audit_log a
		join (${ownEntities(userId)}) m on a.entity_type = m.type and a.entity_id = m.id
		where a.subject_user_id is null
			and a.actor_user_id is not null and a.actor_user_id <> ${userId}::uuid ${period}`;
	const { rows } = await acrossCompanies(CROSS_COMPANY.privacyAccessLog, () =>
		sql<{
			id: string;
			created_at: Date;
			action: string;
			entity_type: string;
			what: string | null;
			roles: string[] | null;
			actor_name: string | null;
			company: string | null;
			member_roles: string[] | null;
			total: number;
		}>`
			with entries as (
				(select a.* from ${reads} ${top})
				union all
				(select a.* from ${changes} ${top})
			)
			select a.id::text as id, a.created_at, a.action, a.entity_type,
				a.data->>'what' as what,
				case when jsonb_typeof(a.data->'roles') = 'array'
					then array(select jsonb_array_elements_text(a.data->'roles')) end as roles,
				u.name as actor_name, c.name as company, ms.roles as member_roles,
				((select count(*) from ${reads}) + (select count(*) from ${changes}))::int as total
			from entries a
			left join app_user u on u.id = a.actor_user_id
			left join company c on c.id = a.company_id
			left join membership ms on ms.company_id = a.company_id and ms.user_id = a.actor_user_id
			order by a.created_at desc, a.id desc
			${limit}`.execute(db)
	);
	return {
		total: rows[0]?.total ?? 0,
		entries: rows.map((r) => ({
			id: r.id,
			at: new Date(r.created_at),
			action: r.action,
			what: r.what,
			entityType: r.entity_type,
			actor: { name: r.actor_name },
			roles: (r.roles ?? r.member_roles ?? []).filter((x) => x !== 'learner'),
			company: r.company
		}))
	};
}
