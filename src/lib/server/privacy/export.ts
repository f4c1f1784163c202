import type { DB } from '../db';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
import { accountPart } from './export-account';
import { awardPart } from './export-awards';
import { conversationPart } from './export-conversations';
import { learnerPart } from './export-learner';
import { idsOrNone } from './export-rows';
import { trainerPart } from './export-trainer';
import { leavingPart } from './leave';

/**
 * "Alles over mij" (issue 18): every personal datum Vakmaat holds about a user, across all
 * their companies, as one JSON document (format: docs/privacy.md, "The export"). Read
 * only through the user's own account; the tenant wall opens for their own records.
 *
 * Left out on purpose is what is another person's data or a secret; each part's comment
 * says what that is for its slice. The document is put together here from the parts:
 * - ./export-account.ts: the account, memberships, an adviser's contacts, mails, the audit
 *   trail;
 * - ./leave.ts (`leavingPart`): memberships ending or ended, with what each company keeps
 *   until when, and the passport snapshots;
 * - ./export-learner.ts: the learner records (trajectories, judgements, evidence,
 *   certificates), the feedback given to trainers, and the evidence files for the zip;
 * - ./export-conversations.ts: the conversations held as learner or as trainer;
 * - ./export-trainer.ts: the user as practice trainer (profile, self-assessments,
 *   development, feedback received);
 * - ./export-awards.ts: the user's part in the award election.
 */

export const EXPORT_FORMAT = 'vakmaat-persoonsgegevens';
export const EXPORT_VERSION = 1;

export interface ExportFile {
	/** Path in the zip. */
	path: string;
	companyId: string;
	storageKey: string;
	sizeBytes: number | null;
}

export async function personalDataExport(db: DB, userId: string, now = new Date()) {
	return acrossCompanies(CROSS_COMPANY.privacyExport, () => build(db, userId, now));
}

async function build(db: DB, userId: string, now: Date) {
	// The user's learner records, one per company they learn at: the learner part and the
	// conversations (those the user held as learner) start from them.
	const learners = await db
		.selectFrom('learner as l')
		.innerJoin('company as c', 'c.id', 'l.company_id')
		.leftJoin('app_user as by', 'by.id', 'l.created_by')
		.select([
			'l.id',
			'l.company_id',
			'c.name as company',
			'l.name',
			'l.email',
			'l.created_at',
			'by.name as created_by'
		])
		.where('l.user_id', '=', userId)
		.orderBy('c.name')
		.execute();

	// The parts need nothing of each other: they run side by side.
	const [
		{ account, memberships, adviserContacts, mails, audit },
		{ learnerRecords, feedbackGiven, files },
		conversations,
		trainer,
		awards,
		leaving
	] = await Promise.all([
		accountPart(db, userId),
		learnerPart(db, learners),
		conversationPart(db, userId, idsOrNone(learners)),
		trainerPart(db, userId),
		awardPart(db, userId),
		leavingPart(db, userId)
	]);

	const document = {
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		generatedAt: now.toISOString(),
		account,
		memberships,
		leaving,
		learnerRecords,
		conversations,
		feedbackGiven,
		trainer,
		awards,
		adviserContacts,
		mails,
		audit
	};
	return { document, files };
}

export type PersonalDataExport = Awaited<ReturnType<typeof personalDataExport>>['document'];
