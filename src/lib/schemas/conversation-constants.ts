/**
 * The fixed lists of conversation templates, without zod: the template editor (client
 * code) imports them from here, so zod stays on the server. The schemas in
 * ./conversations.ts use the same lists (and re-export them).
 */
export const QUESTION_TYPES = [
	'open',
	'scale',
	'choice',
	'multi',
	'work_process',
	'goals'
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const TEMPLATE_KINDS = [
	'ontwikkelgesprek',
	'loopbaan_apk',
	'evc_intake',
	'voortgang',
	'reflectie',
	'other'
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const OWNER_ROLES = ['learner', 'trainer', 'hr'] as const;
