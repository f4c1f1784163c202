import { sql } from 'kysely';
import type { DB } from '../db';
import type { MemberRole } from '../db/schema';
import { hashPassword } from '../auth/password';
import { createCertificate } from '../qualifications/certificates';
import { DEMO_QUALIFICATIONS_XML } from './qualifications-xml';
import { applyImport, hashContent } from '../qualifications/import';
import { parseQualificationXml } from '../qualifications/parse';
import { resolveCompanyContext } from '../auth/context';
import { createTrajectory } from '../trajectories/create';
import { addEvidence } from '../trajectories/evidence';
import type { SessionUser } from '../auth/session';
import { seedDemoProfiles } from './profiles';
import { seedDemoConversations } from './conversations';
import { seedDemoAwards } from './awards';
import { seedDemoAdviser } from './adviser';
import { seedDemoCulture } from './culture';
import { demoTotpKey } from './totp';
import { seal } from '../auth/secret-box';
import { daysFromToday } from '../../time';

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

const daysAgo = (n: number) => daysFromToday(-n);

async function userByEmail(db: DB, email: string): Promise<SessionUser> {
	const u = await db
		.selectFrom('app_user')
		.select(['id', 'email', 'name', 'locale'])
		.where(sql`lower(email)`, '=', email)
		.executeTakeFirstOrThrow();
	return { ...u, platformRoles: [] };
}

/**
 * Trajectories with an assessment history at Zorggroep De Linde: a bbl learner with
 * self-assessments that differ from the trainer's, a certificate route, a stalled
 * practice statement, and a learner without a login. Only when the company has none.
 */
export async function seedDemoTrajectories(db: DB): Promise<void> {
	const hr = await userByEmail(db, 'hr@delinde.example');
	const ctx = await resolveCompanyContext(db, hr, 'zorggroep-de-linde', 'seed');
	if (!ctx) return;
	const existing = await db
		.selectFrom('trajectory')
		.select('id')
		.where('company_id', '=', ctx.company.id)
		.executeTakeFirst();
	if (existing) return;
	const ahmed = await userByEmail(db, 'opleider@delinde.example');
	const ingrid = await userByEmail(db, 'opleider2@delinde.example');
	const sanne = await userByEmail(db, 'sanne@ervaringswerk.example');
	const cert = await db
		.selectFrom('certificate')
		.select('id')
		.where('code', '=', 'DEMO-HZW-WONEN')
		.executeTakeFirstOrThrow();

	const plans = [
		{
			email: 'lerende@delinde.example',
			name: 'Fatima Yilmaz',
			input: { route: 'bbl_diploma', targetKind: 'qualification', crebo: '25498' },
			school: 'ROC Midden Nederland',
			start: 200,
			trainers: [ahmed.id],
			history: { from: 180, to: 6, competentShare: 0.45, self: true }
		},
		{
			email: 'p.dekker@delinde.example',
			name: 'Peter Dekker',
			input: { route: 'mbo_certificate', targetKind: 'certificate', certificateId: cert.id },
			school: 'ROC Midden Nederland',
			start: 120,
			trainers: [ingrid.id],
			history: { from: 100, to: 20, competentShare: 0.5, self: false }
		},
		{
			email: 'l.smit@delinde.example',
			name: 'Linda Smit',
			input: { route: 'practice_statement', targetKind: 'qualification', crebo: '25475' },
			school: null,
			start: 300,
			trainers: [ahmed.id, sanne.id],
			history: { from: 280, to: 130, competentShare: 0.2, self: false }
		},
		{
			email: null,
			name: 'Karim Haddou',
			input: { route: 'informal', targetKind: 'qualification', crebo: '25486' },
			school: null,
			start: 40,
			trainers: [sanne.id],
			history: { from: 30, to: 3, competentShare: 0.1, self: false }
		}
	] as const;

	for (const plan of plans) {
		const learnerUser = plan.email ? await userByEmail(db, plan.email) : null;
		const learnerId = learnerUser
			? (
					await db
						.insertInto('learner')
						.values({
							company_id: ctx.company.id,
							user_id: learnerUser.id,
							name: plan.name,
							email: plan.email,
							created_by: hr.id
						})
						.returning('id')
						.executeTakeFirstOrThrow()
				).id
			: null;
		const trajectoryId = await createTrajectory(db, ctx, {
			...plan.input,
			learnerId,
			newLearnerName: learnerId ? null : plan.name,
			school: plan.school,
			startDate: daysAgo(plan.start),
			plannedEndDate: daysAgo(plan.start - 730),
			trainerIds: [...plan.trainers]
		});
		const wps = await db
			.selectFrom('trajectory_work_process')
			.select('work_process_id')
			.where('company_id', '=', ctx.company.id)
			.where('trajectory_id', '=', trajectoryId)
			.orderBy('work_process_id')
			.execute();
		// Deterministic history: earlier work processes are further along.
		const h = plan.history;
		const rows = wps.flatMap((wp, i) => {
			const share = i / wps.length;
			const final = share < h.competentShare ? 3 : share < h.competentShare + 0.3 ? 2 : 1;
			const steps = Array.from({ length: final }, (_, k) => k + 1);
			return steps.map((level, k) => {
				const day = Math.round(h.from - ((h.from - h.to) * (i + k * 3)) / (wps.length + 6));
				return {
					company_id: ctx.company.id,
					trajectory_id: trajectoryId,
					work_process_id: wp.work_process_id,
					level,
					assessor_kind: 'trainer' as const,
					assessed_by: plan.trainers[0],
					assessed_on: daysAgo(Math.max(h.to, day)),
					comment: level === 3 ? 'Zelfstandig en volgens protocol uitgevoerd.' : null
				};
			});
		});
		if (h.self && learnerUser) {
			for (const [i, wp] of wps.entries()) {
				if (i % 2) continue;
				rows.push({
					company_id: ctx.company.id,
					trajectory_id: trajectoryId,
					work_process_id: wp.work_process_id,
					level: Math.min(3, (i / wps.length < h.competentShare ? 3 : 1) + (i % 4 === 0 ? 0 : 1)),
					assessor_kind: 'self' as never,
					assessed_by: learnerUser.id,
					assessed_on: daysAgo(h.to + 2),
					comment: null
				});
			}
		}
		if (rows.length) await db.insertInto('assessment').values(rows).execute();
		if (plan.name === 'Fatima Yilmaz' && learnerUser) {
			await seedDemoEvidence(db, learnerUser, trajectoryId, wps[0].work_process_id);
		}
	}
}

