import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { recordId, requiredText } from './fields';

const code = () =>
	requiredText(40).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: () => m.v_code() });
const crebo = () =>
	z
		.string({ error: () => m.v_required() })
		.trim()
		.regex(/^\d{5}$/, { error: () => m.v_crebo() });

/** The admin form for one mbo-certificaat on a qualification. */
export const certificateSchema = z.object({
	crebo: crebo(),
	code: code(),
	title: requiredText(200),
	workProcessCodes: z
		.array(z.string().max(20))
		.min(1, { error: () => m.err_work_processes_required() })
		.max(200)
});

/** The documented JSON catalogue of keuzedelen and certificates (docs/certificates.md). */
export const catalogueSchema = z.object({
	keuzedelen: z
		.array(
			z.object({
				code: code(),
				titel: requiredText(200),
				niveau: z.number().int().min(1).max(4).nullable().optional(),
				sbu: z.number().int().min(0).max(10_000).nullable().optional()
			})
		)
		.max(5000)
		.default([]),
	certificaten: z
		.array(
			z
				.object({
					code: code(),
					titel: requiredText(200),
					crebo: crebo().optional(),
					werkprocessen: z.array(z.string().max(20)).max(200).optional(),
					keuzedeel: z.string().max(40).optional()
				})
				.refine((c) => !!c.keuzedeel || (!!c.crebo && !!c.werkprocessen?.length), {
					error: () => m.v_certificate_target()
				})
		)
		.max(5000)
		.default([])
});
export type CatalogueJson = z.infer<typeof catalogueSchema>;

/** Confirm a staged qualification upload (its preview). */
export const uploadConfirmSchema = z.object({ uploadId: recordId() });
