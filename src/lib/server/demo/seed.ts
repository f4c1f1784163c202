import { sql } from 'kysely';
import type { DB } from '../db';
import type { MemberRole } from '../db/schema';
import { hashPassword } from '../auth/password';
import { createCertificate } from '../qualifications/certificates';
import { DEMO_QUALIFICATIONS_XML } from '../qualifications/demo-set';
import { applyImport, hashContent } from '../qualifications/import';
import { parseQualificationXml } from '../qualifications/parse';

/** The password of every demo account (README lists the logins). */
export const DEMO_PASSWORD = 'Vakmaat-demo-2026';

interface DemoCompany {
	slug: string;
	name: string;
	kvk: string;
	sbb: string | null;
	street: string;
	postcode: string;
	city: string;
	region: string;
	sectorChamber: string;
	people: { email: string; name: string; roles: MemberRole[] }[];
}

export const DEMO_COMPANIES: DemoCompany[] = [
	{
		slug: 'zorggroep-de-linde',
		name: 'Zorggroep De Linde',
		kvk: '41234567',
		sbb: '100234567',
		street: 'Lindelaan 12',
		postcode: '3521 AB',
		city: 'Utrecht',
		region: 'Midden-Utrecht',
		sectorChamber: 'zorg, welzijn en sport',
		people: [
			{ email: 'hr@delinde.example', name: 'Marieke Jansen', roles: ['hr'] },
			{ email: 'opleider@delinde.example', name: 'Ahmed El Amrani', roles: ['trainer'] },
			{ email: 'opleider2@delinde.example', name: 'Ingrid Visser', roles: ['trainer'] },
			{ email: 'lerende@delinde.example', name: 'Fatima Yilmaz', roles: ['learner'] },
			{ email: 'p.dekker@delinde.example', name: 'Peter Dekker', roles: ['learner'] },
			{ email: 'l.smit@delinde.example', name: 'Linda Smit', roles: ['learner'] },
			{ email: 'sanne@ervaringswerk.example', name: 'Sanne de Vries', roles: ['trainer'] }
		]
	},
	{
		slug: 'bouwbedrijf-van-dijk',
		name: 'Bouwbedrijf Van Dijk & Zonen',
		kvk: '24567890',
		sbb: '100345678',
		street: 'Havenweg 4',
		postcode: '3089 JK',
		city: 'Rotterdam',
		region: 'Rijnmond',
		sectorChamber: 'techniek en gebouwde omgeving',
		people: [
			{ email: 'hr@vandijkbouw.example', name: 'Johan van Dijk', roles: ['hr'] },
			{ email: 'opleider@vandijkbouw.example', name: 'Kees Mulder', roles: ['trainer'] },
			{ email: 'opleider2@vandijkbouw.example', name: 'Sevda Kaya', roles: ['trainer'] },
			{ email: 'lerende@vandijkbouw.example', name: 'Tom Bos', roles: ['learner'] },
			{ email: 'r.meijer@vandijkbouw.example', name: 'Rob Meijer', roles: ['learner'] },
			{ email: 'd.vos@vandijkbouw.example', name: 'Daan Vos', roles: ['learner'] }
		]
	},
	{
		slug: 'hotel-de-zeeuwse-kust',
		name: 'Hotel De Zeeuwse Kust',
		kvk: '22334455',
		sbb: null,
		street: 'Boulevard de Ruyter 8',
		postcode: '4381 KA',
		city: 'Vlissingen',
		region: 'Zeeland',
		sectorChamber: 'voedsel, groen en gastvrijheid',
		people: [
			{ email: 'hr@zeeuwsekust.example', name: 'Els de Wit', roles: ['hr'] },
			{ email: 'opleider@zeeuwsekust.example', name: 'Bart Hendriks', roles: ['trainer'] },
			{ email: 'sanne@ervaringswerk.example', name: 'Sanne de Vries', roles: ['trainer'] },
			{ email: 'lerende@zeeuwsekust.example', name: 'Noor Bakker', roles: ['learner'] },
			{ email: 'm.peeters@zeeuwsekust.example', name: 'Mila Peeters', roles: ['learner'] },
			{ email: 'j.groot@zeeuwsekust.example', name: 'Jan de Groot', roles: ['learner', 'trainer'] }
		]
	}
];

