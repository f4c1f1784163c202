import type { DomainErrorCode } from '$lib/errors';
import { m } from '$lib/paraglide/messages';

export const MEMBER_ROLES = ['learner', 'trainer', 'hr'] as const;
export type MemberRoleName = (typeof MEMBER_ROLES)[number];

export function roleLabel(role: string): string {
	switch (role) {
		case 'learner':
			return m.role_learner();
		case 'trainer':
			return m.role_trainer();
		case 'hr':
			return m.role_hr();
		case 'adviser':
			return m.role_adviser();
		case 'admin':
			return m.role_admin();
		default:
			return role;
	}
}

/**
 * The message for each DomainError code thrown by services. A Record, so that a new code
 * without a message (or a message for a code that no longer exists) does not compile.
 */
export const domainErrorMessages: Record<DomainErrorCode, () => string> = {
	evidence_not_found: m.err_evidence_not_found,
	totp_code_wrong: m.totp_code_wrong,
	totp_no_setup: m.totp_no_setup,
	email_taken: m.err_email_taken,
	kvk_taken: m.err_kvk_taken,
	already_member: m.err_already_member,
	invitation_pending: m.err_invitation_pending,
	last_hr: m.err_last_hr,
	cannot_deactivate_self: m.err_cannot_deactivate_self,
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
	bio_too_long: () => m.v_too_long({ max: 2000 }),
	years_invalid: m.err_years_invalid,
	capacity_invalid: m.err_capacity_invalid,
	template_not_found: m.err_template_not_found,
	conversation_not_found: m.err_conversation_not_found,
	conversation_conflict: m.err_conversation_conflict,
	conversation_locked: m.err_conversation_locked,
	answers_invalid: m.err_answers_invalid,
	trainer_unknown: m.err_trainer_unknown,
	award_year_taken: m.err_award_year_taken,
	award_dates_order: m.err_award_dates_order,
	award_date_invalid: m.err_award_date_invalid,
	award_title_required: m.err_award_title_required,
	award_published: m.err_award_published,
	award_round_not_found: m.err_award_round_not_found,
	award_rules_locked: m.err_award_rules_locked,
	award_criteria_locked: m.err_award_criteria_locked,
	award_weight_invalid: m.err_award_weight_invalid,
	award_panel_name_required: m.err_award_panel_name_required,
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
	award_finalists_invalid: m.err_award_finalists_invalid
};

export function domainErrorMessage(code: DomainErrorCode): string {
	return domainErrorMessages[code]();
}

/**
 * Intl formatters are expensive to create (a list page formats hundreds of dates):
 * one per locale and kind, reused.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
	let f = formatters.get(key);
	if (!f) formatters.set(key, (f = make()));
	return f as T;
}
const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'nl-NL');

export function formatDate(value: Date | string, locale: string): string {
	return cached(
		`date:${locale}`,
		() =>
			new Intl.DateTimeFormat(intlLocale(locale), {
				day: 'numeric',
				month: 'long',
				year: 'numeric',
				timeZone: 'Europe/Amsterdam'
			})
	).format(new Date(value));
}

export interface ImportErrorLike {
	code: string;
	details: {
		element?: string;
		attribute?: string;
		line?: number;
		path?: string;
		reference?: string;
		value?: string;
	};
}

/** A precise Dutch (or English) message for a failed qualification import. */
export function importErrorMessage(e: ImportErrorLike): string {
	const d = e.details;
	const where = [
		d.path ? m.import_where_path({ path: d.path }) : null,
		d.line ? m.import_where_line({ line: d.line }) : null
	]
		.filter(Boolean)
		.join(', ');
	const suffix = where ? ` (${where})` : '';
	const element = d.element ?? '?';
	switch (e.code) {
		case 'not_xml':
			return m.import_err_not_xml() + suffix;
		case 'wrong_root':
			return m.import_err_wrong_root({ element }) + suffix;
		case 'missing_attribute':
			return m.import_err_missing_attribute({ element, attribute: d.attribute ?? '?' }) + suffix;
		case 'missing_element':
			return m.import_err_missing_element({ element }) + suffix;
		case 'bad_reference':
			return m.import_err_bad_reference({ element, reference: d.reference ?? '?' }) + suffix;
		case 'bad_value':
			return (
				m.import_err_bad_value({ element, attribute: d.attribute ?? '', value: d.value ?? '' }) +
				suffix
			);
		case 'too_large':
			return m.import_err_too_large({ max: 20 });
		case 'duplicate_code':
			return m.import_err_duplicate({ value: d.value ?? '?' }) + suffix;
		default:
			return m.import_err_not_xml() + suffix;
	}
}

