import { sql } from 'kysely';
import type { Answers } from '../../schemas/conversations';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import type { DB } from '../db';
import type { ConversationAnswerRole, ConversationStatus } from '../db/schema';
import { DomainError } from '../errors';
import { once, type FormToken } from '../once';
import { validateAnswers, type AnswerErrors } from './answers';
import {
	bump,
	conversationForAnswers,
	conversationForChange,
	inStateSql,
	type ChangeState
} from './load';

/**
 * The record of a conversation: both preparations, the agreed answers, holding it,
 * the signatures and the addenda after signing. Every change checks the version the
 * form was loaded with (optimistic locking): a stale save is refused, never merged.
 */

export class AnswersError extends DomainError {
	constructor(readonly errors: AnswerErrors) {
		super('answers_invalid');
	}
}

/**
 * Writes one answer set in one statement if nobody saved it since `version` was loaded
 * (else 'conversation_conflict': nothing is written, the caller keeps the user's text).
 * The state the change was checked in (conversationForAnswers) is checked again in the
 * same statement, so a write outside a transaction cannot land on a conversation that
 * was held, signed or cancelled in between. `bump`: the conversation's version moves on
 * too (a change that also sets its status bumps it there).
 */
async function writeAnswers(
	db: DB,
	ctx: RequestContext,
	conversationId: string,
	role: ConversationAnswerRole,
	answers: Answers,
	version: number,
	opts: { state: ChangeState; bump: boolean; share?: boolean }
): Promise<number> {
	const now = new Date();
	const co = ctx.company.id;
	const { rows } = await sql<{ version: number }>`
		with written as (
			update conversation_answer ans
			set answers = ${JSON.stringify(answers)},
				version = ans.version + 1,
				updated_at = ${now},
				updated_by = ${ctx.user.id}
				${opts.share ? sql`, shared_at = coalesce(ans.shared_at, now())` : sql``}
			from conversation c
			where c.company_id = ${co} and c.id = ${conversationId} and ${inStateSql(opts.state)}
				and ans.company_id = c.company_id and ans.conversation_id = c.id
				and ans.role = ${role} and ans.version = ${version}
			returning ans.version
		), bumped as (
			update conversation
			set version = version + 1, updated_at = ${now}
			where ${sql.lit(opts.bump)} and company_id = ${co} and id = ${conversationId}
				and exists (select 1 from written)
		)
		select version from written`.execute(db);
	if (!rows.length) throw new DomainError('conversation_conflict');
	return rows[0].version;
}

/**
 * The learner or the trainer saves their preparation (a draft, or `share`d with the
 * other participant: then required questions must be answered). Only while planned.
 * A draft is two statements (the check with the work processes, the write); sharing
 * writes and records it in one transaction.
 */
export async function savePreparation(
	db: DB,
	ctx: RequestContext,
	id: string,
	input: { raw: Record<string, string | string[]>; version: number; share: boolean }
): Promise<number> {
	const state = 'planned';
	const a = await conversationForAnswers(db, ctx, id, { by: 'participant', state });
	const { answers, errors } = validateAnswers(a.content, input.raw, {
		requireAll: input.share,
		workProcessIds: a.workProcessIds
	});
	if (Object.keys(errors).length) throw new AnswersError(errors);
	const write = (db: DB) =>
		writeAnswers(db, ctx, id, a.viewer, answers, input.version, {
			state,
			bump: true,
			share: input.share
		});
	if (!input.share) return write(db);
	return db.transaction().execute(async (trx) => {
		const version = await write(trx);
		await auditAs(trx, ctx, {
			action: 'conversation.preparation_shared',
			entityType: 'conversation',
			entityId: id,
			data: { role: a.viewer }
		});
		return version;
	});
}

/**
 * The trainer records the agreed answers (a draft: two statements, as a preparation), or
 * records the conversation as held (`hold`: required questions answered, held now, with
 * an optional next date; one transaction). Not after someone signed.
 */
