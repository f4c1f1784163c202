import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	CULTURE_MIN_RESPONSES,
	currentInstrumentId,
	instrumentOf,
	statementIds
} from '../../src/lib/server/culture/instrument';
import { questionnaire, responseKey, saveResponse } from '../../src/lib/server/culture/respond';
import {
	actionOwners,
	addAction,
	listActions,
	openActions,
	setActionStatus
} from '../../src/lib/server/culture/plan';
import { roundResults } from '../../src/lib/server/culture/results';
import { cultureForAdviser, setSharing, sharingOf } from '../../src/lib/server/culture/share';
import { createRound, listRounds, sendDueCultureMails } from '../../src/lib/server/culture/rounds';
import { DEMO_PASSWORD, seedDemo } from '../../src/lib/server/demo/seed';
import { deliverOutbox, REDACTED_BODY } from '../../src/lib/server/mail/outbox';
import { addDays, today } from '../clock';
import { createTestDatabase, type TestDatabase } from './db';
import { contextFor, mailsTo, tokenFromLatestMail, expectDomainError } from './fixtures';

void DEMO_PASSWORD;
const ORIGIN = 'http://localhost:5173';
const LINDE = 'zorggroep-de-linde';
/** Every active member of De Linde (the demo seed), HR first. */
let LINDE_EMPLOYEES: string[] = [];

let t: TestDatabase;
let employeeIds: number[];
let managementIds: number[];
beforeAll(async () => {
	t = await createTestDatabase();
	await seedDemo(t.db);
	const instrument = (await instrumentOf(t.db, await currentInstrumentId(t.db)))!;
	employeeIds = statementIds(instrument, 'employee');
	managementIds = statementIds(instrument, 'management');
	const members = await t.db
		.selectFrom('membership as ms')
		.innerJoin('company as c', 'c.id', 'ms.company_id')
		.innerJoin('app_user as u', 'u.id', 'ms.user_id')
		.select('u.email')
		.where('c.slug', '=', LINDE)
		.where('ms.deactivated_at', 'is', null)
		.orderBy(sql`'hr' = any(ms.roles)`, 'desc')
		.orderBy('u.email')
		.execute();
	LINDE_EMPLOYEES = members.map((m) => m.email.toLowerCase());
	expect(LINDE_EMPLOYEES[0]).toBe('hr@delinde.example');
	expect(LINDE_EMPLOYEES.length).toBeGreaterThanOrEqual(7);
});
afterAll(() => t.close());

const answersAll = (ids: number[], value: number | ((i: number) => number)) =>
	Object.fromEntries(
		ids.map((id, i) => [String(id), typeof value === 'number' ? value : value(i)])
	);

describe('the instrument', () => {
	it('is seeded by its migration: seven dimensions in Dutch and English, statements for both audiences', async () => {
		const instrument = (await instrumentOf(t.db, await currentInstrumentId(t.db)))!;
		expect(instrument.dimensions).toHaveLength(7);
		for (const d of instrument.dimensions) {
			expect(d.nl && d.en).toBeTruthy();
			expect(d.employee.length).toBeGreaterThanOrEqual(2);
			expect(d.management.length).toBeGreaterThanOrEqual(1);
		}
		expect(instrument.openQuestionNl).toMatch(/\?$/);
	});
});

