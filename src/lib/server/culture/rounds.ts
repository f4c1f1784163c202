import { sql } from 'kysely';
import { m } from '../../paraglide/messages';
import type { Locale } from '../../paraglide/runtime';
import { formatDate } from '../../i18n';
import { todayIso } from '../../time';
import { auditAs } from '../accounts/audit';
import type { RequestContext } from '../auth/context';
import { open, seal } from '../auth/secret-box';
import { generateToken, hashToken } from '../auth/tokens';
import type { DB } from '../db';
import type { CultureAudience } from '../db/schema';
import { DomainError, isUuid } from '../errors';
import type { Mail } from '../mail';
import { deliverNow, enqueueMail } from '../mail/outbox';
import { createOnce, type FormToken } from '../once';
import { CULTURE_MIN_RESPONSES, currentInstrumentId } from './instrument';

export type RoundState = 'planned' | 'open' | 'closed';

/** Open from `opens_on` up to and including `closes_on` (Amsterdam's calendar). */
export function roundState(
	round: { opensOn: string; closesOn: string },
	today: string
): RoundState {
	if (today < round.opensOn) return 'planned';
	if (today > round.closesOn) return 'closed';
	return 'open';
}

export interface NewRound {
	opensOn: string;
	closesOn: string;
	reminderOn: string | null;
	/** 'members': every active member of the company; 'list': the addresses in `emails`. */
	recipients: 'members' | 'list';
	emails: string[];
	/** Managers asked for the strategy scan besides the company's HR members. */
	managerEmails: string[];
	/** The teams employees may choose from (none, or 2 to CULTURE_MAX_TEAMS). */
	teams?: string[];
}

interface Recipient {
	email: string;
	locale: Locale;
	audience: CultureAudience;
}

/**
 * HR creates a round: who is asked (employees, and management for the strategy scan),
 * when it opens and closes, when the reminder goes. Every invitation gets a personal
 * link; the mails go at once when the round opens today, else on its opening day (the
 * daily job, `sendDueCultureMails`). One transaction: a round without its invitations
 * never exists.
 */
