import { z } from 'zod';
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
