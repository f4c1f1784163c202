import { sql } from 'kysely';
import { todayIso } from '../../time';
import { audit } from '../accounts/audit';
import type { DB } from '../db';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { DomainError, isUuid, NotFoundError } from '../errors';
import { removeStoredFile } from '../files/storage';
import { log } from '../log';
import { anonymiseIn } from './anonymise';
import { UNLINKED_COLUMNS } from './anonymisation-plan';
import { endNow } from './leave';

/**
 * Carrying out an erasure request (issue 18, docs/privacy.md "Erasure on request"; the
 * request itself is ./erasure.ts). An admin sees the request with what it means per
 * company (/beheer/verwijderverzoeken) and carries it out:
 *
 * - in every company the person belongs to, their records are anonymised exactly as when
 *   a former member's retention period has passed (./anonymise.ts): what the company must
 *   keep stays as an anonymous stand-in, so every count, summary and adviser figure adds
 *   up; names, e-mail, free text and files go;
 * - what is theirs alone goes: the account with its sessions, two-step codes, exports and
 *   passport snapshots, the trainer profile (self-assessments, goals, activities), the
 *   nominations they received (with the jury's scores of them), mails and sign-in records;
 * - links to the account elsewhere are removed (nominations they made stay for the trainer
 *   who received them, without naming them; imports, versions and rounds they created);
 * - the audit log keeps only that an erasure happened: entries by or about them keep what
 *   happened and when, without who or details.
 *
 * All of it in one transaction, so a failure leaves everything as it was (the files too:
 * they are removed after the commit) and the admin can retry. Accounts with a role in SBB's
 * own processes (admin, adviser, juror) are not erased this way: the role is ended first
 * (the page says so), as their records belong to those processes.
 */

/** What an erasure does in one company (the admin's page lists one of these per company). */
export interface CompanyConsequence {
	companyId: string;
	company: string;
	roles: string[];
	/** The membership had ended already (the person no longer works there). */
	ended: boolean;
	/** Kept, anonymised: trajectories, judgements, certificates, conversations. */
	trajectories: number;
	assessments: number;
	certificates: number;
	conversations: number;
	/** Removed: evidence items (notes, links and files) and the files among them. */
	evidence: number;
	files: number;
	/** Removed: learners this person coached are no longer linked to them. */
	coached: number;
}

/** A role that stops the erasure until it has ended. */
export type ErasureBlocker = 'admin' | 'adviser' | 'juror' | 'adviser_contacts' | 'self';

export interface ErasureConsequences {
	id: string;
	requestedAt: Date;
	name: string;
	email: string;
	companies: CompanyConsequence[];
	/** What is theirs alone and goes with the account. */
	own: {
		trainerProfile: boolean;
		nominationsReceived: number;
		nominationsMade: number;
		passportSnapshots: number;
	};
	blockers: ErasureBlocker[];
}

/**
 * The open request `id` with what carrying it out means, per company and for the account;
 * NotFoundError when there is no such open request. `adminId`: the admin looking (an admin
 * cannot carry out their own request).
 */
export async function erasureConsequences(
	db: DB,
	id: string,
	adminId: string
): Promise<ErasureConsequences> {
	if (!isUuid(id)) throw new NotFoundError();
	// The person's records in every company they belong to: the wall opens for this read.
	return acrossCompanies(CROSS_COMPANY.erasure, () =>
		db.transaction().execute(async (trx) => {
			const request = await trx
				.selectFrom('erasure_request as r')
				.innerJoin('app_user as u', 'u.id', 'r.user_id')
				.select(['r.id', 'r.requested_at', 'r.user_id', 'u.name', 'u.email'])
				.where('r.id', '=', id)
				.where('r.cancelled_at', 'is', null)
				.where('r.executed_at', 'is', null)
				.executeTakeFirst();
			if (!request?.user_id) throw new NotFoundError();
			const P = request.user_id;
			const { rows: companies } = await sql<CompanyConsequence>`
				with mine as (
					select m.company_id, c.name as company, m.roles, m.deactivated_at is not null as ended
					from membership m join company c on c.id = m.company_id
					where m.user_id = ${P} and m.anonymised_at is null
				),
				learners as (
					select l.company_id, l.id from learner l join mine using (company_id)
					where l.user_id = ${P}
				),
				trajectories as (
					select t.company_id, t.id from trajectory t
					join learners l on l.company_id = t.company_id and l.id = t.learner_id
				)
				select mine.company_id as "companyId", mine.company, mine.roles, mine.ended,
					(select count(*) from trajectories t where t.company_id = mine.company_id)::int as trajectories,
					(select count(*) from assessment a join trajectories t
						on t.company_id = a.company_id and t.id = a.trajectory_id
						where a.company_id = mine.company_id)::int as assessments,
					(select count(*) from obtained_certificate o join learners l
						on l.company_id = o.company_id and l.id = o.learner_id
						where o.company_id = mine.company_id)::int as certificates,
					(select count(*) from conversation cv join learners l
						on l.company_id = cv.company_id and l.id = cv.learner_id
						where cv.company_id = mine.company_id)::int as conversations,
					(select count(*) from evidence e join trajectories t
						on t.company_id = e.company_id and t.id = e.trajectory_id
						where e.company_id = mine.company_id)::int as evidence,
					(select count(*) from evidence e join trajectories t
						on t.company_id = e.company_id and t.id = e.trajectory_id
						where e.company_id = mine.company_id and e.storage_key is not null)::int as files,
					(select count(distinct tt.trajectory_id) from trajectory_trainer tt
						where tt.company_id = mine.company_id and tt.user_id = ${P})::int as coached
				from mine
				order by mine.company`.execute(trx);
			const { rows: own } = await sql<{
				profile: boolean;
				received: number;
				made: number;
				snapshots: number;
			}>`
				select
					exists (select 1 from trainer_profile where user_id = ${P}) as profile,
					(select count(*) from nomination where nominee_id = ${P})::int as received,
					(select count(*) from nomination where nominator_id = ${P})::int as made,
					(select count(*) from passport_snapshot where user_id = ${P})::int as snapshots`.execute(trx);
			const o = own[0];
			const blockers = await blockersOf(trx, P, adminId);
			return {
				id: request.id,
				requestedAt: request.requested_at,
				name: request.name,
				email: request.email,
				companies,
				own: {
					trainerProfile: o.profile,
					nominationsReceived: o.received,
					nominationsMade: o.made,
					passportSnapshots: o.snapshots
				},
				blockers
			};
		})
	);
}

