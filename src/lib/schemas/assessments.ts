import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { formText } from '$lib/form-data';
import { checkDate, confirmFlag, confirmUnusual, DATE_RULES, dateField, isRealDate } from './dates';

const assessmentFields = {
	assessedOn: dateField(DATE_RULES.assessment),
	assessedOnConfirmed: confirmFlag(),
	kind: z.enum(['trainer', 'school', 'self']).default('trainer'),
	assessorName: z
		.string()
		.trim()
		.max(120, { error: () => m.v_too_long({ max: 120 }) })
		.optional()
		.default('')
};

function refineAssessment<T extends { kind: string; assessorName: string; assessedOn: string }>(
	data: T,
	ctx: z.RefinementCtx
) {
	if (data.kind === 'school' && !data.assessorName) {
		ctx.addIssue({ code: 'custom', path: ['assessorName'], message: m.err_assessor_required() });
	}
	confirmUnusual<T>([{ field: 'assessedOn', rule: DATE_RULES.assessment }])(data, ctx);
}

const assessmentEntry = z.object({
	workProcessId: z.number().int().positive(),
	level: z.number().int().min(0).max(3),
	comment: z
		.string()
		.trim()
		.max(2000, { error: () => m.v_too_long({ max: 2000 }) })
		.optional()
		.default('')
});

/**
 * The assessment form's own fields (date, kind, assessor). The judgements are one radio
 * group per work process of the target (`level_<id>`, `comment_<id>`), so not a fixed
 * object: `assessmentEntriesOf` reads them.
 */
export const assessmentFieldsSchema = z.object(assessmentFields).superRefine(refineAssessment);

const assessmentEntries = z
	.array(assessmentEntry)
	.min(1, { error: () => m.err_assessment_required() });

/** A whole assessment: its fields and at least one judgement. */
export const assessmentFormSchema = z
	.object({ ...assessmentFields, entries: assessmentEntries })
	.superRefine(refineAssessment);

/** At most this many posted fields are read (a crafted post has more). */
const ASSESSMENT_MAX_FIELDS = 2000;

/**
 * The judgements of the quick-assess form (`level_<id>` / `comment_<id>`, '' is "no
 * change"), checked: the entries, or the first problem (none chosen, a comment too long);
 * and the posted values, shown again after an error.
 */
export function assessmentEntriesOf(form: FormData) {
	const raw: { workProcessId: number; level: number; comment: string }[] = [];
	const values: Record<string, string> = {};
	let fields = 0;
	for (const [key, value] of form) {
		if (++fields > ASSESSMENT_MAX_FIELDS) break;
		if (typeof value !== 'string' || !/^(level|comment)_\d{1,9}$/.test(key)) continue;
		values[key] = value;
		const match = key.match(/^level_(\d+)$/);
		if (match && value !== '') {
			raw.push({
				workProcessId: Number(match[1]),
				level: Number(value),
				comment: formText(form, `comment_${match[1]}`)
			});
		}
	}
	const parsed = assessmentEntries.safeParse(raw);
	return parsed.success
		? { entries: parsed.data, error: null, values }
		: { entries: null, error: parsed.error.issues[0].message, values };
}

export const newTrajectorySchema = z
	.object({
		learnerId: z.string().max(60).optional().default(''),
		newLearnerName: z
			.string()
			.trim()
			.max(120, { error: () => m.v_too_long({ max: 120 }) })
			.optional()
			.default(''),
		newLearnerEmail: z
			.string()
			.trim()
			.max(254, { error: () => m.v_too_long({ max: 254 }) })
			.refine((v) => v === '' || z.email().safeParse(v).success, { error: () => m.v_email() })
			.optional()
			.default(''),
		route: z.enum(
			['bbl_diploma', 'mbo_certificate', 'practice_statement', 'branch_certificate', 'informal'],
			{
				error: () => m.v_choose()
			}
		),
		targetKind: z.enum(['qualification', 'certificate']).default('qualification'),
		crebo: z.string().trim().max(10).optional().default(''),
		certificateId: z.number().int().min(0).optional().default(0),
		school: z
			.string()
			.trim()
			.max(160, { error: () => m.v_too_long({ max: 160 }) })
			.optional()
			.default(''),
		startDate: dateField(DATE_RULES.trajectoryStart),
		startDateConfirmed: confirmFlag(),
		plannedEndDate: z
			.string()
			.trim()
			.refine((v) => v === '' || isRealDate(v), { error: () => m.v_date() })
			.optional()
			.default(''),
		plannedEndDateConfirmed: confirmFlag(),
		trainerIds: z
			.array(z.string().max(40))
			.min(1, { error: () => m.err_trainer_required() })
			.max(10)
	})
	.superRefine((d, ctx) => {
		if (!d.learnerId && !d.newLearnerName) {
			ctx.addIssue({ code: 'custom', path: ['newLearnerName'], message: m.err_learner_required() });
		}
		if (d.targetKind === 'qualification' && !d.crebo) {
			ctx.addIssue({ code: 'custom', path: ['crebo'], message: m.v_choose() });
		}
		if (d.targetKind === 'certificate' && !d.certificateId) {
			ctx.addIssue({ code: 'custom', path: ['certificateId'], message: m.v_choose() });
		}
		if (d.plannedEndDate && isRealDate(d.plannedEndDate) && isRealDate(d.startDate)) {
			// The end is measured from the start (DATE_RULES.trajectoryEnd).
			const end = checkDate(d.plannedEndDate, DATE_RULES.trajectoryEnd, d.startDate);
			if (d.plannedEndDate < d.startDate) {
				ctx.addIssue({ code: 'custom', path: ['plannedEndDate'], message: m.v_end_after_start() });
			} else if (end.kind === 'too_late') {
				ctx.addIssue({ code: 'custom', path: ['plannedEndDate'], message: end.message });
			}
		}
		confirmUnusual<typeof d>([
			{ field: 'startDate', rule: DATE_RULES.trajectoryStart },
			{ field: 'plannedEndDate', rule: DATE_RULES.trajectoryEnd, base: (x) => x.startDate }
		])(d, ctx);
	});

/** A trajectory's status (the database enum trajectory_status). */
export const trajectoryStatus = z.enum(['active', 'paused', 'completed', 'stopped']);

export const statusSchema = z.object({ status: trajectoryStatus });

export const obtainedCertificateSchema = z
	.object({
		certificateId: z.coerce
			.number({ error: () => m.v_choose() })
			.int()
			.positive({ error: () => m.v_choose() }),
		obtainedOn: dateField(DATE_RULES.certificate),
		obtainedOnConfirmed: confirmFlag(),
		issuer: z
			.string({ error: () => m.v_required() })
			.trim()
			.min(1, { error: () => m.v_required() })
			.max(160, { error: () => m.v_too_long({ max: 160 }) })
	})
	.superRefine(confirmUnusual([{ field: 'obtainedOn', rule: DATE_RULES.certificate }]));
