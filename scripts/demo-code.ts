/**
 * npm run demo:code [-- <email>] — the current two-step verification code of the demo's
 * platform admin and SBB adviser (their role requires it; the demo seeds their key,
 * src/lib/server/demo/totp.ts). Demo accounts only: it knows no other key.
 */
import { DEMO_PLATFORM } from '../src/lib/server/demo/seed';
import { DEMO_TOTP_SECRET, demoTotpCode, demoTotpSecondsLeft } from '../src/lib/server/demo/totp';

const email = process.argv[2]?.trim().toLowerCase();
const accounts = DEMO_PLATFORM.map((p) => p.email);
if (email && !accounts.includes(email) && !email.endsWith('@gen.vakmaat.example')) {
	console.error(
		`${email} is not a demo account with the demo key; those are: ${accounts.join(', ')} (and the generated advisers, adviseur.NN@gen.vakmaat.example).`
	);
	process.exit(1);
}
const now = Date.now();
console.log(`${demoTotpCode(now)}  (valid for another ${demoTotpSecondsLeft(now)} s)`);
console.error(
	`The code for ${email ?? accounts.join(' and ')}; each code is accepted once. ` +
		`Or add the key to an authenticator app: ${DEMO_TOTP_SECRET}`
);
