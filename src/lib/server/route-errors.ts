import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { NotFoundError } from './errors';

/**
 * The route side of NotFoundError: services say "not found" without knowing HTTP, the
 * route answers 404 (the same page as for an unknown URL). Anything else is left to the
 * caller.
 */
export function notFoundTo404(e: unknown): void {
	if (e instanceof NotFoundError) error(404, m.error_not_found());
}
