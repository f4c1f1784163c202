import { z } from 'zod';
import { trajectoryStatus } from './assessments';

/**
 * Query-string parameters (read with readSearch, src/lib/server/search.ts). Every field
 * accepts a missing value: a link without the parameter is the page's default.
 */

/** `?redirectTo=…` after login: checked again by safeRedirect before any redirect. */
export const redirectSearch = z.object({ redirectTo: z.string().optional() });

/** The login page: `redirectTo`, and `tweestaps=geblokkeerd` after too many wrong codes. */
export const loginSearch = redirectSearch.extend({ tweestaps: z.string().optional() });

/** A page number, 1 when missing or not a positive whole number. */
export const pageNumber = z.coerce.number().int().min(1).max(1_000_000).catch(1);

/** A page number up to 10,000 (a list that is read with an offset). */
const shortPageNumber = pageNumber.transform((n) => Math.min(n, 10_000));

/** Typed text: trimmed, at most `max` characters, '' when missing. */
const trimmedText = (max: number) =>
	z
		.string()
		.default('')
		.transform((t) => t.trim().slice(0, max));

/** A positive whole number, or null (a filter that is not set). */
const positiveIntOrNull = z.coerce.number().int().min(1).max(2_147_483_647).nullable().catch(null);

/** The qualifications file: search text (at most 100 characters), level and sector chamber. */
export const qualificationSearch = z.object({
	q: z
		.string()
		.default('')
		.transform((q) => q.slice(0, 100)),
	niveau: positiveIntOrNull.default(null),
	sectorkamer: positiveIntOrNull.default(null)
});

/** One qualification: `?versie=` picks an earlier version of the file. */
export const qualificationVersionSearch = z.object({
	versie: z.coerce.number().int().min(1).max(2_147_483_647).optional().catch(undefined)
});

/** A paged list: `?pagina=`. */
export const pageSearch = z.object({ pagina: pageNumber });

/** `?opgeslagen` after a form that redirects: the page says it was saved. */
export const savedSearch = z.object({ opgeslagen: z.string().optional() });

/** `?ingetrokken` on /account after withdrawing an erasure request: the page says so. */
export const accountSearch = savedSearch.extend({ ingetrokken: z.string().optional() });

/** `?bedrijven=N&bestanden=N` on /beheer/verwijderverzoeken after an erasure: what it did. */
export const erasedSearch = z.object({
	bedrijven: z.coerce.number().int().min(0).optional().catch(undefined),
	bestanden: z.coerce.number().int().min(0).optional().catch(undefined)
});

/** `?gepland=1` after planning a culture scan: the round's page says so. */
export const plannedSearch = z.object({ gepland: z.string().optional() });

/** HR's trajectory list: `?status=`, `?stilgevallen=1` and `?pagina=`. */
export const trajectoryListSearch = z.object({
	status: trajectoryStatus.nullable().default(null).catch(null),
	stilgevallen: z.string().optional(),
	pagina: pageNumber
});

/** What the national view's tile map is coloured by: `?maat=`. */
export const NATIONAL_MEASURES = [
	'companies',
	'learners',
	'progress',
	'stalled',
	'red',
	'llo'
] as const;
export const nationalSearch = z.object({
	maat: z.enum(NATIONAL_MEASURES).catch('red').default('red')
});

/** A real calendar date YYYY-MM-DD, or null (a bad value filters nothing). */
const dateOrNull = z.iso.date().nullable().default(null).catch(null);

/** "Wie bekeek mijn gegevens": the period `?van=&tot=` and `?pagina=`. */
export const accessLogSearch = z.object({
	van: dateOrNull,
	tot: dateOrNull,
	pagina: shortPageNumber
});

/** The admin's companies: `?q=` and `?pagina=`. */
export const companySearch = z.object({ q: trimmedText(100), pagina: shortPageNumber });

/** The evidence form opened for one work process: `?werkproces=`. */
export const workProcessSearch = z.object({
	werkproces: z.coerce.number().int().min(0).max(2_147_483_647).catch(0).default(0)
});

/** The conversations of one learner: `?lerende=` (checked against what the member may see). */
export const learnerSearch = z.object({ lerende: z.string().optional() });

/** The election page: a trainer search `?q=` and a chosen trainer `?trainer=&company=`. */
export const electionSearch = z.object({
	q: z.string().default(''),
	trainer: z.string().default(''),
	company: z.string().default('')
});

/** A new certificate for the qualification `?crebo=`. */
export const creboSearch = z.object({ crebo: trimmedText(100) });

/** The preview of an uploaded qualification file: `?voorbeeld=` (its upload id). */
export const uploadPreviewSearch = z.object({ voorbeeld: z.string().optional() });

/** The one-time download link of a personal-data export: `?sleutel=`. */
export const downloadKeySearch = z.object({ sleutel: z.string().default('') });

/** The region an admin chose in the national view: `?regio=` (checked by overviewScope). */
export const regionSearch = z.object({ regio: z.string().optional() });

/** The admin's user lookup by e-mail address: `?email=`. */
export const emailSearch = z.object({ email: trimmedText(254) });

/** Planning a conversation from a link: the learner `?lerende=` and the date `?datum=`. */
export const planSearch = z.object({
	lerende: z.string().optional(),
	datum: z.iso.date().optional().catch(undefined)
});
