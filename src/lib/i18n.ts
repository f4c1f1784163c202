import { m } from '$lib/paraglide/messages';

export const MEMBER_ROLES = ['learner', 'trainer', 'hr'] as const;
export type MemberRoleName = (typeof MEMBER_ROLES)[number];

/** A role as a word in a sentence ("als HR-medewerker en praktijkopleider"), never its code. */
export function roleNoun(role: string): string {
	switch (role) {
		case 'learner':
			return m.role_noun_learner();
		case 'trainer':
			return m.role_noun_trainer();
		case 'hr':
			return m.role_noun_hr();
		case 'adviser':
			return m.role_noun_adviser();
		case 'admin':
			return m.role_noun_admin();
		default:
			return role;
	}
}

/** Roles as a sentence part: "HR-medewerker en praktijkopleider". */
export function roleNouns(roles: string[]): string {
	const words = roles.map(roleNoun);
	if (words.length < 2) return words.join('');
	return m.list_and({ list: words.slice(0, -1).join(', '), last: words[words.length - 1] });
}

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
		case 'too_many_elements':
			return m.import_err_too_many({ max: d.value ?? '?' }) + suffix;
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
		case 'culture_scan_months':
			return m.award_rule_culture_scan_months({ n: n ?? 0 });
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

/** "Te veel pogingen, probeer het over X seconden opnieuw" (minutes from two minutes on). */
export function loginWaitMessage(seconds: number): string {
	return seconds < 120
		? m.login_rate_limited({ seconds })
		: m.login_rate_limited_minutes({ minutes: Math.ceil(seconds / 60) });
}

/** A score on a 1–5 scale with one decimal ("3,8" in Dutch). */
export function formatScore(value: number, locale: string): string {
	return value.toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL', {
		minimumFractionDigits: 1,
		maximumFractionDigits: 1
	});
}
