import { sql } from 'kysely';
import type { DB } from '../db';
import type { SessionUser } from '../auth/session';
import { DomainError, isUuid } from '../errors';
import { audit } from './audit';
import { createInvitation } from './invitations';
import { countOf, type SmallCount } from '../../adviser/small-numbers';
import { deliverNow } from '../mail/outbox';
import { createOnce, once, type FormToken } from '../once';
import { CROSS_COMPANY } from '../db/cross-company';
import { acrossCompanies, inCompany } from '../db/scope';

export interface CompanyInput {
	name: string;
	kvkNumber: string;
	sbbNumber?: string | null;
	street: string;
	postcode: string;
	city: string;
	regionId: number;
	sectorChamberId: number;
}

export interface PlatformActor {
	user: SessionUser;
	requestId: string;
}

/** 'Zorggroep De Linde' → 'zorggroep-de-linde' (accents dropped, max 60 chars). */
export function slugify(name: string): string {
	return (
		name
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/&/g, ' en ')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60)
			.replace(/-+$/g, '') || 'bedrijf'
	);
}

/** 1234ab / 1234 AB / 1234AB → '1234 AB'. */
export function normalizePostcode(postcode: string): string {
	const compact = postcode.replace(/\s+/g, '').toUpperCase();
	return `${compact.slice(0, 4)} ${compact.slice(4)}`;
}