/**
 * What stops the erasure of `P` by `adminId` until it has ended: the admin's own request,
 * and a role in SBB's processes (the page lists them; carrying it out refuses on any).
 */
async function blockersOf(trx: DB, P: string, adminId: string): Promise<ErasureBlocker[]> {
	const { rows } = await sql<{ roles: string[]; juror: boolean; contacts: boolean }>`
		select array(select role from platform_role where user_id = ${P} order by role) as roles,
			exists (select 1 from jury_member where user_id = ${P}) as juror,
			exists (select 1 from adviser_contact where adviser_id = ${P}) as contacts`.execute(trx);
	const b = rows[0];
	const blockers: ErasureBlocker[] = [];
	if (P === adminId) blockers.push('self');
	if (b.roles.includes('admin')) blockers.push('admin');
	if (b.roles.includes('adviser')) blockers.push('adviser');
	else if (b.contacts) blockers.push('adviser_contacts');
	if (b.juror) blockers.push('juror');
	return blockers;
}

/** Whether `id` is an open request (the admin's action answers 404 before reading its form). */
export async function isOpenErasure(db: DB, id: string): Promise<boolean> {
	if (!isUuid(id)) return false;
	const row = await db
		.selectFrom('erasure_request')
		.select('id')
		.where('id', '=', id)
		.where('cancelled_at', 'is', null)
		.where('executed_at', 'is', null)
		.executeTakeFirst();
	return row !== undefined;
}

export interface ErasureResult {
	companies: number;
	files: number;
}

/**
 * Carries out the open request `id` (see the module comment). NotFoundError when there is
 * no such open request (carried out or taken back meanwhile: a double submit erases once);
 * DomainError('erasure_blocked') while the person still has a role in SBB's processes.
 */
