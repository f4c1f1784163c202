import type { DB } from '../db';
import type { MemberRole } from '../db/schema';
import type { SessionUser } from './session';

export interface CompanyRef {
	id: string;
	slug: string;
	name: string;
}

/** What every tenant service receives: who asks, for which company, in which roles. */
export interface RequestContext {
	user: SessionUser;
	company: CompanyRef;
	roles: MemberRole[];
	requestId: string;
}

export interface Membership {
	company: CompanyRef;
	roles: MemberRole[];
}

/** The active memberships of a user, for the company switcher and the home redirect. */
export async function listMemberships(db: DB, userId: string): Promise<Membership[]> {
	const rows = await db
		.selectFrom('membership as m')
		.innerJoin('company as c', 'c.id', 'm.company_id')
		.select(['c.id', 'c.slug', 'c.name', 'm.roles'])
		.where('m.user_id', '=', userId)
		.where('m.deactivated_at', 'is', null)
		.orderBy('c.name')
		.execute();
	return rows.map((r) => ({ company: { id: r.id, slug: r.slug, name: r.name }, roles: r.roles }));
}

/** The context for a company URL, or null when the user is not an active member (→ 404). */
export async function resolveCompanyContext(
	db: DB,
	user: SessionUser,
	slug: string,
	requestId: string
): Promise<RequestContext | null> {
	const row = await db
		.selectFrom('membership as m')
		.innerJoin('company as c', 'c.id', 'm.company_id')
		.select(['c.id', 'c.slug', 'c.name', 'm.roles'])
		.where('c.slug', '=', slug)
		.where('m.user_id', '=', user.id)
		.where('m.deactivated_at', 'is', null)
		.executeTakeFirst();
	if (!row) return null;
	return {
		user,
		company: { id: row.id, slug: row.slug, name: row.name },
		roles: row.roles,
		requestId
	};
}

const ROLE_HOME: Record<MemberRole, string> = {
	hr: 'hr',
	trainer: 'praktijkopleider',
	learner: 'leren'
};
const ROLE_ORDER: MemberRole[] = ['hr', 'trainer', 'learner'];

/** The home page of the "highest" role a member holds in a company. */
export function companyHomePath(slug: string, roles: MemberRole[]): string {
	const role = ROLE_ORDER.find((r) => roles.includes(r)) ?? 'learner';
	return `/o/${slug}/${ROLE_HOME[role]}`;
}

/** Where a user lands after login: preferred company, else first company, else platform role. */
export function homePath(
	user: SessionUser,
	memberships: Membership[],
	preferredSlug?: string
): string {
	const preferred =
		memberships.find((m) => m.company.slug === preferredSlug) ?? memberships[0] ?? null;
	if (preferred) return companyHomePath(preferred.company.slug, preferred.roles);
	if (user.platformRoles.includes('admin')) return '/beheer';
	if (user.platformRoles.includes('adviser')) return '/sbb';
	return '/geen-toegang';
}