async function uniqueSlug(db: DB, name: string): Promise<string> {
	const base = slugify(name);
	const taken = await db
		.selectFrom('company')
		.select('slug')
		.where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
		.execute();
	const set = new Set(taken.map((t) => t.slug));
	if (!set.has(base)) return base;
	for (let i = 2; ; i++) if (!set.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * Admin creates a company (tenant) and invites its first HR manager, in one
 * transaction: either both exist afterwards or neither.
 */
export async function createCompanyWithHr(
	db: DB,
	actor: PlatformActor,
	input: CompanyInput,
	hrEmail: string,
	origin: string,
	token?: FormToken
): Promise<{ id: string; slug: string }> {
	let mails: number[] = [];
	// The new company's audit entry and first invitation: the company has no id before the
	// transaction begins (and takes its connection), so the wall opens for the transaction.
	const company = await acrossCompanies(CROSS_COMPANY.adminNewCompany, () =>
		db.transaction().execute((trx) =>
			// A double submit answers with the company the first one created (not 'kvk_taken').
			once(trx, actor.user.id, 'company', token, async () => {
				const existing = await trx
					.selectFrom('company')
					.select('id')
					.where('kvk_number', '=', input.kvkNumber)
					.executeTakeFirst();
				if (existing) throw new DomainError('kvk_taken', 'kvkNumber');
				const company = await trx
					.insertInto('company')
					.values({
						slug: await uniqueSlug(trx, input.name),
						name: input.name,
						kvk_number: input.kvkNumber,
						sbb_number: input.sbbNumber || null,
						street: input.street,
						postcode: normalizePostcode(input.postcode),
						city: input.city,
						region_id: input.regionId,
						sector_chamber_id: input.sectorChamberId
					})
					.returning(['id', 'slug', 'name'])
					.executeTakeFirstOrThrow();
				await audit(trx, {
					companyId: company.id,
					actorUserId: actor.user.id,
					action: 'company.created',
					entityType: 'company',
					entityId: company.id,
					data: { name: input.name, kvk: input.kvkNumber },
					requestId: actor.requestId
				});
				mails = await createInvitation(
					trx,
					{ user: actor.user, company, requestId: actor.requestId },
					{ email: hrEmail, roles: ['hr'] },
					origin
				);
				return { id: company.id, slug: company.slug };
			})
		)
	);
	await deliverNow(db, mails);
	return { id: company.id, slug: company.slug };
}

export interface CompanyListItem {
	id: string;
	slug: string;
	name: string;
	kvk_number: string;
	city: string;
	region: string;
	sector_chamber: string;
	/** Active members (people): hidden when 1 or 2 (small numbers, docs/adviser.md). */
	members: SmallCount;
}

export async function listCompanies(
	db: DB,
	opts: { search?: string; limit?: number; offset?: number } = {}
): Promise<{ rows: CompanyListItem[]; total: number }> {
	let q = db
		.selectFrom('company as c')
		.innerJoin('region as r', 'r.id', 'c.region_id')
		.innerJoin('sector_chamber as s', 's.id', 'c.sector_chamber_id');
	if (opts.search) {
		const term = `%${opts.search.replace(/[\\%_]/g, '\\$&')}%`;
		q = q.where((eb) => eb.or([eb('c.name', 'ilike', term), eb('c.kvk_number', 'like', term)]));
	}
	// The member count of every company listed: the wall opens for these two queries.
	const [rows, total] = await acrossCompanies(CROSS_COMPANY.adminCompanies, () =>
		Promise.all([
			q
				.select((eb) => [
					'c.id',
					'c.slug',
					'c.name',
					'c.kvk_number',
					'c.city',
					'r.name as region',
					's.name as sector_chamber',
					eb
						.selectFrom('membership as m')
						.whereRef('m.company_id', '=', 'c.id')
						.where('m.deactivated_at', 'is', null)
						.select((e) => e.fn.countAll<number>().as('n'))
						.as('members')
				])
				.orderBy('c.name')
				.limit(opts.limit ?? 50)
				.offset(opts.offset ?? 0)
				.execute(),
			q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
		])
	);
	return {
		rows: rows.map((r) => ({ ...r, members: countOf(Number(r.members ?? 0)) })),
		total: total.n
	};
}

/**
 * A company for the admin, with its HR managers and open invitations (people: the wall
 * shows this company alone). With `viewer` (the page, not the action's existence check)
 * the view is audited: an admin reading a company's people.
 */
export async function getCompanyForAdmin(db: DB, id: string, viewer?: PlatformActor) {
	if (!isUuid(id)) return null;
	const company = await db
		.selectFrom('company as c')
		.innerJoin('region as r', 'r.id', 'c.region_id')
		.innerJoin('sector_chamber as s', 's.id', 'c.sector_chamber_id')
		.selectAll('c')
		.select(['r.name as region', 's.name as sector_chamber'])
		.where('c.id', '=', id)
		.executeTakeFirst();
	if (!company) return null;
	const [hr, invitations] = await inCompany(id, () => companyPeople(db, id));
	if (viewer) {
		await inCompany(id, () =>
			audit(db, {
				companyId: id,
				actorUserId: viewer.user.id,
				action: 'admin.company_viewed',
				entityType: 'company',
				entityId: id,
				requestId: viewer.requestId
			})
		);
	}
	return { company, hr, invitations };
}

function companyPeople(db: DB, id: string) {
	return Promise.all([
		db
			.selectFrom('membership as m')
			.innerJoin('app_user as u', 'u.id', 'm.user_id')
			.select(['u.name', 'u.email'])
			.where('m.company_id', '=', id)
			.where('m.deactivated_at', 'is', null)
			.where(sql<boolean>`'hr' = any(m.roles)`)
			.orderBy('u.name')
			.execute(),
		db
			.selectFrom('invitation')
			.select(['id', 'email', 'roles', 'created_at', 'expires_at', 'accepted_at'])
			.where('company_id', '=', id)
			.where('accepted_at', 'is', null)
			.where('revoked_at', 'is', null)
			.orderBy('created_at', 'desc')
			.execute()
	]);
}

/** Admin invites another HR manager for an existing company. */
export async function inviteHrForCompany(
	db: DB,
	actor: PlatformActor,
	companyId: string,
	email: string,
	origin: string,
	token?: FormToken
) {
	const company = await db
		.selectFrom('company')
		.select(['id', 'slug', 'name'])
		.where('id', '=', companyId)
		.executeTakeFirstOrThrow();
	let mails: number[] = [];
	// The invitation belongs to this company: the wall shows it alone.
	await inCompany(company.id, () =>
		createOnce(db, actor.user.id, `invitation:${company.id}`, token, async (trx) => {
			mails = await createInvitation(
				trx,
				{ user: actor.user, company, requestId: actor.requestId },
				{ email, roles: ['hr'] },
				origin
			);
			return null;
		})
	);
	await deliverNow(db, mails);
}

export async function listReference(db: DB) {
	const [regions, sectorChambers] = await Promise.all([
		db.selectFrom('region').select(['id', 'name']).orderBy('name').execute(),
		db.selectFrom('sector_chamber').select(['id', 'name']).orderBy('id').execute()
	]);
	return { regions, sectorChambers };
}

export async function platformCounts(db: DB) {
	const row = await db
		.selectNoFrom((eb) => [
			eb
				.selectFrom('company')
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('companies'),
			eb
				.selectFrom('app_user')
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('users')
		])
		.executeTakeFirstOrThrow();
	return { companies: Number(row.companies ?? 0), users: Number(row.users ?? 0) };
}
