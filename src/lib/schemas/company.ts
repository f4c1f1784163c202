import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { DATE_RULES, dateField } from './dates';
import { email, recordId, requiredText, roles } from './fields';

export const KVK = /^[0-9]{8}$/;
/** Dutch postcode: four digits (no leading zero), optional space, two letters. */
export const POSTCODE = /^[1-9][0-9]{3} ?[A-Za-z]{2}$/;

const reference = () =>
	z
		.number({ error: () => m.v_choose() })
		.int({ error: () => m.v_choose() })
		.min(1, { error: () => m.v_choose() });

export const companySchema = z.object({
	name: requiredText(160),
	kvkNumber: z
		.string({ error: () => m.v_required() })
		.trim()
		.min(1, { error: () => m.v_required() })
		.regex(KVK, { error: () => m.v_kvk() }),
	sbbNumber: z
		.string()
		.trim()
		.max(20, { error: () => m.v_too_long({ max: 20 }) })
		.regex(/^[0-9]*$/, { error: () => m.v_digits() })
		.optional()
		.default(''),
	street: requiredText(160),
	postcode: z
		.string({ error: () => m.v_required() })
		.trim()
		.min(1, { error: () => m.v_required() })
		.regex(POSTCODE, { error: () => m.v_postcode() }),
	city: requiredText(80),
	regionId: reference(),
	sectorChamberId: reference(),
	hrEmail: email()
});

export const inviteHrSchema = z.object({ email: email() });

export const inviteMemberSchema = z.object({ email: email(), roles: roles() });

export const memberRolesSchema = z.object({ roles: roles() });

/** Revoke an open invitation (HR's member list). */
export const invitationRefSchema = z.object({ invitationId: recordId() });

/** HR ends a membership (privacy/leave.ts): a date from today, and "yes, I mean it". */
export const endMembershipSchema = z.object({
	endsOn: dateField(DATE_RULES.membershipEnd),
	confirm: z
		.boolean()
		.optional()
		.default(false)
		.refine((v) => v, { error: () => m.member_end_confirm_required() })
});

/** The retention period in months (docs/privacy.md: why 6 to 84). */
export const RETENTION_BOUNDS = { min: 6, max: 84 } as const;
export const retentionSchema = z.object({
	months: z
		.number({ error: () => m.v_retention_months() })
		.int({ error: () => m.v_retention_months() })
		.min(RETENTION_BOUNDS.min, { error: () => m.v_retention_months() })
		.max(RETENTION_BOUNDS.max, { error: () => m.v_retention_months() })
});
