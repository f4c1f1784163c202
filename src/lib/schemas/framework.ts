import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requiredText } from './fields';

/**
 * The admin's draft of the competence framework (/beheer/competenties): per area of the
 * draft `name_<code>`, `description_<code>` and `indicators_<code>` (one per line). The
 * service checks the indicators themselves (two to four, each at most 300 characters).
 */
export function frameworkDraftSchema(codes: string[]) {
	const shape: Record<string, z.ZodType<string>> = {};
	for (const code of codes) {
		shape[`name_${code}`] = requiredText(160);
		shape[`description_${code}`] = z
			.string()
			.trim()
			.max(500, { error: () => m.v_too_long({ max: 500 }) });
		shape[`indicators_${code}`] = z
			.string()
			.max(2000, { error: () => m.v_too_long({ max: 2000 }) });
	}
	return z.object(shape);
}
