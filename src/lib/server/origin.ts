/**
 * The public origin of the app (`ORIGIN`, e.g. `https://vakmaat.nl`) for links in mails
 * that are not written in answer to a request (reminders). Without a trailing slash;
 * null when unset or not an http(s) URL. Never a guessed default: a link to the dev
 * server's port from a server elsewhere points at nothing.
 */
export function configuredOrigin(env: NodeJS.ProcessEnv = process.env): string | null {
	const raw = env.ORIGIN?.trim();
	if (!raw) return null;
	try {
		const url = new URL(raw);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
	} catch {
		return null;
	}
}
