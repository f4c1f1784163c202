import { sql, type Kysely } from 'kysely';

/**
 * The platform template "Leercultuur in het team" (issue 15): after a learning-culture
 * scan, HR or a trainer plans a conversation about what the scan shows and what the team
 * will do (the round's page points to it). Written for adult colleagues: short, plain
 * Dutch, "je"; kind `other`, like a company's own templates. Companies copy and adapt it as
 * they do the other platform templates (migrations/0008_conversations.ts).
 */
export const CULTURE_TEAM_TEMPLATE = {
	kind: 'other',
	name: 'Leercultuur in het team',
	sections: [
		{
			id: 'uitkomsten',
			title: 'Wat de scan laat zien',
			visibleToHr: true,
			questions: [
				{
					id: 'opvalt',
					type: 'open',
					label: 'Wat valt je op in de uitkomsten van de leercultuurscan?',
					required: true
				},
				{
					id: 'sterk',
					type: 'open',
					label: 'Waar zijn we goed in als het gaat om leren van en met elkaar?',
					required: false
				},
				{
					id: 'aandacht',
					type: 'open',
					label: 'Wat kan beter? Noem een of twee punten die voor jou het belangrijkst zijn.',
					required: false
				}
			]
		},
		{
			id: 'plan',
			title: 'Wat gaan we doen?',
			visibleToHr: true,
			questions: [
				{
					id: 'bijdrage',
					type: 'open',
					label: 'Wat kun jij zelf doen om meer van en met collega’s te leren?',
					required: true
				},
				{
					id: 'nodig',
					type: 'open',
					label: 'Wat heb je daarvoor nodig van je leidinggevende of van het bedrijf?',
					required: false
				},
				{ id: 'voornemens', type: 'goals', label: 'Wat nemen we ons voor?', required: false }
			]
		}
	]
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	const t = CULTURE_TEAM_TEMPLATE;
	const row = await sql<{ id: string }>`
		insert into conversation_template (company_id, kind, name)
		values (null, ${t.kind}, ${t.name}) returning id`.execute(db);
	await sql`
		insert into conversation_template_version (template_id, number, content)
		values (${row.rows[0].id}, 1, ${JSON.stringify({ sections: t.sections })}::jsonb)`.execute(db);
}