export async function executeErasure(
	db: DB,
	adminId: string,
	id: string,
	opts: { now?: Date; requestId?: string } = {}
): Promise<ErasureResult> {
	if (!isUuid(id)) throw new NotFoundError();
	const now = opts.now ?? new Date();
	const { files, companies } = await acrossCompanies(CROSS_COMPANY.erasure, () =>
		db.transaction().execute(async (trx) => {
			const request = await trx
				.selectFrom('erasure_request')
				.select(['id', 'user_id'])
				.where('id', '=', id)
				.where('cancelled_at', 'is', null)
				.where('executed_at', 'is', null)
				.forUpdate()
				.executeTakeFirst();
			if (!request?.user_id) throw new NotFoundError();
			const P = request.user_id;
			const blockers = await blockersOf(trx, P, adminId);
			if (blockers.includes('self')) throw new DomainError('erasure_own');
			if (blockers.length) throw new DomainError('erasure_blocked');
			const person = await trx
				.selectFrom('app_user')
				.select(['name', 'email'])
				.where('id', '=', P)
				.forUpdate()
				.executeTakeFirstOrThrow();
			const email = person.email.toLowerCase();

			// 1. Every company: the membership ends now, and the person's records there are
			// anonymised as after the retention period.
			const memberships = await trx
				.selectFrom('membership')
				.select('company_id')
				.where('user_id', '=', P)
				.where('anonymised_at', 'is', null)
				.execute();
			const keys: { company: string; key: string }[] = [];
			for (const { company_id } of memberships) {
				await endNow(trx, company_id, P, now, null);
				const removed = await anonymiseIn(
					trx,
					{ company_id, user_id: P, end_date: todayIso(now) },
					now,
					{ snapshot: false }
				);
				for (const key of removed ?? []) keys.push({ company: company_id, key });
			}

			// 2. The election: nominations they received go (with the jury's scores and
			// conflicts about them); nominations they made stay for the trainer, unnamed.
			await trx.deleteFrom('jury_score').where('nominee_id', '=', P).execute();
			await trx.deleteFrom('jury_conflict').where('nominee_id', '=', P).execute();
			await trx.deleteFrom('nomination').where('nominee_id', '=', P).execute();
			await trx
				.updateTable('nomination')
				.set({ nominator_id: null, nominator_named: false })
				.where('nominator_id', '=', P)
				.execute();
			await trx
				.updateTable('nomination')
				.set({ endorsed_by: null })
				.where('endorsed_by', '=', P)
				.execute();
			await trx
				.updateTable('award_round')
				.set({ winner_user_id: null })
				.where('winner_user_id', '=', P)
				.execute();
			await trx
				.updateTable('jury_member')
				.set({ replaced_by: null })
				.where('replaced_by', '=', P)
				.execute();

			// 3. The trainer profile is theirs alone.
			for (const table of [
				'development_activity',
				'development_goal',
				'self_assessment',
				'trainer_profile_sector',
				'trainer_profile_qualification',
				'trainer_llo_summary',
				'trainer_profile'
			] as const) {
				await trx.deleteFrom(table).where('user_id', '=', P).execute();
			}

			// 4. Links from platform records and other companies' records to the account.
			const unlink = [
				...Object.entries(UNLINKED_COLUMNS).flatMap(([t, cs]) => cs.map((c) => [t, c])),
				...UNLINK_PLATFORM
			];
			for (const [table, column] of unlink) {
				await sql`update ${sql.table(table)} set ${sql.ref(column)} = null
					where ${sql.ref(column)} = ${P}`.execute(trx);
			}
			// Invitations to their address anywhere (companies they never joined included).
			await trx
				.deleteFrom('invitation')
				.where(sql`lower(email)`, '=', email)
				.execute();
			await trx
				.deleteFrom('culture_invitation')
				.where(sql`lower(email)`, '=', email)
				.execute();

			// 5. Mail and sign-in records naming them.
			await trx
				.deleteFrom('mail_outbox')
				.where((eb) =>
					eb.or([
						eb(sql`lower(recipient)`, '=', email),
						eb(sql`strpos(lower(subject || ' ' || body), ${email})`, '>', 0),
						eb(sql`strpos(lower(subject || ' ' || body), ${person.name.toLowerCase()})`, '>', 0)
					])
				)
				.execute();
			await trx
				.deleteFrom('login_attempt')
				.where(sql`lower(email)`, '=', email)
				.execute();
			await trx
				.deleteFrom('auth_throttle')
				.where(sql`lower(key)`, '=', email)
				.execute();

			// 6. The audit log everywhere: entries by or about them keep what and when only.
			await sql`update audit_log set
					data = '{}'::jsonb,
					subject_user_id = null,
					actor_user_id = nullif(actor_user_id, ${P}::uuid),
					entity_id = case when entity_id = ${P}::text then null else entity_id end
				where subject_user_id = ${P} or actor_user_id = ${P}
					-- changes to their account (reads of it have them as subject): the entity index
					or (subject_user_id is null and entity_id = ${P}::text)
					or (company_id is null and (strpos(lower(data::text), ${email}) > 0
						or strpos(lower(data::text), ${person.name.toLowerCase()}) > 0))`.execute(trx);

			// 7. The request is carried out; the account goes (its sessions, codes, exports,
			// snapshots and platform rows with it: on delete cascade). Only that it happened stays.
			await trx
				.updateTable('erasure_request')
				.set({ executed_at: now, executed_by: adminId })
				.where('id', '=', request.id)
				.execute();
			// Their memberships go too: anonymised above, the companies no longer see them.
			await trx.deleteFrom('membership').where('user_id', '=', P).execute();
			await trx.deleteFrom('app_user').where('id', '=', P).execute();
			await audit(trx, {
				actorUserId: adminId,
				action: 'erasure.executed',
				entityType: 'erasure_request',
				entityId: request.id,
				data: { companies: memberships.length },
				requestId: opts.requestId
			});
			return { files: keys, companies: memberships.length };
		})
	);
	// After the commit: a file removed before it would be lost if the transaction failed.
	let removed = 0;
	for (const f of files) {
		try {
			await removeStoredFile(f.company, f.key);
			removed++;
		} catch (err) {
			// No row refers to it any more: the housekeeping's sweep removes it later.
			log.warn({ err }, 'erasure: evidence file not removed');
		}
	}
	return { companies, files: removed };
}

/**
 * Columns of platform records that name an account, set to null where they name the
 * person; with ./anonymise.ts's company columns, in every company (an HR manager's
 * invitations and templates in a company they have left stay, without them).
 */
const UNLINK_PLATFORM: [string, string][] = [
	['conversation_template_version', 'published_by'],
	['qualification_dossier', 'imported_by'],
	['qualification_import', 'imported_by'],
	['certificate', 'created_by'],
	['competence_framework_version', 'created_by'],
	['culture_instrument_version', 'created_by'],
	['award_round', 'created_by'],
	['culture_action', 'owner_user_id']
];
