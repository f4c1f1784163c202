import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { message, type SuperValidated } from 'sveltekit-superforms';
import type { z } from 'zod';
import { domainErrorMessage } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import {
	actionRowSchema,
	actionSchema,
	addendumSchema,
	agreedSchema,
	cancelSchema,
	prepareSchema,
	rescheduleSchema,
	signSchema
} from '$lib/schemas/conversations';
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
import { conversationAccess } from '$lib/server/conversations/load';
import { conversationPageData, getConversation } from '$lib/server/conversations/view';
import { rescheduleConversation } from '$lib/server/conversations/reschedule';
import { getDb } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import {
	domainFail,
	formFor,
	invalid,
	isNotFound,
	notFoundOr,
	readForm,
	requireIds,
	type FormMessage
} from '$lib/server/forms';
import { formTokenOf } from '$lib/server/once';
import type { Actions, PageServerLoad } from './$types';
import { amsterdamDateTime } from '$lib/time';

export const load: PageServerLoad = async (event) => {
	const ctx = requireCompany(event);
	const db = await getDb();
	const page = await conversationPageData(db, ctx, event.params.id, event.url.pathname);
	if (!page) error(404, m.error_not_found());
	const { conversation: view, trainers, culture } = page;
	const planned = amsterdamDateTime(view.plannedAt);
	const own = view.can.prepare ? view.answers[view.can.prepare] : null;
	const [prepareForm, agreedForm, actionForm, addendumForm, rescheduleForm] = await Promise.all([
		formFor(prepareSchema, { version: own?.version ?? 0 }, { id: 'prepare' }),
		formFor(
			agreedSchema,
			{ version: view.answers.agreed?.version ?? 0, nextDate: view.suggestedNextDate ?? '' },
			{ id: 'agreed' }
		),
		formFor(actionSchema, { ownerRole: 'learner', workProcessId: 0 }, { id: 'action' }),
		formFor(addendumSchema, null, { id: 'addendum' }),
		formFor(
			rescheduleSchema,
			{
				plannedDate: planned.date,
				plannedTime: planned.time,
				trainerId: view.trainer.id ?? ''
			},
			{ id: 'reschedule' }
		)
	]);
	return {
		conversation: view,
		trainers,
		planned,
		prepareForm,
		agreedForm,
		actionForm,
		addendumForm,
		rescheduleForm,
		culture
	};
};

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
type Event = RequestEvent<{ company: string; id: string }>;

/**
 * The conversation (404 when the member may not see it) and the posted form; `allowed`:
 * the viewers who may use this form at all (others: 403).
 */
async function context(event: Event, allowed: Viewer[]) {
	const ctx = requireCompany(event);
	const db = await getDb();
	const view = await conversationAccess(db, ctx, event.params.id);
	if (!view) error(404, m.error_not_found());
	if (!allowed.includes(view.viewer)) error(403, m.error_forbidden());
	return { ctx, db, view, data: await event.request.formData() };
}

/**
 * A service's refusal that is no field error: a not-found is the 404 page, `not_allowed`
 * a 403; else the status (409 for a conflict) and the catalogue message.
 */
function refusal(e: unknown): { status: 400 | 409; text: string } {
	if (!(e instanceof DomainError) || isNotFound(e)) notFoundOr(e);
	if (e.code === 'not_allowed') error(403, m.error_forbidden());
	return {
		status: e.code === 'conversation_conflict' ? 409 : 400,
		text: domainErrorMessage(e.code)
	};
}

type ButtonForm = 'actions' | 'sign' | 'cancel';

/**
 * A button without fields of its own (an action's row, signing, cancelling): its result
 * is a notice above the part of the page it belongs to.
 */
function notice(formId: ButtonForm, type: 'success' | 'error', text: string) {
	return { notice: { formId, type, text } };
}

function buttonFail(e: unknown, formId: ButtonForm) {
	const { status, text } = refusal(e);
	return fail(status, notice(formId, 'error', text));
}

/** On a conflict: what is saved now, and its version (a deliberate second save overwrites). */
async function fresh(event: Event, role: 'learner' | 'trainer' | 'agreed') {
	const ctx = requireCompany(event);
	const view = await getConversation(await getDb(), ctx, event.params.id);
	const set = view?.answers[role];
	if (!view || !set) return null;
	return { version: set.version, current: answersToFields(view.content, set.answers) };
}

/**
 * The answer forms (preparation, agreed answers): the fixed fields through the schema, the
 * answers per question beside it (`answers.values`, kept on an error), with their errors
 * by question id; on a conflict also what is saved now (`answers.current`) and its version.
 */
type AnswerForm =
	| SuperValidated<z.infer<typeof prepareSchema>, FormMessage>
	| SuperValidated<z.infer<typeof agreedSchema>, FormMessage>;

async function answersFailure(
	event: Event,
	e: unknown,
	form: AnswerForm,
	values: Record<string, string | string[]>,
	role: 'learner' | 'trainer' | 'agreed'
) {
	if (e instanceof AnswersError) {
		const errors = Object.fromEntries(
			Object.entries(e.errors).map(([k, code]) => [k, answerErrorMessage(code)])
		);
		form.message = { type: 'error', text: m.err_answers_invalid() };
		return fail(400, { form, answers: answersOf(values, errors) });
	}
	const { status, text } = refusal(e);
	const latest = status === 409 ? await fresh(event, role) : null;
	if (latest) form.data.version = latest.version;
	form.message = { type: 'error', text };
	return fail(status, { form, answers: answersOf(values, {}, latest?.current) });
}

