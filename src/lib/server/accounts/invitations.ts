import { sql } from 'kysely';
import type { DB } from '../db';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies, inCompany } from '../db/scope';
import type { MemberRole } from '../db/schema';
import type { SessionUser } from '../auth/session';
import type { CompanyRef } from '../auth/context';
import { hashPassword, verifyPassword } from '../auth/password';
import { generateToken, hashToken } from '../auth/tokens';
import { DomainError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { m } from '../../paraglide/messages.js';
import type { Locale } from '../../paraglide/runtime.js';
import { audit } from './audit';

const INVITATION_VALID_DAYS = 7;

export interface InvitingActor {
	user: SessionUser;
	company: CompanyRef;
	requestId: string;
}

/**
 * Creates an invitation inside the caller's transaction and queues its mail in the
 * outbox there; returns the mail's outbox ids for `deliverNow` after the commit. An open
 * invitation for the same address is replaced (its link stops working).
 */
export async function createInvitation(
	trx: DB,
	actor: InvitingActor,
	input: { email: string; roles: MemberRole[] },
	origin: string
): Promise<number[]> {
	const email = input.email.trim();
	const member = await trx
		.selectFrom('membership as m')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.select('m.deactivated_at')
		.where('m.company_id', '=', actor.company.id)
		.where(sql`lower(u.email)`, '=', email.toLowerCase())
		.executeTakeFirst();
	if (member && !member.deactivated_at) throw new DomainError('already_member', 'email');

	await trx
		.updateTable('invitation')
		.set({ revoked_at: new Date() })
		.where('company_id', '=', actor.company.id)
		.where(sql`lower(email)`, '=', email.toLowerCase())
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.execute();

	const token = generateToken();
	const invitation = await trx
		.insertInto('invitation')
		.values({
			company_id: actor.company.id,
			email,
			roles: input.roles,
			token_hash: hashToken(token),
			invited_by: actor.user.id,
			expires_at: new Date(Date.now() + INVITATION_VALID_DAYS * 24 * 3600 * 1000)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await audit(trx, {
		companyId: actor.company.id,
		actorUserId: actor.user.id,
		action: 'invitation.created',
		entityType: 'invitation',
		entityId: invitation.id,
		data: { email, roles: input.roles },
		requestId: actor.requestId
	});

	const existing = await trx
		.selectFrom('app_user')
		.select('locale')
		.where(sql`lower(email)`, '=', email.toLowerCase())
		.executeTakeFirst();
	const locale = (existing?.locale ?? 'nl') as Locale;
	const link = `${origin}/uitnodiging/${token}`;
	return enqueueMail(trx, 'invitation', [
		{
			to: email,
			subject: m.mail_invite_subject({ company: actor.company.name }, { locale }),
			text: m.mail_invite_body(
				{
					inviter: actor.user.name,
					company: actor.company.name,
					link,
					days: INVITATION_VALID_DAYS
				},
				{ locale }
			)
		}
	]);
}

export type InvitationView =
	| {
			status: 'valid';
			email: string;
			companyName: string;
			roles: MemberRole[];
			hasAccount: boolean;
	  }
	| { status: 'expired' | 'used' | 'unknown' };

/**
 * The company an invitation link belongs to, or null: the one read across companies of
 * the invitation page (the link comes before anyone is known); everything else the page
 * does runs inside that company (issue 19, a narrow wall).
 */
async function companyOfInvitation(db: DB, token: string): Promise<string | null> {
	const row = await acrossCompanies(CROSS_COMPANY.invitation, () =>
		db
			.selectFrom('invitation')
			.select('company_id')
			.where('token_hash', '=', hashToken(token))
			.executeTakeFirst()
	);
	return row?.company_id ?? null;
}

export async function getInvitation(db: DB, token: string): Promise<InvitationView> {
	const companyId = await companyOfInvitation(db, token);
	if (!companyId) return { status: 'unknown' };
	return inCompany(companyId, () => invitationIn(db, token));
}

async function invitationIn(db: DB, token: string): Promise<InvitationView> {
	const row = await db
		.selectFrom('invitation as i')
		.innerJoin('company as c', 'c.id', 'i.company_id')
		.select(['i.email', 'i.roles', 'i.expires_at', 'i.accepted_at', 'i.revoked_at', 'c.name'])
		.where('i.token_hash', '=', hashToken(token))
		.executeTakeFirst();
	if (!row) return { status: 'unknown' };
	if (row.accepted_at || row.revoked_at) return { status: 'used' };
	if (row.expires_at.getTime() < Date.now()) return { status: 'expired' };
	const user = await db
		.selectFrom('app_user')
		.select('id')
		.where(sql`lower(email)`, '=', row.email.toLowerCase())
		.where('password_hash', 'is not', null)
		.executeTakeFirst();
	return {
		status: 'valid',
		email: row.email,
		companyName: row.name,
		roles: row.roles,
		hasAccount: !!user
	};
}

export type AcceptInput =
	{ kind: 'new'; name: string; password: string } | { kind: 'existing'; password: string };

/**
 * Accepts an invitation: a new person gets an account with name and password; a
 * person who already has an account confirms with their password. Either way they
 * become (again) an active member with the invited roles. Returns the user id.
 */
export async function acceptInvitation(
	db: DB,
	token: string,
	input: AcceptInput,
	requestId: string
): Promise<{ userId: string; companySlug: string; roles: MemberRole[] }> {
	const companyId = await companyOfInvitation(db, token);
	if (!companyId) throw new DomainError('token_invalid');
	const newHash = input.kind === 'new' ? await hashPassword(input.password) : null;
	return inCompany(companyId, () => acceptIn(db, token, input, requestId, newHash));
}

async function acceptIn(
	db: DB,
	token: string,
	input: AcceptInput,
	requestId: string,
	newHash: string | null
): Promise<{ userId: string; companySlug: string; roles: MemberRole[] }> {
	return db.transaction().execute(async (trx) => {
		const inv = await trx
			.selectFrom('invitation as i')
			.innerJoin('company as c', 'c.id', 'i.company_id')
			.select([
				'i.id',
				'i.company_id',
				'i.email',
				'i.roles',
				'i.expires_at',
				'i.accepted_at',
				'i.revoked_at',
				'c.slug'
			])
			.where('i.token_hash', '=', hashToken(token))
			.forUpdate()
			.executeTakeFirst();
		if (!inv) throw new DomainError('token_invalid');
		if (inv.accepted_at || inv.revoked_at) throw new DomainError('token_used');
		if (inv.expires_at.getTime() < Date.now()) throw new DomainError('token_expired');

		const existing = await trx
			.selectFrom('app_user')
			.select(['id', 'password_hash'])
			.where(sql`lower(email)`, '=', inv.email.toLowerCase())
			.executeTakeFirst();
		let userId: string;
		if (existing?.password_hash) {
			if (
				input.kind !== 'existing' ||
				!(await verifyPassword(existing.password_hash, input.password))
			) {
				throw new DomainError('wrong_password', 'password');
			}
			userId = existing.id;
		} else if (input.kind === 'new' && newHash) {
			if (existing) {
				await trx
					.updateTable('app_user')
					.set({ name: input.name, password_hash: newHash })
					.where('id', '=', existing.id)
					.execute();
				userId = existing.id;
			} else {
				const created = await trx
					.insertInto('app_user')
					.values({ email: inv.email, name: input.name, password_hash: newHash })
					.returning('id')
					.executeTakeFirstOrThrow();
				userId = created.id;
			}
		} else {
			throw new DomainError('token_invalid');
		}

		await trx
			.insertInto('membership')
			.values({ company_id: inv.company_id, user_id: userId, roles: inv.roles })
			.onConflict((oc) =>
				oc.columns(['company_id', 'user_id']).doUpdateSet({
					roles: inv.roles,
					deactivated_at: null,
					ends_on: null,
					anonymised_at: null
				})
			)
			.execute();
		// A learner HR registered before they had an account is linked to it now.
		if (inv.roles.includes('learner')) {
			const [linked, unlinked] = await Promise.all([
				trx
					.selectFrom('learner')
					.select('id')
					.where('company_id', '=', inv.company_id)
					.where('user_id', '=', userId)
					.executeTakeFirst(),
				trx
					.selectFrom('learner')
					.select('id')
					.where('company_id', '=', inv.company_id)
					.where('user_id', 'is', null)
					.where(sql`lower(email)`, '=', inv.email.toLowerCase())
					.orderBy('created_at')
					.executeTakeFirst()
			]);
			if (!linked && unlinked) {
				await trx
					.updateTable('learner')
					.set({ user_id: userId })
					.where('company_id', '=', inv.company_id)
					.where('id', '=', unlinked.id)
					.execute();
			}
		}
		await trx
			.updateTable('invitation')
			.set({ accepted_at: new Date() })
			.where('company_id', '=', inv.company_id)
			.where('id', '=', inv.id)
			.execute();
		await audit(trx, {
			companyId: inv.company_id,
			actorUserId: userId,
			action: 'invitation.accepted',
			entityType: 'invitation',
			entityId: inv.id,
			data: { roles: inv.roles },
			requestId
		});
		return { userId, companySlug: inv.slug, roles: inv.roles };
	});
}
