import {
	sql,
	type KyselyPlugin,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type QueryResult,
	type RootOperationNode,
	type UnknownRow
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/lib/server/auth/context';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { DomainError } from '../../src/lib/server/errors';
import { addAction, setActionDone } from '../../src/lib/server/conversations/actions';
import {
	addAddendum,
	AnswersError,
	saveAgreed,
	savePreparation,
	signConversation
} from '../../src/lib/server/conversations/record';
import { cancelConversation } from '../../src/lib/server/conversations/cancel';
import { getConversation } from '../../src/lib/server/conversations/view';
import {
	learnerConversationTasks,
	learnerName,
	listConversations
} from '../../src/lib/server/conversations/list';
import { planConversation } from '../../src/lib/server/conversations/plan';
import { rescheduleConversation } from '../../src/lib/server/conversations/reschedule';
import {
	copyTemplate,
	getTemplate,
	listTemplates,
	plannableTemplates,
	publishTemplate,
	saveTemplateDraft,
	setTemplateArchived
} from '../../src/lib/server/conversations/templates';
import { REMINDER_LOCK_KEY, runReminders } from '../../src/lib/server/conversations/reminders';
import { deliverOutbox } from '../../src/lib/server/mail/outbox';
import { templateContentSchema } from '../../src/lib/schemas/conversations';
import { DEFAULT_TEMPLATES } from '../../migrations/0008_conversations';
import { CULTURE_TEAM_TEMPLATE } from '../../migrations/0033_culture_team_template';
import { addMonths, daysFromToday, today } from '../clock';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, mailsTo } from './fixtures';

const DELINDE = 'zorggroep-de-linde';
const ORIGIN = 'http://vakmaat.test';

let t: TestDatabase;
let hr: RequestContext;
let ahmed: RequestContext;
let ingrid: RequestContext;
let fatima: RequestContext;
let peter: RequestContext;
let otherHr: RequestContext;
let fatimaLearner: string;

const code = async (p: Promise<unknown>) => {
	try {
		await p;
		return 'ok';
	} catch (e) {
		if (e instanceof DomainError) return e.code;
		throw e;
	}
};

const inDays = daysFromToday;

async function templateId(ctx: RequestContext, name: string) {
	return (await listTemplates(t.db, ctx)).find((x) => x.name === name && x.isDefault)!.id;
}

async function plan(ctx: RequestContext, template: string, days: number, trainer = ahmed) {
	return planConversation(
		t.db,
		ctx,
		{
			learnerId: fatimaLearner,
			templateId: template,
			plannedDate: inDays(days),
			plannedTime: '14:30',
			trainerId: trainer.user.id
		},
		ORIGIN
	);
}

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	hr = await contextFor(t.db, 'hr@delinde.example', DELINDE);
	ahmed = await contextFor(t.db, 'opleider@delinde.example', DELINDE);
	ingrid = await contextFor(t.db, 'opleider2@delinde.example', DELINDE);
	fatima = await contextFor(t.db, 'lerende@delinde.example', DELINDE);
	peter = await contextFor(t.db, 'p.dekker@delinde.example', DELINDE);
	otherHr = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
	fatimaLearner = (
		await t.db
			.selectFrom('learner')
			.select('id')
			.where('company_id', '=', fatima.company.id)
			.where('user_id', '=', fatima.user.id)
			.executeTakeFirstOrThrow()
	).id;
});
afterAll(() => t?.close());

describe('platform templates', () => {
	it('has the six defaults, valid, in production data (the migrations)', async () => {
		const list = await listTemplates(t.db, hr);
		expect(list.filter((x) => x.isDefault).map((x) => x.name)).toEqual([
			'Evc-intake',
			'Leercultuur in het team',
			'Loopbaan-APK',
			'Ontwikkelgesprek',
			'Reflectiegesprek',
			'Voortgangsgesprek leertraject'
		]);
		for (const d of [...DEFAULT_TEMPLATES, CULTURE_TEAM_TEMPLATE]) {
			expect(templateContentSchema.safeParse({ sections: d.sections }).success, d.name).toBe(true);
		}
	});
});

