import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/lib/server/auth/context';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	addAddendum,
	saveAgreed,
	savePreparation
} from '../../src/lib/server/conversations/record';
import { listTemplates } from '../../src/lib/server/conversations/templates';
import { planConversation } from '../../src/lib/server/conversations/plan';
import { conversationPageData, getConversation } from '../../src/lib/server/conversations/view';
import { cultureBriefing } from '../../src/lib/server/culture/briefing';
import { CULTURE_TEAM_TEMPLATE_NAME } from '../../src/lib/server/culture/instrument';
import { listActions } from '../../src/lib/server/culture/plan';
import { roundResults } from '../../src/lib/server/culture/results';
import { listTrainers } from '../../src/lib/server/trajectories/people';
import { addDays, today } from '../clock';
import { createTestDatabase, type TestDatabase } from './db';
import { countStatements, MAX_PAGE_STATEMENTS } from './statements';
import { readerOf, recordRead } from '../../src/lib/server/privacy/access-log';
import { contextFor } from './fixtures';

/**
 * Issue 20: the conversation page (routes/(app)/o/[company]/gesprekken/[id]) runs at most
 * MAX_PAGE_STATEMENTS statements for its data, for its learner, its trainer and HR, on the
 * demo conversations of De Linde and one about the learning-culture scan: the record, the
 * viewer's extras (progress, the trainers to reschedule to, the scan's briefing) and the
 * read record of HR or a trainer.
 */
const DELINDE = 'zorggroep-de-linde';
let t: TestDatabase;
let fatima: RequestContext;
let ahmed: RequestContext;
let ingrid: RequestContext;
let hr: RequestContext;
const ids: Record<'signed' | 'planned' | 'apk' | 'culture', string> = {
	signed: '',
	planned: '',
	apk: '',
	culture: ''
};

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	fatima = await contextFor(t.db, 'lerende@delinde.example', DELINDE);
	ahmed = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
	ingrid = await contextFor(t.db, 'opleider2@delinde.example', DELINDE);
	hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
	const demo = await t.db
		.selectFrom('conversation as c')
		.innerJoin('conversation_template_version as v', 'v.id', 'c.template_version_id')
		.innerJoin('conversation_template as tt', 'tt.id', 'v.template_id')
		.select(['c.id', 'c.status', 'tt.kind'])
		.where('c.company_id', '=', hr.company.id)
		.execute();
	ids.signed = demo.find((c) => c.status === 'signed')!.id;
	ids.planned = demo.find((c) => c.kind === 'voortgang')!.id;
	ids.apk = demo.find((c) => c.kind === 'loopbaan_apk')!.id;
	await addAddendum(t.db, ahmed, ids.signed, 'Afspraak over de wondzorg bijgesteld.');
	const learner = await t.db
		.selectFrom('learner')
		.select('id')
		.where('company_id', '=', hr.company.id)
		.where('user_id', '=', fatima.user.id)
		.executeTakeFirstOrThrow();
	const templates = await listTemplates(t.db, hr);
	ids.culture = await planConversation(
		t.db,
		hr,
		{
			learnerId: learner.id,
			templateId: templates.find((x) => x.name === CULTURE_TEAM_TEMPLATE_NAME && x.isDefault)!.id,
			plannedDate: addDays(today(), 9),
			plannedTime: '10:00',
			trainerId: ahmed.user.id
		},
		'http://localhost:5173'
	);
});
afterAll(() => t.close());

const page = async (name: string, ctx: RequestContext, id: string) => {
	const { statements, result } = await countStatements(t.db, (db) =>
		conversationPageData(db, ctx, id, `/o/${DELINDE}/gesprekken/${id}`)
	);
	console.log(`conversation page (${name}): ${statements} statements`);
	expect(statements).toBeLessThanOrEqual(MAX_PAGE_STATEMENTS);
	expect(result).not.toBeNull();
	// The page shows what getConversation shows this member.
	expect(result!.conversation).toEqual(await getConversation(t.db, ctx, id));
	return { statements, data: result! };
};

