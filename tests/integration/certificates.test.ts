import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	CatalogueEntryError,
	createCertificate,
	importCatalogue,
	listCertificates
} from '../../src/lib/server/qualifications/certificates';
import { getQualification } from '../../src/lib/server/qualifications/browse';
import { seedDemoQualifications } from '../../src/lib/server/demo/seed';
import { createTestDatabase, type TestDatabase } from './db';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemoQualifications(t.db);
});
afterAll(() => t.close());

const actor = { userId: null };

describe('certificates', () => {
	it('the demo seed has a certificate shown on its qualification, and is idempotent', async () => {
		await seedDemoQualifications(t.db);
		const detail = await getQualification(t.db, '25498');
		expect(detail!.certificates).toEqual([
			expect.objectContaining({
				code: 'DEMO-HZW-WONEN',
				workProcessCodes: ['P2-K1-W1', 'P2-K1-W2']
			})
		]);
		const dossiers = await t.db.selectFrom('qualification_dossier').select('id').execute();
		expect(dossiers).toHaveLength(3);
	});

	it('refuses work processes of another qualification and duplicate codes', async () => {
		await expect(
			createCertificate(t.db, actor, {
				code: 'X1',
				title: 'Verkeerd',
				crebo: '25498',
				workProcessCodes: ['P1-K1-W1']
			})
		).rejects.toMatchObject({ code: 'work_process_unknown', field: 'workProcessCodes' });
		await expect(
			createCertificate(t.db, actor, {
				code: 'X2',
				title: 'Geen',
				crebo: '99999',
				workProcessCodes: ['B1-K1-W1']
			})
		).rejects.toMatchObject({ code: 'qualification_unknown' });
		await expect(
			createCertificate(t.db, actor, {
				code: 'demo-hzw-wonen',
				title: 'Dubbel',
				crebo: '25498',
				workProcessCodes: ['B1-K1-W1']
			})
		).rejects.toMatchObject({ code: 'certificate_code_taken', field: 'code' });
	});

	it('imports keuzedelen and certificates from the catalogue, all or nothing', async () => {
		const input = {
			electives: [{ code: 'K0125', title: 'Mantelzorg', level: 3, studyLoadHours: 240 }],
			certificates: [
				{
					code: 'C-BGZ',
					title: 'Basis begeleiding',
					crebo: '25475',
					workProcessCodes: ['B1-K1-W1', 'B1-K1-W2']
				},
				{ code: 'C-K0125', title: 'Keuzedeel Mantelzorg', electiveCode: 'K0125' }
			]
		};
		expect(await importCatalogue(t.db, actor, input)).toEqual({
			electives: 1,
			certificatesAdded: 2,
			certificatesSkipped: 0
		});
		expect(await importCatalogue(t.db, actor, input)).toMatchObject({
			certificatesAdded: 0,
			certificatesSkipped: 2
		});
		const before = await listCertificates(t.db);
		await expect(
			importCatalogue(t.db, actor, {
				electives: [{ code: 'K0200', title: 'Nieuw' }],
				certificates: [
					{ code: 'C-OK', title: 'Goed', crebo: '25475', workProcessCodes: ['B1-K1-W1'] },
					{ code: 'C-FOUT', title: 'Fout', crebo: '25475', workProcessCodes: ['Z9-K9-W9'] }
				]
			})
		).rejects.toBeInstanceOf(CatalogueEntryError);
		expect(await listCertificates(t.db)).toEqual(before);
		const k0200 = await t.db
			.selectFrom('elective')
			.select('id')
			.where('code', '=', 'K0200')
			.execute();
		expect(k0200).toHaveLength(0);
	});
});