describe('a round from invitation to results', () => {
	let roundId: string;
	const tokens: string[] = [];

	it('HR plans a round for all members: personal links by mail, management gets the strategy scan', async () => {
		const ctx = await contextFor(t.db, 'hr@delinde.example', LINDE);
		roundId = await createRound(
			t.db,
			ctx,
			{
				opensOn: today(),
				closesOn: addDays(today(), 14),
				reminderOn: addDays(today(), 10),
				recipients: 'members',
				emails: [],
				managerEmails: ['Teamleider@DeLinde.example']
			},
			ORIGIN
		);
		const [round] = await listRounds(t.db, ctx);
		expect(round).toMatchObject({
			id: roundId,
			state: 'open',
			invitedEmployees: LINDE_EMPLOYEES.length,
			invitedManagement: 2,
			employeeResponses: 0
		});
		for (const email of LINDE_EMPLOYEES) {
			expect(mailsTo(email).at(-1)!.text).toContain(`${ORIGIN}/leercultuur/`);
		}
		const manager = mailsTo('teamleider@delinde.example').at(-1)!;
		expect(manager.subject).toContain('Strategiescan');
		// HR gets both: the employee questionnaire and the strategy scan.
		expect(
			mailsTo('hr@delinde.example')
				.slice(-2)
				.map((m) => m.subject)
				.join(' ')
		).toMatch(/Strategiescan/);
		for (const email of LINDE_EMPLOYEES.slice(1)) {
			tokens.push(tokenFromLatestMail(email, '/leercultuur'));
		}
	});

	it('the link opens the questionnaire without login, for its audience', async () => {
		const q = (await questionnaire(t.db, tokens[0]))!;
		expect(q).toMatchObject({
			company: 'Zorggroep De Linde',
			audience: 'employee',
			state: 'open',
			answers: null
		});
		expect(q.dimensions.flatMap((d) => d.employee.map((s) => s.id))).toEqual(employeeIds);
		const manager = tokenFromLatestMail('teamleider@delinde.example', '/leercultuur');
		expect((await questionnaire(t.db, manager))!.audience).toBe('management');
		expect(await questionnaire(t.db, 'a'.repeat(32))).toBeNull();
		expect(await questionnaire(t.db, '../etc')).toBeNull();
	});

	it('refuses an incomplete or out-of-range answer, naming the statement, and stores nothing', async () => {
		const partial = answersAll(employeeIds.slice(1), 4);
		await expectDomainError(
			saveResponse(t.db, tokens[0], { answers: partial, openAnswer: null }),
			'culture_answers_incomplete',
			`s${employeeIds[0]}`
		);
		await expectDomainError(
			saveResponse(t.db, tokens[0], { answers: answersAll(employeeIds, 6), openAnswer: null }),
			'culture_answers_incomplete'
		);
		await expectDomainError(
			saveResponse(t.db, 'b'.repeat(32), { answers: answersAll(employeeIds, 3), openAnswer: null }),
			'culture_link_unknown'
		);
		const n = await t.db
			.selectFrom('culture_response')
			.where('round_id', '=', roundId)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(n.n).toBe(0);
	});

	it('shows nothing below five answers; one answer per link, a double submit and a change included', async () => {
		const ctx = await contextFor(t.db, 'hr@delinde.example', LINDE);
		// Four respondents: 4, 4, 2, 2 on every statement.
		for (const [i, token] of tokens.slice(0, 4).entries()) {
			await saveResponse(t.db, token, {
				answers: answersAll(employeeIds, i < 2 ? 4 : 2),
				openAnswer: i === 0 ? 'Meer tijd om samen te oefenen.' : null
			});
		}
		// A double submit at once, then a change: still one answer for that link.
		await Promise.all([
			saveResponse(t.db, tokens[3], { answers: answersAll(employeeIds, 1), openAnswer: null }),
			saveResponse(t.db, tokens[3], { answers: answersAll(employeeIds, 1), openAnswer: null })
		]);
		await saveResponse(t.db, tokens[3], {
			answers: answersAll(employeeIds, 2),
			openAnswer: 'Een coach.'
		});
		const hidden = await roundResults(t.db, ctx, roundId);
		expect(hidden.employeeResponses).toBe(CULTURE_MIN_RESPONSES - 1);
		expect(hidden.shown).toBe(false);
		expect(hidden.dimensions.every((d) => d.mean === null && d.distribution === null)).toBe(true);
		expect(hidden.findings).toEqual([]);

		await saveResponse(t.db, tokens[4], {
			answers: answersAll(employeeIds, 3),
			openAnswer: 'Aaah, feedback!'
		});
		const shown = await roundResults(t.db, ctx, roundId);
		expect(shown.shown).toBe(true);
		// (4 + 4 + 2 + 2 + 3) / 5 = 3.0 on every dimension; distribution 0, 40 %, 20 %, 40 %, 0.
		for (const d of shown.dimensions) {
			expect(d.mean).toBe(3);
			expect(d.distribution).toEqual([0, 0.4, 0.2, 0.4, 0]);
		}
		// The earlier answer is there to change.
		expect((await questionnaire(t.db, tokens[3]))!.answers).toEqual(answersAll(employeeIds, 2));
		// Open answers wait for the close.
		expect(shown.openAnswers).toBeNull();
		expect(shown.openAnswersHidden).toBe('open');
	});

	it('sets management intent beside employees’ experience and names the gap in words', async () => {
		const ctx = await contextFor(t.db, 'hr@delinde.example', LINDE);
		const manager = tokenFromLatestMail('teamleider@delinde.example', '/leercultuur');
		await saveResponse(t.db, manager, {
			answers: answersAll(managementIds, 5),
			openAnswer: 'ignored'
		});
		const r = await roundResults(t.db, ctx, roundId);
		expect(r.managementResponses).toBe(1);
		expect(r.dimensions[0].management).toBe(5);
		expect(r.dimensions[0].gap).toBe(2);
		expect(r.findings.filter((f) => f.kind === 'gap')).toHaveLength(7);
		// Management has no open question.
		const stored = await t.db
			.selectFrom('culture_response')
			.select('open_answer')
			.where('response_key', '=', responseKey(manager))
			.executeTakeFirstOrThrow();
		expect(stored.open_answer).toBe('ignored');
	});

	it('after the close: no more answers, open answers shown in an order unrelated to arrival', async () => {
		const ctx = await contextFor(t.db, 'hr@delinde.example', LINDE);
		const after = addDays(today(), 15);
		await expectDomainError(
			saveResponse(
				t.db,
				tokens[5],
				{ answers: answersAll(employeeIds, 5), openAnswer: null },
				after
			),
			'culture_round_closed'
		);
		expect((await questionnaire(t.db, tokens[5], after))!.state).toBe('closed');
		const r = await roundResults(t.db, ctx, roundId, after);
		expect(r.state).toBe('closed');
		expect(r.openAnswers).toEqual([
			'Aaah, feedback!',
			'Een coach.',
			'Meer tijd om samen te oefenen.'
		]);
	});

	it('another company’s HR, and an id that is not a round, get not-found', async () => {
		const other = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
		await expectDomainError(roundResults(t.db, other, roundId), 'culture_round_not_found');
		await expectDomainError(roundResults(t.db, other, 'not-a-uuid'), 'culture_round_not_found');
		expect((await listRounds(t.db, other)).map((r) => r.id)).not.toContain(roundId);
	});

	it('anonymity by construction: no stored row leads from an answer to a person', async () => {
		// The schema: a response has no person, token, invitation or time.
		const columns = await sql<{
			column_name: string;
			data_type: string;
			column_default: string | null;
		}>`
			select column_name, data_type, column_default from information_schema.columns
			where table_name = 'culture_response' and table_schema = current_schema()
			order by column_name`.execute(t.db);
		expect(columns.rows.map((c) => c.column_name)).toEqual([
			'answers',
			'audience',
			'company_id',
			'id',
			'open_answer',
			'response_key',
			'round_id',
			// The team an employee chose, as a position in the round's list (migration 0036).
			'team'
		]);
		expect(columns.rows.some((c) => /time|date/.test(c.data_type))).toBe(false);
		// Ids are random, not a sequence that orders answers by arrival.
		expect(columns.rows.find((c) => c.column_name === 'id')!.column_default).toMatch(
			/gen_random_uuid/
		);
		const fks = await sql<{ target: string }>`
			select ccu.table_name as target
			from information_schema.table_constraints tc
			join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
				and ccu.table_schema = tc.table_schema
			where tc.table_name = 'culture_response' and tc.constraint_type = 'FOREIGN KEY'
				and tc.table_schema = current_schema()`.execute(t.db);
		expect(new Set(fks.rows.map((r) => r.target))).toEqual(new Set(['culture_round']));

		// The data: answering wrote nothing to any invitation (same transaction id as at
		// creation), and no response value equals or contains an invitation's hash.
		const invitationXmins = await sql<{ xmin: string }>`
			select distinct xmin::text from culture_invitation where round_id = ${roundId}`.execute(t.db);
		expect(invitationXmins.rows).toHaveLength(1);
		const responseXmins = await sql<{ xmin: string }>`
			select xmin::text from culture_response where round_id = ${roundId}`.execute(t.db);
		for (const r of responseXmins.rows) {
			expect(r.xmin).not.toBe(invitationXmins.rows[0].xmin);
		}
		const hashes = await t.db.selectFrom('culture_invitation').select('token_hash').execute();
		const responses = await t.db.selectFrom('culture_response').selectAll().execute();
		const text = JSON.stringify(responses);
		for (const h of hashes) expect(text).not.toContain(h.token_hash);

		// The mails held the links: once sent, their stored bodies are blanked.
		await deliverOutbox(t.db);
		const bodies = await t.db
			.selectFrom('mail_outbox')
			.select(['body', 'status'])
			.where('kind', '=', 'culture_scan')
			.execute();
		expect(bodies.length).toBeGreaterThan(0);
		for (const b of bodies) {
			expect(b.status).toBe('sent');
			expect(b.body).toBe(REDACTED_BODY);
		}
	});
});

