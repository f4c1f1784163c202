import { z } from 'zod';
import { anyPassword, confirmMatches, email, LIMITS, newPassword, requiredText } from './fields';

export const loginSchema = z.object({ email: email(), password: anyPassword() });

export const forgotPasswordSchema = z.object({ email: email() });

export const resetPasswordSchema = z
	.object({ password: newPassword(), confirm: z.string() })
	.superRefine(confirmMatches('password'));

export const acceptNewSchema = z
	.object({ name: requiredText(LIMITS.name), password: newPassword(), confirm: z.string() })
	.superRefine(confirmMatches('password'));

export const acceptExistingSchema = z.object({ password: anyPassword() });

export const changePasswordSchema = z
	.object({ currentPassword: anyPassword(), newPassword: newPassword(), confirm: z.string() })
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