describe('template versions', () => {
	it('a conversation keeps the version it was planned with after publish and archive', async () => {
		const copy = await copyTemplate(t.db, hr, await templateId(hr, 'Reflectiegesprek'));
		const draft = await getTemplate(t.db, hr, copy);
		expect(draft!.isDefault).toBe(false);
		expect(draft!.versions).toEqual([]);
		const content = structuredClone(draft!.content);
		await publishTemplate(t.db, hr, copy, {
			name: 'Reflectie De Linde',
			content,
			version: draft!.version
		});
		const id = await plan(ahmed, copy, 7);
		const before = await getConversation(t.db, ahmed, id);
		expect(before!.template).toMatchObject({ name: 'Reflectie De Linde', number: 1 });

		// Version 2 adds a question; the planned conversation still has version 1.
		const v1 = await getTemplate(t.db, hr, copy);
		content.sections[0].questions.push({
			id: 'extra',
			type: 'open',
			label: 'Nog iets?',
			required: false
		});
		const saved = await saveTemplateDraft(t.db, hr, copy, {
			name: 'Reflectie De Linde',
			content,
			version: v1!.version
		});
		expect(
			await publishTemplate(t.db, hr, copy, { name: 'Reflectie De Linde', content, version: saved })
		).toBe(2);
		await setTemplateArchived(t.db, hr, copy, true);

		const after = await getConversation(t.db, ahmed, id);
		expect(after!.template.number).toBe(1);
		expect(after!.content.sections[0].questions.map((q) => q.id)).not.toContain('extra');
		expect((await plannableTemplates(t.db, hr)).map((x) => x.id)).not.toContain(copy);
		expect(await code(plan(ahmed, copy, 8))).toBe('template_not_found');
	});

	it('refuses an invalid publication and a stale draft, and defaults are read-only', async () => {
		const copy = await copyTemplate(t.db, hr, await templateId(hr, 'Ontwikkelgesprek'));
		const tpl = await getTemplate(t.db, hr, copy);
		const bad = { sections: [{ id: 's', title: '', visibleToHr: false, questions: [] }] };
		await expect(
			publishTemplate(t.db, hr, copy, { name: 'X', content: bad, version: tpl!.version })
		).rejects.toThrow();
		await saveTemplateDraft(t.db, hr, copy, {
			name: 'X',
			content: tpl!.content,
			version: tpl!.version
		});
		expect(
			await code(
				saveTemplateDraft(t.db, hr, copy, {
					name: 'Y',
					content: tpl!.content,
					version: tpl!.version
				})
			)
		).toBe('conversation_conflict');
		const def = await templateId(hr, 'Ontwikkelgesprek');
		expect(await code(setTemplateArchived(t.db, hr, def, true))).toBe('template_not_found');
		expect(await code(copyTemplate(t.db, ahmed, def))).toBe('not_allowed');
		expect(await getTemplate(t.db, otherHr, copy)).toBeNull();
	});
});

