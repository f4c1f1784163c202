import { m } from '$lib/paraglide/messages';

/**
 * The codes of DomainError (src/lib/server/errors.ts) and their messages, in a module
 * without server code so that client code can name them too. (Not in i18n.ts, which every
 * page loads: the bundler would move the messages this map names into that shared chunk.)
 */
export type DomainErrorCode =
	| 'evidence_not_found'
	| 'totp_code_wrong'
	| 'totp_no_setup'
	| 'totp_required_by_role'
	| 'email_taken'
	| 'kvk_taken'
	| 'already_member'
	| 'invitation_pending'
	| 'last_hr'
	| 'cannot_deactivate_self'
	| 'membership_already_ended'
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
	| 'culture_round_overlap'
	| 'culture_too_few_recipients'
	| 'culture_round_not_found'
	| 'culture_link_unknown'
	| 'culture_round_not_open'
	| 'culture_round_closed'
	| 'culture_answers_incomplete'
	| 'culture_team_unknown'
	| 'culture_action_due_past'
	| 'culture_action_due_far'
	| 'culture_action_owner_unknown'
	| 'culture_dimension_unknown'
	| 'culture_action_not_found'
	| 'culture_no_draft'
	| 'culture_statement_count'
	| 'culture_statement_pairs'
	| 'culture_statement_too_long'
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
	| 'template_not_found'
	| 'conversation_not_found'
	| 'conversation_conflict'
	| 'conversation_locked'
	| 'answers_invalid'
	| 'trainer_unknown'
	| 'award_year_taken'
	| 'award_dates_order'
	| 'award_published'
	| 'award_round_not_found'
	| 'award_rules_locked'
	| 'award_criteria_locked'
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
	| 'erasure_own'
	| 'erasure_blocked';

/**
 * The message for each DomainError code thrown by services. A Record, so that a new code
 * without a message (or a message for a code that no longer exists) does not compile.
 */