function answersOf(
	values: Record<string, string | string[]>,
	errors: Record<string, string> = {},
	current: Record<string, string | string[]> | null = null
) {
	return { values, errors, current };
}

export const actions: Actions = {
	prepare: async (event) => {
		const { ctx, db, view, data } = await context(event, ['learner', 'trainer']);
		const form = await readForm(data, prepareSchema, { id: 'prepare' });
		const raw = readAnswerFields(view.content, data);
		if (!form.valid) return fail(400, { form, answers: answersOf(raw) });
		const share = form.data.intent === 'share';
		try {
			form.data.version = await savePreparation(db, ctx, view.id, {
				raw,
				version: form.data.version,
				share
			});
		} catch (e) {
			return answersFailure(event, e, form, raw, view.viewer === 'trainer' ? 'trainer' : 'learner');
		}
		return message(form, {
			type: 'success',
			text: share ? m.conv_prep_shared() : m.conv_saved_draft()
		});
	},
	agreed: async (event) => {
		const { ctx, db, view, data } = await context(event, ['trainer']);
		const form = await readForm(data, agreedSchema, { id: 'agreed' });
		const raw = readAnswerFields(view.content, data);
		if (!form.valid) return fail(400, { form, answers: answersOf(raw) });
		const hold = form.data.intent === 'hold';
		try {
			form.data.version = await saveAgreed(db, ctx, view.id, {
				raw,
				version: form.data.version,
				hold,
				nextDate: form.data.nextDate || null
			});
		} catch (e) {
			return answersFailure(event, e, form, raw, 'agreed');
		}
		return message(form, {
			type: 'success',
			text: hold ? m.conv_held_done() : m.conv_saved_draft()
		});
	},
	addAction: async (event) => {
		const { ctx, db, view, data } = await context(event, ['trainer']);
		const form = await readForm(data, actionSchema, { id: 'action' });
		// The form-level message makes the summary under it list the fields to correct.
		if (!form.valid) {
			return message(form, { type: 'error', text: m.err_answers_invalid() }, { status: 400 });
		}
		try {
			await addAction(
				db,
				ctx,
				view.id,
				{
					description: form.data.description,
					ownerRole: form.data.ownerRole,
					dueDate: form.data.dueDate || null,
					workProcessId: form.data.workProcessId || null
				},
				formTokenOf(data)
			);
		} catch (e) {
			return domainFail(form, e, refusal(e).status);
		}
		return message(form, { type: 'success', text: m.conv_action_added() });
	},
	removeAction: async (event) => {
		const { ctx, db, view, data } = await context(event, ['trainer']);
		const form = await readForm(data, actionRowSchema);
		requireIds(form, 'actionId');
		try {
			await removeAction(db, ctx, view.id, form.data.actionId);
		} catch (e) {
			return buttonFail(e, 'actions');
		}
		return notice('actions', 'success', m.conv_action_removed());
	},
	actionDone: async (event) => {
		const { ctx, db, view, data } = await context(event, ['learner', 'trainer', 'hr']);
		const form = await readForm(data, actionRowSchema);
		requireIds(form, 'actionId');
		try {
			await setActionDone(db, ctx, view.id, form.data.actionId, form.data.done !== 'false');
		} catch (e) {
			return buttonFail(e, 'actions');
		}
		return notice('actions', 'success', m.conv_action_updated());
	},
	sign: async (event) => {
		const { ctx, db, view, data } = await context(event, ['learner', 'trainer']);
		const form = await readForm(data, signSchema);
		try {
			await signConversation(db, ctx, view.id, form.data.agreedVersion);
		} catch (e) {
			return buttonFail(e, 'sign');
		}
		return notice('sign', 'success', m.conv_signed_done());
	},
	addendum: async (event) => {
		const { ctx, db, view, data } = await context(event, ['learner', 'trainer']);
		const form = await readForm(data, addendumSchema, { id: 'addendum' });
		if (!form.valid) return invalid(form);
		try {
			await addAddendum(db, ctx, view.id, form.data.body, formTokenOf(data));
		} catch (e) {
			return domainFail(form, e, refusal(e).status);
		}
		return message(form, { type: 'success', text: m.conv_addendum_added() });
	},
	reschedule: async (event) => {
		const { ctx, db, view, data } = await context(event, ['trainer', 'hr']);
		const form = await readForm(data, rescheduleSchema, { id: 'reschedule' });
		if (!form.valid) return invalid(form);
		try {
			await rescheduleConversation(db, ctx, view.id, form.data, event.url.origin);
		} catch (e) {
			return domainFail(form, e, refusal(e).status);
		}
		return message(form, { type: 'success', text: m.conv_rescheduled() });
	},
	cancel: async (event) => {
		const { ctx, db, view, data } = await context(event, ['trainer', 'hr']);
		const form = await readForm(data, cancelSchema);
		if (!form.valid) return fail(400, notice('cancel', 'error', m.conv_cancel_unconfirmed()));
		try {
			await cancelConversation(db, ctx, view.id, event.url.origin);
		} catch (e) {
			return buttonFail(e, 'cancel');
		}
		return notice('cancel', 'success', m.conv_cancelled_done());
	}
};
