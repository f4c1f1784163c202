import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

export const CONTACT_KINDS = ['visit', 'call', 'email', 'workshop'] as const;
export const CONTACT_TEXT_MAX = 4000;

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const isDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T12:00:00Z`));

const optionalText = () =>
	z
		.string()
		.trim()
		.max(CONTACT_TEXT_MAX, { error: () => m.v_too_long({ max: CONTACT_TEXT_MAX }) })
		.optional()
		.default('');

/** A contact of an adviser with a company (the contact log). */
export const contactSchema = z
	.object({
		contactedOn: z
			.string({ error: () => m.v_required() })
			.trim()
			.min(1, { error: () => m.v_required() })
			.refine(isDate, { error: () => m.v_date() }),
		kind: z.enum(CONTACT_KINDS, { error: () => m.v_choose() }),
		notes: optionalText(),
		agreements: optionalText(),
		followUpOn: z
			.string()
			.trim()
			.refine((v) => v === '' || isDate(v), { error: () => m.v_date() })
			.optional()
			.default('')
	})
	.refine((v) => !v.followUpOn || !isDate(v.contactedOn) || v.followUpOn >= v.contactedOn, {
		path: ['followUpOn'],
		error: () => m.v_follow_up_after_contact()
	});

export type ContactInput = z.infer<typeof contactSchema>;
