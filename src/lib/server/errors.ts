/**
 * A rule of the domain was broken by the input. `code` names a catalogue message
 * (see src/lib/i18n/errors.ts); `field` the form field it belongs next to.
 */
export class DomainError extends Error {
	constructor(
		readonly code: DomainErrorCode,
		readonly field?: string
	) {
		super(code);
		this.name = 'DomainError';
	}
}

export type DomainErrorCode =
	| 'evidence_not_found'
	| 'totp_code_wrong'
	| 'totp_no_setup'
	| 'email_taken'
	| 'kvk_taken'
	| 'already_member'
	| 'invitation_pending'
	| 'last_hr'
	| 'cannot_deactivate_self'
	| 'member_not_found'
	| 'wrong_password'
	| 'token_invalid'
	| 'token_expired'
	| 'token_used'
	| 'certificate_code_taken'
	| 'elective_unknown'
	| 'qualification_unknown'
	| 'work_processes_required'
	| 'work_process_unknown'
	| 'learner_unknown'
	| 'learner_required'
	| 'certificate_unknown'
	| 'trainer_required'
	| 'trajectory_not_found'
	| 'not_allowed'
	| 'assessor_required'
	| 'assessment_required'
	| 'work_process_not_in_target'
	| 'certificate_already_obtained'
	| 'evidence_body_required'
	| 'evidence_too_long'
	| 'url_invalid'
	| 'file_required'
	| 'file_too_large'
	| 'file_type_not_allowed'
	| 'already_exempt'
	| 'exemption_not_found'
	| 'framework_no_draft'
	| 'framework_name_required'
	| 'framework_indicator_count'
	| 'framework_indicator_too_long'
	| 'reflection_too_long'
	| 'activity_not_found'
	| 'goal_not_found'
	| 'feedback_self'
	| 'feedback_not_your_trainer'
	| 'feedback_answer_required'
	| 'list_too_long'
	| 'bio_too_long'
	| 'years_invalid'
	| 'capacity_invalid'
	| 'template_not_found'
	| 'conversation_not_found'
	| 'conversation_conflict'
	| 'conversation_locked'
	| 'answers_invalid'
	| 'trainer_unknown'
	| 'award_year_taken'
	| 'award_dates_order'
	| 'award_date_invalid'
	| 'award_title_required'
	| 'award_published'
	| 'award_round_not_found'
	| 'award_rules_locked'
	| 'award_criteria_locked'
	| 'award_weight_invalid'
	| 'award_panel_name_required'
	| 'award_regions_required'
	| 'award_national_exists'
	| 'award_juror_role'
	| 'award_juror_already'
	| 'award_juror_not_found'
	| 'award_nominations_closed'
	| 'award_self_nomination'
	| 'award_not_eligible'
	| 'award_motivation_too_short'
	| 'award_motivation_too_long'
	| 'award_evidence_too_long'
	| 'award_already_nominated'
	| 'award_nomination_not_found'
	| 'award_nominee_required'
	| 'award_endorsement_closed'
	| 'award_endorsement_required'
	| 'award_scoring_closed'
	| 'award_not_juror'
	| 'award_conflict'
	| 'award_score_invalid'
	| 'award_comment_too_long'
	| 'award_reason_required'
	| 'award_not_candidate'
	| 'award_not_publishable'
	| 'award_winner_tie'
	| 'award_finalists_invalid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from URLs and forms are checked before they reach SQL (a bad uuid is a 404, not a 500). */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}