describe('the conversation cycle', () => {
	let id: string;

	it('plans: the learner gets a mail and a task', async () => {
		const before = mailsTo('lerende@delinde.example').length;
		id = await plan(ahmed, await templateId(ahmed, 'Ontwikkelgesprek'), 3);
		const mails = mailsTo('lerende@delinde.example');
		expect(mails.length).toBe(before + 1);
		expect(mails.at(-1)!.text).toContain(`${ORIGIN}/o/${DELINDE}/gesprekken/${id}`);
		expect(mails.at(-1)!.text).toContain('14:30');
		const tasks = await learnerConversationTasks(t.db, fatima);
		expect(tasks.conversations.map((c) => c.id)).toContain(id);
	});

	it('keeps the learner preparation private until shared', async () => {
		const view = await getConversation(t.db, fatima, id);
		expect(view!.can.prepare).toBe('learner');
		await savePreparation(t.db, fatima, id, {
			raw: { trots: 'Mijn eerste overdracht', werkplezier: '4' },
			version: view!.answers.learner!.version,
			share: false
		});
		expect((await getConversation(t.db, ahmed, id))!.answers.learner).toBeUndefined();
		// sharing needs the required questions
		const again = await getConversation(t.db, fatima, id);
		const missing = await savePreparation(t.db, fatima, id, {
			raw: { trots: '', werkplezier: '4' },
			version: again!.answers.learner!.version,
			share: true
		}).catch((e: unknown) => e);
		expect(missing).toBeInstanceOf(AnswersError);
		expect((missing as AnswersError).errors).toMatchObject({
			trots: 'required',
			doelen: 'required'
		});
		await savePreparation(t.db, fatima, id, {
			raw: { trots: 'Mijn eerste overdracht', werkplezier: '4', doelen: 'Wondzorg\nRapporteren' },
			version: again!.answers.learner!.version,
			share: true
		});
		const trainerView = await getConversation(t.db, ahmed, id);
		expect(trainerView!.answers.learner!.answers).toMatchObject({
			trots: 'Mijn eerste overdracht',
			werkplezier: 4,
			doelen: ['Wondzorg', 'Rapporteren']
		});
		expect(trainerView!.progress.length).toBeGreaterThan(0);
		expect(trainerView!.progress[0].coreTasks.length).toBeGreaterThan(0);
	});

	it('refuses a stale save (optimistic lock) and keeps what was saved', async () => {
		const view = await getConversation(t.db, ahmed, id);
		const loaded = view!.answers.agreed!.version;
		await saveAgreed(t.db, ahmed, id, {
			raw: { trots: 'Eerste versie' },
			version: loaded,
			hold: false
		});
		expect(
			await code(
				saveAgreed(t.db, ahmed, id, { raw: { trots: 'Tweede, oud' }, version: loaded, hold: false })
			)
		).toBe('conversation_conflict');
		const now = await getConversation(t.db, ahmed, id);
		expect(now!.answers.agreed!.answers.trots).toBe('Eerste versie');
	});

	it('holds with actions, signs by both, then only addenda', async () => {
		const wp = (await getConversation(t.db, ahmed, id))!.workProcesses[0];
		await addAction(t.db, ahmed, id, {
			description: 'Meelopen met de nachtdienst',
			ownerRole: 'learner',
			dueDate: inDays(-2),
			workProcessId: wp.id
		});
		expect(
			await code(
				addAction(t.db, fatima, id, {
					description: 'x',
					ownerRole: 'learner',
					dueDate: null,
					workProcessId: null
				})
			)
		).toBe('not_allowed');
		const view = await getConversation(t.db, ahmed, id);
		await saveAgreed(t.db, ahmed, id, {
			raw: {
				trots: 'Overdracht',
				werkplezier: '4',
				doelen: 'Nachtdienst leren kennen',
				werkprocessen: [String(wp.id)],
				leervorm: ['Meelopen met een collega']
			},
			version: view!.answers.agreed!.version,
			hold: true,
			nextDate: inDays(180)
		});
		const held = await getConversation(t.db, fatima, id);
		expect(held!.status).toBe('held');
		expect(held!.can.sign).toBe('learner');
		expect(held!.can.prepare).toBeNull();
		expect(await signConversation(t.db, fatima, id, held!.answers.agreed!.version)).toBe('held');
		// after a signature the record is fixed
		expect(
			await code(
				saveAgreed(t.db, ahmed, id, {
					raw: {},
					version: held!.answers.agreed!.version,
					hold: false
				})
			)
		).toBe('conversation_locked');
		expect(await signConversation(t.db, ahmed, id, held!.answers.agreed!.version)).toBe('signed');
		const signed = await getConversation(t.db, ahmed, id);
		expect(signed!.status).toBe('signed');
		expect(signed!.can).toMatchObject({
			editAgreed: false,
			actions: false,
			addendum: true,
			sign: null
		});
		await addAddendum(t.db, fatima, id, 'Ik wil ook de avonddienst leren kennen.');
		expect((await getConversation(t.db, ahmed, id))!.addenda.map((a) => a.body)).toEqual([
			'Ik wil ook de avonddienst leren kennen.'
		]);
	});

	it('carries open actions into the next conversation until done', async () => {
		const before = mailsTo('opleider@delinde.example').length;
		const next = await plan(hr, await templateId(hr, 'Voortgangsgesprek leertraject'), 30);
		// planned by HR: the trainer is told as well
		const toTrainer = mailsTo('opleider@delinde.example');
		expect(toTrainer.length).toBe(before + 1);
		expect(toTrainer.at(-1)!.subject).toBe('Gesprek gepland met Fatima Yilmaz');
		const view = await getConversation(t.db, ahmed, next);
		const carried = view!.carried.map((a) => a.description);
		expect(carried).toContain('Meelopen met de nachtdienst');
		const action = view!.carried.find((a) => a.description === 'Meelopen met de nachtdienst')!;
		expect(action.overdue).toBe(true);
		await setActionDone(t.db, fatima, next, action.id, true);
		const after = await getConversation(t.db, ahmed, next);
		expect(after!.carried.map((a) => a.description)).not.toContain('Meelopen met de nachtdienst');
	});
});