/** A one-page PDF with a few lines of text (valid: the cross-reference offsets are exact). */
export function demoPdf(lines: string[]): Uint8Array {
	const text = lines
		.map((l, i) => `BT /F1 12 Tf 56 ${780 - i * 18} Td (${l.replace(/[()\\]/g, '')}) Tj ET`)
		.join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
	];
	let pdf = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(pdf, 'latin1'));
		pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = Buffer.byteLength(pdf, 'latin1');
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(pdf, 'latin1');
}

/** A note and a small PDF from the learner on the first work process of her trajectory. */
async function seedDemoEvidence(
	db: DB,
	learner: SessionUser,
	trajectoryId: string,
	workProcessId: number
): Promise<void> {
	const ctx = await resolveCompanyContext(db, learner, 'zorggroep-de-linde', 'seed');
	if (!ctx) return;
	await addEvidence(db, ctx, trajectoryId, {
		workProcessId,
		kind: 'note',
		title: 'Ochtendzorg op de afdeling',
		body: 'Deze week drie ochtenden zelfstandig de ochtendzorg gedaan bij twee cliënten, met overdracht aan de avonddienst.'
	});
	await addEvidence(db, ctx, trajectoryId, {
		workProcessId,
		kind: 'file',
		title: 'Verslag van de werkweek',
		file: {
			name: 'verslag-werkweek.pdf',
			bytes: demoPdf([
				'Verslag van de werkweek - Fatima Yilmaz',
				'Ochtendzorg bij twee clienten, overdracht aan de avonddienst.',
				'Besproken met de praktijkopleider.'
			])
		}
	});
}

/** Idempotent: running it twice changes nothing. Returns the number of new users. */
export async function seedDemo(db: DB): Promise<{ users: number }> {
	await seedDemoQualifications(db);
	const result = await seedDemoAccounts(db);
	await seedDemoTrajectories(db);
	await seedDemoProfiles(db);
	await seedDemoConversations(db);
	await seedDemoAwards(db);
	await seedDemoAdviser(db);
	await seedDemoCulture(db);
	return result;
}

async function seedDemoAccounts(db: DB): Promise<{ users: number }> {
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
			// Their role requires two-step verification: on from the start, with the published
			// demo key (./totp.ts; `npm run demo:code` prints the current code).
			await trx
				.updateTable('app_user')
				.set({ totp_key: seal(demoTotpKey()), totp_enabled_at: new Date() })
				.where('id', '=', userId)
				.where('totp_enabled_at', 'is', null)
				.execute();
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
