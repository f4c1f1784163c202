import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

/** As auth/totp.ts (RFC 6238 defaults); not imported, so tests and scripts load this alone. */
const TOTP_PERIOD = 30;
const TOTP_DIGITS = 6;

/**
 * The TOTP key of the demo's platform admin and SBB adviser (and the generated advisers):
 * their role requires two-step verification (auth/two-factor-policy.ts), so the demo
 * seeds it switched on with this published key. Type it into an authenticator app, or
 * run `npm run demo:code` for the current code. Demo data only: never a real account.
 */
export const DEMO_TOTP_SECRET = 'VAKM AATD EMOT WEES TAPS VOOR BEHE ER22';

export function demoTotpKey(): Uint8Array {
	return decodeBase32IgnorePadding(DEMO_TOTP_SECRET.replace(/\s/g, ''));
}

/** The code an app with the demo key shows at `at` (ms), `steps` periods later. */
export function demoTotpCode(at = Date.now(), steps = 0): string {
	const counter = Math.floor(at / 1000 / TOTP_PERIOD) + steps;
	return generateHOTP(demoTotpKey(), BigInt(counter), TOTP_DIGITS);
}

/** Seconds until the code of `at` makes way for the next one. */
export function demoTotpSecondsLeft(at = Date.now()): number {
	return TOTP_PERIOD - (Math.floor(at / 1000) % TOTP_PERIOD);
}
