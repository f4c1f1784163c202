import { daysFromToday } from '../../time';
import { generateToken, hashToken } from '../auth/tokens';
import { currentInstrumentId, instrumentOf } from '../culture/instrument';
import { responseKey } from '../culture/respond';
import type { DB } from '../db';

/**
 * Demo learning-culture scans (issue 15): Zorggroep De Linde held two rounds, about
 * eight and two months ago, so its results page shows a trend, strengths and points of
 * attention and open answers; Bouwbedrijf Van Dijk held one. Answers are made up from a
 * fixed pattern per dimension (no randomness: every seed gives the same figures).
 * Closed rounds keep no addresses or links, as after the real housekeeping.
 */
interface DemoRound {
	slug: string;
	opens: number;
	closes: number;
	employees: number;
	invited: number;
	/** Employees' typical answer per dimension code. */
	base: Record<string, number>;
	management: Record<string, number>;
	open: string[];
	/**
	 * The round's teams (migration 0036): respondent i chose team `of[i]` (1-based; null or
	 * beyond the list: not said), whose answers lean by `shift[team][code]`.
	 */
	teams?: { names: string[]; of: (number | null)[]; shift: Record<number, Record<string, number>> };
	/** The improvement plan HR made after the round. */
	plan?: {
		title: string;
		dimension: string;
		owner: string;
		due: number;
		status: 'open' | 'in_progress' | 'done';
	}[];
}

const ROUNDS: DemoRound[] = [
	{
		slug: 'zorggroep-de-linde',
		opens: -250,
		closes: -236,
		employees: 9,
		invited: 12,
		base: {
			werk: 3.4,
			ruimte: 2.6,
			samen: 3.9,
			leidinggevende: 2.8,
			voorwaarden: 2.4,
			koers: 2.9,
			eigen: 3.6
		},
		management: {
			werk: 4,
			ruimte: 4,
			samen: 4,
			leidinggevende: 4,
			voorwaarden: 4,
			koers: 5,
			eigen: 4
		},
		open: [
			'Meer tijd om samen met een ervaren collega te werken.',
			'Dat ik weet wie ik iets kan vragen als ik vastloop.',
			'Een vast moment per maand om te bespreken wat ik wil leren.'
		]
	},
	{
		slug: 'zorggroep-de-linde',
		opens: -75,
		closes: -61,
		employees: 10,
		invited: 12,
		base: {
			werk: 3.6,
			ruimte: 3.3,
			samen: 4.2,
			leidinggevende: 3.4,
			voorwaarden: 2.5,
			koers: 3.2,
			eigen: 3.8
		},
		management: {
			werk: 4,
			ruimte: 4,
			samen: 4,
			leidinggevende: 4,
			voorwaarden: 4,
			koers: 4,
			eigen: 4
		},
		open: [
			'Budget voor de opleiding tot verzorgende IG, ook voor parttimers.',
			'Minder roosterdruk, dan kan ik ook echt leren op de afdeling.',
			'Het werkt goed dat Ahmed na elke dienst even terugkijkt met ons.',
			'Meer uitleg over waar de organisatie heen wil met de wijkzorg.'
		],
		teams: {
			names: ['Wijkzorg', 'Verpleeghuis De Linde', 'Facilitair'],
			of: [1, 2, 1, 2, 1, 2, 1, 2, 1, 2],
			shift: { 1: { voorwaarden: -0.5, ruimte: 0.5 }, 2: { voorwaarden: 0.5, ruimte: -0.5 } }
		},
		plan: [
			{
				title: 'Per afdeling vier uur per maand inroosteren om samen te leren',
				dimension: 'voorwaarden',
				owner: 'hr@delinde.example',
				due: 30,
				status: 'in_progress'
			},
			{
				title: 'Na elke dienst vijf minuten terugkijken, op alle afdelingen',
				dimension: 'ruimte',
				owner: 'opleider@delinde.example',
				due: 45,
				status: 'open'
			},
			{
				title: 'Teamoverleg over de koers van de wijkzorg',
				dimension: 'koers',
				owner: 'hr@delinde.example',
				due: -10,
				status: 'done'
			}
		]
	},
	{
		slug: 'bouwbedrijf-van-dijk',
		opens: -140,
		closes: -126,
		employees: 6,
		invited: 8,
		base: {
			werk: 3.9,
			ruimte: 3.0,
			samen: 4.3,
			leidinggevende: 3.1,
			voorwaarden: 3.4,
			koers: 2.7,
			eigen: 3.2
		},
		management: {
			werk: 4,
			ruimte: 3,
			samen: 4,
			leidinggevende: 4,
			voorwaarden: 4,
			koers: 4,
			eigen: 3
		},
		open: ['Vaker meedraaien met de uitvoerder op een andere bouwplaats.']
	}
];

