import { sql } from 'kysely';
import type { DB } from '../db';
import { daysFromToday, fromAmsterdamLocal } from '../../time';

/**
 * Demo conversations at Zorggroep De Linde, so the cycle is visible in `npm run dev`:
 * Fatima Yilmaz (trainer Ahmed El Amrani) has a signed ontwikkelgesprek of two months
 * ago with an open and an overdue action, and a planned voortgangsgesprek in five
 * days; Peter Dekker (trainer Ingrid Visser) has a planned Loopbaan-APK. Written
 * directly (no mails). Only when the company has no conversations yet.
 */
export async function seedDemoConversations(db: DB): Promise<void> {
	const company = await db
		.selectFrom('company')
		.select('id')
		.where('slug', '=', 'zorggroep-de-linde')
		.executeTakeFirst();
	if (!company) return;
	const co = company.id;
	const existing = await db
		.selectFrom('conversation')
		.select('id')
		.where('company_id', '=', co)
		.executeTakeFirst();
	if (existing) return;

	const user = async (email: string) =>
		(
			await db
				.selectFrom('app_user')
				.select('id')
				.where(sql`lower(email)`, '=', email)
				.executeTakeFirstOrThrow()
		).id;
	const learnerOf = async (userId: string) =>
		db
			.selectFrom('learner as l')
			.leftJoin('trajectory as t', (j) =>
				j.onRef('t.company_id', '=', 'l.company_id').onRef('t.learner_id', '=', 'l.id')
			)
			.select(['l.id', 't.id as trajectory_id'])
			.where('l.company_id', '=', co)
			.where('l.user_id', '=', userId)
			.executeTakeFirst();
	const version = async (kind: string) =>
		(
			await db
				.selectFrom('conversation_template as t')
				.innerJoin('conversation_template_version as v', 'v.template_id', 't.id')
				.select('v.id')
				.where('t.company_id', 'is', null)
				.where('t.kind', '=', kind)
				.orderBy('v.number', 'desc')
				.executeTakeFirstOrThrow()
		).id;

	const ahmed = await user('opleider@delinde.example');
	const ingrid = await user('opleider2@delinde.example');
	const fatimaUser = await user('lerende@delinde.example');
	const fatima = await learnerOf(fatimaUser);
	const peter = await learnerOf(await user('p.dekker@delinde.example'));
	if (!fatima || !peter) return;

	// The hour in Amsterdam, n days from today there.
	const at = (days: number, hour: number) =>
		fromAmsterdamLocal(`${daysFromToday(days)}T${String(hour).padStart(2, '0')}:00`)!;
	const date = (days: number) => daysFromToday(days);

	async function conversation(values: {
		learnerId: string;
		trajectoryId: string | null;
		kind: string;
		plannedAt: Date;
		trainer: string;
		signed?: boolean;
		answers?: { learner: object; trainer: object; agreed: object };
	}) {
		const row = await db
			.insertInto('conversation')
			.values({
				company_id: co,
				learner_id: values.learnerId,
				trajectory_id: values.trajectoryId,
				template_version_id: await version(values.kind),
				planned_at: values.plannedAt,
				status: values.signed ? 'signed' : 'planned',
				trainer_user_id: values.trainer,
				created_by: values.trainer,
				held_at: values.signed ? values.plannedAt : null,
				learner_signed_at: values.signed ? values.plannedAt : null,
				learner_signed_by: values.signed ? fatimaUser : null,
				trainer_signed_at: values.signed ? values.plannedAt : null,
				trainer_signed_by: values.signed ? values.trainer : null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('conversation_answer')
			.values(
				(['learner', 'trainer', 'agreed'] as const).map((role) => ({
					company_id: co,
					conversation_id: row.id,
					role,
					answers: JSON.stringify(values.answers?.[role] ?? {}),
					shared_at: values.signed && role !== 'agreed' ? values.plannedAt : null,
					updated_by: values.trainer
				}))
			)
			.execute();
		return row.id;
	}

	const earlier = await conversation({
		learnerId: fatima.id,
		trajectoryId: fatima.trajectory_id,
		kind: 'ontwikkelgesprek',
		plannedAt: at(-60, 10),
		trainer: ahmed,
		signed: true,
		answers: {
			learner: {
				trots: 'Dat ik de ochtendzorg nu zelfstandig doe bij twee cliënten.',
				werkplezier: 4,
				ondersteuning: 'Vaker meelopen bij de wondzorg.'
			},
			trainer: {
				trots: 'Fatima werkt zorgvuldig en overlegt goed met collega’s.',
				werkplezier: 4
			},
			agreed: {
				trots: 'Zelfstandig ochtendzorg verlenen; zorgvuldige overdracht aan de avonddienst.',
				lastig: 'Rapporteren in het cliëntdossier kost nog veel tijd.',
				werkplezier: 4,
				leervorm: ['Meelopen met een collega', 'Zelf doen en daarna bespreken'],
				ondersteuning: 'Meelopen met de wondverpleegkundige; tijd voor rapporteren inplannen.',
				doelen: ['Wondzorg onder begeleiding uitvoeren', 'Rapportage binnen de dienst afronden']
			}
		}
	});
	await db
		.insertInto('conversation_action')
		.values([
			{
				company_id: co,
				conversation_id: earlier,
				learner_id: fatima.id,
				description: 'Twee keer meelopen met de wondverpleegkundige',
				owner_role: 'learner',
				due_date: date(25),
				created_by: ahmed
			},
			{
				company_id: co,
				conversation_id: earlier,
				learner_id: fatima.id,
				description: 'Met school de planning van de beroepspraktijkvorming afstemmen',
				owner_role: 'trainer',
				due_date: date(-10),
				created_by: ahmed
			},
			{
				company_id: co,
				conversation_id: earlier,
				learner_id: fatima.id,
				description: 'Rooster aanpassen zodat er tijd is voor rapporteren',
				owner_role: 'hr',
				due_date: date(-30),
				done_at: at(-35, 12),
				done_by: ahmed,
				created_by: ahmed
			}
		])
		.execute();
	await conversation({
		learnerId: fatima.id,
		trajectoryId: fatima.trajectory_id,
		kind: 'voortgang',
		plannedAt: at(5, 14),
		trainer: ahmed
	});
	await conversation({
		learnerId: peter.id,
		trajectoryId: peter.trajectory_id,
		kind: 'loopbaan_apk',
		plannedAt: at(10, 11),
		trainer: ingrid
	});
}
