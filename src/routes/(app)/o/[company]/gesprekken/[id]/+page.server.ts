import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { actionSchema, addendumSchema, rescheduleSchema } from '$lib/schemas/conversations';
import { checkDate, checked, DATE_RULES } from '$lib/schemas/dates';
import { requireCompany } from '$lib/server/auth/guard';
import { answersToFields, readAnswerFields } from '$lib/server/conversations/answers';
import { addAction, removeAction, setActionDone } from '$lib/server/conversations/actions';
import {
	addAddendum,
	AnswersError,
	saveAgreed,
	savePreparation,
	signConversation
} from '$lib/server/conversations/record';
import { cancelConversation } from '$lib/server/conversations/cancel';
import { getConversation } from '$lib/server/conversations/view';
import { rescheduleConversation } from '$lib/server/conversations/reschedule';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { isNotFound, notFoundOr } from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import { listTrainers } from '$lib/server/trajectories/people';
import { readerOf, recordRead } from '$lib/server/privacy/access-log';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '$lib/form-data';
import { amsterdamDateTime } from '$lib/time';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event);
	const db = await getDb();
	const view = await getConversation(db, ctx, event.params.id);
	if (!view) error(404, m.error_not_found());
	const [trainers] = await Promise.all([
		view.can.reschedule ? listTrainers(db, ctx) : [],
		recordRead(db, readerOf(ctx), { conversationId: view.id }, 'conversation', event.url.pathname)
	]);
	return { conversation: view, trainers, planned: amsterdamDateTime(view.plannedAt) };
};

/** A posted version number; anything else counts as 0 (a stale version: a conflict). */
function versionOf(value: FormDataEntryValue | null): number {
	const n = Number(value);
	return Number.isInteger(n) && n >= 0 && n < 2 ** 31 ? n : 0;
}

function answerErrorMessage(code: string): string {
	switch (code) {
		case 'required':
			return m.v_required();
		case 'too_long':
			return m.conv_v_answer_too_long();
		case 'scale':
			return m.conv_v_scale();
		case 'work_process':
			return m.conv_v_work_process();
		default:
			return m.v_choose();
	}
}

type Viewer = 'learner' | 'trainer' | 'hr';

/**
 * The conversation (404 when the member may not see it) and the posted form; `allowed`:
 * the viewers who may use this form at all (others: 403).
 */
async function context(event: RequestEvent<{ company: string; id: string }>, allowed: Viewer[]) {
	const ctx = requireCompany(event);
	const db = await getDb();
	const view = await getConversation(db, ctx, event.params.id);
	if (!view) error(404, m.error_not_found());
	if (!allowed.includes(view.viewer)) error(403, m.error_forbidden());
	return { ctx, db, view, data: await event.request.formData() };
}

/** A DomainError as a 4xx answer for one of the page's forms; other errors go up. */
function failure(e: unknown, formId: string, extra: Record<string, unknown> = {}) {
	if (e instanceof AnswersError) {
		const errors = Object.fromEntries(
			Object.entries(e.errors).map(([k, code]) => [k, answerErrorMessage(code)])
		);
		return fail(400, { formId, errors, message: m.err_answers_invalid(), ...extra });
	}
	if (e instanceof DomainError) {
		if (isNotFound(e)) notFoundOr(e);
		if (e.code === 'not_allowed') error(403, m.error_forbidden());
		const status = e.code === 'conversation_conflict' ? 409 : 400;
		return fail(status, {
			formId,
			errors: e.field ? { [e.field]: domainErrorMessage(e.code) } : {},
			message: domainErrorMessage(e.code),
			conflict: e.code === 'conversation_conflict',
			...extra
		});
	}
	throw e;
}

/** On a conflict: what is saved now, and its version (a deliberate second save overwrites). */
async function fresh(
	event: RequestEvent<{ company: string; id: string }>,
	role: 'learner' | 'trainer' | 'agreed'
) {
	const ctx = requireCompany(event);
	const view = await getConversation(await getDb(), ctx, event.params.id);
	const set = view?.answers[role];
	if (!view || !set) return {};
	return { freshVersion: set.version, current: answersToFields(view.content, set.answers) };
}