describe('planning rules and the daily job', () => {
	it('plans one of two overlapping rounds submitted at the same moment', async () => {
		const ctx = await contextFor(t.db, 'hr@zeeuwsekust.example', 'hotel-de-zeeuwse-kust');
		const opens = addDays(today(), 200);
		const round = (n: number) =>
			createRound(
				t.db,
				ctx,
				{
					opensOn: addDays(opens, n),
					closesOn: addDays(opens, 10 + n),
					reminderOn: null,
					recipients: 'list',
					emails: [1, 2, 3, 4, 5].map((i) => `race${n}-${i}@kust.example`),
					managerEmails: []
				},
				ORIGIN
			);
		const results = await Promise.allSettled([round(0), round(1)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toMatchObject({ code: 'culture_round_overlap' });
		const rounds = await t.db
			.selectFrom('culture_round')
			.select('id')
			.where('company_id', '=', ctx.company.id)
			.where('opens_on', '>=', opens)
			.execute();
		expect(rounds).toHaveLength(1);
	});

	it('refuses fewer than five employees and overlapping rounds', async () => {
		const ctx = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
		const base = {
			opensOn: addDays(today(), 30),
			closesOn: addDays(today(), 40),
			reminderOn: null,
			managerEmails: []
		};
		await expectDomainError(
			createRound(
				t.db,
				ctx,
				{ ...base, recipients: 'list', emails: ['a@x.example', 'b@x.example'] },
				ORIGIN
			),
			'culture_too_few_recipients',
			'emails'
		);
		const linde = await contextFor(t.db, 'hr@delinde.example', LINDE);
		await expectDomainError(
			createRound(
				t.db,
				linde,
				{ ...base, opensOn: addDays(today(), 5), recipients: 'members', emails: [] },
				ORIGIN
			),
			'culture_round_overlap',
			'opensOn'
		);
	});

	it('a round opening later is mailed on its day, reminded once, and its addresses are removed after the close', async () => {
		const ctx = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
		const emails = [
			'w1@vandijk.example',
			'w2@vandijk.example',
			'w3@vandijk.example',
			'w4@vandijk.example',
			'w5@vandijk.example'
		];
		const opens = addDays(today(), 30);
		await createRound(
			t.db,
			ctx,
			{
				opensOn: opens,
				closesOn: addDays(opens, 10),
				reminderOn: addDays(opens, 7),
				recipients: 'list',
				emails,
				managerEmails: []
			},
			ORIGIN
		);
		expect(mailsTo('w1@vandijk.example')).toHaveLength(0);
		expect(await sendDueCultureMails(t.db, ORIGIN, addDays(opens, -1))).toMatchObject({
			invitations: 0,
			reminders: 0
		});
		// 5 employees + HR (management).
		expect(await sendDueCultureMails(t.db, ORIGIN, opens)).toMatchObject({ invitations: 6 });
		expect(await sendDueCultureMails(t.db, ORIGIN, opens)).toMatchObject({ invitations: 0 });
		await deliverOutbox(t.db);
		const token = tokenFromLatestMail('w1@vandijk.example', '/leercultuur');
		expect(await sendDueCultureMails(t.db, ORIGIN, addDays(opens, 7))).toMatchObject({
			reminders: 6
		});
		expect(await sendDueCultureMails(t.db, ORIGIN, addDays(opens, 8))).toMatchObject({
			reminders: 0
		});
		await deliverOutbox(t.db);
		// The reminder carries the same personal link.
		expect(tokenFromLatestMail('w1@vandijk.example', '/leercultuur')).toBe(token);
		const cleared = await sendDueCultureMails(t.db, ORIGIN, addDays(opens, 11));
		expect(cleared.cleared).toBeGreaterThanOrEqual(6);
		const left = await t.db
			.selectFrom('culture_invitation as i')
			.innerJoin('culture_round as r', 'r.id', 'i.round_id')
			.select(['i.email', 'i.token_sealed'])
			.where('r.company_id', '=', ctx.company.id)
			.execute();
		expect(left.every((i) => i.email === null && i.token_sealed === null)).toBe(true);
		// A forwarded link after the close still says the round has closed.
		expect((await questionnaire(t.db, token, addDays(opens, 11)))!.state).toBe('closed');
	});

	it('shows the change since the previous round with results', async () => {
		const ctx = await contextFor(t.db, 'hr@zeeuwsekust.example', 'hotel-de-zeeuwse-kust');
		const emails = [
			'z1@zk.example',
			'z2@zk.example',
			'z3@zk.example',
			'z4@zk.example',
			'z5@zk.example'
		];
		const first = addDays(today(), -120);
		const earlier = await createRound(
			t.db,
			ctx,
			{
				opensOn: first,
				closesOn: addDays(first, 14),
				reminderOn: null,
				recipients: 'list',
				emails,
				managerEmails: []
			},
			ORIGIN,
			undefined,
			first
		);
		for (const e of emails) {
			await saveResponse(
				t.db,
				tokenFromLatestMail(e, '/leercultuur'),
				{ answers: answersAll(employeeIds, 2), openAnswer: null },
				first
			);
		}
		const now = await createRound(
			t.db,
			ctx,
			{
				opensOn: today(),
				closesOn: addDays(today(), 14),
				reminderOn: null,
				recipients: 'list',
				emails,
				managerEmails: []
			},
			ORIGIN
		);
		for (const e of emails) {
			await saveResponse(t.db, tokenFromLatestMail(e, '/leercultuur'), {
				answers: answersAll(employeeIds, 4),
				openAnswer: null
			});
		}
		const r = await roundResults(t.db, ctx, now);
		expect(r.previousRound?.id).toBe(earlier);
		expect(r.dimensions.every((d) => d.previous === 2 && d.change === 2 && d.mean === 4)).toBe(
			true
		);
		expect(r.findings.filter((f) => f.kind === 'strength')).toHaveLength(2);
	});
});

describe('the improvement plan', () => {
	it('HR adds actions with an owner of the company and a due date; the dashboard lists the open ones', async () => {
		const ctx = await contextFor(t.db, 'hr@delinde.example', LINDE);
		const [round] = await listRounds(t.db, ctx);
		const owner = await t.db
			.selectFrom('app_user')
			.select('id')
			.where('email', '=', 'opleider@delinde.example')
			.executeTakeFirstOrThrow();
		const before = await openActions(t.db, ctx);
		const token = crypto.randomUUID();
		const input = {
			title: 'Elke week een leermoment in het teamoverleg',
			dimensionCode: 'samen',
			ownerId: owner.id,
			dueOn: addDays(today(), 30)
		};
		// A double submit: one action.
		const [a, b] = await Promise.all([
			addAction(t.db, ctx, round.id, input, token),
			addAction(t.db, ctx, round.id, input, token)
		]);
		expect(a).toBe(b);
		const actions = await listActions(t.db, ctx, round.id);
		expect(actions.filter((x) => x.title === input.title)).toHaveLength(1);
		const after = await openActions(t.db, ctx);
		expect(after.total).toBe(before.total + 1);

		await setActionStatus(t.db, ctx, a, 'done');
		expect((await openActions(t.db, ctx)).total).toBe(before.total);
		expect((await listActions(t.db, ctx, round.id)).find((x) => x.id === a)!.status).toBe('done');
	});

	it('refuses a past due date, an owner of another company and another company’s action', async () => {
		const ctx = await contextFor(t.db, 'hr@delinde.example', LINDE);
		const [round] = await listRounds(t.db, ctx);
		const outsider = await t.db
			.selectFrom('app_user')
			.select('id')
			.where('email', '=', 'hr@vandijkbouw.example')
			.executeTakeFirstOrThrow();
		const me = ctx.user.id;
		await expectDomainError(
			addAction(t.db, ctx, round.id, {
				title: 'x',
				dimensionCode: null,
				ownerId: me,
				dueOn: addDays(today(), -1)
			}),
			'culture_action_due_past',
			'dueOn'
		);
		await expectDomainError(
			addAction(t.db, ctx, round.id, {
				title: 'x',
				dimensionCode: null,
				ownerId: outsider.id,
				dueOn: today()
			}),
			'culture_action_owner_unknown',
			'ownerId'
		);
		// A learner of De Linde is a member, but not one who owns the plan's actions.
		const learner = await t.db
			.selectFrom('app_user')
			.select('id')
			.where('email', '=', 'lerende@delinde.example')
			.executeTakeFirstOrThrow();
		expect((await actionOwners(t.db, ctx)).map((o) => o.id)).not.toContain(learner.id);
		await expectDomainError(
			addAction(t.db, ctx, round.id, {
				title: 'x',
				dimensionCode: null,
				ownerId: learner.id,
				dueOn: today()
			}),
			'culture_action_owner_unknown',
			'ownerId'
		);
		await expectDomainError(
			addAction(t.db, ctx, round.id, {
				title: 'x',
				dimensionCode: 'bestaat_niet',
				ownerId: me,
				dueOn: today()
			}),
			'culture_dimension_unknown'
		);
		const id = await addAction(t.db, ctx, round.id, {
			title: 'Van De Linde',
			dimensionCode: null,
			ownerId: me,
			dueOn: today()
		});
		const other = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
		await expectDomainError(
			setActionStatus(t.db, other, id, 'dropped'),
			'culture_action_not_found'
		);
		await expectDomainError(
			addAction(t.db, other, round.id, {
				title: 'x',
				dimensionCode: null,
				ownerId: outsider.id,
				dueOn: today()
			}),
			'culture_round_not_found'
		);
		expect((await openActions(t.db, other)).items.map((x) => x.id)).not.toContain(id);
	});
});

describe('sharing with the SBB adviser', () => {
	it('the adviser sees when scans were held; scores only while HR shares them; every change audited', async () => {
		const ctx = await contextFor(t.db, 'hr@vandijkbouw.example', 'bouwbedrijf-van-dijk');
		const before = await cultureForAdviser(t.db, ctx.company.id);
		expect(before.rounds.length).toBeGreaterThan(0);
		expect(before.shared).toBe(false);
		expect(before.latest).toBeNull();

		await setSharing(t.db, ctx, true);
		await setSharing(t.db, ctx, true);
		expect(await sharingOf(t.db, ctx)).toBeInstanceOf(Date);
		const shared = await cultureForAdviser(t.db, ctx.company.id);
		expect(shared.latest!.dimensions).toHaveLength(7);
		expect(shared.latest!.dimensions.every((d) => d.mean >= 1 && d.mean <= 5)).toBe(true);

		await setSharing(t.db, ctx, false);
		expect((await cultureForAdviser(t.db, ctx.company.id)).latest).toBeNull();
		const audit = await t.db
			.selectFrom('audit_log')
			.select('action')
			.where('company_id', '=', ctx.company.id)
			.where('action', 'like', 'culture.%')
			.execute();
		expect(audit.map((a) => a.action)).toEqual([
			'culture.shared_with_adviser',
			'culture.sharing_stopped'
		]);
	});

	it('a shared company shows no scores from a round with fewer than five answers or still open', async () => {
		const ctx = await contextFor(t.db, 'hr@zeeuwsekust.example', 'hotel-de-zeeuwse-kust');
		await setSharing(t.db, ctx, true);
		const view = await cultureForAdviser(t.db, ctx.company.id);
		// Its rounds in the tests above: one closed with answers (shown), one open (not).
		expect(view.latest?.closesOn).toBeDefined();
		expect(view.latest!.closesOn < today()).toBe(true);
	});
});
