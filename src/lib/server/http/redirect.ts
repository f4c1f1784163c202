const REDIRECT_BASE = 'http://vakmaat.invalid';

/**
 * The only way a user-supplied target (`redirectTo` after login, the code page and the
 * language switch) becomes a redirect: a path on this site, else `fallback`. Accepted is
 * a string of printable ASCII (no control characters, spaces, backslashes or non-ASCII:
 * browsers drop tabs and newlines and read `\` as `/`, and a header cannot carry them)
 * that starts with one `/`, that a URL parser reads back as exactly the same path on our
 * own origin (so `/.//evil.example`, which normalises to `//evil.example`, is refused),
 * and that does not turn into `//` or `/\` when percent-decoded (a later decode must not
 * make it a link to another host either).
 */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
	if (typeof target !== 'string' || target.length > 2048) return fallback;
	if (!/^\/[\x21-\x7e]*$/.test(target) || target.includes('\\')) return fallback;
	let decoded = target;
	for (let i = 0; i < 3; i++) {
		// what a browser would make of it: whitespace and control characters dropped
		// eslint-disable-next-line no-control-regex -- control characters are the point
		if (/^[/\\][/\\]/.test(decoded.replace(/[\x00-\x20\x7f]/g, ''))) return fallback;
		let next: string;
		try {
			next = decodeURIComponent(decoded);
		} catch {
			break; // a lone % (e.g. a search for "100%") decodes no further
		}
		if (next === decoded) break;
		decoded = next;
	}
	let url: URL;
	try {
		url = new URL(target, REDIRECT_BASE);
	} catch {
		return fallback;
	}
	if (url.origin !== REDIRECT_BASE) return fallback;
	return url.pathname + url.search + url.hash === target ? target : fallback;
}
