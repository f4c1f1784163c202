import { z } from 'zod';
import { dictionary } from '@zxcvbn-ts/language-common';
import { m } from '$lib/paraglide/messages';

/**
 * The password policy (OWASP ASVS 5, V6.2), in one place: every form that sets a
 * password (invitation acceptance, password reset, password change) validates with
 * `newPassword()` / `passwordProblem()`.
 *
 * - 12 to 128 characters, counted as Unicode code points; spaces count and are kept
 *   (a passphrase is welcome), but a password of only whitespace is refused.
 * - No composition rules (no "one digit, one capital").
 * - Not one of the ~49,000 most common passwords (the `passwords-common` list of
 *   @zxcvbn-ts/language-common, MIT, shipped with the app so nothing is looked up
 *   online), also not when a common password is only padded with digits or symbols
 *   ("password1234", "welkom!2026", "1234567890!!") or repeated ("qwertyqwerty"),
 *   not a run along the keyboard or the alphabet ("123456789012345") and not a
 *   string of four or fewer different characters ("aaaaaaaaaaaa", "121212121212").
 * - Not the user's email address, its local part or their name, case-insensitive;
 *   long enough ones (5+ characters) also not inside the password, and a name part
 *   padded with digits or symbols ("Fatima123456") is refused too.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export type PasswordProblem = 'blank' | 'too_short' | 'too_long' | 'common' | 'personal';

/** Whose password it is, as far as the form knows; checked case-insensitively. */
export interface PasswordOwner {
	email?: string | null;
	name?: string | null;
}

let common: Set<string> | undefined;
function isCommon(candidate: string): boolean {
	common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
	return common.has(candidate);
}

/** The password without leading and trailing characters that are not letters. */
function core(lower: string): string {
	return lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}

/** The shortest unit that repeated makes up the string ("abcabc" → "abc"), or the string. */
function repeatedUnit(s: string): string {
	const match = /^(.+?)\1+$/su.exec(s);
	return match ? match[1] : s;
}

/** Runs along the keyboard or the alphabet, both ways ("1234567890123", "zyxwvutsrqpo"). */
const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];
function isSequence(s: string): boolean {
	if (s.length < 6) return false;
	return SEQUENCES.some((seq) => {
		const ring = seq.repeat(Math.ceil(s.length / seq.length) + 1);
		return ring.includes(s) || [...ring].reverse().join('').includes(s);
	});
}

function looksCommon(lower: string): boolean {
	if (new Set(lower).size <= 4) return true;
	const letters = core(lower);
	const alnum = lower.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
	const unit = repeatedUnit(lower);
	return (
		isCommon(lower) ||
		isCommon(lower.replace(/\s+/g, '')) ||
		(letters.length >= 3 && isCommon(letters)) ||
		isCommon(alnum) ||
		(unit !== lower && isCommon(unit)) ||
		isSequence(alnum)
	);
}

function looksPersonal(lower: string, owner: PasswordOwner): boolean {
	const compact = lower.replace(/\s+/g, '');
	const stripped = core(lower);
	const email = owner.email?.trim().toLowerCase() ?? '';
	const local = email.split('@')[0] ?? '';
	const name = owner.name?.trim().toLowerCase().replace(/\s+/g, ' ') ?? '';
	const whole = [email, local, name, name.replace(/\s/g, '')].filter((s) => s.length > 0);
	for (const s of whole) {
		if (lower === s || compact === s || stripped === s) return true;
		if (s.length >= 5 && (lower.includes(s) || compact.includes(s))) return true;
	}
	// A single part of the name or the address, padded: "Fatima123456", "smit!!2026!!".
	const parts = [...name.split(' '), ...local.split(/[._+-]/)].filter((p) => p.length >= 3);
	return parts.some((p) => stripped === p || repeatedUnit(stripped) === p);
}

/** What is wrong with a new password, or null when it may be used. */
export function passwordProblem(
	password: string,
	owner: PasswordOwner = {}
): PasswordProblem | null {
	if (password.trim() === '') return 'blank';
	// A code point takes one or two UTF-16 units: cheap bounds before counting.
	if (password.length > PASSWORD_MAX * 2) return 'too_long';
	const length = [...password].length;
	if (length < PASSWORD_MIN) return 'too_short';
	if (length > PASSWORD_MAX) return 'too_long';
	const lower = password.toLowerCase();
	if (looksCommon(lower)) return 'common';
	if (looksPersonal(lower, owner)) return 'personal';
	return null;
}

export function passwordProblemMessage(problem: PasswordProblem): string {
	switch (problem) {
		case 'blank':
			return m.v_password_blank();
		case 'too_short':
			return m.v_password_short({ min: PASSWORD_MIN });
		case 'too_long':
			return m.v_too_long({ max: PASSWORD_MAX });
		case 'common':
			return m.v_password_common();
		case 'personal':
			return m.v_password_personal();
	}
}

/**
 * A new password that follows the policy. `owner` is what the server knows of the
 * account (email, name); a name typed in the same form is checked with
 * `passwordNotPersonal` on the object.
 */
export const newPassword = (owner: PasswordOwner = {}) =>
	z.string({ error: () => m.v_required() }).superRefine((value, ctx) => {
		if (value === '') return void ctx.addIssue({ code: 'custom', message: m.v_required() });
		const problem = passwordProblem(value, owner);
		if (problem) ctx.addIssue({ code: 'custom', message: passwordProblemMessage(problem) });
	});

/** An object-level check for forms where the name is typed next to the password. */
export function passwordNotPersonal<T extends { name: string }>(
	key: keyof T & string,
	owner: PasswordOwner = {}
) {
	return (data: T, ctx: z.RefinementCtx) => {
		const password = data[key];
		if (typeof password !== 'string') return;
		// Only what the field itself could not know: the name from the form.
		if (
			passwordProblem(password, owner) === null &&
			passwordProblem(password, { ...owner, name: data.name }) === 'personal'
		) {
			ctx.addIssue({ code: 'custom', path: [key], message: m.v_password_personal() });
		}
	};
}
