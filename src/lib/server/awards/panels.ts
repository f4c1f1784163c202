import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db';
import type { PanelKind } from '../db/schema';
import { DomainError, isUuid } from '../errors';
import { phaseAt } from './phase';
import { requireRound } from './rounds';
import { createOnce, once, type SubmittedBy } from '../once';

/**
 * Award juries, as the admin sets them up: panels per round (regional ones for a set of
 * regions, one national), their jurors (advisers or admins) and a juror's replacement
 * mid-round. Nothing here reads a company's rows: the tenant wall stays shut.
 */

export interface Panel {
	id: string;
	round_id: string;
	kind: PanelKind;
	name: string;
	region_ids: number[];
}

export interface PanelMember {
	id: string;
	userId: string;
	name: string;
	email: string;
	replacedAt: Date | null;
}

/** The columns of a panel (jury_panel aliased `p`): a {@link Panel}. */
const PANEL_COLUMNS = ['p.id', 'p.round_id', 'p.kind', 'p.name', 'p.region_ids'] as const;

export async function getPanel(db: DB, panelId: string): Promise<Panel | null> {
	if (!isUuid(panelId)) return null;
	return (
		(await db
			.selectFrom('jury_panel as p')
			.select(PANEL_COLUMNS)
			.where('p.id', '=', panelId)
			.executeTakeFirst()) ?? null
	);
}

/** The panels of a round: the regional ones first, then the national one, each by name. */
export function panelsQuery(db: DB, roundId: string) {
	return db
		.selectFrom('jury_panel as p')
		.select(PANEL_COLUMNS)
		.where('p.round_id', '=', roundId)
		.orderBy('p.kind', 'desc')
		.orderBy('p.name');
}

export type PanelWithMembers = Panel & { members: PanelMember[]; regions: string[] };

/**
 * The panels of a round as the admin sees them: {@link panelsQuery} with, per panel, its
 * jurors (replaced ones too) in the order they were added, as JSON, and the names of its
 * regions in the order of region_ids (the id itself for a region that is gone). Rows for
 * {@link toPanelWithMembers}; one statement on its own (panelsOfRound) or a part of the
 * admin's round page (round-page.ts).
 */
export function panelsWithMembersQuery(db: DB, roundId: string) {
	return panelsQuery(db, roundId).select((eb) => [
		jsonArrayFrom(
			eb
				.selectFrom('jury_member as jm')
				.innerJoin('app_user as u', 'u.id', 'jm.user_id')
				.select(['jm.id', 'jm.user_id', 'u.name', 'u.email', 'jm.replaced_at'])
				.whereRef('jm.panel_id', '=', 'p.id')
				.orderBy('jm.added_at')
		).as('members'),
		sql<string[]>`array(select coalesce(rg.name, x.id::text)
			from unnest(p.region_ids) with ordinality as x(id, n)
			left join region rg on rg.id = x.id
			order by x.n)`.as('regions')
	]);
}

type PanelWithMembersRow = Omit<PanelWithMembers, 'members'> & {
	/** JSON: the timestamp comes as text. */
	members: {
		id: string;
		user_id: string;
		name: string;
		email: string;
		replaced_at: string | null;
	}[];
};

/** A row of {@link panelsWithMembersQuery}, read directly or from JSON. */
export function toPanelWithMembers(row: PanelWithMembersRow): PanelWithMembers {
	return {
		id: row.id,
		round_id: row.round_id,
		kind: row.kind,
		name: row.name,
		region_ids: row.region_ids,
		regions: row.regions,
		members: row.members.map((m) => ({
			id: m.id,
			userId: m.user_id,
			name: m.name,
			email: m.email,
			replacedAt: m.replaced_at === null ? null : new Date(m.replaced_at)
		}))
	};
}

/** The panels of a round with their jurors and region names, in one statement. */
export async function panelsOfRound(db: DB, roundId: string): Promise<PanelWithMembers[]> {
	const rows = await panelsWithMembersQuery(db, roundId).execute();
	return rows.map(toPanelWithMembers);
}

export interface PanelInput {
	kind: PanelKind;
	name: string;
	regionIds: number[];
}

