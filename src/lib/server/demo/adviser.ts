import { sql } from 'kysely';
import type { DB } from '../db';
import { daysFromToday } from '../../time';

const dayOffset = (n: number) => daysFromToday(n);

/**
 * A contact of the demo adviser with Zorggroep De Linde: a visit four months ago with
 * agreements (HR sees them), an internal note (HR does not) and a follow-up in ten days,
 * so the overview, the company page and the HR page show something. Only when the
 * company has no contact yet.
 */
export async function seedDemoAdviser(db: DB): Promise<void> {
	const row = await sql<{ company_id: string; adviser_id: string }>`
		select c.id as company_id, u.id as adviser_id
		from company c, app_user u
		where c.slug = 'zorggroep-de-linde' and lower(u.email) = 'adviseur@sbb.example'
			and not exists (select 1 from adviser_contact a where a.company_id = c.id)`.execute(db);
	const found = row.rows[0];
	if (!found) return;
	await db
		.insertInto('adviser_contact')
		.values({
			company_id: found.company_id,
			adviser_id: found.adviser_id,
			contacted_on: dayOffset(-120),
			kind: 'visit',
			notes: 'HR wil meer bbl-plaatsen, maar het budget voor volgend jaar is nog onzeker.',
			agreements:
				'De praktijkopleiders vullen hun LLO-profiel aan voor het volgende bezoek. SBB stuurt informatie over de subsidie praktijkleren.',
			follow_up_on: dayOffset(10)
		})
		.execute();
}
