import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/**
 * Field builders with Dutch (or English) messages from the catalogue. Messages are
 * functions, so they are resolved per request in the user's language.
 */
// password: a password may have 128 code points (schemas/password.ts), up to 256 UTF-16 units.
export const LIMITS = { name: 120, email: 254, password: 256, text: 160 } as const;

export const requiredText = (max: number = LIMITS.text) =>
	z
		.string({ error: () => m.v_required() })
		.trim()
		.min(1, { error: () => m.v_required() })
		.max(max, { error: () => m.v_too_long({ max }) });

export const email = () =>
	z
		.string({ error: () => m.v_required() })
		.trim()
		.min(1, { error: () => m.v_required() })
		.max(LIMITS.email, { error: () => m.v_too_long({ max: LIMITS.email }) })
		.pipe(z.email({ error: () => m.v_email() }));

export const anyPassword = () =>
	z
		.string({ error: () => m.v_required() })
		.min(1, { error: () => m.v_required() })
		.max(LIMITS.password, { error: () => m.v_too_long({ max: LIMITS.password }) });

export const memberRole = z.enum(['learner', 'trainer', 'hr']);

export const roles = () =>
	z
		.array(memberRole)
		.min(1, { error: () => m.v_roles_required() })
		.max(3);

/** Adds a "passwords differ" error on `confirm`. */
export function confirmMatches<T extends { confirm: string }>(key: keyof T) {
	return (data: T, ctx: z.RefinementCtx) => {
		if (data[key] !== data.confirm) {
			ctx.addIssue({ code: 'custom', path: ['confirm'], message: m.v_password_mismatch() });
		}
	};
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A record id posted in a hidden field or a query parameter: checked before it reaches a
 * service (a crafted id is a 400 or 404, never a 500 from SQL). Any hex uuid, as isUuid in
 * src/lib/server/errors.ts (the seed's ids are not RFC 4122 versions).
 */
export const recordId = () =>
	z.string({ error: () => m.error_not_found() }).regex(UUID, { error: () => m.error_not_found() });

/** A button-only action (log out, deactivate, …): posts no fields of its own. */
export const noFields = z.object({});