describe('the conversation page in at most four statements', () => {
	it('a signed conversation: its actions, addenda and the learner’s progress', async () => {
		const learner = await page('signed, learner', fatima, ids.signed);
		const trainer = await page('signed, trainer', ahmed, ids.signed);
		const byHr = await page('signed, HR', hr, ids.signed);
		// The record and the progress; the trainer's read is recorded; HR has no progress.
		expect([learner.statements, trainer.statements, byHr.statements]).toEqual([2, 3, 2]);

		const c = trainer.data.conversation;
		expect(c.viewer).toBe('trainer');
		expect(c.actions).toHaveLength(3);
		expect(c.actions.every((a) => a.conversationDate instanceof Date)).toBe(true);
		expect(c.actions.filter((a) => a.doneAt instanceof Date)).toHaveLength(1);
		expect(c.actions.filter((a) => a.overdue)).toHaveLength(1);
		expect(c.addenda.map((d) => d.body)).toEqual(['Afspraak over de wondzorg bijgesteld.']);
		expect(c.addenda[0].at).toBeInstanceOf(Date);
		expect(c.answers.agreed!.updatedAt).toBeInstanceOf(Date);
		expect(c.answers.learner!.sharedAt).toBeInstanceOf(Date);
		expect(c.progress.length).toBeGreaterThan(0);
		expect(c.progress[0].coreTasks.length).toBeGreaterThan(0);
		expect(c.workProcesses.length).toBeGreaterThan(0);
		expect(trainer.data.trainers).toEqual([]);
		expect(trainer.data.culture).toBeNull();
		expect(learner.data.conversation.progress).toEqual(c.progress);
		expect(byHr.data.conversation.viewer).toBe('hr');
		expect(byHr.data.conversation.progress).toEqual([]);
		expect(byHr.data.conversation.workProcesses).toEqual([]);
		expect(byHr.data.conversation.answers.learner).toBeUndefined();
		expect(byHr.data.conversation.answers.agreed).toBeDefined();
	});

	it('a planned conversation: the earlier open actions, and the trainers to reschedule to', async () => {
		const learner = await page('planned, learner', fatima, ids.planned);
		const trainer = await page('planned, trainer', ahmed, ids.planned);
		const byHr = await page('planned, HR', hr, ids.planned);
		expect([learner.statements, trainer.statements, byHr.statements]).toEqual([2, 3, 3]);

		const trainers = await listTrainers(t.db, hr);
		expect(trainers.length).toBeGreaterThan(0);
		expect(trainer.data.trainers).toEqual(trainers);
		expect(byHr.data.trainers).toEqual(trainers);
		expect(learner.data.trainers).toEqual([]);
		const carried = learner.data.conversation.carried;
		expect(carried.map((a) => a.description).sort()).toEqual([
			'Met school de planning van de beroepspraktijkvorming afstemmen',
			'Twee keer meelopen met de wondverpleegkundige'
		]);
		expect(carried.every((a) => a.doneAt === null && a.conversationDate instanceof Date)).toBe(
			true
		);
	});

	it('a loopbaan-APK: its next date from the company’s interval', async () => {
		const trainer = await page('APK, trainer', ingrid, ids.apk);
		const byHr = await page('APK, HR', hr, ids.apk);
		expect([trainer.statements, byHr.statements]).toEqual([3, 3]);
		expect(trainer.data.conversation.suggestedNextDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('a conversation about the scan: the briefing, as HR’s results and plan have it', async () => {
		const learner = await page('culture, learner', fatima, ids.culture);
		const trainer = await page('culture, trainer', ahmed, ids.culture);
		const byHr = await page('culture, HR', hr, ids.culture);
		expect([learner.statements, trainer.statements, byHr.statements]).toEqual([2, 3, 3]);

		const briefing = learner.data.culture!;
		expect(briefing).not.toBeNull();
		expect(trainer.data.culture).toEqual(briefing);
		expect(byHr.data.culture).toEqual(briefing);
		expect(await cultureBriefing(t.db, fatima)).toEqual(briefing);
		// The same findings, to the value, as the round's results page names them.
		const results = await roundResults(t.db, hr, briefing.roundId);
		expect(briefing.closesOn).toBe(results.closesOn);
		expect(briefing.employeeResponses).toBe(results.employeeResponses);
		expect(briefing.findings.length).toBeGreaterThan(0);
		const names = new Map(results.dimensions.map((d) => [d.code, { nl: d.nl, en: d.en }]));
		expect(briefing.findings).toEqual(
			results.findings.map((f) => ({ ...f, ...names.get(f.code) }))
		);
		// The plan's open and ongoing actions.
		const actions = (await listActions(t.db, hr, briefing.roundId)).filter(
			(a) => a.status === 'open' || a.status === 'in_progress'
		);
		expect(actions.length).toBeGreaterThan(0);
		expect(briefing.actions).toEqual(actions);
	});

	it('the print page: the record and the read record', async () => {
		const counts = [];
		for (const ctx of [fatima, ahmed, hr]) {
			const { statements, result } = await countStatements(t.db, async (db) => {
				const view = await getConversation(db, ctx, ids.signed);
				if (view)
					await recordRead(
						db,
						readerOf(ctx),
						{ conversationId: view.id },
						'conversation_print',
						'/p'
					);
				return view;
			});
			expect(result?.id).toBe(ids.signed);
			counts.push(statements);
		}
		// The learner leaves no read record of her own conversation; HR needs no extras.
		expect(counts).toEqual([2, 3, 2]);
		expect(Math.max(...counts)).toBeLessThanOrEqual(MAX_PAGE_STATEMENTS);
	});

	it('another trainer or another company: a 404 after one statement', async () => {
		const other = await contextFor(t.db, 'hr@zeeuwsekust.example', 'hotel-de-zeeuwse-kust');
		for (const [ctx, id] of [
			[ingrid, ids.signed],
			[ahmed, ids.apk],
			[other, ids.planned]
		] as const) {
			const { statements, result } = await countStatements(t.db, (db) =>
				conversationPageData(db, ctx, id)
			);
			expect(result).toBeNull();
			expect(statements).toBe(1);
		}
		const { statements } = await countStatements(t.db, (db) =>
			conversationPageData(db, hr, 'geen-uuid')
		);
		expect(statements).toBe(0);
	});
});

describe('saving answers: two statements', () => {
	it('a preparation or the agreed answers as a draft: the check with the work processes, the write', async () => {
		const mine = (await getConversation(t.db, fatima, ids.planned))!;
		const questions = mine.content.sections.flatMap((x) => x.questions);
		const open = questions.find((q) => q.type === 'open')!;
		const wp = questions.find((q) => q.type === 'work_process');
		const chosen = mine.workProcesses[0]?.id;
		const raw = {
			[open.id]: 'Voorbereid',
			...(wp && chosen ? { [wp.id]: [String(chosen)] } : {})
		};
		const saved = await countStatements(t.db, (db) =>
			savePreparation(db, fatima, ids.planned, {
				raw,
				version: mine.answers.learner!.version,
				share: false
			})
		);
		expect(saved.statements).toBe(2);
		expect(saved.result).toBe(mine.answers.learner!.version + 1);
		const after = (await getConversation(t.db, fatima, ids.planned))!;
		expect(after.answers.learner!.answers[open.id]).toBe('Voorbereid');
		if (wp && chosen) expect(after.answers.learner!.answers[wp.id]).toEqual([chosen]);
		// The conversation's version moved on with it (stale forms elsewhere are refused).
		expect(after.version).toBe(mine.version + 1);
		// The same version again: a conflict, nothing written.
		await expect(
			savePreparation(t.db, fatima, ids.planned, {
				raw: { [open.id]: 'Ouder' },
				version: mine.answers.learner!.version,
				share: false
			})
		).rejects.toMatchObject({ code: 'conversation_conflict' });
		expect(
			(await getConversation(t.db, fatima, ids.planned))!.answers.learner!.answers[open.id]
		).toBe('Voorbereid');

		const trainer = (await getConversation(t.db, ahmed, ids.planned))!;
		const agreed = await countStatements(t.db, (db) =>
			saveAgreed(db, ahmed, ids.planned, {
				raw: { [open.id]: 'Afgesproken' },
				version: trainer.answers.agreed!.version,
				hold: false
			})
		);
		expect(agreed.statements).toBe(2);
		// Someone who may not change it: refused after the one check.
		const refused = await countStatements(t.db, (db) =>
			savePreparation(db, ingrid, ids.planned, { raw, version: 1, share: false }).catch(
				(e: { code: string }) => e.code
			)
		);
		expect(refused).toEqual({ statements: 1, result: 'conversation_not_found' });
	});

	it('a signed conversation is not written, even with its current version', async () => {
		const signed = (await getConversation(t.db, fatima, ids.signed))!;
		await expect(
			savePreparation(t.db, fatima, ids.signed, {
				raw: {},
				version: signed.answers.learner!.version,
				share: false
			})
		).rejects.toMatchObject({ code: 'conversation_locked' });
	});
});