describe('visibility', () => {
	let id: string;
	beforeAll(async () => {
		id = await plan(ahmed, await templateId(ahmed, 'Loopbaan-APK'), 4);
		const v = await getConversation(t.db, ahmed, id);
		await saveAgreed(t.db, ahmed, id, {
			raw: { werk_nu: 'Zorg', sterk: 'Geduld', scholing: 'Certificaat wondzorg' },
			version: v!.answers.agreed!.version,
			hold: false
		});
		// working notes: not for HR (nor the learner) until the conversation is held
		expect((await getConversation(t.db, hr, id))!.answers.agreed).toBeUndefined();
		expect((await getConversation(t.db, fatima, id))!.answers.agreed).toBeUndefined();
		const f = await getConversation(t.db, fatima, id);
		await savePreparation(t.db, fatima, id, {
			raw: { werk_nu: 'Privé antwoord' },
			version: f!.answers.learner!.version,
			share: false
		});
	});

	it('per role: learner own, trainer of the learner, HR; others 404', async () => {
		expect((await getConversation(t.db, fatima, id))!.viewer).toBe('learner');
		expect((await getConversation(t.db, ahmed, id))!.viewer).toBe('trainer');
		expect((await getConversation(t.db, hr, id))!.viewer).toBe('hr');
		expect(await getConversation(t.db, ingrid, id)).toBeNull();
		expect(await getConversation(t.db, peter, id)).toBeNull();
		expect(await getConversation(t.db, otherHr, id)).toBeNull();
		expect(await getConversation(t.db, hr, 'geen-uuid')).toBeNull();
		const lists = await listConversations(t.db, ingrid);
		expect([...lists.upcoming, ...lists.overdue, ...lists.past].map((c) => c.id)).not.toContain(id);
		const peterList = await listConversations(t.db, peter);
		const peterSees = [...peterList.upcoming, ...peterList.overdue, ...peterList.past];
		expect(peterSees.length).toBe(1);
		expect(peterSees.every((c) => c.learnerName === 'Peter Dekker')).toBe(true);
		const hrList = await listConversations(t.db, hr);
		expect(hrList.upcoming.map((c) => c.id)).toContain(id);
	});

	it("a learner's history heading: the learner, their trainers and HR; nobody else", async () => {
		const peterLearner = (
			await t.db
				.selectFrom('learner')
				.select('id')
				.where('company_id', '=', peter.company.id)
				.where('user_id', '=', peter.user.id)
				.executeTakeFirstOrThrow()
		).id;
		expect(await learnerName(t.db, fatima, fatimaLearner)).toBe('Fatima Yilmaz');
		expect(await learnerName(t.db, ahmed, fatimaLearner)).toBe('Fatima Yilmaz');
		expect(await learnerName(t.db, hr, fatimaLearner)).toBe('Fatima Yilmaz');
		expect(await learnerName(t.db, hr, peterLearner)).toBe('Peter Dekker');
		// another learner, a trainer who neither coaches nor holds one, another company
		expect(await learnerName(t.db, fatima, peterLearner)).toBeNull();
		expect(await learnerName(t.db, peter, fatimaLearner)).toBeNull();
		expect(await learnerName(t.db, ingrid, fatimaLearner)).toBeNull();
		expect(await learnerName(t.db, otherHr, fatimaLearner)).toBeNull();
		expect(await learnerName(t.db, hr, 'geen-uuid')).toBeNull();
	});

	it('per section: HR reads agreed answers only in sections open to HR', async () => {
		const v = await getConversation(t.db, ahmed, id);
		await saveAgreed(t.db, ahmed, id, {
			raw: {
				werk_nu: 'Zorg',
				tevreden: '4',
				belasting: '3',
				sterk: 'Geduld',
				richting: 'Dat weet ik nog niet',
				scholing: 'Certificaat wondzorg',
				stappen: 'Informatie opvragen bij school'
			},
			version: v!.answers.agreed!.version,
			hold: true
		});
		const view = await getConversation(t.db, hr, id);
		expect(view!.content.sections.map((s) => s.id)).toEqual(['vervolg']);
		expect(view!.answers.agreed!.answers).toEqual({
			scholing: 'Certificaat wondzorg',
			stappen: ['Informatie opvragen bij school']
		});
		expect(view!.answers.learner).toBeUndefined();
		expect(view!.answers.trainer).toBeUndefined();
		expect(view!.progress).toEqual([]);
		expect(view!.can).toMatchObject({ prepare: null, editAgreed: false, sign: null });
		expect(await code(savePreparation(t.db, hr, id, { raw: {}, version: 1, share: false }))).toBe(
			'not_allowed'
		);
	});

	it('a preparation that is not shared is the learner’s alone', async () => {
		expect((await getConversation(t.db, fatima, id))!.answers.learner!.answers).toEqual({
			werk_nu: 'Privé antwoord'
		});
		expect((await getConversation(t.db, ahmed, id))!.answers.learner).toBeUndefined();
	});

	it('the Loopbaan-APK suggests a next date after the company’s interval', async () => {
		const view = await getConversation(t.db, ahmed, id);
		expect(view!.suggestedNextDate).toBe(addMonths(today(), 24));
	});
});

