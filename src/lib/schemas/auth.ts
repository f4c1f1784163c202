import { z } from 'zod';
import { anyPassword, confirmMatches, email, LIMITS, requiredText } from './fields';
import { newPassword, passwordNotPersonal, type PasswordOwner } from './password';

export const loginSchema = z.object({ email: email(), password: anyPassword() });

export const forgotPasswordSchema = z.object({ email: email() });

/*
 * Forms that set a password are built per request with what the server knows of the
 * account (`owner`), so the policy can refuse the user's email and name; without an
 * owner (a page's empty form) they check everything else.
 */

export const resetPasswordSchema = (owner: PasswordOwner = {}) =>
	z
		.object({ password: newPassword(owner), confirm: z.string() })
		.superRefine(confirmMatches('password'));

/** A new account from an invitation: the name is typed in the same form. */
export const acceptNewSchema = (owner: PasswordOwner = {}) =>
	z
		.object({ name: requiredText(LIMITS.name), password: newPassword(owner), confirm: z.string() })
		.superRefine(confirmMatches('password'))
		.superRefine(passwordNotPersonal('password', owner));

export const acceptExistingSchema = z.object({ password: anyPassword() });

export const changePasswordSchema = (owner: PasswordOwner = {}) =>
	z
		.object({
			currentPassword: anyPassword(),
			newPassword: newPassword(owner),
			confirm: z.string()
		})
		.superRefine(confirmMatches('newPassword'));

export const profileSchema = z.object({
	name: requiredText(LIMITS.name),
	locale: z.enum(['nl', 'en']).default('nl')
});

/** The code page after the password: a six-digit code from the app or a recovery code. */
export const secondFactorSchema = z.object({ code: requiredText(20) });

/** Confirming a new TOTP key with a code from the app. */
export const totpConfirmSchema = z.object({ code: requiredText(20) });

/** Turning TOTP off takes the password. */
export const totpDisableSchema = z.object({ password: anyPassword() });