export const DEMO_PLATFORM = [
	{ email: 'admin@vakmaat.example', name: 'Beheerder Vakmaat', role: 'admin' as const },
	{
		email: 'adviseur@sbb.example',
		name: 'Wendy Adviseur',
		role: 'adviser' as const,
		regions: ['Midden-Utrecht']
	}
];

/**
 * The bundled qualification set (written for this project in SBB's format) and one
 * mbo-certificaat on it. Re-running changes nothing (same content hash).
 */
export async function seedDemoQualifications(db: DB): Promise<void> {
	await applyImport(db, parseQualificationXml(DEMO_QUALIFICATIONS_XML, 'demo-set.xml'), {
		userId: null,
		fileName: 'demo-set.xml',
		fileHash: hashContent(DEMO_QUALIFICATIONS_XML)
	});
	const exists = await db
		.selectFrom('certificate')
		.select('id')
		.where('code', '=', 'DEMO-HZW-WONEN')
		.executeTakeFirst();
	if (!exists) {
		await createCertificate(
			db,
			{ userId: null },
			{
				code: 'DEMO-HZW-WONEN',
				title: 'Ondersteunen bij wonen en persoonlijke zorg',
				crebo: '25498',
				workProcessCodes: ['P2-K1-W1', 'P2-K1-W2']
			}
		);
	}
}

/** Idempotent: running it twice changes nothing. Returns the number of new users. */
export async function seedDemo(db: DB): Promise<{ users: number }> {
	await seedDemoQualifications(db);
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	return db.transaction().execute(async (trx) => {
		const regions = new Map(
			(await trx.selectFrom('region').select(['id', 'name']).execute()).map((r) => [r.name, r.id])
		);
		const chambers = new Map(
			(await trx.selectFrom('sector_chamber').select(['id', 'name']).execute()).map((r) => [
				r.name,
				r.id
			])
		);
		let created = 0;
		const userIds = new Map<string, string>();
		async function ensureUser(email: string, name: string): Promise<string> {
			const known = userIds.get(email);
			if (known) return known;
			const inserted = await trx
				.insertInto('app_user')
				.values({ email, name, password_hash: passwordHash })
				.onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
				.returning('id')
				.executeTakeFirst();
			if (inserted) created++;
			const id =
				inserted?.id ??
				(
					await trx
						.selectFrom('app_user')
						.select('id')
						.where(sql`lower(email)`, '=', email.toLowerCase())
						.executeTakeFirstOrThrow()
				).id;
			userIds.set(email, id);
			return id;
		}

		for (const c of DEMO_COMPANIES) {
			await trx
				.insertInto('company')
				.values({
					slug: c.slug,
					name: c.name,
					kvk_number: c.kvk,
					sbb_number: c.sbb,
					street: c.street,
					postcode: c.postcode,
					city: c.city,
					region_id: regions.get(c.region)!,
					sector_chamber_id: chambers.get(c.sectorChamber)!
				})
				.onConflict((oc) => oc.column('slug').doNothing())
				.execute();
			const company = await trx
				.selectFrom('company')
				.select('id')
				.where('slug', '=', c.slug)
				.executeTakeFirstOrThrow();
			for (const p of c.people) {
				const userId = await ensureUser(p.email, p.name);
				await trx
					.insertInto('membership')
					.values({ company_id: company.id, user_id: userId, roles: p.roles })
					.onConflict((oc) => oc.columns(['company_id', 'user_id']).doNothing())
					.execute();
			}
		}
		for (const p of DEMO_PLATFORM) {
			const userId = await ensureUser(p.email, p.name);
			await trx
				.insertInto('platform_role')
				.values({ user_id: userId, role: p.role })
				.onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
				.execute();
			for (const region of ('regions' in p ? p.regions : undefined) ?? []) {
				await trx
					.insertInto('adviser_region')
					.values({ user_id: userId, region_id: regions.get(region)! })
					.onConflict((oc) => oc.columns(['user_id', 'region_id']).doNothing())
					.execute();
			}
		}
		return { users: created };
	});
}
