import type { ActionData } from './$types';

/**
 * The conversation page's button forms (an action's row, signing, cancelling) answer with
 * a `notice` for the part of the page they belong to; the answer forms (preparation,
 * agreed answers) carry the answers per question beside their superform. These read the
 * action result for one of them.
 */
export function noticeOf(form: ActionData, id: 'actions' | 'sign' | 'cancel') {
	return form?.notice?.formId === id ? form.notice : null;
}

/** The posted answers, their errors and (on a conflict) what is saved now, of form `id`. */
export function answersOf(form: ActionData, id: 'prepare' | 'agreed') {
	return form?.answers && form.form?.id === id ? form.answers : null;
}
