import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { addDays, todayIso } from '$lib/time';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T12:00:00Z`));
const date = () =>
	z
		.string({ error: () => m.v_date() })
		.trim()
		.refine(isDate, { error: () => m.v_date() });

/** At most this many addresses in one list (a large company pastes its staff list). */
export const CULTURE_MAX_EMAILS = 5000;
/** A round runs at most this long, and opens at most this far ahead. */
export const CULTURE_MAX_DAYS_OPEN = 92;
export const CULTURE_MAX_DAYS_AHEAD = 365;

const EMAIL = z.email();

/** A round names at most this many teams, each at most this long (migration 0036). */
export const CULTURE_MAX_TEAMS = 30;
export const CULTURE_TEAM_MAX_LENGTH = 60;

/**
 * A pasted list (teams, addresses) of at most `maxChars` characters: `parse` splits it
 * into its items, and the first rule `refusal` finds broken is the field's message.
 */
const pastedList = (
	maxChars: number,
	parse: (value: string) => string[],
	refusal: (items: string[]) => string | null
) =>
	z
		.string()
		.max(maxChars, { error: () => m.v_too_long({ max: maxChars }) })
		.default('')
		.transform((value, ctx) => {
			const items = parse(value);
			const message = refusal(items);
			if (message === null) return items;
			ctx.addIssue({ code: 'custom', message });
			return z.NEVER;
		});

/**
 * HR's teams of a round: one per line; blank lines and duplicates (whatever the case) do
 * not count. None is fine (no breakdown); one is not (a breakdown of one team is the whole).
 */
export const teamList = () =>
	pastedList(
		CULTURE_MAX_TEAMS * 80,
		(value) => {
			const seen = new Set<string>();
			const teams: string[] = [];
			for (const line of value.split(/\r?\n/)) {
				const team = line.trim().replace(/\s+/g, ' ');
				if (!team || seen.has(team.toLocaleLowerCase('nl'))) continue;
				seen.add(team.toLocaleLowerCase('nl'));
				teams.push(team);
			}
			return teams;
		},
		(teams) => {
			const long = teams.find((t) => t.length > CULTURE_TEAM_MAX_LENGTH);
			if (long) return m.v_culture_team_too_long({ team: long, max: CULTURE_TEAM_MAX_LENGTH });
			if (teams.length > CULTURE_MAX_TEAMS)
				return m.v_culture_too_many_teams({ max: CULTURE_MAX_TEAMS });
			if (teams.length === 1) return m.v_culture_teams_min();
			return null;
		}
	);

/**
 * A pasted list of addresses: one per line, or separated by commas, semicolons or
 * spaces; case and duplicates do not matter. The message names the first wrong one.
 */
export const emailList = () =>
	pastedList(
		CULTURE_MAX_EMAILS * 80,
		(value) => [
			...new Set(
				value
					.split(/[\s,;]+/)
					.map((e) => e.trim().toLowerCase())
					.filter(Boolean)
			)
		],
		(emails) => {
			const wrong = emails.find((e) => e.length > 254 || !EMAIL.safeParse(e).success);
			if (wrong) return m.v_culture_email_wrong({ email: wrong });
			if (emails.length > CULTURE_MAX_EMAILS)
				return m.v_culture_too_many_emails({ max: CULTURE_MAX_EMAILS });
			return null;
		}
	);

/** HR's new round. Dates are Amsterdam's calendar (src/lib/time.ts). */
export const cultureRoundSchema = () =>
	z
		.object({
			opensOn: date(),
			closesOn: date(),
			reminderOn: z
				.string()
				.trim()
				.default('')
				.refine((v) => v === '' || isDate(v), { error: () => m.v_date() }),
			recipients: z.enum(['members', 'list'], { error: () => m.v_choose() }).default('members'),
			emails: z.string().default(''),
			managerEmails: z.string().default(''),
			teams: z.string().default('')
		})
		.superRefine((d, ctx) => {
			const today = todayIso();
			if (isDate(d.opensOn)) {
				if (d.opensOn < today) {
					ctx.addIssue({ code: 'custom', path: ['opensOn'], message: m.v_culture_opens_past() });
				} else if (d.opensOn > addDays(today, CULTURE_MAX_DAYS_AHEAD)) {
					ctx.addIssue({ code: 'custom', path: ['opensOn'], message: m.v_culture_opens_far() });
				}
			}
			if (isDate(d.opensOn) && isDate(d.closesOn)) {
				if (d.closesOn <= d.opensOn) {
					ctx.addIssue({ code: 'custom', path: ['closesOn'], message: m.v_culture_closes_after() });
				} else if (d.closesOn > addDays(d.opensOn, CULTURE_MAX_DAYS_OPEN)) {
					ctx.addIssue({
						code: 'custom',
						path: ['closesOn'],
						message: m.v_culture_closes_far({ days: CULTURE_MAX_DAYS_OPEN })
					});
				}
			}
			if (d.reminderOn && isDate(d.reminderOn) && isDate(d.opensOn) && isDate(d.closesOn)) {
				if (d.reminderOn <= d.opensOn || d.reminderOn >= d.closesOn) {
					ctx.addIssue({
						code: 'custom',
						path: ['reminderOn'],
						message: m.v_culture_reminder_between()
					});
				}
			}
			for (const [key, list] of [
				['emails', emailList],
				['managerEmails', emailList],
				['teams', teamList]
			] as const) {
				const parsed = list().safeParse(d[key]);
				if (!parsed.success) {
					ctx.addIssue({ code: 'custom', path: [key], message: parsed.error.issues[0].message });
				}
			}
			if (d.recipients === 'list' && emailList().safeParse(d.emails).data?.length === 0) {
				ctx.addIssue({ code: 'custom', path: ['emails'], message: m.v_culture_emails_required() });
			}
		});

export type CultureRoundForm = z.infer<ReturnType<typeof cultureRoundSchema>>;

/** The parsed address lists of a valid form. */
export function emailsOf(value: string): string[] {
	return emailList().parse(value);
}

/** The parsed teams of a valid form. */
export function teamsOf(value: string): string[] {
	return teamList().parse(value);
}

/** An action of the improvement plan (server/culture/plan.ts checks owner and dates again). */
export const cultureActionSchema = () =>
	z.object({
		title: z
			.string({ error: () => m.v_required() })
			.trim()
			.min(1, { error: () => m.v_required() })
			.max(200, { error: () => m.v_too_long({ max: 200 }) }),
		dimensionCode: z.string().trim().max(40).default(''),
		ownerId: z
			.string({ error: () => m.v_choose() })
			.trim()
			.min(1, { error: () => m.v_choose() }),
		dueOn: date().refine((v) => !isDate(v) || v >= todayIso(), {
			error: () => m.err_culture_action_due_past()
		})
	});

/** At most this many posted fields are read from a questionnaire (a crafted post has more). */
const RESPONSE_MAX_FIELDS = 200;
const STATEMENT_KEY = /^s(\d{1,9})$/;

/**
 * A respondent's answers: a 1–5 scale per statement (`s<statementId>`, one radio group each,
 * so not a fixed object; answers that are not 1–5 count as not given) and the open answer
 * (cut at 2000 characters).
 */
export const cultureResponseSchema = z.object({
	answers: z.record(z.string().regex(/^\d{1,9}$/), z.number().int().min(1).max(5)),
	openAnswer: z
		.string()
		.transform((v) => v.slice(0, 2000))
		.nullable(),
	/**
	 * The chosen team's position in the round's list (1-based), null when not said; 0 for a
	 * value that is none (a crafted post), which the service refuses like a team it lacks.
	 */
	team: z.number().int().min(0).max(99).nullable()
});

export type CultureResponse = z.infer<typeof cultureResponseSchema>;

/**
 * The respondent's form as the pipeline reads it: the open answer. The statements' answers
 * are a radio group per statement of the round (`s<statementId>`), read beside it by
 * `cultureResponseOf`.
 */
export const cultureOpenAnswerSchema = z.object({
	openAnswer: z
		.string()
		.max(2000, { error: () => m.v_too_long({ max: 2000 }) })
		.default('')
});

/** The posted questionnaire, read through cultureResponseSchema. */
export function cultureResponseOf(data: FormData): CultureResponse {
	const answers: Record<string, number> = {};
	let fields = 0;
	for (const [key, value] of data) {
		if (++fields > RESPONSE_MAX_FIELDS) break;
		const match = STATEMENT_KEY.exec(key);
		if (match && typeof value === 'string' && /^[1-5]$/.test(value)) {
			answers[match[1]] = Number(value);
		}
	}
	const open = data.get('openAnswer');
	const team = data.get('team');
	return cultureResponseSchema.parse({
		answers,
		openAnswer: typeof open === 'string' ? open : null,
		team: typeof team !== 'string' || team === '' ? null : /^\d{1,2}$/.test(team) ? Number(team) : 0
	});
}

/**
 * The admin's draft of the learning-culture instrument (/beheer/leercultuur): the open
 * question in both languages and, per dimension of the draft, `name_nl_<code>`,
 * `name_en_<code>`, `description_nl_<code>`, `description_en_<code>` and the statements
 * `employee_nl_<code>`, `employee_en_<code>`, `management_nl_<code>`,
 * `management_en_<code>` (one per line). The service checks the statements themselves:
 * how many, Dutch and English in pairs, each at most 300 characters.
 */
export function instrumentDraftSchema(codes: string[]) {
	const text = (max: number) =>
		z
			.string()
			.trim()
			.max(max, { error: () => m.v_too_long({ max }) });
	const required = (max: number) => text(max).min(1, { error: () => m.v_required() });
	const shape: Record<string, z.ZodType<string>> = {
		open_nl: required(300),
		open_en: required(300)
	};
	for (const code of codes) {
		shape[`name_nl_${code}`] = required(120);
		shape[`name_en_${code}`] = required(120);
		shape[`description_nl_${code}`] = text(400);
		shape[`description_en_${code}`] = text(400);
		for (const audience of ['employee', 'management']) {
			shape[`${audience}_nl_${code}`] = text(2000);
			shape[`${audience}_en_${code}`] = text(2000);
		}
	}
	return z.object(shape);
}