describe('reminders', () => {
	it('runs once under concurrency and sends each reminder exactly once', async () => {
		await sql`delete from conversation_reminder`.execute(t.db);
		const id = await plan(ahmed, await templateId(ahmed, 'Reflectiegesprek'), 1);
		const before = {
			fatima: mailsTo('lerende@delinde.example').length,
			ahmed: mailsTo('opleider@delinde.example').length,
			hr: mailsTo('hr@delinde.example').length
		};
		const results = await Promise.all([
			runReminders(t.db, { origin: ORIGIN }),
			runReminders(t.db, { origin: ORIGIN }),
			runReminders(t.db, { origin: ORIGIN })
		]);
		const again = await runReminders(t.db, { origin: ORIGIN });
		expect(again).toMatchObject({ conversations: 0, actions: 0, mails: 0 });
		const total = results.reduce((n, r) => n + r.mails, 0);
		expect(total).toBeGreaterThan(0);
		// the job only queued them; the outbox's senders (three at once) deliver each once
		const delivered = await Promise.all([
			deliverOutbox(t.db),
			deliverOutbox(t.db),
			deliverOutbox(t.db)
		]);
		expect(delivered.reduce((n, r) => n + r.sent, 0)).toBe(total);
		expect((await deliverOutbox(t.db)).sent).toBe(0);

		const fatimaMails = mailsTo('lerende@delinde.example').slice(before.fatima);
		const reminder = fatimaMails.filter((m) => m.text.includes(`/gesprekken/${id}`));
		expect(reminder).toHaveLength(1);
		expect(reminder[0].subject).toBe('Herinnering: Reflectiegesprek binnenkort');
		// the overdue demo action owned by the trainer, and the one owned by HR is done
		const ahmedMails = mailsTo('opleider@delinde.example').slice(before.ahmed);
		expect(
			ahmedMails.filter((m) =>
				m.text.includes('Met school de planning van de beroepspraktijkvorming')
			)
		).toHaveLength(1);
		expect(mailsTo('hr@delinde.example').slice(before.hr)).toHaveLength(0);
		// the conversation a month away is not reminded yet
		const recorded = await sql<{ n: number }>`select count(*)::int as n from conversation_reminder
			where kind = 'conversation'`.execute(t.db);
		expect(recorded.rows[0].n).toBeGreaterThan(0);
	});

	it.runIf(!!process.env.TEST_DATABASE_URL)(
		'skips the round while another server holds the lock (PostgreSQL)',
		async () => {
			await t.db.transaction().execute(async (trx) => {
				await sql`select pg_advisory_xact_lock(${REMINDER_LOCK_KEY}::bigint)`.execute(trx);
				const other = await runReminders(t.db, { origin: ORIGIN });
				expect(other).toEqual({ skipped: true, conversations: 0, actions: 0, mails: 0 });
			});
		}
	);
});

