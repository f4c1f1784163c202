import { sql } from 'kysely';
import type { DB } from '../db';
import { accessLog } from './access-log';
import { iso } from './export-iso';

/**
 * The personal-data export (./export.ts): the account (platform roles, an adviser's
 * regions, current logins), the memberships of companies, an adviser's contacts with
 * companies, the mails sent to the account's address, and the audit trail: who looked at
 * or changed the user's data (./access-log.ts) and what the user did.
 *
 * Deliberately left out, because they are secrets rather than information: the password
 * hash, the second-factor keys and the recovery codes.
 */
export async function accountPart(db: DB, userId: string) {
	const user = await db
		.selectFrom('app_user')
		.select([
			'id',
			'name',
			'email',
			'locale',
			'created_at',
			'password_changed_at',
			'totp_enabled_at'
		])
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();

	const [
		platformRoles,
		adviserRegions,
		sessions,
		memberships,
		adviserContacts,
		mails,
		about,
		byMe
	] = await Promise.all([
		db
			.selectFrom('platform_role')
			.select(['role', 'created_at'])
			.where('user_id', '=', userId)
			.execute(),
		db
			.selectFrom('adviser_region as ar')
			.innerJoin('region as r', 'r.id', 'ar.region_id')
			.select('r.name')
			.where('ar.user_id', '=', userId)
			.orderBy('r.name')
			.execute(),
		db
			.selectFrom('user_session')
			.select(['created_at', 'expires_at', 'two_factor_verified'])
			.where('user_id', '=', userId)
			.orderBy('created_at', 'desc')
			.execute(),
		db
			.selectFrom('membership as m')
			.innerJoin('company as c', 'c.id', 'm.company_id')
			.select(['c.name', 'c.slug', 'm.roles', 'm.created_at', 'm.deactivated_at'])
			.where('m.user_id', '=', userId)
			.orderBy('c.name')
			.execute(),
		db
			.selectFrom('adviser_contact as ac')
			.innerJoin('company as co', 'co.id', 'ac.company_id')
			.select([
				'co.name as company',
				'ac.contacted_on',
				'ac.kind',
				'ac.notes',
				'ac.agreements',
				'ac.created_at'
			])
			.where('ac.adviser_id', '=', userId)
			.orderBy('ac.contacted_on')
			.execute(),
		db
			.selectFrom('mail_outbox')
			.select(['kind', 'subject', 'body', 'status', 'created_at', 'sent_at'])
			.where(sql<boolean>`lower(recipient) = lower(${user.email})`)
			.orderBy('created_at', 'desc')
			.execute(),
		accessLog(db, userId, { from: null, to: null, limit: null, offset: 0 }),
		db
			.selectFrom('audit_log as a')
			.leftJoin('company as co', 'co.id', 'a.company_id')
			.select(['a.action', 'a.entity_type', 'a.entity_id', 'co.name as company', 'a.created_at'])
			.where('a.actor_user_id', '=', userId)
			.orderBy('a.created_at', 'desc')
			.execute()
	]);

	return {
		account: {
			id: user.id,
			name: user.name,
			email: user.email,
			locale: user.locale,
			createdAt: iso(user.created_at),
			passwordChangedAt: iso(user.password_changed_at),
			twoStepLoginSince: iso(user.totp_enabled_at),
			platformRoles: platformRoles.map((r) => ({ role: r.role, since: iso(r.created_at) })),
			adviserRegions: adviserRegions.map((r) => r.name),
			sessions: sessions.map((s) => ({
				startedAt: iso(s.created_at),
				expiresAt: iso(s.expires_at),
				twoFactorVerified: s.two_factor_verified
			}))
		},
		memberships: memberships.map((m) => ({
			company: m.name,
			companySlug: m.slug,
			roles: m.roles,
			since: iso(m.created_at),
			endedAt: iso(m.deactivated_at)
		})),
		adviserContacts: adviserContacts.map((a) => ({
			company: a.company,
			contactedOn: a.contacted_on,
			kind: a.kind,
			notes: a.notes,
			agreements: a.agreements,
			recordedAt: iso(a.created_at)
		})),
		mails: mails.map((m) => ({
			kind: m.kind,
			subject: m.subject,
			body: m.body,
			status: m.status,
			queuedAt: iso(m.created_at),
			sentAt: iso(m.sent_at)
		})),
		audit: {
			aboutMe: about.entries.map((e) => ({
				at: e.at.toISOString(),
				action: e.action,
				what: e.what,
				record: e.entityType,
				by: e.actor.name,
				roles: e.roles,
				company: e.company
			})),
			byMe: byMe.map((a) => ({
				at: iso(a.created_at),
				action: a.action,
				record: a.entity_type,
				recordId: a.entity_id,
				company: a.company
			}))
		}
	};
}