/** A fixed spread around the base: respondent i, statement j → −1, 0 or +1. */
const spread = (i: number, j: number) => (((i * 7 + j * 3) % 5) - 2) / 2;
const clamp = (v: number) => Math.max(1, Math.min(5, Math.round(v)));

/** Companies whose HR shares the scan results with the adviser (De Linde, in the demo adviser's region). */
const SHARED = ['zorggroep-de-linde'];

export async function seedDemoCulture(db: DB): Promise<void> {
	for (const slug of SHARED) {
		await db
			.insertInto('culture_share')
			.columns(['company_id'])
			.expression((eb) => eb.selectFrom('company').select('id').where('slug', '=', slug))
			.onConflict((oc) => oc.column('company_id').doNothing())
			.execute();
	}
	const instrument = (await instrumentOf(db, await currentInstrumentId(db)))!;
	for (const round of ROUNDS) {
		const company = await db
			.selectFrom('company')
			.select('id')
			.where('slug', '=', round.slug)
			.executeTakeFirst();
		if (!company) continue;
		const opensOn = daysFromToday(round.opens);
		const exists = await db
			.selectFrom('culture_round')
			.select('id')
			.where('company_id', '=', company.id)
			.where('opens_on', '=', opensOn)
			.executeTakeFirst();
		if (exists) continue;
		const row = await db
			.insertInto('culture_round')
			.values({
				company_id: company.id,
				version_id: instrument.id,
				teams: round.teams?.names ?? [],
				opens_on: opensOn,
				closes_on: daysFromToday(round.closes),
				reminder_on: daysFromToday(round.closes - 4),
				invited_employees: round.invited,
				invited_management: 2,
				invitations_sent_at: new Date(),
				reminder_sent_at: new Date()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		// Invitations of a closed round: the hash only (address and link removed).
		await db
			.insertInto('culture_invitation')
			.values(
				Array.from({ length: round.invited + 2 }, (_, i) => ({
					company_id: company.id,
					round_id: row.id,
					audience: i < round.invited ? ('employee' as const) : ('management' as const),
					token_hash: hashToken(generateToken())
				}))
			)
			.execute();
		const responses = [];
		for (let i = 0; i < round.employees; i++) {
			const team = round.teams?.of[i] ?? null;
			const shift = (team && round.teams?.shift[team]) || {};
			const answers: Record<string, number> = {};
			for (const d of instrument.dimensions) {
				d.employee.forEach((s, j) => {
					answers[String(s.id)] = clamp(round.base[d.code] + (shift[d.code] ?? 0) + spread(i, j));
				});
			}
			responses.push({
				audience: 'employee' as const,
				answers,
				open: round.open[i] ?? null,
				team
			});
		}
		for (let i = 0; i < 2; i++) {
			const answers: Record<string, number> = {};
			for (const d of instrument.dimensions) {
				for (const s of d.management)
					answers[String(s.id)] = clamp(round.management[d.code] - i * 0.5);
			}
			responses.push({ audience: 'management' as const, answers, open: null, team: null });
		}
		await db
			.insertInto('culture_response')
			.values(
				responses.map((r) => ({
					company_id: company.id,
					round_id: row.id,
					audience: r.audience,
					response_key: responseKey(generateToken()),
					answers: JSON.stringify(r.answers),
					open_answer: r.open,
					team: r.team
				}))
			)
			.execute();
		for (const action of round.plan ?? []) {
			const owner = await db
				.selectFrom('app_user')
				.select('id')
				.where('email', '=', action.owner)
				.executeTakeFirst();
			if (!owner) continue;
			await db
				.insertInto('culture_action')
				.values({
					company_id: company.id,
					round_id: row.id,
					dimension_code: action.dimension,
					title: action.title,
					owner_user_id: owner.id,
					due_on: daysFromToday(action.due),
					status: action.status,
					created_by: owner.id
				})
				.execute();
		}
	}
}