/** Counts the queries that reach the database. */
class QueryCounter implements KyselyPlugin {
	count = 0;
	transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
		return node;
	}
	transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		this.count++;
		return Promise.resolve(result);
	}
}

describe('query counts', () => {
	it('the list and the conversation page make a fixed number of queries, whatever the history', async () => {
		const count = async (run: (db: typeof t.db) => Promise<unknown>) => {
			const counter = new QueryCounter();
			await run(t.db.withPlugin(counter));
			return counter.count;
		};
		const id = await plan(ahmed, await templateId(ahmed, 'Voortgangsgesprek leertraject'), 50);
		const before = {
			list: await count((db) => listConversations(db, hr)),
			page: await count((db) => getConversation(db, ahmed, id))
		};
		// more history: ten more conversations of Fatima, each with two actions
		for (let i = 0; i < 10; i++) {
			const other = await plan(ahmed, await templateId(ahmed, 'Reflectiegesprek'), -5 - i);
			for (const d of ['Eén', 'Twee']) {
				await addAction(t.db, ahmed, other, {
					description: `${d} ${i}`,
					ownerRole: 'learner',
					dueDate: inDays(-1),
					workProcessId: null
				});
			}
		}
		expect(await count((db) => listConversations(db, hr))).toBe(before.list);
		expect(await count((db) => getConversation(db, ahmed, id))).toBe(before.page);
		expect(before.list).toBeLessThanOrEqual(3);
		expect(before.page).toBeLessThanOrEqual(9);
		const list = await listConversations(t.db, hr);
		expect(list.overdue.length).toBeGreaterThanOrEqual(10);
		expect(list.overdueActions.length).toBeGreaterThanOrEqual(20);
	});
});

describe('rescheduling', () => {
	it('moves a planned conversation, refuses a stale version and tells the learner', async () => {
		const id = await plan(ahmed, await templateId(ahmed, 'Reflectiegesprek'), 20);
		const loaded = (await getConversation(t.db, ahmed, id))!.version;
		const before = mailsTo('lerende@delinde.example').length;
		const input = {
			plannedDate: inDays(21),
			plannedTime: '09:15',
			trainerId: ingrid.user.id,
			version: loaded
		};
		await rescheduleConversation(t.db, hr, id, input, ORIGIN);
		const mails = mailsTo('lerende@delinde.example');
		expect(mails.length).toBe(before + 1);
		expect(mails.at(-1)!.subject).toBe('Gewijzigd: Reflectiegesprek');
		expect(mails.at(-1)!.text).toContain('09:15');
		// The mail says who moved it (HR), and both trainers hear of it.
		expect(mails.at(-1)!.text).toContain('Marieke Jansen heeft het gesprek Reflectiegesprek');
		expect(mailsTo('opleider2@delinde.example').at(-1)!.text).toContain(
			'Marieke Jansen heeft het gesprek Reflectiegesprek met Fatima Yilmaz verplaatst'
		);
		expect(mailsTo('opleider@delinde.example').at(-1)!.text).toContain(
			'Ingrid Visser voert het gesprek nu'
		);
		const moved = await getConversation(t.db, ingrid, id);
		expect(moved!.trainer.name).toBe('Ingrid Visser');
		expect(moved!.viewer).toBe('trainer');
		// holding a conversation with Fatima opens her history to Ingrid (the link on the page)
		expect(await learnerName(t.db, ingrid, fatimaLearner)).toBe('Fatima Yilmaz');
		expect(await code(rescheduleConversation(t.db, ahmed, id, input, ORIGIN))).toBe(
			'conversation_conflict'
		);
		expect(
			await code(
				rescheduleConversation(t.db, fatima, id, { ...input, version: moved!.version }, ORIGIN)
			)
		).toBe('not_allowed');
	});
});

