import { sql } from 'kysely';
import type { DB } from '../db';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies } from '../db/scope';
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
	const rows = await acrossCompanies(CROSS_COMPANY.ownMemberships, () =>
		db
			.selectFrom('membership as m')
			.innerJoin('company as c', 'c.id', 'm.company_id')
			.select(['c.id', 'c.slug', 'c.name', 'm.roles'])
			.where('m.user_id', '=', userId)
			.where('m.deactivated_at', 'is', null)
			.where((eb) =>
				eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>', sql<string>`current_date`)])
			)
			.orderBy('c.name')
			.orderBy('c.id')
			.execute()
	);
	return rows.map((r) => ({ company: { id: r.id, slug: r.slug, name: r.name }, roles: r.roles }));
}

/**
 * The context for a company URL from the user's active memberships (loaded with the
 * session), or null when the user is not an active member of it (→ 404).
 */
export function companyContext(
	user: SessionUser,
	memberships: Membership[],
	slug: string,
	requestId: string
): RequestContext | null {
	const membership = memberships.find((ms) => ms.company.slug === slug);
	if (!membership) return null;
	return { user, company: { ...membership.company }, roles: membership.roles, requestId };
}

/** companyContext with the memberships read from the database (scripts, tests). */
export async function resolveCompanyContext(
	db: DB,
	user: SessionUser,
	slug: string,
	requestId: string
): Promise<RequestContext | null> {
	return companyContext(user, await listMemberships(db, user.id), slug, requestId);
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
