import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { ActivityKind, GoalStatus } from '$lib/server/db/schema';
import { confirmFlag, confirmUnusual, DATE_RULES, dateField, optionalDateField } from './dates';
import { recordId } from './fields';

/** HR sets a trainer's capacity: a whole number of learners, 0 to 200. */
export const capacitySchema = z.object({
	maxLearners: z
		.string()
		.trim()
		.regex(/^\d{1,3}$/, { error: () => m.err_capacity_invalid() })
		.refine((v) => Number(v) <= 200, { error: () => m.err_capacity_invalid() })
});

/** An answer on a 1–5 scale; missing or out of range asks to choose. */
const scale = () =>
	z
		.number({ error: () => m.feedback_choose() })
		.int({ error: () => m.feedback_choose() })
		.min(1, { error: () => m.feedback_choose() })
		.max(5, { error: () => m.feedback_choose() });

/** A learner's questionnaire about their trainer (server/profiles/feedback.ts: FEEDBACK_QUESTIONS). */
export const feedbackSchema = z.object({
	explains: scale(),
	listens: scale(),
	recognises: scale(),
	available: scale()
});

/**
 * The trainer's own profile. Lists are comma-separated text (server/profiles/profile.ts
 * splits them and checks crebo numbers and sectors against the database).
 */
export const trainerProfileSchema = z.object({
	bio: z.string().refine((v) => v.trim().length <= 2000, {
		error: () => m.v_too_long({ max: 2000 })
	}),
	specialisms: z.string(),
	languages: z.string(),
	yearsExperience: z
		.string()
		.trim()
		.refine((v) => v === '' || (/^\d{1,2}$/.test(v) && Number(v) <= 60), {
			error: () => m.err_years_invalid()
		}),
	crebos: z.string(),
	sectorIds: z.array(z.number({ error: () => m.err_not_allowed() }).int()).default([])
});

/** An answer's level: 1–4, anything else is "not answered" (the submit names what is missing). */
const selfLevel = z.coerce.number().int().min(1).max(4).nullable().catch(null);
const ANSWER_KEY = /^(?:level|reflection)_(\d{1,9})$/;

/**
 * The self-assessment: a scale and a reflection per indicator, posted as `level_<id>` and
 * `reflection_<id>` (one pair per indicator of the framework, so not a fixed object). Read
 * from `Object.fromEntries(formData)` into one answer per indicator id that occurs.
 */
export const selfAnswersSchema = z.record(z.string(), z.unknown()).transform((fields) => {
	const ids = new Set<number>();
	for (const key of Object.keys(fields)) {
		const match = key.match(ANSWER_KEY);
		if (match) ids.add(Number(match[1]));
	}
	return [...ids].map((indicatorId) => {
		const reflection = fields[`reflection_${indicatorId}`];
		return {
			indicatorId,
			level: selfLevel.parse(fields[`level_${indicatorId}`] ?? null),
			reflection: typeof reflection === 'string' ? reflection : ''
		};
	});
});

export const ACTIVITY_KINDS: ActivityKind[] = [
	'workshop',
	'webinar',
	'course',
	'intervision',
	'other'
];
export const GOAL_STATUSES: GoalStatus[] = ['open', 'in_progress', 'achieved', 'dropped'];

const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.v_too_long({ max }) });
const required = (max: number) =>
	z
		.string({ error: () => m.v_required() })
		.trim()
		.min(1, { error: () => m.v_required() })
		.max(max, { error: () => m.v_too_long({ max }) });

/** Hours as typed: a decimal comma or point, more than 0 and at most 1000. */
export const hoursOf = (value: string) => Number(value.trim().replace(',', '.'));

/** A development activity (the trainer's own LLO record). */
export const activitySchema = z
	.object({
		kind: z.enum(ACTIVITY_KINDS, { error: () => m.v_choose() }).default('course'),
		title: required(200),
		provider: text(160),
		activityDate: dateField(DATE_RULES.activity),
		activityDateConfirmed: confirmFlag(),
		hours: z.string().refine((v) => v.trim() !== '' && hoursOf(v) > 0 && hoursOf(v) <= 1000, {
			error: () => m.err_hours_invalid()
		}),
		impact: text(2000)
	})
	.superRefine((data, ctx) =>
		confirmUnusual<typeof data>([{ field: 'activityDate', rule: DATE_RULES.activity }])(data, ctx)
	);

/** A development goal, with an optional target date. */
export const goalSchema = z
	.object({
		text: required(500),
		targetDate: optionalDateField(DATE_RULES.goal),
		targetDateConfirmed: confirmFlag()
	})
	.superRefine((data, ctx) =>
		confirmUnusual<typeof data>([{ field: 'targetDate', rule: DATE_RULES.goal }])(data, ctx)
	);

/** Removing an activity: its id. */
export const removeActivitySchema = z.object({ id: recordId() });

/** A goal's new status. */
export const goalStatusSchema = z.object({ id: recordId(), status: z.enum(GOAL_STATUSES) });
