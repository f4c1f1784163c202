import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { email, recordId } from './fields';

/** The platform admin's account forms (/beheer/adviseurs, /beheer/gebruikers). */

/** Make an existing user an SBB adviser, by e-mail address. */
export const adviserAddSchema = z.object({ email: email() });

/** An adviser's regions (the ticked boxes; unknown region ids are ignored by the service). */
export const adviserRegionsSchema = z.object({
	userId: recordId(),
	region: z.array(z.number().int().min(1).max(999)).max(100)
});

/** Turn someone's two-step verification off (they lost their phone and recovery codes). */
export const totpResetSchema = z.object({ userId: recordId() });

/** A ticked "yes, I mean it" box (unticked: the message next to it). */
const confirmed = (message: () => string) =>
	z
		.boolean()
		.optional()
		.default(false)
		.refine((v) => v, { error: message });

/** The user asks for their account to be deleted (/account, privacy/erasure.ts). */
export const erasureRequestSchema = z.object({
	confirm: confirmed(() => m.erasure_confirm_required())
});

/** The admin carries out an erasure request (/beheer/verwijderverzoeken/[id]). */
export const erasureExecuteSchema = z.object({
	confirm: confirmed(() => m.erasure_execute_confirm_required())
});
