import { sql } from 'kysely';
import { m } from '../../paraglide/messages';
import type { Locale } from '../../paraglide/runtime';
import type { DB } from '../db';
import { log } from '../log';
import type { Mail } from '../mail';
import { enqueueMail } from '../mail/outbox';
import { formatDateTime } from '../../i18n';
import { amsterdamDateSql } from '../../time';
import { conversationLink } from './load';

/**
 * The reminder job: a mail to learner and trainer some days (the company's setting,
 * default 3) before a planned conversation, and a mail to the owner of an action whose
 * due date has passed. Each item is reminded exactly once: the reminder is recorded
 * (conversation_reminder, unique per item) in the same transaction that queues its mails
 * in the outbox (mail/outbox.ts); the outbox's sender delivers them after the commit,
 * each once, so a mail that fails to send never takes the records of others with it.
 *
 * Several app servers run the job: a transaction-scoped advisory lock lets one of them
 * do the work; the others skip this round. Even without the lock, the unique key would
 * keep a second run from sending anything twice.
 */

/** Advisory lock key of the reminder job (any constant unique to this job). */
export const REMINDER_LOCK_KEY = 70_300_001;
/** At most this many items per kind per run; the rest follow in the next runs. */
export const REMINDER_BATCH = 500;

export interface ReminderResult {
	/** Another server held the lock: nothing done. */
	skipped: boolean;
	conversations: number;
	actions: number;
	/** Mails queued in the outbox. */
	mails: number;
}

type Recipient = { email: string | null; name: string | null; locale: string | null };

export async function runReminders(
	db: DB,
	opts: { origin: string; now?: Date }
): Promise<ReminderResult> {
	const now = opts.now ?? new Date();
	const result = await db.transaction().execute(async (trx) => {
		const lock = await sql<{ ok: boolean }>`
			select pg_try_advisory_xact_lock(${REMINDER_LOCK_KEY}::bigint) as ok`.execute(trx);
		if (!lock.rows[0].ok) return { skipped: true, conversations: 0, actions: 0, mails: 0 };

		const conversations = await sql<{
			id: string;
			slug: string;
			company: string;
			template: string;
			planned_at: Date;
			learner: Recipient;
			trainer: Recipient;
		}>`
			with due as (
				insert into conversation_reminder (company_id, kind, item_id)
				select c.company_id, 'conversation', c.id
				from conversation c
				left join conversation_setting s on s.company_id = c.company_id
				where c.status = 'planned' and c.planned_at > ${now}
				  and c.planned_at <= ${now}::timestamptz + make_interval(days => coalesce(s.reminder_days, 3))
				  and not exists (select 1 from conversation_reminder r
					where r.company_id = c.company_id and r.kind = 'conversation' and r.item_id = c.id)
				order by c.planned_at
				limit ${REMINDER_BATCH}
				on conflict do nothing
				returning company_id, item_id
			)
			select c.id, co.slug, co.name as company, t.name as template, c.planned_at,
				json_build_object('email', coalesce(lu.email, l.email), 'name', l.name, 'locale', lu.locale) as learner,
				json_build_object('email', tu.email, 'name', tu.name, 'locale', tu.locale) as trainer
			from due
			join conversation c on c.company_id = due.company_id and c.id = due.item_id
			join company co on co.id = c.company_id
			join learner l on l.company_id = c.company_id and l.id = c.learner_id
			left join app_user lu on lu.id = l.user_id
			left join app_user tu on tu.id = c.trainer_user_id
			join conversation_template_version v on v.id = c.template_version_id
			join conversation_template t on t.id = v.template_id`.execute(trx);

		const actions = await sql<{
			id: string;
			conversation_id: string;
			slug: string;
			description: string;
			due_date: string;
			recipients: Recipient[];
		}>`
			with due as (
				insert into conversation_reminder (company_id, kind, item_id)
				select a.company_id, 'action', a.id
				from conversation_action a
				join conversation c on c.company_id = a.company_id and c.id = a.conversation_id
				where a.done_at is null and c.status <> 'cancelled'
				  and a.due_date < ${amsterdamDateSql(now)}
				  and not exists (select 1 from conversation_reminder r
					where r.company_id = a.company_id and r.kind = 'action' and r.item_id = a.id)
				order by a.due_date
				limit ${REMINDER_BATCH}
				on conflict do nothing
				returning company_id, item_id
			)
			select a.id, a.conversation_id, co.slug, a.description,
				to_char(a.due_date, 'YYYY-MM-DD') as due_date,
				case a.owner_role
					when 'learner' then json_build_array(json_build_object(
						'email', coalesce(lu.email, l.email), 'name', l.name, 'locale', lu.locale))
					when 'trainer' then json_build_array(json_build_object(
						'email', tu.email, 'name', tu.name, 'locale', tu.locale))
					else coalesce((select json_agg(json_build_object(
							'email', hu.email, 'name', hu.name, 'locale', hu.locale))
						from membership hm join app_user hu on hu.id = hm.user_id
						where hm.company_id = a.company_id and hm.deactivated_at is null
						  and 'hr' = any(hm.roles)), '[]'::json)
				end as recipients
			from due
			join conversation_action a on a.company_id = due.company_id and a.id = due.item_id
			join conversation c on c.company_id = a.company_id and c.id = a.conversation_id
			join company co on co.id = a.company_id
			join learner l on l.company_id = a.company_id and l.id = a.learner_id
			left join app_user lu on lu.id = l.user_id
			left join app_user tu on tu.id = c.trainer_user_id`.execute(trx);

		const mails: Mail[] = [];
		for (const c of conversations.rows) {
			const link = conversationLink(opts.origin, c.slug, c.id);
			for (const to of [c.learner, c.trainer]) {
				if (!to.email) continue;
				const locale = (to.locale ?? 'nl') as Locale;
				mails.push({
					to: to.email,
					subject: m.conv_mail_reminder_subject({ template: c.template }, { locale }),
					text: m.conv_mail_reminder_body(
						{
							name: to.name ?? '',
							template: c.template,
							company: c.company,
							when: formatDateTime(c.planned_at, locale),
							link
						},
						{ locale }
					)
				});
			}
		}
		for (const a of actions.rows) {
			const link = conversationLink(opts.origin, a.slug, a.conversation_id);
			for (const to of a.recipients) {
				if (!to.email) continue;
				const locale = (to.locale ?? 'nl') as Locale;
				mails.push({
					to: to.email,
					subject: m.conv_mail_action_subject({}, { locale }),
					text: m.conv_mail_action_body(
						{ name: to.name ?? '', action: a.description, due: a.due_date, link },
						{ locale }
					)
				});
			}
		}
		// Queued with the records: both commit or neither. Nothing is sent in here.
		await enqueueMail(trx, 'reminder', mails);
		return {
			skipped: false,
			conversations: conversations.rows.length,
			actions: actions.rows.length,
			mails: mails.length
		};
	});
	if (!result.skipped && result.mails) log.info(result, 'conversation reminders queued');
	return result;
}