export const domainErrorMessages: Record<DomainErrorCode, () => string> = {
	evidence_not_found: m.err_evidence_not_found,
	totp_code_wrong: m.totp_code_wrong,
	totp_no_setup: m.totp_no_setup,
	totp_required_by_role: m.totp_required_by_role,
	email_taken: m.err_email_taken,
	kvk_taken: m.err_kvk_taken,
	already_member: m.err_already_member,
	invitation_pending: m.err_invitation_pending,
	last_hr: m.err_last_hr,
	cannot_deactivate_self: m.err_cannot_deactivate_self,
	membership_already_ended: m.err_membership_already_ended,
	member_not_found: m.err_member_not_found,
	wrong_password: m.err_wrong_password,
	token_invalid: m.err_token_invalid,
	token_expired: m.err_token_expired,
	token_used: m.err_token_used,
	certificate_code_taken: m.err_certificate_code_taken,
	elective_unknown: m.err_elective_unknown,
	qualification_unknown: m.err_qualification_unknown,
	work_processes_required: m.err_work_processes_required,
	work_process_unknown: m.err_work_process_unknown,
	learner_unknown: m.err_learner_unknown,
	learner_required: m.err_learner_required,
	certificate_unknown: m.err_certificate_unknown,
	trainer_required: m.err_trainer_required,
	trajectory_not_found: m.err_trajectory_not_found,
	not_allowed: m.err_not_allowed,
	assessor_required: m.err_assessor_required,
	assessment_required: m.err_assessment_required,
	work_process_not_in_target: m.err_work_process_not_in_target,
	certificate_already_obtained: m.err_certificate_already_obtained,
	evidence_body_required: m.err_evidence_body_required,
	evidence_too_long: () => m.v_too_long({ max: 5000 }),
	url_invalid: m.err_url_invalid,
	file_required: m.err_file_required,
	file_too_large: m.err_file_too_large,
	file_type_not_allowed: m.err_file_type_not_allowed,
	already_exempt: m.err_already_exempt,
	exemption_not_found: m.err_exemption_not_found,
	culture_round_overlap: m.err_culture_round_overlap,
	culture_too_few_recipients: m.err_culture_too_few_recipients,
	culture_round_not_found: m.err_culture_round_not_found,
	culture_link_unknown: m.err_culture_link_unknown,
	culture_round_not_open: m.err_culture_round_not_open,
	culture_round_closed: m.err_culture_round_closed,
	culture_answers_incomplete: m.err_culture_answers_incomplete,
	culture_team_unknown: m.err_culture_team_unknown,
	culture_action_due_past: m.err_culture_action_due_past,
	culture_action_due_far: m.err_culture_action_due_far,
	culture_action_owner_unknown: m.err_culture_action_owner_unknown,
	culture_dimension_unknown: m.err_culture_dimension_unknown,
	culture_action_not_found: m.err_culture_action_not_found,
	culture_no_draft: m.err_culture_no_draft,
	culture_statement_count: m.err_culture_statement_count,
	culture_statement_pairs: m.err_culture_statement_pairs,
	culture_statement_too_long: () => m.v_too_long({ max: 300 }),
	framework_no_draft: m.err_framework_no_draft,
	framework_name_required: m.v_required,
	framework_indicator_count: m.err_framework_indicator_count,
	framework_indicator_too_long: () => m.v_too_long({ max: 300 }),
	reflection_too_long: () => m.v_too_long({ max: 2000 }),
	activity_not_found: m.err_activity_not_found,
	goal_not_found: m.err_goal_not_found,
	feedback_self: m.err_feedback_self,
	feedback_not_your_trainer: m.err_feedback_not_your_trainer,
	feedback_answer_required: m.err_feedback_answer_required,
	list_too_long: m.err_list_too_long,
	template_not_found: m.err_template_not_found,
	conversation_not_found: m.err_conversation_not_found,
	conversation_conflict: m.err_conversation_conflict,
	conversation_locked: m.err_conversation_locked,
	answers_invalid: m.err_answers_invalid,
	trainer_unknown: m.err_trainer_unknown,
	award_year_taken: m.err_award_year_taken,
	award_dates_order: m.err_award_dates_order,
	award_published: m.err_award_published,
	award_round_not_found: m.err_award_round_not_found,
	award_rules_locked: m.err_award_rules_locked,
	award_criteria_locked: m.err_award_criteria_locked,
	award_regions_required: m.err_award_regions_required,
	award_national_exists: m.err_award_national_exists,
	award_juror_role: m.err_award_juror_role,
	award_juror_already: m.err_award_juror_already,
	award_juror_not_found: m.err_award_juror_not_found,
	award_nominations_closed: m.err_award_nominations_closed,
	award_self_nomination: m.err_award_self_nomination,
	award_not_eligible: m.err_award_not_eligible,
	award_motivation_too_short: () => m.err_award_motivation_too_short({ min: 40 }),
	award_motivation_too_long: () => m.v_too_long({ max: 2000 }),
	award_evidence_too_long: () => m.v_too_long({ max: 2000 }),
	award_already_nominated: m.err_award_already_nominated,
	award_nomination_not_found: m.err_award_nomination_not_found,
	award_nominee_required: m.err_award_nominee_required,
	award_endorsement_closed: m.err_award_endorsement_closed,
	award_endorsement_required: m.v_required,
	award_scoring_closed: m.err_award_scoring_closed,
	award_not_juror: m.err_award_not_juror,
	award_conflict: m.err_award_conflict,
	award_score_invalid: m.err_award_score_invalid,
	award_comment_too_long: () => m.v_too_long({ max: 1000 }),
	award_reason_required: m.err_award_reason_required,
	award_not_candidate: m.err_award_not_candidate,
	award_not_publishable: m.err_award_not_publishable,
	award_winner_tie: m.err_award_winner_tie,
	erasure_own: m.err_erasure_own,
	erasure_blocked: m.err_erasure_blocked
};

export function domainErrorMessage(code: DomainErrorCode): string {
	return domainErrorMessages[code]();
}
