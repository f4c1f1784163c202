import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { addMonths, todayIso } from '$lib/time';

/**
 * Which dates make sense, in one place. Every date a user enters has a rule: a window
 * outside which the date cannot be right (refused, with what to do) and, inside it, a
 * narrower window outside which the date is merely unusual (the form asks "Ja, deze
 * datum klopt" before saving). Bounds are months relative to a base date: Amsterdam's
 * today (src/lib/time.ts) unless a rule says otherwise (a trajectory's end is measured
 * from its start). `undefined`: no bound on that side.
 */
export interface DateRule {
	/** Earliest acceptable date, months from the base (0: the base itself, -12: a year before). */
	earliest?: number;
	/** Latest acceptable date, months from the base. */
	latest?: number;
	/** Dates before base + this many months need a confirmation. */
	confirmBefore?: number;
	/** Dates after base + this many months need a confirmation. */
	confirmAfter?: number;
}

export const DATE_RULES = {
	/**
	 * Planning (or moving) a conversation: from today, at most ten years ahead (the longest
	 * Loopbaan-APK interval); over a year ahead: confirm.
	 */
	conversation: { earliest: 0, latest: 120, confirmAfter: 12 },
	/** The suggested next conversation on a held one (a Loopbaan-APK interval is at most 10 years). */
	nextConversation: { earliest: 0, latest: 121 },
	/** A new action's due date: not in the past, within five years; over a year: confirm. */
	actionDue: { earliest: 0, latest: 60, confirmAfter: 12 },
	/** An assessment happened: not in the future, at most ten years ago; over a year ago: confirm. */
	assessment: { earliest: -120, latest: 0, confirmBefore: -12 },
	/** Prior learning (evc) granted: not in the future, at most 50 years ago; over ten: confirm. */
	exemption: { earliest: -600, latest: 0, confirmBefore: -120 },
	/** A certificate obtained: not in the future, at most 50 years ago; over ten: confirm. */
	certificate: { earliest: -600, latest: 0, confirmBefore: -120 },
	/** A trajectory's start: ten years back to two years ahead; over a year back or half a year ahead: confirm. */
	trajectoryStart: { earliest: -120, latest: 24, confirmBefore: -12, confirmAfter: 6 },
	/** A trajectory's planned end, from its start: after it, within ten years; over six: confirm. */
	trajectoryEnd: { earliest: 0, latest: 120, confirmAfter: 72 },
	/** A development activity took place: not in the future, at most ten years ago; over two: confirm. */
	activity: { earliest: -120, latest: 0, confirmBefore: -24 },
	/** A development goal's target: from today, within ten years; over three: confirm. */
	goal: { earliest: 0, latest: 120, confirmAfter: 36 },
	/** An adviser's contact took place: not in the future, at most ten years ago; over a year: confirm. */
	contact: { earliest: -120, latest: 0, confirmBefore: -12 },
	/** An adviser's follow-up: within five years; over a year ahead: confirm. */
	followUp: { latest: 60, confirmAfter: 12 },
	/** A membership's end (leaving the company): from today, within five years. */
	membershipEnd: { earliest: 0, latest: 60 }
} as const satisfies Record<string, DateRule>;

export type DateRuleName = keyof typeof DATE_RULES;

/** 'YYYY-MM-DD' that is a real calendar date (2026-02-31 is not). */
export function isRealDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export type DateCheck =
	| { kind: 'ok' }
	| { kind: 'invalid' | 'too_early' | 'too_late'; message: string }
	| { kind: 'unusual'; message: string };

function shown(date: string): string {
	return new Intl.DateTimeFormat(getLocale() === 'en' ? 'en-GB' : 'nl-NL', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${date}T12:00:00Z`));
}

/**
 * Checks a date against a rule. `from`: the date the rule's months count from (today in
 * Amsterdam when left out). The message says what to do.
 */
export function checkDate(value: string, rule: DateRule, from?: string): DateCheck {
	if (!isRealDate(value)) return { kind: 'invalid', message: m.v_date() };
	const today = from === undefined;
	const base = from ?? todayIso();
	if (rule.earliest !== undefined) {
		const min = addMonths(base, rule.earliest);
		if (value < min) {
			const message =
				today && rule.earliest === 0
					? m.v_date_not_past()
					: m.v_date_too_early({ date: shown(min) });
			return { kind: 'too_early', message };
		}
	}
	if (rule.latest !== undefined) {
		const max = addMonths(base, rule.latest);
		if (value > max) {
			const message =
				today && rule.latest === 0
					? m.v_date_not_future()
					: m.v_date_too_late({ date: shown(max) });
			return { kind: 'too_late', message };
		}
	}
	if (rule.confirmBefore !== undefined && value < addMonths(base, rule.confirmBefore)) {
		return { kind: 'unusual', message: m.v_date_confirm_long_ago({ date: shown(value) }) };
	}
	if (rule.confirmAfter !== undefined && value > addMonths(base, rule.confirmAfter)) {
		return { kind: 'unusual', message: m.v_date_confirm_far_ahead({ date: shown(value) }) };
	}
	return { kind: 'ok' };
}

/** The name of the "Ja, deze datum klopt" checkbox of a date field. */
export const confirmName = (field: string) => `${field}Confirmed`;

/**
 * A date field under a rule measured from today: a real date inside the rule's window.
 * Unusual dates pass here; `confirmUnusual` asks for the confirmation.
 */
export const dateField = (rule: DateRule) =>
	z.string({ error: () => m.v_date() }).superRefine((v, ctx) => {
		const r = checkDate(v.trim(), rule);
		if (r.kind !== 'ok' && r.kind !== 'unusual')
			ctx.addIssue({ code: 'custom', message: r.message });
	});

/** An optional date field ('' is no date). */
export const optionalDateField = (rule: DateRule) =>
	z
		.string()
		.trim()
		.superRefine((v, ctx) => {
			if (v === '') return;
			const r = checkDate(v, rule);
			if (r.kind !== 'ok' && r.kind !== 'unusual')
				ctx.addIssue({ code: 'custom', message: r.message });
		})
		.optional()
		.default('');

/** The checkbox "Ja, deze datum klopt" (a form posts 'on'; superforms makes it a boolean). */
export const confirmFlag = () => z.boolean().optional().default(false);

/**
 * An object-level refinement: each listed date that is unusual and not confirmed gets an
 * issue on its confirmation checkbox (`<field>Confirmed`), which the form then shows
 * next to the field. `base`: another base date for a field (the trajectory's start).
 */
export function confirmUnusual<T extends Record<string, unknown>>(
	fields: { field: keyof T & string; rule: DateRule; base?: (data: T) => string | undefined }[]
) {
	return (data: T, ctx: z.RefinementCtx) => {
		for (const { field, rule, base } of fields) {
			const value = data[field];
			if (typeof value !== 'string' || value === '') continue;
			const from = base ? base(data) : undefined;
			if (base && (!from || !isRealDate(from))) continue;
			const r = checkDate(value, rule, from);
			if (r.kind === 'unusual' && data[confirmName(field)] !== true) {
				ctx.addIssue({ code: 'custom', path: [confirmName(field)], message: r.message });
			}
		}
	};
}

/** A posted checkbox as a boolean (plain forms; superforms does this itself). */
export const checked = (value: FormDataEntryValue | null) => value === 'on' || value === 'true';
