/**
 * The anonymisation plan (issue 18, docs/privacy.md "Leaving a company"): per company table
 * and personal column, what the daily anonymisation (./anonymise.ts) does to a person's
 * records once their company's retention period has passed. A test keeps it in step with
 * the data register (./register.ts), so a new personal column cannot be forgotten.
 */

/** What happens to a registered personal column of a company table. */
export type Handling =
	/** Kept as it is; the comment says why (counts, dates without the person, the link to the stand-in). */
	| 'kept'
	/** Set to null, or to an empty value, on the person's records. */
	| 'cleared'
	/** Replaced by the neutral marker on the person's records. */
	| 'marker'
	/** Where it points at the person's account: set to null (others' records keep their content). */
	| 'unlinked'
	/** Rows of the person are deleted. */
	| 'deleted'
	/** The learner record itself: anonymous name, no e-mail, no account. */
	| 'stand-in'
	/** Set by the job. */
	| 'set';

export const MARKER = '[verwijderd]';
export const STAND_IN_NAME = 'Oud-medewerker';

/** table → personal column → what happens (kept in step with ./register.ts by a test). */
export const ANONYMISATION: Record<string, Record<string, Handling>> = {
	membership: {
		// The person's own record of having been a member; hidden from the company afterwards.
		user_id: 'kept',
		company_id: 'kept',
		roles: 'kept',
		created_at: 'kept',
		deactivated_at: 'kept',
		ends_on: 'kept',
		anonymised_at: 'set'
	},
	invitation: {
		email: 'deleted',
		roles: 'deleted',
		created_at: 'deleted',
		expires_at: 'deleted',
		accepted_at: 'deleted',
		revoked_at: 'deleted',
		invited_by: 'unlinked'
	},
	audit_log: {
		// Entries about the person or by them: no link to the account, no details.
		actor_user_id: 'unlinked',
		subject_user_id: 'unlinked',
		data: 'cleared',
		company_id: 'kept',
		request_id: 'kept',
		created_at: 'kept'
	},
	learner: {
		id: 'kept',
		user_id: 'stand-in',
		name: 'stand-in',
		email: 'stand-in',
		created_at: 'kept',
		created_by: 'unlinked'
	},
	trajectory: {
		// Kept for the counts and the company's obligations (which training, which school).
		learner_id: 'kept',
		route: 'kept',
		target_kind: 'kept',
		qualification_id: 'kept',
		certificate_id: 'kept',
		title: 'kept',
		school: 'kept',
		start_date: 'kept',
		planned_end_date: 'kept',
		status: 'kept',
		created_at: 'kept',
		created_by: 'unlinked',
		status_changed_at: 'kept'
	},
	trajectory_trainer: { trajectory_id: 'kept', user_id: 'deleted' },
	trajectory_work_process: { trajectory_id: 'kept', work_process_id: 'kept' },
	assessment: {
		trajectory_id: 'kept',
		work_process_id: 'kept',
		level: 'kept',
		assessor_kind: 'kept',
		assessor_name: 'cleared',
		assessed_by: 'unlinked',
		assessed_on: 'kept',
		comment: 'cleared',
		created_at: 'kept'
	},
	exemption: {
		trajectory_id: 'kept',
		work_process_id: 'kept',
		basis: 'kept',
		reference: 'cleared',
		granted_on: 'kept',
		recorded_by: 'unlinked',
		created_at: 'kept'
	},
	obtained_certificate: {
		learner_id: 'kept',
		certificate_id: 'kept',
		obtained_on: 'kept',
		issuer: 'kept',
		recorded_by: 'unlinked',
		created_at: 'kept'
	},
	evidence: {
		trajectory_id: 'kept',
		work_process_id: 'kept',
		kind: 'marker',
		title: 'marker',
		body: 'marker',
		url: 'cleared',
		file_name: 'cleared',
		content_type: 'cleared',
		size_bytes: 'cleared',
		storage_key: 'cleared',
		created_by: 'unlinked',
		created_at: 'kept'
	},
	trajectory_progress: {
		trajectory_id: 'kept',
		total: 'kept',
		competent: 'kept',
		exempt: 'kept',
		last_assessed_on: 'kept'
	},
	trainer_capacity: {
		user_id: 'deleted',
		max_learners: 'deleted',
		updated_at: 'deleted',
		updated_by: 'unlinked'
	},
	trainer_feedback: {
		// Feedback the person gave stays with the stand-in (aggregates); about them: deleted.
		trainer_user_id: 'deleted',
		learner_id: 'kept',
		explains: 'kept',
		listens: 'kept',
		recognises: 'kept',
		available: 'kept',
		submitted_at: 'kept'
	},
	conversation_template: { created_by: 'unlinked' },
	conversation_template_version: { published_by: 'unlinked' },
	conversation_setting: { updated_by: 'unlinked' },
	conversation: {
		learner_id: 'kept',
		trajectory_id: 'kept',
		planned_at: 'kept',
		status: 'kept',
		trainer_user_id: 'unlinked',
		created_by: 'unlinked',
		created_at: 'kept',
		held_at: 'kept',
		next_date: 'kept',
		learner_signed_at: 'kept',
		learner_signed_by: 'unlinked',
		trainer_signed_at: 'kept',
		trainer_signed_by: 'unlinked',
		updated_at: 'kept'
	},
	conversation_answer: {
		conversation_id: 'kept',
		role: 'kept',
		answers: 'cleared',
		shared_at: 'kept',
		updated_at: 'kept',
		updated_by: 'unlinked'
	},
	conversation_action: {
		conversation_id: 'kept',
		learner_id: 'kept',
		description: 'marker',
		owner_role: 'kept',
		due_date: 'kept',
		work_process_id: 'kept',
		done_at: 'kept',
		done_by: 'unlinked',
		created_at: 'kept',
		created_by: 'unlinked'
	},
	conversation_addendum: {
		conversation_id: 'kept',
		body: 'marker',
		created_by: 'unlinked',
		created_at: 'kept'
	},
	conversation_reminder: { item_id: 'kept', sent_at: 'kept' },
	// Awards follow the election's own retention (the round plus one year) and consent.
	nomination: {
		nominator_id: 'kept',
		nominee_id: 'kept',
		company_id: 'kept',
		evidence: 'kept',
		nominator_named: 'kept',
		status: 'kept',
		publish_consent: 'kept',
		consented_at: 'kept',
		endorsement: 'kept',
		endorsed_by: 'kept',
		endorsed_at: 'kept',
		created_at: 'kept',
		updated_at: 'kept'
	},
	// The adviser's own log of the company (the adviser is not a member).
	adviser_contact: {
		adviser_id: 'kept',
		contacted_on: 'kept',
		notes: 'kept',
		agreements: 'kept',
		created_at: 'kept'
	},
	culture_round: { created_by: 'unlinked' },
	culture_invitation: { email: 'deleted', token_sealed: 'deleted' },
	// Anonymous by design: not linked to anyone.
	culture_response: { open_answer: 'kept' },
	// The owner of an improvement action is a task HR hands over (not the person's record).
	culture_action: { owner_user_id: 'kept', created_by: 'unlinked' },
	culture_share: { shared_by: 'unlinked' }
};

/** Columns of company tables that name an account: set to null where they name the person. */
export const UNLINKED_COLUMNS: Record<string, string[]> = {
	invitation: ['invited_by'],
	learner: ['created_by'],
	trajectory: ['created_by'],
	assessment: ['assessed_by'],
	exemption: ['recorded_by'],
	obtained_certificate: ['recorded_by'],
	evidence: ['created_by'],
	trainer_capacity: ['updated_by'],
	conversation_template: ['created_by'],
	conversation_setting: ['updated_by'],
	conversation: ['trainer_user_id', 'created_by', 'learner_signed_by', 'trainer_signed_by'],
	conversation_answer: ['updated_by'],
	conversation_action: ['done_by', 'created_by'],
	conversation_addendum: ['created_by'],
	culture_round: ['created_by'],
	culture_action: ['created_by'],
	culture_share: ['shared_by']
};
