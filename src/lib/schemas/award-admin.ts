import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { fromAmsterdamLocal } from '$lib/time';
import { email, recordId, requiredText } from './fields';

/**
 * The admin's forms for an award round (/beheer/verkiezingen): the round itself, its
 * eligibility rules, its criteria and its jury panels. The services check what only the
 * domain knows (the phase clock, the order of the dates, known regions, juror roles).
 */

/** Amsterdam wall-clock time from a datetime-local input ('YYYY-MM-DDTHH:mm'). */
const wallClock = () =>
	z
		.string({ error: () => m.err_award_date_invalid() })
		.trim()
		.refine((v) => fromAmsterdamLocal(v) !== null, { error: () => m.err_award_date_invalid() });

const roundFields = {
	title: z
		.string({ error: () => m.err_award_title_required() })
		.trim()
		.min(1, { error: () => m.err_award_title_required() })
		.max(160, { error: () => m.err_award_title_required() }),
	nominationsOpenAt: wallClock(),
	nominationsCloseAt: wallClock(),
	regionalJuryUntil: wallClock(),
	nationalJuryUntil: wallClock(),
	finalistsPerPanel: z
		.number({ error: () => m.err_award_finalists_invalid() })
		.int({ error: () => m.err_award_finalists_invalid() })
		.min(1, { error: () => m.err_award_finalists_invalid() })
		.max(20, { error: () => m.err_award_finalists_invalid() })
};

/** Title, phase dates and finalists of a round (the dates form on the round's page). */
export const roundDatesSchema = z.object(roundFields);

/** A new round: its year and the round fields. */
export const roundCreateSchema = z.object({
	// a text field (empty until typed), a year from 2000 to 2100
	year: z
		.string({ error: () => m.err_award_year_taken() })
		.trim()
		.regex(/^\d{4}$/, { error: () => m.err_award_year_taken() })
		.refine((v) => Number(v) >= 2000 && Number(v) <= 2100, {
			error: () => m.err_award_year_taken()
		}),
	...roundFields
});

export type RoundDatesForm = z.infer<typeof roundDatesSchema>;

/** The round form's dates as moments (the schema has checked them). */
export function roundMoments(data: RoundDatesForm) {
	const at = (v: string) => fromAmsterdamLocal(v) as Date;
	return {
		title: data.title,
		finalistsPerPanel: data.finalistsPerPanel,
		nominationsOpenAt: at(data.nominationsOpenAt),
		nominationsCloseAt: at(data.nominationsCloseAt),
		regionalJuryUntil: at(data.regionalJuryUntil),
		nationalJuryUntil: at(data.nationalJuryUntil)
	};
}

/** A rule's number: 0 switches it off. */
const ruleValue = (max: number) =>
	z
		.number({ error: () => m.err_years_invalid() })
		.int({ error: () => m.err_years_invalid() })
		.min(0, { error: () => m.err_years_invalid() })
		.max(max, { error: () => m.err_years_invalid() });

/** The eligibility rules of a round (data: 0 or unticked switches a rule off). */
export const rulesSchema = z.object({
	llo_profile_complete: z.boolean(),
	min_years_experience: ruleValue(60),
	coached_adult_months: ruleValue(60),
	no_win_in_last_years: ruleValue(20),
	culture_scan_months: ruleValue(60)
});

/** A criterion's weight as typed (0,1 to 10, one decimal, comma or point). */
const weight = () =>
	z
		.string({ error: () => m.err_award_weight_invalid() })
		.trim()
		.regex(/^\d{1,2}([.,]\d)?$/, { error: () => m.err_award_weight_invalid() })
		.refine(
			(v) => {
				const n = weightOf(v);
				return n > 0 && n <= 10;
			},
			{ error: () => m.err_award_weight_invalid() }
		);

export const weightOf = (v: string) => Number(v.trim().replace(',', '.'));

/**
 * The criteria form: per criterion of the round `name_<id>`, `description_<id>` and
 * `weight_<id>` (the round's criteria are known only at run time).
 */
export function criteriaSchema(ids: string[]) {
	const shape: Record<string, z.ZodType<string>> = {};
	for (const id of ids) {
		shape[`name_${id}`] = requiredText(120);
		shape[`description_${id}`] = z
			.string()
			.trim()
			.max(500, { error: () => m.v_too_long({ max: 500 }) });
		shape[`weight_${id}`] = weight();
	}
	return z.object(shape);
}

/** A new jury panel: national, or regional with its regions. */
export const panelSchema = z.object({
	name: z
		.string({ error: () => m.err_award_panel_name_required() })
		.trim()
		.min(1, { error: () => m.err_award_panel_name_required() })
		.max(120, { error: () => m.err_award_panel_name_required() }),
	kind: z.enum(['regional', 'national']).default('regional'),
	regionIds: z.array(z.number().int().min(1)).max(40)
});

/** A juror added to a panel (by e-mail address; the service checks the role). */
export const jurorAddSchema = z.object({ panelId: recordId(), email: email() });

/** A juror replaced mid-round by someone else (by e-mail address). */
export const jurorReplaceSchema = z.object({ memberId: recordId(), email: email() });
