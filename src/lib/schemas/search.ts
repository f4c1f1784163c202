import { z } from 'zod';

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
