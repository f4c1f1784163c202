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

/** Messages for DomainError codes thrown by services. */
export function domainErrorMessage(code: string): string {
	switch (code) {
		case 'email_taken':
			return m.err_email_taken();
		case 'kvk_taken':
			return m.err_kvk_taken();
		case 'already_member':
			return m.err_already_member();
		case 'invitation_pending':
			return m.err_invitation_pending();
		case 'last_hr':
			return m.err_last_hr();
		case 'cannot_deactivate_self':
			return m.err_cannot_deactivate_self();
		case 'choose':
			return m.v_choose();
		case 'member_not_found':
			return m.error_not_found();
		case 'wrong_password':
			return m.err_wrong_password();
		case 'token_expired':
			return m.err_token_expired();
		case 'token_used':
			return m.err_token_used();
		default:
			return m.err_token_invalid();
	}
}

export function formatDate(value: Date | string, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'Europe/Amsterdam'
	}).format(new Date(value));
}
