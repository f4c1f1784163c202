import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { checkDate, confirmFlag, confirmUnusual, DATE_RULES, optionalDateField } from './dates';

export const CONTACT_KINDS = ['visit', 'call', 'email', 'workshop'] as const;
export const CONTACT_TEXT_MAX = 4000;

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const isDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T12:00:00Z`));
type Contact = {
	contactedOn: string;
	followUpOn: string;
	contactedOnConfirmed: boolean;
	followUpOnConfirmed: boolean;
};

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
			.superRefine((v, ctx) => {
				const r = checkDate(v, DATE_RULES.contact);
				if (r.kind !== 'ok' && r.kind !== 'unusual')
					ctx.addIssue({ code: 'custom', message: r.message });
			}),
		contactedOnConfirmed: confirmFlag(),
		kind: z.enum(CONTACT_KINDS, { error: () => m.v_choose() }),
		notes: optionalText(),
		agreements: optionalText(),
		followUpOn: optionalDateField(DATE_RULES.followUp),
		followUpOnConfirmed: confirmFlag()
	})
	.refine((v) => !v.followUpOn || !isDate(v.contactedOn) || v.followUpOn >= v.contactedOn, {
		path: ['followUpOn'],
		error: () => m.v_follow_up_after_contact()
	})
	.superRefine(
		confirmUnusual<Contact>([
			{ field: 'contactedOn', rule: DATE_RULES.contact },
			{ field: 'followUpOn', rule: DATE_RULES.followUp }
		])
	);

export type ContactInput = Omit<
	z.infer<typeof contactSchema>,
	'contactedOnConfirmed' | 'followUpOnConfirmed'
>;