export const actions: Actions = {
	prepare: async (event) => {
		const { ctx, db, view, data } = await context(event, ['learner', 'trainer']);
		const raw = readAnswerFields(view.content, data);
		const share = data.get('intent') === 'share';
		const role = view.viewer === 'trainer' ? 'trainer' : 'learner';
		let version: number;
		try {
			version = await savePreparation(db, ctx, view.id, {
				raw,
				version: versionOf(data.get('version')),
				share
			});
		} catch (e) {
			const extra =
				e instanceof DomainError && e.code === 'conversation_conflict'
					? await fresh(event, role)
					: {};
			return failure(e, 'prepare', { values: raw, ...extra });
		}
		return {
			formId: 'prepare',
			version,
			success: share ? m.conv_prep_shared() : m.conv_saved_draft()
		};
	},
	agreed: async (event) => {
		const { ctx, db, view, data } = await context(event, ['trainer']);
		const raw = readAnswerFields(view.content, data);
		const hold = data.get('intent') === 'hold';
		const nextDate = formText(data, 'nextDate');
		const nextCheck = nextDate ? checkDate(nextDate, DATE_RULES.nextConversation) : null;
		if (nextCheck && nextCheck.kind !== 'ok') {
			return fail(400, {
				formId: 'agreed',
				values: raw,
				nextDate,
				errors: { nextDate: 'message' in nextCheck ? nextCheck.message : m.v_date() },
				message: 'message' in nextCheck ? nextCheck.message : m.v_date()
			});
		}
		let version: number;
		try {
			version = await saveAgreed(db, ctx, view.id, {
				raw,
				version: versionOf(data.get('version')),
				hold,
				nextDate: nextDate || null
			});
		} catch (e) {
			const extra =
				e instanceof DomainError && e.code === 'conversation_conflict'
					? await fresh(event, 'agreed')
					: {};
			return failure(e, 'agreed', { values: raw, nextDate, ...extra });
		}
		return {
			formId: 'agreed',
			version,
			success: hold ? m.conv_held_done() : m.conv_saved_draft()
		};
	},
	addAction: async (event) => {
		const { ctx, db, view, data } = await context(event, ['trainer']);
		const values = Object.fromEntries(
			['description', 'ownerRole', 'dueDate', 'workProcessId'].map((k) => [k, formText(data, k)])
		);
		const parsed = actionSchema.safeParse({
			...values,
			dueDateConfirmed: checked(data.get('dueDateConfirmed'))
		});
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
			return fail(400, { formId: 'action', values, errors, message: m.err_answers_invalid() });
		}
		try {
			await addAction(
				db,
				ctx,
				view.id,
				{
					description: parsed.data.description,
					ownerRole: parsed.data.ownerRole,
					dueDate: parsed.data.dueDate || null,
					workProcessId: parsed.data.workProcessId || null
				},
				formTokenOf(data)
			);
		} catch (e) {
			return failure(e, 'action', { values });
		}
		return { formId: 'action', success: m.conv_action_added() };
	},
	removeAction: async (event) => {
		const { ctx, db, view, data } = await context(event, ['trainer']);
		try {
			await removeAction(db, ctx, view.id, formText(data, 'actionId'));
		} catch (e) {
			return failure(e, 'actions');
		}
		return { formId: 'actions', success: m.conv_action_removed() };
	},
	actionDone: async (event) => {
		const { ctx, db, view, data } = await context(event, ['learner', 'trainer', 'hr']);
		try {
			await setActionDone(
				db,
				ctx,
				view.id,
				formText(data, 'actionId'),
				data.get('done') !== 'false'
			);
		} catch (e) {
			return failure(e, 'actions');
		}
		return { formId: 'actions', success: m.conv_action_updated() };
	},
	sign: async (event) => {
		const { ctx, db, view, data } = await context(event, ['learner', 'trainer']);
		try {
			await signConversation(db, ctx, view.id, versionOf(data.get('agreedVersion')));
		} catch (e) {
			return failure(e, 'sign');
		}
		return { formId: 'sign', success: m.conv_signed_done() };
	},
	addendum: async (event) => {
		const { ctx, db, view, data } = await context(event, ['learner', 'trainer']);
		const body = formText(data, 'body');
		const parsed = addendumSchema.safeParse({ body });
		if (!parsed.success) {
			return fail(400, {
				formId: 'addendum',
				values: { body },
				errors: { body: parsed.error.issues[0].message },
				message: parsed.error.issues[0].message
			});
		}
		try {
			await addAddendum(db, ctx, view.id, parsed.data.body, formTokenOf(data));
		} catch (e) {
			return failure(e, 'addendum', { values: { body } });
		}
		return { formId: 'addendum', success: m.conv_addendum_added() };
	},
	reschedule: async (event) => {
		const { ctx, db, view, data } = await context(event, ['trainer', 'hr']);
		const values = Object.fromEntries(
			['plannedDate', 'plannedTime', 'trainerId'].map((k) => [k, formText(data, k)])
		);
		const parsed = rescheduleSchema.safeParse({
			...values,
			plannedDateConfirmed: checked(data.get('plannedDateConfirmed'))
		});
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
			return fail(400, { formId: 'reschedule', values, errors, message: m.err_answers_invalid() });
		}
		try {
			await rescheduleConversation(
				db,
				ctx,
				view.id,
				{
					plannedDate: parsed.data.plannedDate,
					plannedTime: parsed.data.plannedTime,
					trainerId: parsed.data.trainerId,
					version: versionOf(data.get('version'))
				},
				event.url.origin
			);
		} catch (e) {
			return failure(e, 'reschedule', { values });
		}
		return { formId: 'reschedule', success: m.conv_rescheduled() };
	},
	cancel: async (event) => {
		const { ctx, db, view, data } = await context(event, ['trainer', 'hr']);
		// Only the confirmation step posts `confirm`: a bare post cancels nothing.
		if (data.get('confirm') !== 'yes') {
			return fail(400, { formId: 'cancel', message: m.conv_cancel_unconfirmed() });
		}
		try {
			await cancelConversation(db, ctx, view.id, event.url.origin);
		} catch (e) {
			return failure(e, 'cancel');
		}
		return { formId: 'cancel', success: m.conv_cancelled_done() };
	}
};
