import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { formText } from '$lib/form-data';
import { recordId } from './fields';

/**
 * The election's forms. A nomination has one motivation per criterion of the round
 * (`motivation_<criterion id>`), so not a fixed object: `motivationsOf` reads them beside
 * the schema, and the service checks them against the round's criteria (at least 40
 * characters each). The rest of the form goes through the schema.
 */
export const nominationSchema = z.object({
	evidence: z
		.string()
		.trim()
		.max(2000, { error: () => m.v_too_long({ max: 2000 }) })
		.default(''),
	nominatorNamed: z.boolean().default(false)
});

/** A new nomination: the chosen trainer and their company (checked for eligibility). */
export const nomineeSchema = z.object({
	trainer: z.string().max(60).default(''),
	company: z.string().max(60).default(''),
	evidence: nominationSchema.shape.evidence,
	nominatorNamed: nominationSchema.shape.nominatorNamed
});

/** The motivations as posted, by criterion id. */
export function motivationsOf(data: FormData, criteria: { id: string }[]): Record<string, string> {
	return Object.fromEntries(criteria.map((c) => [c.id, formText(data, `motivation_${c.id}`)]));
}

/** A nominee's answer to a nomination they received. */
export const respondSchema = z.object({
	nominationId: recordId(),
	answer: z.enum(['accept', 'decline']).default('decline'),
	publishConsent: z.boolean().default(false)
});

/**
 * A juror's scores for one nominee, one per criterion of the round (`score_<id>` 1–10,
 * `comment_<id>`): read beside the schema, checked against the round's criteria by the
 * service. A score that is no whole number is NaN (the service names its field).
 */
export function scoresOf(data: FormData, criteria: { id: string }[]) {
	return criteria.map((c) => {
		const score = formText(data, `score_${c.id}`);
		return {
			criterionId: c.id,
			score: /^\d{1,2}$/.test(score) ? Number(score) : NaN,
			comment: formText(data, `comment_${c.id}`)
		};
	});
}

/** A juror declares a conflict of interest with a nominee, and why. */
export const conflictSchema = z.object({
	reason: z
		.string({ error: () => m.v_required() })
		.trim()
		.min(1, { error: () => m.err_award_reason_required() })
		.max(500, { error: () => m.v_too_long({ max: 500 }) })
});
