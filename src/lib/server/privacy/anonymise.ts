import { sql } from 'kysely';
import type { DB } from '../db';
import { audit } from '../accounts/audit';
import { inCompany } from '../db/scope';
import { removeStoredFile } from '../files/storage';
import { log } from '../log';
import { passportFor } from '../trajectories/passport';
import { todayIso } from '../../time';
import { endDateSql } from './leave';
import { claimDailyRun } from '../housekeeping';
import { MARKER, STAND_IN_NAME, UNLINKED_COLUMNS } from './anonymisation-plan';

/**
 * The daily anonymisation (issue 18, docs/privacy.md "Leaving a company"): for every
 * membership that ended longer ago than its company's retention period, the person is
 * removed from that company's records, in one transaction per person and company:
 *
 * - first the person's LLO passport part of that company is kept as their own snapshot
 *   (passport_snapshot: what they achieved is theirs);
 * - their learner record becomes an anonymous stand-in (name "Oud-medewerker", no e-mail,
 *   no account): the trajectories, judgements, exemptions, certificates, conversations and
 *   feedback stay, attached to the stand-in, so every count, summary and adviser figure
 *   adds up as before;
 * - free text about them is cleared or replaced by a neutral marker, evidence becomes a
 *   note "[verwijderd]" (the files are removed after the commit);
 * - every link from the company's records to their account (who recorded, signed, owned
 *   or was invited) is removed; rows that only exist for them (their trainer capacity,
 *   invitations, feedback about them as a trainer) are deleted;
 * - the membership is marked `anonymised_at` (it runs once), and hidden from the company.
 *
 * The audit log records only that it happened (no name, no id of the person).
 *
 * The plan (./anonymisation-plan.ts) says per table and personal column what happens; a
 * test fails when a personal column of a company table in the data register
 * (./register.ts) is missing from it, so a new column cannot be forgotten.
 */

export const ANONYMISATION_LOCK_KEY = 70_300_003;

export interface AnonymisationResult {
	/** Another server runs it, or it ran less than a day ago. */
	skipped: boolean;
	/** Memberships anonymised. */
	anonymised: number;
	/** Evidence files removed after the commits. */
	files: number;
	/** Memberships whose anonymisation failed (rolled back; retried on the next run). */
	failed: number;
}

/** A membership due for anonymisation: ended, not yet anonymised, retention passed. */
export interface Due {
	company_id: string;
	user_id: string;
	end_date: string;
}

/**
 * Once a day across all servers (advisory lock + job_run, as the housekeeping): every
 * membership whose retention period has passed is anonymised, each in its own
 * transaction. A failure rolls that one back (files too: they are removed only after the
 * commit) and is retried the next day; the others go on. Runs with every company visible
 * (the scheduler opens the wall for its jobs); each person's transaction runs for their
 * company only.
 */
export async function runAnonymisation(
	db: DB,
	opts: { now?: Date; limit?: number } = {}
): Promise<AnonymisationResult> {
	const now = opts.now ?? new Date();
	const result: AnonymisationResult = { skipped: true, anonymised: 0, files: 0, failed: 0 };
	const claimed = await claimDailyRun(db, ANONYMISATION_LOCK_KEY, 'anonymisation', now);
	if (!claimed) return result;
	result.skipped = false;

	const due = await dueMemberships(db, now, opts.limit ?? 1000);
	for (const d of due) {
		try {
			const keys = await inCompany(d.company_id, () => anonymiseMembership(db, d, now));
			if (keys === null) continue;
			result.anonymised++;
			// After the commit: a file removed before it would be lost if the transaction failed.
			for (const key of keys) {
				try {
					await removeStoredFile(d.company_id, key);
					result.files++;
				} catch (err) {
					// The file has no row any more: the housekeeping's sweep removes it later.
					log.warn({ err }, 'anonymisation: evidence file not removed');
				}
			}
		} catch (err) {
			result.failed++;
			log.error({ err, company: d.company_id }, 'anonymisation failed; retried next run');
		}
	}
	log.info({ ...result }, 'anonymisation done');
	return result;
}

