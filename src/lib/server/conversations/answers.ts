import type {
	Answer,
	Answers,
	TemplateContent,
	TemplateQuestion
} from '../../schemas/conversations';
import { formText } from '$lib/form-data';

/**
 * Answers of a conversation form: one field per question, named `q_<question id>`
 * (several values for multi and work_process, one line per goal). Parsed and checked
 * against the template version the conversation uses, never trusted from the client.
 */

export type AnswerErrorCode = 'required' | 'too_long' | 'choose' | 'scale' | 'work_process';
export type AnswerErrors = Record<string, AnswerErrorCode>;

export const MAX_OPEN = 5000;
export const MAX_GOALS = 20;
export const MAX_GOAL = 300;

/** The raw form values per question (what the page shows again after an error). */
export function readAnswerFields(
	content: TemplateContent,
	form: FormData
): Record<string, string | string[]> {
	const raw: Record<string, string | string[]> = {};
	for (const q of questionsOf(content)) {
		const name = `q_${q.id}`;
		raw[q.id] =
			q.type === 'multi' || q.type === 'work_process'
				? form.getAll(name).map(String)
				: formText(form, name);
	}
	return raw;
}

export function questionsOf(content: TemplateContent): TemplateQuestion[] {
	return content.sections.flatMap((s) => s.questions);
}

function isEmpty(a: Answer | undefined) {
	return a === undefined || a === '' || (Array.isArray(a) && a.length === 0);
}

/**
 * Checks and normalises answers. `requireAll`: required questions must be answered
 * (sharing a preparation, recording the conversation); a draft may be incomplete.
 * `workProcessIds`: the work processes the learner's trajectories target.
 */
export function validateAnswers(
	content: TemplateContent,
	raw: Record<string, string | string[]>,
	opts: { requireAll: boolean; workProcessIds: Set<number> }
): { answers: Answers; errors: AnswerErrors } {
	const answers: Answers = {};
	const errors: AnswerErrors = {};
	for (const q of questionsOf(content)) {
		const value = raw[q.id];
		const text = (Array.isArray(value) ? '' : (value ?? '')).trim();
		const list = Array.isArray(value) ? value : [];
		let answer: Answer | undefined;
		switch (q.type) {
			case 'open':
				if (text.length > MAX_OPEN) errors[q.id] = 'too_long';
				else if (text) answer = text;
				break;
			case 'scale':
				if (text) {
					const n = Number(text);
					if (!Number.isInteger(n) || n < 1 || n > 5) errors[q.id] = 'scale';
					else answer = n;
				}
				break;
			case 'choice':
				if (text) {
					if (!q.options?.includes(text)) errors[q.id] = 'choose';
					else answer = text;
				}
				break;
			case 'multi': {
				const chosen = [...new Set(list)];
				if (chosen.some((c) => !q.options?.includes(c))) errors[q.id] = 'choose';
				else if (chosen.length) answer = q.options!.filter((o) => chosen.includes(o));
				break;
			}
			case 'work_process': {
				const ids = [...new Set(list.map(Number))];
				if (ids.some((id) => !opts.workProcessIds.has(id))) errors[q.id] = 'work_process';
				else if (ids.length) answer = ids.sort((a, b) => a - b);
				break;
			}
			case 'goals': {
				const lines = text
					.split(/\r?\n/)
					.map((l) => l.trim())
					.filter(Boolean);
				if (lines.length > MAX_GOALS || lines.some((l) => l.length > MAX_GOAL)) {
					errors[q.id] = 'too_long';
				} else if (lines.length) answer = lines;
				break;
			}
		}
		if (errors[q.id]) continue;
		if (isEmpty(answer)) {
			if (opts.requireAll && q.required) errors[q.id] = 'required';
		} else {
			answers[q.id] = answer!;
		}
	}
	return { answers, errors };
}

/** Stored answers as form values (the inverse of readAnswerFields). */
export function answersToFields(
	content: TemplateContent,
	answers: Answers
): Record<string, string | string[]> {
	const fields: Record<string, string | string[]> = {};
	for (const q of questionsOf(content)) {
		const a = answers[q.id];
		if (a === undefined) fields[q.id] = q.type === 'multi' || q.type === 'work_process' ? [] : '';
		else if (q.type === 'goals' && Array.isArray(a)) fields[q.id] = a.join('\n');
		else if (Array.isArray(a)) fields[q.id] = a.map(String);
		else fields[q.id] = String(a);
	}
	return fields;
}