export async function addPanel(
	db: DB,
	roundId: string,
	input: PanelInput,
	now = new Date(),
	by?: SubmittedBy
): Promise<string> {
	const round = await requireRound(db, roundId);
	if (phaseAt(round, now).phase === 'published') throw new DomainError('award_published');
	const regionIds = input.kind === 'national' ? [] : [...new Set(input.regionIds)];
	if (input.kind === 'regional') {
		const known = await db
			.selectFrom('region')
			.select('id')
			.where('id', 'in', regionIds.length ? regionIds : [0])
			.execute();
		if (!regionIds.length || known.length !== regionIds.length) {
			throw new DomainError('award_regions_required', 'regionIds');
		}
	}
	return createOnce(db, by?.userId ?? '', `jury_panel:${roundId}`, by?.token, async (trx) => {
		if (input.kind === 'national') {
			const national = await trx
				.selectFrom('jury_panel')
				.select('id')
				.where('round_id', '=', roundId)
				.where('kind', '=', 'national')
				.executeTakeFirst();
			if (national) throw new DomainError('award_national_exists', 'kind');
		}
		const row = await trx
			.insertInto('jury_panel')
			.values({
				round_id: roundId,
				kind: input.kind,
				name: input.name.trim(),
				region_ids: regionIds
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	});
}

/** A juror must hold the adviser or admin role. */
async function jurorByEmail(db: DB, email: string): Promise<string> {
	const row = await db
		.selectFrom('app_user as u')
		.select('u.id')
		.where(sql`lower(u.email)`, '=', email.trim().toLowerCase())
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('platform_role as pr')
					.select('pr.user_id')
					.whereRef('pr.user_id', '=', 'u.id')
					.where('pr.role', 'in', ['adviser', 'admin'])
			)
		)
		.executeTakeFirst();
	if (!row) throw new DomainError('award_juror_role', 'email');
	return row.id;
}

export async function addJuror(
	db: DB,
	panelId: string,
	email: string,
	by?: SubmittedBy
): Promise<string> {
	const panel = await getPanel(db, panelId);
	if (!panel) throw new DomainError('award_round_not_found');
	const userId = await jurorByEmail(db, email);
	return db.transaction().execute((trx) =>
		// A double submit answers with the first one's member (not 'already on the panel').
		once(trx, by?.userId ?? '', `jury_member:${panelId}`, by?.token, async () => {
			const inserted = await trx
				.insertInto('jury_member')
				.values({ panel_id: panelId, user_id: userId })
				.onConflict((oc) =>
					oc.columns(['panel_id', 'user_id']).where('replaced_at', 'is', null).doNothing()
				)
				.returning('id')
				.executeTakeFirst();
			if (!inserted) throw new DomainError('award_juror_already', 'email');
			return inserted.id;
		})
	);
}

/**
 * Replaces a juror mid-round: the old membership is closed (replaced_at), the scores the
 * juror already submitted stay and keep counting; the new juror scores the rest.
 */
export async function replaceJuror(db: DB, memberId: string, email: string): Promise<void> {
	if (!isUuid(memberId)) throw new DomainError('award_juror_not_found');
	await db.transaction().execute(async (trx) => {
		const member = await trx
			.selectFrom('jury_member')
			.select(['id', 'panel_id', 'user_id'])
			.where('id', '=', memberId)
			.where('replaced_at', 'is', null)
			.forUpdate()
			.executeTakeFirst();
		if (!member) throw new DomainError('award_juror_not_found');
		const userId = await jurorByEmail(trx, email);
		if (userId === member.user_id) throw new DomainError('award_juror_already', 'email');
		await trx
			.updateTable('jury_member')
			.set({ replaced_at: new Date(), replaced_by: userId })
			.where('id', '=', memberId)
			.execute();
		const inserted = await trx
			.insertInto('jury_member')
			.values({ panel_id: member.panel_id, user_id: userId })
			.onConflict((oc) =>
				oc.columns(['panel_id', 'user_id']).where('replaced_at', 'is', null).doNothing()
			)
			.returning('id')
			.executeTakeFirst();
		if (!inserted) throw new DomainError('award_juror_already', 'email');
	});
}