export async function createRound(
	db: DB,
	ctx: RequestContext,
	input: NewRound,
	origin: string,
	token?: FormToken,
	today = todayIso()
): Promise<string> {
	let mails: number[] = [];
	const id = await createOnce(
		db,
		ctx.user.id,
		`culture_round:${ctx.company.id}`,
		token,
		async (trx) => {
			// One round at a time: rounds of a company never overlap. Two HR managers planning
			// at once: this lock (per company, until the commit) makes the second wait for the
			// first and then see its round as an overlap.
			await sql`select pg_advisory_xact_lock(hashtextextended(${'culture_round:' + ctx.company.id}, 0))`.execute(
				trx
			);
			const overlap = await trx
				.selectFrom('culture_round')
				.select('id')
				.where('company_id', '=', ctx.company.id)
				.where('closes_on', '>=', input.opensOn)
				.where('opens_on', '<=', input.closesOn)
				.executeTakeFirst();
			if (overlap) throw new DomainError('culture_round_overlap', 'opensOn');
			const recipients = await recipientsOf(trx, ctx, input);
			const employees = recipients.filter((r) => r.audience === 'employee');
			if (employees.length < CULTURE_MIN_RESPONSES) {
				throw new DomainError(
					'culture_too_few_recipients',
					input.recipients === 'list' ? 'emails' : 'recipients'
				);
			}
			const round = await trx
				.insertInto('culture_round')
				.values({
					company_id: ctx.company.id,
					version_id: await currentInstrumentId(trx),
					opens_on: input.opensOn,
					closes_on: input.closesOn,
					reminder_on: input.reminderOn,
					invited_employees: employees.length,
					invited_management: recipients.length - employees.length,
					teams: input.teams ?? [],
					created_by: ctx.user.id
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const links = await insertInvitations(trx, ctx.company.id, round.id, recipients, origin);
			if (input.opensOn <= today) {
				mails = await enqueueMail(
					trx,
					'culture_scan',
					links.map((l) => invitationMail(l, ctx.company.name, input.closesOn, false))
				);
				await trx
					.updateTable('culture_round')
					.set({ invitations_sent_at: new Date() })
					.where('id', '=', round.id)
					.execute();
			}
			await auditAs(trx, ctx, {
				action: 'culture_round.created',
				entityType: 'culture_round',
				entityId: round.id,
				data: {
					opensOn: input.opensOn,
					closesOn: input.closesOn,
					employees: employees.length,
					management: recipients.length - employees.length,
					teams: input.teams?.length ?? 0
				}
			});
			return round.id;
		}
	);
	await deliverNow(db, mails);
	return id;
}

async function recipientsOf(trx: DB, ctx: RequestContext, input: NewRound): Promise<Recipient[]> {
	const members = await trx
		.selectFrom('membership as ms')
		.innerJoin('app_user as u', 'u.id', 'ms.user_id')
		.select(['u.email', 'u.locale', 'ms.roles'])
		.where('ms.company_id', '=', ctx.company.id)
		.where('ms.deactivated_at', 'is', null)
		.execute();
	const localeOf = new Map(members.map((mb) => [mb.email.toLowerCase(), mb.locale as Locale]));
	const employeeEmails =
		input.recipients === 'members' ? members.map((mb) => mb.email) : input.emails;
	const managementEmails = [
		...members.filter((mb) => mb.roles.includes('hr')).map((mb) => mb.email),
		...input.managerEmails
	];
	const result: Recipient[] = [];
	for (const [audience, emails] of [
		['employee', employeeEmails],
		['management', managementEmails]
	] as const) {
		const seen = new Set<string>();
		for (const raw of emails) {
			const email = raw.trim().toLowerCase();
			if (!email || seen.has(email)) continue;
			seen.add(email);
			result.push({ email, audience, locale: localeOf.get(email) ?? 'nl' });
		}
	}
	return result;
}

interface Link extends Recipient {
	url: string;
}

async function insertInvitations(
	trx: DB,
	companyId: string,
	roundId: string,
	recipients: Recipient[],
	origin: string
): Promise<Link[]> {
	const links: Link[] = [];
	const CHUNK = 500;
	for (let i = 0; i < recipients.length; i += CHUNK) {
		const chunk = recipients.slice(i, i + CHUNK).map((r) => ({ ...r, token: generateToken() }));
		await trx
			.insertInto('culture_invitation')
			.values(
				chunk.map((r) => ({
					company_id: companyId,
					round_id: roundId,
					audience: r.audience,
					email: r.email,
					token_hash: hashToken(r.token),
					token_sealed: seal(new TextEncoder().encode(r.token))
				}))
			)
			.execute();
		for (const r of chunk) links.push({ ...r, url: respondentUrl(origin, r.token) });
	}
	return links;
}

export function respondentUrl(origin: string, token: string): string {
	return `${origin}/leercultuur/${token}`;
}

function invitationMail(link: Link, company: string, closesOn: string, reminder: boolean): Mail {
	const locale = link.locale;
	const params = {
		company,
		url: link.url,
		closes: formatDate(closesOn, locale)
	};
	if (link.audience === 'management') {
		return {
			to: link.email,
			subject: reminder
				? m.culture_mail_reminder_subject({ company }, { locale })
				: m.culture_mail_management_subject({ company }, { locale }),
			text: reminder
				? m.culture_mail_reminder_body(params, { locale })
				: m.culture_mail_management_body(params, { locale })
		};
	}
	return {
		to: link.email,
		subject: reminder
			? m.culture_mail_reminder_subject({ company }, { locale })
			: m.culture_mail_employee_subject({ company }, { locale }),
		text: reminder
			? m.culture_mail_reminder_body(params, { locale })
			: m.culture_mail_employee_body(params, { locale })
	};
}

/**
 * The daily job: invitations of rounds that open today (or opened while the job did not
 * run), reminders of rounds whose reminder day has come (to everyone asked: who answered
 * is not known, by construction), and, for rounds that have closed, the addresses and
 * sealed links are removed. Each round in a transaction of its own, marked in the same
 * transaction that queues its mails, so a second run sends nothing twice.
 */
export async function sendDueCultureMails(
	db: DB,
	origin: string,
	today = todayIso()
): Promise<{ invitations: number; reminders: number; cleared: number }> {
	const result = { invitations: 0, reminders: 0, cleared: 0 };
	const due = await db
		.selectFrom('culture_round as r')
		.innerJoin('company as c', 'c.id', 'r.company_id')
		.select([
			'r.id',
			'c.name as company',
			'r.closes_on',
			'r.opens_on',
			'r.reminder_on',
			'r.invitations_sent_at',
			'r.reminder_sent_at'
		])
		.where('r.closes_on', '>=', today)
		.where((eb) =>
			eb.or([
				eb.and([eb('r.invitations_sent_at', 'is', null), eb('r.opens_on', '<=', today)]),
				eb.and([
					eb('r.reminder_sent_at', 'is', null),
					eb('r.reminder_on', 'is not', null),
					eb('r.reminder_on', '<=', today),
					eb('r.invitations_sent_at', 'is not', null)
				])
			])
		)
		.execute();
	for (const round of due) {
		const reminder = round.invitations_sent_at !== null;
		const ids = await db.transaction().execute(async (trx) => {
			// Claimed under a row lock: a concurrent run waits and then sees it done.
			const claimed = await trx
				.updateTable('culture_round')
				.set(reminder ? { reminder_sent_at: new Date() } : { invitations_sent_at: new Date() })
				.where('id', '=', round.id)
				.where(reminder ? 'reminder_sent_at' : 'invitations_sent_at', 'is', null)
				.returning('id')
				.executeTakeFirst();
			if (!claimed) return [];
			const invitations = await trx
				.selectFrom('culture_invitation as i')
				.leftJoin('app_user as u', (j) => j.on(sql`lower(u.email)`, '=', sql.ref('i.email')))
				.select(['i.email', 'i.token_sealed', 'i.audience', 'u.locale'])
				.where('i.round_id', '=', round.id)
				.where('i.token_sealed', 'is not', null)
				.execute();
			const mails = invitations.map((i) =>
				invitationMail(
					{
						email: i.email!,
						audience: i.audience,
						locale: (i.locale ?? 'nl') as Locale,
						url: respondentUrl(origin, new TextDecoder().decode(open(i.token_sealed!)))
					},
					round.company,
					round.closes_on,
					reminder
				)
			);
			return enqueueMail(trx, 'culture_scan', mails);
		});
		if (reminder) result.reminders += ids.length;
		else result.invitations += ids.length;
	}
	const cleared = await db
		.updateTable('culture_invitation')
		.set({ email: null, token_sealed: null })
		.where('email', 'is not', null)
		.where('round_id', 'in', (eb) =>
			eb.selectFrom('culture_round').select('id').where('closes_on', '<', today)
		)
		.executeTakeFirst();
	result.cleared = Number(cleared.numUpdatedRows);
	return result;
}

export interface RoundSummary {
	id: string;
	opensOn: string;
	closesOn: string;
	reminderOn: string | null;
	state: RoundState;
	invitedEmployees: number;
	invitedManagement: number;
	employeeResponses: number;
	managementResponses: number;
}

/** The company's rounds, newest first, with their response counts (one query). */
export async function listRounds(
	db: DB,
	ctx: RequestContext,
	today = todayIso()
): Promise<RoundSummary[]> {
	const rows = await db
		.selectFrom('culture_round as r')
		.select([
			'r.id',
			'r.opens_on',
			'r.closes_on',
			'r.reminder_on',
			'r.invited_employees',
			'r.invited_management',
			sql<number>`(select count(*) from culture_response x where x.round_id = r.id and x.audience = 'employee')::int`.as(
				'employees'
			),
			sql<number>`(select count(*) from culture_response x where x.round_id = r.id and x.audience = 'management')::int`.as(
				'management'
			)
		])
		.where('r.company_id', '=', ctx.company.id)
		.orderBy('r.opens_on', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		opensOn: r.opens_on,
		closesOn: r.closes_on,
		reminderOn: r.reminder_on,
		state: roundState({ opensOn: r.opens_on, closesOn: r.closes_on }, today),
		invitedEmployees: r.invited_employees,
		invitedManagement: r.invited_management,
		employeeResponses: r.employees,
		managementResponses: r.management
	}));
}

/** A round of the request's company, or a 404-worthy DomainError. */
export async function roundOf(db: DB, ctx: RequestContext, roundId: string) {
	if (!isUuid(roundId)) throw new DomainError('culture_round_not_found');
	const round = await db
		.selectFrom('culture_round')
		.selectAll()
		.where('id', '=', roundId)
		.where('company_id', '=', ctx.company.id)
		.executeTakeFirst();
	if (!round) throw new DomainError('culture_round_not_found');
	return round;
}
