import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { confirmFlag, confirmUnusual, DATE_RULES, dateField } from './dates';
import { recordId } from './fields';

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.v_too_long({ max }) })
		.optional()
		.default('');

const isHttpUrl = (value: string) => {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
};

/**
 * Evidence for one work process: a note (text), a link (http/https) or a file. The
 * file itself is checked on the server (size, extension, content), never here.
 */
export const evidenceFormSchema = z
	.object({
		workProcessId: z
			.number({ error: () => m.v_choose() })
			.int()
			.positive({ error: () => m.v_choose() }),
		kind: z.enum(['note', 'link', 'file'], { error: () => m.v_choose() }),
		title: optionalText(200),
		body: optionalText(5000),
		url: optionalText(2000),
		file: z.instanceof(File).optional()
	})
	.superRefine((d, ctx) => {
		if (d.kind === 'note' && !d.body) {
			ctx.addIssue({ code: 'custom', path: ['body'], message: m.err_evidence_body_required() });
		}
		if (d.kind === 'link' && !isHttpUrl(d.url)) {
			ctx.addIssue({ code: 'custom', path: ['url'], message: m.err_url_invalid() });
		}
		if (d.kind === 'file' && !d.file) {
			ctx.addIssue({ code: 'custom', path: ['file'], message: m.err_file_required() });
		}
	});

/** Recognised prior learning for one or more work processes at once. */
export const exemptionFormSchema = z
	.object({
		workProcessIds: z
			.array(z.number().int().positive())
			.min(1, { error: () => m.err_work_processes_required() })
			.max(500),
		basis: z.enum(['experience_certificate', 'earlier_diploma', 'practice_statement', 'other'], {
			error: () => m.v_choose()
		}),
		reference: optionalText(200),
		grantedOn: dateField(DATE_RULES.exemption),
		grantedOnConfirmed: confirmFlag()
	})
	.superRefine(confirmUnusual([{ field: 'grantedOn', rule: DATE_RULES.exemption }]));

/** Removing an exemption recorded by mistake: its id. */
export const exemptionRemoveSchema = z.object({ exemptionId: recordId() });

/** Removing a piece of evidence: its id. */
export const evidenceRemoveSchema = z.object({ evidenceId: recordId() });