export function levelLabel(level: number | null | undefined): string {
	switch (level ?? 0) {
		case 1:
			return m.level_1();
		case 2:
			return m.level_2();
		case 3:
			return m.level_3();
		default:
			return m.level_0();
	}
}

export function routeLabel(route: string): string {
	switch (route) {
		case 'bbl_diploma':
			return m.route_bbl_diploma();
		case 'mbo_certificate':
			return m.route_mbo_certificate();
		case 'practice_statement':
			return m.route_practice_statement();
		case 'branch_certificate':
			return m.route_branch_certificate();
		default:
			return m.route_informal();
	}
}

export function exemptionBasisLabel(basis: string): string {
	switch (basis) {
		case 'experience_certificate':
			return m.basis_experience_certificate();
		case 'earlier_diploma':
			return m.basis_earlier_diploma();
		case 'practice_statement':
			return m.basis_practice_statement();
		default:
			return m.basis_other();
	}
}

export function evidenceKindLabel(kind: string): string {
	switch (kind) {
		case 'link':
			return m.evidence_kind_link();
		case 'file':
			return m.evidence_kind_file();
		default:
			return m.evidence_kind_note();
	}
}

/** A file size for people: "820 kB", "2,4 MB". */
export function formatFileSize(bytes: number, locale: string): string {
	const nf = (max: number) =>
		cached(
			`number:${locale}:${max}`,
			() => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: max })
		);
	if (bytes < 1024 * 1024) return `${nf(0).format(Math.max(1, Math.round(bytes / 1024)))} kB`;
	return `${nf(1).format(bytes / (1024 * 1024))} MB`;
}

export function statusLabel(status: string): string {
	switch (status) {
		case 'paused':
			return m.status_paused();
		case 'completed':
			return m.status_completed();
		case 'stopped':
			return m.status_stopped();
		default:
			return m.status_active();
	}
}

export function sourceLabel(source: string | null | undefined): string {
	switch (source ?? '') {
		case 'competent':
			return m.source_competent();
		case 'exempt':
			return m.source_exempt();
		case 'certificate':
			return m.source_certificate();
		default:
			return '';
	}
}

/** A month 'YYYY-MM' as "nov. 2026" / "Nov 2026". */
export function formatMonth(month: string, locale: string): string {
	return cached(
		`month:${locale}`,
		() =>
			new Intl.DateTimeFormat(intlLocale(locale), {
				month: 'short',
				year: 'numeric',
				timeZone: 'Europe/Amsterdam'
			})
	).format(new Date(`${month}-15T12:00:00Z`));
}

/** The HR dashboard's progress buckets (src/lib/server/trajectories/dashboard.ts). */
export function progressBucketLabel(bucket: number): string {
	switch (bucket) {
		case 1:
			return m.hr_dash_bucket_1();
		case 2:
			return m.hr_dash_bucket_2();
		case 3:
			return m.hr_dash_bucket_3();
		case 4:
			return m.hr_dash_bucket_4();
		default:
			return m.hr_dash_bucket_0();
	}
}

/** The four steps of the trainer's self-assessment scale. */
export function scaleLabel(level: number | null | undefined): string {
	switch (level ?? 0) {
		case 1:
			return m.scale_1();
		case 2:
			return m.scale_2();
		case 3:
			return m.scale_3();
		case 4:
			return m.scale_4();
		default:
			return '—';
	}
}

export function activityKindLabel(kind: string): string {
	switch (kind) {
		case 'workshop':
			return m.activity_kind_workshop();
		case 'webinar':
			return m.activity_kind_webinar();
		case 'course':
			return m.activity_kind_course();
		case 'intervision':
			return m.activity_kind_intervision();
		default:
			return m.activity_kind_other();
	}
}