describe('who did it', () => {
	it('the invitation names who planned it: the trainer, or HR with the trainer', async () => {
		await plan(ahmed, await templateId(ahmed, 'Reflectiegesprek'), 12);
		const byTrainer = mailsTo('lerende@delinde.example').at(-1)!.text;
		expect(byTrainer).toContain(
			'Je praktijkopleider Ahmed El Amrani heeft een gesprek met je gepland'
		);
		await plan(hr, await templateId(hr, 'Reflectiegesprek'), 13);
		const byHr = mailsTo('lerende@delinde.example').at(-1)!.text;
		expect(byHr).toContain(
			'Marieke Jansen heeft een gesprek voor je gepland met je praktijkopleider Ahmed El Amrani'
		);
		expect(byHr).not.toContain('Je praktijkopleider Ahmed El Amrani heeft');
	});
});

describe('cancelling', () => {
	const overdueActions = async () =>
		(
			await t.db
				.selectFrom('company_overview')
				.select('overdue_actions')
				.where('company_id', '=', hr.company.id)
				.executeTakeFirstOrThrow()
		).overdue_actions;

	it('HR cancels: both invited hear who did it, it is listed as cancelled and its actions are not overdue', async () => {
		const id = await plan(ahmed, await templateId(ahmed, 'Reflectiegesprek'), 9);
		await addAction(t.db, ahmed, id, {
			description: 'Vooraf afgesproken',
			ownerRole: 'learner',
			dueDate: inDays(-3),
			workProcessId: null
		});
		const overdueBefore = await overdueActions();
		const learnerBefore = mailsTo('lerende@delinde.example').length;
		const trainerBefore = mailsTo('opleider@delinde.example').length;
		await cancelConversation(t.db, hr, id, ORIGIN);

		const toLearner = mailsTo('lerende@delinde.example');
		expect(toLearner.length).toBe(learnerBefore + 1);
		expect(toLearner.at(-1)!.subject).toBe('Geannuleerd: Reflectiegesprek');
		expect(toLearner.at(-1)!.text).toContain(
			'Marieke Jansen heeft het gesprek Reflectiegesprek met Ahmed El Amrani op'
		);
		expect(toLearner.at(-1)!.text).toContain(`${ORIGIN}/o/${DELINDE}/gesprekken/${id}`);
		const toTrainer = mailsTo('opleider@delinde.example');
		expect(toTrainer.length).toBe(trainerBefore + 1);
		expect(toTrainer.at(-1)!.text).toContain(
			'Marieke Jansen heeft het gesprek Reflectiegesprek met Fatima Yilmaz op'
		);

		for (const viewer of [hr, ahmed, fatima]) {
			const list = await listConversations(t.db, viewer);
			expect(list.cancelled.map((c) => c.id)).toContain(id);
			expect(list.past.map((c) => c.id)).not.toContain(id);
			expect([...list.upcoming, ...list.overdue].map((c) => c.id)).not.toContain(id);
			expect(list.overdueActions.map((a) => a.conversationId)).not.toContain(id);
		}
		const tasks = await learnerConversationTasks(t.db, fatima);
		expect(tasks.conversations.map((c) => c.id)).not.toContain(id);
		expect(tasks.actions.map((a) => a.conversationId)).not.toContain(id);
		const view = await getConversation(t.db, hr, id);
		expect(view!.status).toBe('cancelled');
		expect(view!.actions.every((a) => !a.overdue)).toBe(true);
		// The adviser's figure follows (company_overview, maintained by triggers).
		expect(await overdueActions()).toBe(overdueBefore - 1);

		expect(await code(cancelConversation(t.db, hr, id, ORIGIN))).toBe('conversation_locked');
	});

	it('a trainer cancels: the learner is told, the trainer not by themselves; a learner may not', async () => {
		const id = await plan(ahmed, await templateId(ahmed, 'Reflectiegesprek'), 10);
		expect(await code(cancelConversation(t.db, fatima, id, ORIGIN))).toBe('not_allowed');
		const trainerBefore = mailsTo('opleider@delinde.example').length;
		await cancelConversation(t.db, ahmed, id, ORIGIN);
		expect(mailsTo('lerende@delinde.example').at(-1)!.text).toContain(
			'Je praktijkopleider Ahmed El Amrani heeft het gesprek Reflectiegesprek op'
		);
		expect(mailsTo('opleider@delinde.example').length).toBe(trainerBefore);
	});
});
