import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createInstrumentDraft,
	discardInstrumentDraft,
	draftInstrumentId,
	listInstrumentVersions,
	publishInstrumentDraft,
	saveInstrumentDraft,
	type DraftInput
} from '../../src/lib/server/culture/editor';
import { currentInstrumentId, instrumentOf } from '../../src/lib/server/culture/instrument';
import { listRounds } from '../../src/lib/server/culture/rounds';
import { roundResults } from '../../src/lib/server/culture/results';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { DomainError } from '../../src/lib/server/errors';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, userId, expectDomainError } from './fixtures';

/** The admin edits the learning-culture instrument in versions (issue 15). */
let t: TestDatabase;
let admin: string;
beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	admin = await userId(t.db, 'admin@vakmaat.example');
});
afterAll(() => t?.close());

/** The draft as the form sends it back unchanged. */
async function inputOf(versionId: number): Promise<DraftInput> {
	const v = (await instrumentOf(t.db, versionId))!;
	return {
		openQuestionNl: v.openQuestionNl,
		openQuestionEn: v.openQuestionEn,
		dimensions: v.dimensions.map((d) => ({
			code: d.code,
			nameNl: d.nl,
			nameEn: d.en,
			descriptionNl: d.descriptionNl,
			descriptionEn: d.descriptionEn,
			employeeNl: d.employee.map((s) => s.nl),
			employeeEn: d.employee.map((s) => s.en),
			managementNl: d.management.map((s) => s.nl),
			managementEn: d.management.map((s) => s.en)
		}))
	};
}

describe('the instrument editor', () => {
	it('a draft is a copy of the current version; a double submit opens one', async () => {
		const current = await currentInstrumentId(t.db);
		const token = crypto.randomUUID();
		const [a, b] = await Promise.all([
			createInstrumentDraft(t.db, admin, token),
			createInstrumentDraft(t.db, admin, token)
		]);
		expect(a).toBe(b);
		expect(await draftInstrumentId(t.db)).toBe(a);
		const [copy, original] = [await inputOf(a), await inputOf(current)];
		expect(copy).toEqual(original);
		// Still the current version until it is published.
		expect(await currentInstrumentId(t.db)).toBe(current);
	});

	it('refuses too few statements, unpaired translations and long ones; nothing half-saved', async () => {
		const draft = (await draftInstrumentId(t.db))!;
		const before = await inputOf(draft);
		const bad = structuredClone(before);
		bad.dimensions[0].nameNl = 'Andere naam';
		bad.dimensions[1].employeeNl = ['Eén stelling'];
		bad.dimensions[1].employeeEn = ['One statement'];
		await expectDomainError(
			saveInstrumentDraft(t.db, admin, bad),
			'culture_statement_count',
			`employee_nl_${bad.dimensions[1].code}`
		);
		const unpaired = structuredClone(before);
		unpaired.dimensions[2].managementEn = [...unpaired.dimensions[2].managementEn, 'Extra'];
		await expectDomainError(
			saveInstrumentDraft(t.db, admin, unpaired),
			'culture_statement_pairs',
			`management_en_${unpaired.dimensions[2].code}`
		);
		const long = structuredClone(before);
		long.dimensions[3].employeeEn[0] = 'x'.repeat(301);
		await expectDomainError(
			saveInstrumentDraft(t.db, admin, long),
			'culture_statement_too_long',
			`employee_en_${long.dimensions[3].code}`
		);
		expect(await inputOf(draft)).toEqual(before);
	});

	it('publishing makes it the version of new rounds; a held round keeps its own and its results', async () => {
		const ctx = await contextFor(t.db, 'hr@delinde.example', 'zorggroep-de-linde');
		const [held] = await listRounds(t.db, ctx);
		const resultsBefore = await roundResults(t.db, ctx, held.id);
		const draft = (await draftInstrumentId(t.db))!;
		const edited = await inputOf(draft);
		const code = edited.dimensions[0].code;
		edited.dimensions[0].employeeNl = [
			'Mijn werk is afwisselend.',
			'Ik mag zelf kiezen hoe ik werk.',
			' '
		];
		edited.dimensions[0].employeeEn = ['My work is varied.', 'I may choose how I work.'];
		edited.openQuestionEn = 'What would help you learn more at work?';
		await saveInstrumentDraft(t.db, admin, edited);
		expect(await publishInstrumentDraft(t.db, admin)).toBe(draft);
		expect(await currentInstrumentId(t.db)).toBe(draft);
		expect(await draftInstrumentId(t.db)).toBeNull();
		const published = (await instrumentOf(t.db, draft))!;
		expect(published.dimensions.find((d) => d.code === code)!.employee.map((s) => s.en)).toEqual([
			'My work is varied.',
			'I may choose how I work.'
		]);
		expect(published.openQuestionEn).toBe('What would help you learn more at work?');
		// The held round: its version and its results as they were.
		const after = await roundResults(t.db, ctx, held.id);
		expect(after.dimensions).toEqual(resultsBefore.dimensions);
		const versions = await listInstrumentVersions(t.db);
		expect(versions[0]).toMatchObject({ id: draft, status: 'published', rounds: 0 });
		expect(versions.at(-1)!.rounds).toBeGreaterThanOrEqual(3);
		const audit = await t.db
			.selectFrom('audit_log')
			.select('action')
			.where('action', 'like', 'culture_instrument.%')
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.action)).toEqual([
			'culture_instrument.draft_created',
			'culture_instrument.draft_saved',
			'culture_instrument.published'
		]);
	});

	it('a discarded draft leaves no trace but its audit entry', async () => {
		await createInstrumentDraft(t.db, admin);
		await discardInstrumentDraft(t.db, admin);
		expect(await draftInstrumentId(t.db)).toBeNull();
		await expect(
			saveInstrumentDraft(t.db, admin, await inputOf(await currentInstrumentId(t.db)))
		).rejects.toThrow(DomainError);
	});
});