export async function saveAgreed(
	db: DB,
	ctx: RequestContext,
	id: string,
	input: {
		raw: Record<string, string | string[]>;
		version: number;
		hold: boolean;
		nextDate?: string | null;
	}
): Promise<number> {
	const a = await conversationForAnswers(db, ctx, id, { by: 'trainer', state: 'editable' });
	if (input.hold && a.status !== 'planned') throw new DomainError('conversation_locked');
	const { answers, errors } = validateAnswers(a.content, input.raw, {
		requireAll: input.hold,
		workProcessIds: a.workProcessIds
	});
	if (Object.keys(errors).length) throw new AnswersError(errors);
	if (!input.hold) {
		return writeAnswers(db, ctx, id, 'agreed', answers, input.version, {
			state: 'editable',
			bump: true
		});
	}
	return db.transaction().execute(async (trx) => {
		const version = await writeAnswers(trx, ctx, id, 'agreed', answers, input.version, {
			state: 'planned',
			bump: false
		});
		await trx
			.updateTable('conversation')
			.set({
				status: 'held',
				held_at: new Date(),
				next_date: input.nextDate || null,
				version: sql`version + 1`,
				updated_at: new Date()
			})
			.where('company_id', '=', ctx.company.id)
			.where('id', '=', id)
			.where('status', '=', 'planned')
			.execute();
		await auditAs(trx, ctx, {
			action: 'conversation.held',
			entityType: 'conversation',
			entityId: id
		});
		return version;
	});
}

/**
 * Learner or trainer signs the held conversation. `agreedVersion`: the version of the
 * agreed answers the signer read; if they changed since, nothing is signed. When both
 * have signed, the conversation is signed and read-only.
 */
export async function signConversation(
	db: DB,
	ctx: RequestContext,
	id: string,
	agreedVersion: number
): Promise<ConversationStatus> {
	return db.transaction().execute(async (trx) => {
		const a = await conversationForChange(trx, ctx, id, { by: 'participant', state: 'held' });
		const agreed = await trx
			.selectFrom('conversation_answer')
			.select('version')
			.where('company_id', '=', ctx.company.id)
			.where('conversation_id', '=', id)
			.where('role', '=', 'agreed')
			.executeTakeFirstOrThrow();
		if (agreed.version !== agreedVersion) throw new DomainError('conversation_conflict');
		const col = a.viewer === 'learner' ? 'learner' : 'trainer';
		const row = await trx
			.updateTable('conversation')
			.set({
				[`${col}_signed_at`]: new Date(),
				[`${col}_signed_by`]: ctx.user.id,
				version: sql`version + 1`,
				updated_at: new Date()
			})
			.where('company_id', '=', ctx.company.id)
			.where('id', '=', id)
			.where('status', '=', 'held')
			.where(`${col}_signed_at`, 'is', null)
			.returning(['learner_signed_at', 'trainer_signed_at'])
			.executeTakeFirst();
		if (!row) throw new DomainError('conversation_locked');
		let status: ConversationStatus = 'held';
		if (row.learner_signed_at && row.trainer_signed_at) {
			await trx
				.updateTable('conversation')
				.set({ status: 'signed' })
				.where('company_id', '=', ctx.company.id)
				.where('id', '=', id)
				.execute();
			status = 'signed';
		}
		await auditAs(trx, ctx, {
			action: 'conversation.signed',
			entityType: 'conversation',
			entityId: id,
			data: { as: col, status }
		});
		return status;
	});
}

/** After signing, a participant adds an addendum (the signed record stays as it was). */
export async function addAddendum(
	db: DB,
	ctx: RequestContext,
	id: string,
	body: string,
	token?: FormToken
): Promise<string> {
	return db.transaction().execute(async (trx) => {
		await conversationForChange(trx, ctx, id, { by: 'participant', state: 'signed' });
		return once(trx, ctx.user.id, `conversation_addendum:${id}`, token, async () => {
			const row = await trx
				.insertInto('conversation_addendum')
				.values({ company_id: ctx.company.id, conversation_id: id, body, created_by: ctx.user.id })
				.returning('id')
				.executeTakeFirstOrThrow();
			await bump(trx, ctx, id);
			return row.id;
		});
	});
}
