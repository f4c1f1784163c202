import { sql } from 'kysely';
import type { DB } from '../db';
import { criteriaOf, DEFAULT_CRITERIA, DEFAULT_RULES } from '../awards/rounds';
import { amsterdamYear } from '../../time';

const DAY = 24 * 3600 * 1000;

/**
 * The election, alive whatever the day of seeding (years and dates relative to it):
 * - last year's round, published (Bart Hendriks won, Kees Mulder was a finalist), so
 *   the public page has content;
 * - this year's round in its regional jury phase, with Ahmed (accepted, endorsed by HR),
 *   Kees and a pending nomination of Jan de Groot (inserted directly, not through the
 *   eligibility check); adviseur@sbb.example is a juror of Midden-Nederland and the
 *   national jury;
 * - next year's round, open for nominations (without any yet), so anyone can nominate.
 * Nominators are learners who are not used by other e2e specs (plus Fatima, who
 * nominates her trainer). Only when there is no round yet.
 */
export async function seedDemoAwards(db: DB): Promise<void> {
	const exists = await db.selectFrom('award_round').select('id').limit(1).executeTakeFirst();
	if (exists) return;
	const users = new Map(
		(
			await db
				.selectFrom('app_user')
				.select(['id', 'email'])
				.where(sql`lower(email)`, 'in', [
					'opleider@delinde.example',
					'lerende@delinde.example',
					'hr@delinde.example',
					'opleider@vandijkbouw.example',
					'lerende@vandijkbouw.example',
					'r.meijer@vandijkbouw.example',
					'opleider@zeeuwsekust.example',
					'lerende@zeeuwsekust.example',
					'm.peeters@zeeuwsekust.example',
					'j.groot@zeeuwsekust.example',
					'adviseur@sbb.example',
					'admin@vakmaat.example'
				])
				.execute()
		).map((u) => [u.email, u.id])
	);
	const companies = new Map(
		(await db.selectFrom('company').select(['slug', 'id']).execute()).map((c) => [c.slug, c.id])
	);
	const regions = new Map(
		(await db.selectFrom('region').select(['name', 'id']).execute()).map((r) => [r.name, r.id])
	);
	const u = (email: string) => users.get(email)!;
	if (users.size < 12) return;
	const linde = companies.get('zorggroep-de-linde')!;
	const vandijk = companies.get('bouwbedrijf-van-dijk')!;
	const zeeuws = companies.get('hotel-de-zeeuwse-kust')!;
	const now = Date.now();
	const year = amsterdamYear(new Date(now));
	const at = (days: number) => new Date(now + days * DAY);

	await db.transaction().execute(async (trx) => {
		async function round(year: number, dates: Date[], published: Date | null) {
			const r = await trx
				.insertInto('award_round')
				.values({
					year,
					title: `Beste LLO-praktijkopleider ${year}`,
					nominations_open_at: dates[0],
					nominations_close_at: dates[1],
					regional_jury_until: dates[2],
					national_jury_until: dates[3],
					results_published_at: published,
					finalists_per_panel: 2,
					eligibility: JSON.stringify(DEFAULT_RULES)
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('award_criterion')
				.values(DEFAULT_CRITERIA.map((c, i) => ({ round_id: r.id, ...c, position: i + 1 })))
				.execute();
			return r.id;
		}
		async function nomination(
			roundId: string,
			nominator: string,
			nominee: string,
			companyId: string,
			status: 'accepted' | 'pending_consent',
			texts: string[],
			extra: { named?: boolean; consent?: boolean; endorsement?: string } = {}
		) {
			const n = await trx
				.insertInto('nomination')
				.values({
					round_id: roundId,
					nominator_id: u(nominator),
					nominee_id: u(nominee),
					company_id: companyId,
					status,
					nominator_named: extra.named ?? false,
					publish_consent: extra.consent ?? false,
					consented_at: status === 'accepted' ? new Date() : null,
					endorsement: extra.endorsement ?? null,
					endorsed_by: extra.endorsement ? u('hr@delinde.example') : null,
					endorsed_at: extra.endorsement ? new Date() : null
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const criteria = await criteriaOf(trx, roundId);
			await trx
				.insertInto('nomination_motivation')
				.values(
					criteria.map((c, i) => ({
						nomination_id: n.id,
						criterion_id: c.id,
						text: texts[i % texts.length]
					}))
				)
				.execute();
		}
		async function panel(
			roundId: string,
			kind: 'regional' | 'national',
			name: string,
			regionNames: string[],
			jurors: string[]
		) {
			const p = await trx
				.insertInto('jury_panel')
				.values({
					round_id: roundId,
					kind,
					name,
					region_ids: regionNames.map((r) => regions.get(r)!)
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('jury_member')
				.values(jurors.map((j) => ({ panel_id: p.id, user_id: u(j) })))
				.execute();
			return p.id;
		}
		async function scores(
			roundId: string,
			panelId: string,
			juror: string,
			nominee: string,
			values: number[],
			when: Date
		) {
			const criteria = await criteriaOf(trx, roundId);
			await trx
				.insertInto('jury_score')
				.values(
					criteria.map((c, i) => ({
						panel_id: panelId,
						juror_id: u(juror),
						nominee_id: u(nominee),
						criterion_id: c.id,
						score: values[i],
						submitted_at: when
					}))
				)
				.execute();
		}

		// Last year's, published.
		const r25 = await round(year - 1, [at(-330), at(-285), at(-255), at(-225)], at(-195));
		await nomination(
			r25,
			'lerende@vandijkbouw.example',
			'opleider@vandijkbouw.example',
			vandijk,
			'accepted',
			[
				'Kees liet mij als zij-instromer vanaf de eerste week zelf klussen plannen, met een vaste vraagronde elke vrijdag.',
				'Hij keek eerst wat ik uit mijn vorige baan al kon en liet me dat meteen laten zien op de bouwplaats.'
			],
			{ consent: true }
		);
		await nomination(
			r25,
			'lerende@zeeuwsekust.example',
			'opleider@zeeuwsekust.example',
			zeeuws,
			'accepted',
			[
				'Bart paste mijn rooster aan zodat ik mijn opleiding kon combineren met de zorg voor mijn kinderen.',
				'Door Bart durfde ik na twintig jaar weer te leren; ik haalde mijn certificaat in negen maanden.'
			],
			{ consent: true }
		);
		const zw25 = await panel(
			r25,
			'regional',
			'Zuidwest',
			['Rijnmond', 'Zeeland', 'Drechtsteden', 'West-Brabant'],
			['adviseur@sbb.example']
		);
		await panel(
			r25,
			'regional',
			'Midden-Nederland',
			['Midden-Utrecht', 'Amersfoort', 'FoodValley', 'Gooi en Vechtstreek'],
			['adviseur@sbb.example']
		);
		const nat25 = await panel(r25, 'national', 'Landelijke jury', [], ['admin@vakmaat.example']);
		const when25 = at(-265);
		await scores(
			r25,
			zw25,
			'adviseur@sbb.example',
			'opleider@vandijkbouw.example',
			[7, 8, 8, 7, 7],
			when25
		);
		await scores(
			r25,
			zw25,
			'adviseur@sbb.example',
			'opleider@zeeuwsekust.example',
			[8, 8, 9, 7, 8],
			when25
		);
		const whenNat = at(-235);
		await scores(
			r25,
			nat25,
			'admin@vakmaat.example',
			'opleider@vandijkbouw.example',
			[8, 8, 8, 8, 8],
			whenNat
		);
		await scores(
			r25,
			nat25,
			'admin@vakmaat.example',
			'opleider@zeeuwsekust.example',
			[9, 9, 9, 8, 9],
			whenNat
		);
		await trx
			.updateTable('award_round')
			.set({ winner_user_id: u('opleider@zeeuwsekust.example'), winner_company_id: zeeuws })
			.where('id', '=', r25)
			.execute();

		// This year's, regional jury phase.
		const r26 = await round(year, [at(-60), at(-3), at(25), at(50)], null);
		await nomination(
			r26,
			'lerende@delinde.example',
			'opleider@delinde.example',
			linde,
			'accepted',
			[
				'Ahmed bespreekt elke maand hoe mijn opleiding past naast mijn werk en mijn gezin, en past de planning aan.',
				'Hij liet mijn ervaring als mantelzorger meetellen en regelde een vrijstelling voor wat ik al kon.'
			],
			{
				named: true,
				consent: true,
				endorsement:
					'Ahmed is voor onze zij-instromers het eerste aanspreekpunt; wij steunen deze nominatie van harte.'
			}
		);
		await nomination(
			r26,
			'r.meijer@vandijkbouw.example',
			'opleider@vandijkbouw.example',
			vandijk,
			'accepted',
			[
				'Kees neemt de tijd om uit te leggen waarom we iets zo doen, ook als het druk is op de bouw.',
				'Na mijn omscholing vanuit de logistiek heb ik dankzij hem binnen een jaar mijn eerste certificaat.'
			]
		);
		await nomination(
			r26,
			'm.peeters@zeeuwsekust.example',
			'j.groot@zeeuwsekust.example',
			zeeuws,
			'pending_consent',
			[
				'Bart zorgt dat iedereen in de keuken iets leert, ook de collega’s die nooit een diploma haalden.'
			]
		);
		await panel(
			r26,
			'regional',
			'Midden-Nederland',
			['Midden-Utrecht', 'Amersfoort', 'FoodValley', 'Gooi en Vechtstreek'],
			['adviseur@sbb.example']
		);
		const zw26 = await panel(
			r26,
			'regional',
			'Zuidwest',
			['Rijnmond', 'Zeeland', 'Drechtsteden', 'West-Brabant'],
			['admin@vakmaat.example']
		);
		await panel(
			r26,
			'national',
			'Landelijke jury',
			[],
			['adviseur@sbb.example', 'admin@vakmaat.example']
		);
		await scores(
			r26,
			zw26,
			'admin@vakmaat.example',
			'opleider@vandijkbouw.example',
			[8, 7, 8, 7, 8],
			at(-1)
		);

		// Next year's, open for nominations (its juries are set up later, as in real life).
		await round(year + 1, [at(-2), at(45), at(75), at(100)], null);
	});
}
