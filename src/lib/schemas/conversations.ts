import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { recordId, requiredText } from './fields';
import { confirmFlag, confirmUnusual, DATE_RULES, dateField, optionalDateField } from './dates';
import { OWNER_ROLES, QUESTION_TYPES } from './conversation-constants';

// The lists live in a module without zod (client code imports them from there).
export {
	OWNER_ROLES,
	QUESTION_TYPES,
	TEMPLATE_KINDS,
	type QuestionType,
	type TemplateKind
} from './conversation-constants';

const ID = /^[a-z0-9_-]{1,40}$/;
const key = () => z.string().regex(ID, { error: () => m.conv_v_id() });

const question = z
	.object({
		id: key(),
		type: z.enum(QUESTION_TYPES, { error: () => m.v_choose() }),
		label: requiredText(300),
		required: z.boolean().default(false),
		options: z.array(requiredText(160)).max(12).optional(),
		scaleLabels: z.array(z.string().trim().max(60)).length(5).optional()
	})
	.superRefine((q, ctx) => {
		if ((q.type === 'choice' || q.type === 'multi') && (q.options?.length ?? 0) < 2) {
			ctx.addIssue({ code: 'custom', path: ['options'], message: m.conv_v_options() });
		}
	});

const section = z.object({
	id: key(),
	title: requiredText(160),
	visibleToHr: z.boolean().default(false),
	questions: z
		.array(question)
		.min(1, { error: () => m.conv_v_section_empty() })
		.max(40)
});

/** A template's content: sections of questions. Ids stay the same from version to version. */
export const templateContentSchema = z
	.object({
		sections: z
			.array(section)
			.min(1, { error: () => m.conv_v_no_sections() })
			.max(20)
	})
	.superRefine((c, ctx) => {
		const seen = new Set<string>();
		c.sections.forEach((s, si) =>
			s.questions.forEach((q, qi) => {
				if (seen.has(q.id)) {
					ctx.addIssue({
						code: 'custom',
						path: ['sections', si, 'questions', qi, 'id'],
						message: m.conv_v_id_duplicate()
					});
				}
				seen.add(q.id);
			})
		);
	});

export type TemplateContent = z.infer<typeof templateContentSchema>;
export type TemplateSection = TemplateContent['sections'][number];
export type TemplateQuestion = TemplateSection['questions'][number];

/** A draft may be incomplete (an empty section while editing), but has the right shape. */
export const templateDraftSchema = z.object({
	sections: z
		.array(
			z.object({
				id: z.string().max(40),
				title: z.string().max(160),
				visibleToHr: z.boolean(),
				questions: z
					.array(
						z.object({
							id: z.string().max(40),
							type: z.enum(QUESTION_TYPES),
							label: z.string().max(300),
							required: z.boolean(),
							options: z.array(z.string().max(160)).max(12).optional(),
							scaleLabels: z.array(z.string().max(60)).max(5).optional()
						})
					)
					.max(40)
			})
		)
		.max(20)
});

/** One answer: text (open, choice, goals lines), a number (scale), ids or texts (multi, work_process). */
export type Answer = string | number | string[] | number[];
export type Answers = Record<string, Answer>;

export const templateNameSchema = () => requiredText(120);

export { isRealDate } from './dates';

const planTime = () =>
	z
		.string({ error: () => m.conv_v_time() })
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: () => m.conv_v_time() });
const choice = () => z.string({ error: () => m.v_choose() }).uuid({ error: () => m.v_choose() });

/** When a conversation takes place (planning and moving it): DATE_RULES.conversation. */
const when = {
	plannedDate: dateField(DATE_RULES.conversation),
	plannedDateConfirmed: confirmFlag(),
	plannedTime: planTime(),
	trainerId: choice()
};

export const planSchema = z
	.object({ learnerId: choice(), templateId: choice(), ...when })
	.superRefine(confirmUnusual([{ field: 'plannedDate', rule: DATE_RULES.conversation }]));

/**
 * A version number the page loaded (an answer set, the agreed answers, the conversation):
 * a save against an older one is a conflict. Missing: 0 (always stale).
 */
const version = () =>
	z
		.number()
		.int()
		.min(0)
		.max(2 ** 31 - 1)
		.default(0);

export const rescheduleSchema = z
	.object({ ...when, version: version() })
	.superRefine(confirmUnusual([{ field: 'plannedDate', rule: DATE_RULES.conversation }]));

export const actionSchema = z
	.object({
		description: requiredText(500),
		ownerRole: z.enum(OWNER_ROLES, { error: () => m.v_choose() }),
		dueDate: optionalDateField(DATE_RULES.actionDue),
		dueDateConfirmed: confirmFlag(),
		workProcessId: z.coerce
			.number()
			.int()
			.min(0)
			.max(2 ** 31 - 1)
			.optional()
			.default(0)
	})
	.superRefine(confirmUnusual([{ field: 'dueDate', rule: DATE_RULES.actionDue }]));

export const addendumSchema = z.object({ body: requiredText(5000) });

/**
 * The fixed fields of the preparation and the agreed answers. The answers themselves are
 * one field per question of the conversation's template version (`q_<question id>`), read
 * and checked against that version and the learner's work processes by the service
 * (server/conversations/answers.ts): what the template allows is not known to a static schema.
 */
export const prepareSchema = z.object({
	version: version(),
	intent: z.enum(['save', 'share']).default('save')
});

export const agreedSchema = z.object({
	version: version(),
	intent: z.enum(['save', 'hold']).default('save'),
	nextDate: optionalDateField(DATE_RULES.nextConversation)
});

/** One action of the list (done, reopened or removed by its row's button). */
export const actionRowSchema = z.object({
	actionId: recordId(),
	done: z.enum(['true', 'false']).default('true')
});

/** Signing: the version of the agreed answers the signer read. */
export const signSchema = z.object({ agreedVersion: version() });

/**
 * Cancelling: only the confirmation step posts `confirm=yes`; a bare post cancels nothing.
 * (A string with a check, not a literal: a missing field would get the literal as default.)
 */
export const cancelSchema = z.object({
	confirm: z
		.string()
		.default('')
		.refine((v) => v === 'yes', { error: () => m.conv_cancel_unconfirmed() })
});

export const settingsSchema = z.object({
	apkIntervalMonths: z.coerce
		.number({ error: () => m.conv_v_months() })
		.int({ error: () => m.conv_v_months() })
		.min(1, { error: () => m.conv_v_months() })
		.max(120, { error: () => m.conv_v_months() }),
	reminderDays: z.coerce
		.number({ error: () => m.conv_v_days() })
		.int({ error: () => m.conv_v_days() })
		.min(1, { error: () => m.conv_v_days() })
		.max(30, { error: () => m.conv_v_days() })
});