/** Memberships ended longer ago than their company's retention period, not yet anonymised. */
async function dueMemberships(db: DB, now: Date, limit: number): Promise<Due[]> {
	const { rows } = await sql<Due>`
		select m.company_id, m.user_id, to_char(${endDateSql}, 'YYYY-MM-DD') as end_date
		from membership m join company c on c.id = m.company_id
		where m.deactivated_at is not null and m.anonymised_at is null
			and (${endDateSql} + make_interval(months => c.retention_months))::date <= ${todayIso(now)}::date
		order by m.deactivated_at
		limit ${limit}`.execute(db);
	return rows;
}

/**
 * Anonymises one person's records in one company, in one transaction. Returns the storage
 * keys of the evidence files to remove after the commit, or null when the membership is no
 * longer due (reactivated, or anonymised by another run meanwhile).
 */
export async function anonymiseMembership(db: DB, d: Due, now: Date): Promise<string[] | null> {
	return db.transaction().execute((trx) => anonymiseIn(trx, d, now));
}

/**
 * {@link anonymiseMembership} inside a transaction the caller holds (an erasure, ./erasure.ts,
 * runs it for each of the person's companies in one transaction). Every statement names
 * the company, so it is exact with the wall open too. `snapshot: false` skips the passport
 * snapshot (an erasure removes the account, and the snapshot with it).
 */
