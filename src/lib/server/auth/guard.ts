import { error, redirect } from '@sveltejs/kit';
import type { MemberRole, PlatformRole } from '../db/schema';
import type { RequestContext } from './context';
import type { SessionUser } from './session';
import { m } from '../../paraglide/messages.js';

type Locals = App.Locals;

export function requireUser(locals: Locals): SessionUser {
	if (!locals.user) redirect(303, '/login');
	return locals.user;
}

/**
 * The request's company context. Not a member (or a company that does not exist):
 * 404, the same answer either way. A member without any of `roles`: 403.
 *
 * Takes the event's params, not only locals: reading `params.company` is what makes
 * SvelteKit run a load again when the user moves to another company in the browser;
 * without it the page kept showing the previous company's data.
 */
export function requireCompany(
	{ locals, params }: { locals: Locals; params: { company?: string } },
	...roles: MemberRole[]
): RequestContext {
	requireUser(locals);
	const ctx = locals.ctx;
	if (!ctx || ctx.company.slug !== params.company) error(404, m.error_not_found());
	if (roles.length && !roles.some((r) => ctx.roles.includes(r))) error(403, m.error_forbidden());
	return ctx;
}

export function requirePlatformRole(locals: Locals, ...roles: PlatformRole[]): SessionUser {
	const user = requireUser(locals);
	if (!roles.some((role) => user.platformRoles.includes(role))) error(403, m.error_forbidden());
	return user;
}