export function goalStatusLabel(status: string): string {
	switch (status) {
		case 'in_progress':
			return m.goal_status_in_progress();
		case 'achieved':
			return m.goal_status_achieved();
		case 'dropped':
			return m.goal_status_dropped();
		default:
			return m.goal_status_open();
	}
}

export function feedbackQuestionLabel(question: string): string {
	switch (question) {
		case 'explains':
			return m.feedback_q_explains();
		case 'listens':
			return m.feedback_q_listens();
		case 'recognises':
			return m.feedback_q_recognises();
		default:
			return m.feedback_q_available();
	}
}

export function agreeLabel(value: number): string {
	switch (value) {
		case 1:
			return m.agree_1();
		case 2:
			return m.agree_2();
		case 3:
			return m.agree_3();
		case 4:
			return m.agree_4();
		default:
			return m.agree_5();
	}
}

/** The phase of an award round (src/lib/server/awards/phase.ts). */
export function awardPhaseLabel(phase: string): string {
	switch (phase) {
		case 'nominations':
			return m.award_phase_nominations();
		case 'regional_jury':
			return m.award_phase_regional_jury();
		case 'national_jury':
			return m.award_phase_national_jury();
		case 'counting':
			return m.award_phase_counting();
		case 'published':
			return m.award_phase_published();
		default:
			return m.award_phase_upcoming();
	}
}

export function nominationStatusLabel(status: string): string {
	switch (status) {
		case 'accepted':
			return m.award_status_accepted();
		case 'declined':
			return m.award_status_declined();
		case 'withdrawn':
			return m.award_status_withdrawn();
		default:
			return m.award_status_pending_consent();
	}
}

/** An eligibility rule with its threshold, as the nominator reads it. */
export function awardRuleLabel(rule: string, n: number | null): string {
	switch (rule) {
		case 'llo_profile_complete':
			return m.award_rule_llo_profile_complete();
		case 'min_years_experience':
			return m.award_rule_min_years_experience({ n: n ?? 0 });
		case 'coached_adult_months':
			return m.award_rule_coached_adult_months({ n: n ?? 0 });
		case 'no_win_in_last_years':
			return m.award_rule_no_win_in_last_years({ n: n ?? 0 });
		default:
			return m.award_rule_trainer_at_company();
	}
}

/** A date and time in Amsterdam: "3 december 2026 om 14:30" / "3 December 2026 at 14:30". */
export function formatDateTime(value: Date | string, locale: string): string {
	return cached(
		`datetime:${locale}`,
		() =>
			new Intl.DateTimeFormat(intlLocale(locale), {
				day: 'numeric',
				month: 'long',
				year: 'numeric',
				hour: '2-digit',
				minute: '2-digit',
				timeZone: 'Europe/Amsterdam'
			})
	).format(new Date(value));
}

export function conversationStatusLabel(status: string): string {
	switch (status) {
		case 'held':
			return m.conv_status_held();
		case 'signed':
			return m.conv_status_signed();
		case 'cancelled':
			return m.conv_status_cancelled();
		default:
			return m.conv_status_planned();
	}
}

export function ownerRoleLabel(role: string): string {
	switch (role) {
		case 'trainer':
			return m.conv_owner_trainer();
		case 'hr':
			return m.conv_owner_hr();
		default:
			return m.conv_owner_learner();
	}
}

export function questionTypeLabel(type: string): string {
	switch (type) {
		case 'scale':
			return m.conv_qtype_scale();
		case 'choice':
			return m.conv_qtype_choice();
		case 'multi':
			return m.conv_qtype_multi();
		case 'work_process':
			return m.conv_qtype_work_process();
		case 'goals':
			return m.conv_qtype_goals();
		default:
			return m.conv_qtype_open();
	}
}

export function templateKindLabel(kind: string): string {
	switch (kind) {
		case 'ontwikkelgesprek':
			return m.conv_kind_ontwikkelgesprek();
		case 'loopbaan_apk':
			return m.conv_kind_loopbaan_apk();
		case 'evc_intake':
			return m.conv_kind_evc_intake();
		case 'voortgang':
			return m.conv_kind_voortgang();
		case 'reflectie':
			return m.conv_kind_reflectie();
		default:
			return m.conv_kind_other();
	}
}