export async function anonymiseIn(
	trx: DB,
	d: Due,
	now: Date,
	opts: { snapshot?: boolean } = {}
): Promise<string[] | null> {
	const C = d.company_id;
	const P = d.user_id;
	const member = await trx
		.selectFrom('membership')
		.select('user_id')
		.where('company_id', '=', C)
		.where('user_id', '=', P)
		.where('deactivated_at', 'is not', null)
		.where('anonymised_at', 'is', null)
		.forUpdate()
		.executeTakeFirst();
	if (!member) return null;
	const [person, company] = await Promise.all([
		trx
			.selectFrom('app_user')
			.select(['name', 'email'])
			.where('id', '=', P)
			.executeTakeFirstOrThrow(),
		trx.selectFrom('company').select('name').where('id', '=', C).executeTakeFirstOrThrow()
	]);

	// 1. What the person achieved here stays theirs: their passport part, as a snapshot.
	const passport = await passportFor(trx, P, { companyId: C });
	if (opts.snapshot !== false && (passport.trajectories.length || passport.certificates.length)) {
		await trx
			.insertInto('passport_snapshot')
			.values({
				user_id: P,
				company_name: company.name,
				left_on: d.end_date,
				taken_at: now,
				trajectories: JSON.stringify(passport.trajectories),
				certificates: JSON.stringify(passport.certificates)
			})
			.execute();
	}

	// 2. The person's records: their learner rows (linked, or registered with their
	// e-mail and never linked), trajectories and conversations.
	const learners = (
		await trx
			.selectFrom('learner')
			.select('id')
			.where('company_id', '=', C)
			.where((eb) =>
				eb.or([
					eb('user_id', '=', P),
					eb.and([
						eb('user_id', 'is', null),
						eb(sql`lower(email)`, '=', person.email.toLowerCase())
					])
				])
			)
			.execute()
	).map((r) => r.id);
	const none = ['00000000-0000-0000-0000-000000000000'];
	const L = learners.length ? learners : none;
	const trajectories = (
		await trx
			.selectFrom('trajectory')
			.select('id')
			.where('company_id', '=', C)
			.where('learner_id', 'in', L)
			.execute()
	).map((r) => r.id);
	const T = trajectories.length ? trajectories : none;
	const conversations = (
		await trx
			.selectFrom('conversation')
			.select('id')
			.where('company_id', '=', C)
			.where('learner_id', 'in', L)
			.execute()
	).map((r) => r.id);
	const CV = conversations.length ? conversations : none;

	// 3. Evidence: a note with the marker; the files go after the commit.
	const files = await trx
		.selectFrom('evidence')
		.select(['id', 'storage_key'])
		.where('company_id', '=', C)
		.where('trajectory_id', 'in', T)
		.where('storage_key', 'is not', null)
		.execute();
	const evidenceIds = (
		await trx
			.updateTable('evidence')
			.set({
				kind: 'note',
				title: MARKER,
				body: MARKER,
				url: null,
				file_name: null,
				content_type: null,
				size_bytes: null,
				storage_key: null
			})
			.where('company_id', '=', C)
			.where('trajectory_id', 'in', T)
			.returning('id')
			.execute()
	).map((r) => r.id);

	// 4. Free text on the person's records.
	await trx
		.updateTable('assessment')
		.set({ comment: null, assessor_name: null })
		.where('company_id', '=', C)
		.where('trajectory_id', 'in', T)
		.where((eb) => eb.or([eb('comment', 'is not', null), eb('assessor_name', 'is not', null)]))
		.execute();
	await trx
		.updateTable('exemption')
		.set({ reference: null })
		.where('company_id', '=', C)
		.where('trajectory_id', 'in', T)
		.where('reference', 'is not', null)
		.execute();
	await trx
		.updateTable('conversation_answer')
		.set({ answers: '{}' })
		.where('company_id', '=', C)
		.where('conversation_id', 'in', CV)
		.execute();
	await trx
		.updateTable('conversation_action')
		.set({ description: MARKER })
		.where('company_id', '=', C)
		.where((eb) => eb.or([eb('conversation_id', 'in', CV), eb('learner_id', 'in', L)]))
		.execute();
	await trx
		.updateTable('conversation_addendum')
		.set({ body: MARKER })
		.where('company_id', '=', C)
		.where('conversation_id', 'in', CV)
		.execute();

	// 5. The learner record becomes the anonymous stand-in.
	await trx
		.updateTable('learner')
		.set({ name: STAND_IN_NAME, email: null, user_id: null })
		.where('company_id', '=', C)
		.where('id', 'in', L)
		.execute();

	// 6. Rows that exist only for the person.
	const invitations = (
		await trx
			.deleteFrom('invitation')
			.where('company_id', '=', C)
			.where(sql`lower(email)`, '=', person.email.toLowerCase())
			.returning('id')
			.execute()
	).map((r) => r.id);
	await trx
		.deleteFrom('trajectory_trainer')
		.where('company_id', '=', C)
		.where('user_id', '=', P)
		.execute();
	await trx
		.deleteFrom('trainer_capacity')
		.where('company_id', '=', C)
		.where('user_id', '=', P)
		.execute();
	await trx
		.deleteFrom('trainer_feedback')
		.where('company_id', '=', C)
		.where('trainer_user_id', '=', P)
		.execute();
	await trx
		.deleteFrom('culture_invitation')
		.where('company_id', '=', C)
		.where(sql`lower(email)`, '=', person.email.toLowerCase())
		.execute();

	// 7. Links from the company's other records to the person's account.
	const unlink = async (table: string, column: string) => {
		await sql`update ${sql.table(table)} set ${sql.ref(column)} = null
			where company_id = ${C} and ${sql.ref(column)} = ${P}`.execute(trx);
	};
	for (const [table, columns] of Object.entries(UNLINKED_COLUMNS)) {
		for (const column of columns) await unlink(table, column);
	}
	await sql`update conversation_template_version v set published_by = null
		from conversation_template t
		where t.id = v.template_id and t.company_id = ${C} and v.published_by = ${P}`.execute(trx);

	// 8. The audit log of this company: entries by or about the person, or about their
	// records, keep what happened and when, without who or any details.
	const records = [
		P,
		...learners,
		...trajectories,
		...conversations,
		...evidenceIds,
		...invitations
	];
	await sql`update audit_log set
			data = '{}'::jsonb,
			subject_user_id = null,
			actor_user_id = nullif(actor_user_id, ${P}::uuid),
			entity_id = case when entity_id = ${P}::text then null else entity_id end
		where company_id = ${C}
			and (subject_user_id = ${P} or actor_user_id = ${P}
				or entity_id = any(${records}::text[])
				or strpos(lower(data::text), ${person.email.toLowerCase()}) > 0
				or strpos(lower(data::text), ${person.name.toLowerCase()}) > 0)`.execute(trx);

	// 9. Once, and only that it happened.
	await trx
		.updateTable('membership')
		.set({ anonymised_at: now })
		.where('company_id', '=', C)
		.where('user_id', '=', P)
		.execute();
	await audit(trx, {
		companyId: C,
		action: 'membership.anonymised',
		entityType: 'membership',
		data: {}
	});
	return files.flatMap((f) => (f.storage_key ? [f.storage_key] : []));
}
